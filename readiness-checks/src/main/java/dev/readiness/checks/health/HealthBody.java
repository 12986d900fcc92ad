package dev.readiness.checks.health;

import com.fasterxml.jackson.databind.JsonNode;
import dev.readiness.text.Words;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a health endpoint's JSON body says, in any of the three formats in use: Spring Boot
 * Actuator (v3 {@code components} or v2 {@code details}, nested), MicroProfile Health
 * ({@code status} + a {@code checks} array) and {@code application/health+json} ({@code status}
 * + a {@code checks} object of arrays). It keeps the overall status, each component's status by
 * path ({@code broker/us1}), and the unhealthy components with their error detail, all bounded.
 */
final class HealthBody {

    /** The most components kept in the evidence, and the most unhealthy ones named. */
    static final int MAX_COMPONENTS = 100;
    private static final int MAX_DEPTH = 16;
    private static final List<String> DETAIL_KEYS = List.of("error", "rootCause", "exception", "message", "reason", "output");

    /** How a status reads, after Spring Boot's normalisation (letters and digits only, lower case). */
    enum Health {
        /** {@code UP}, {@code pass}, {@code ok}. */
        HEALTHY,
        /** {@code warn}: healthy with concerns. */
        WARN,
        /** {@code DOWN}, {@code OUT_OF_SERVICE}, {@code fail}, {@code error}. */
        UNHEALTHY,
        /** {@code UNKNOWN}: the service does not know. */
        UNKNOWN,
        /** A custom status such as {@code FATAL}. */
        OTHER;

        static Health of(String status) {
            String code = status.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
            return switch (code) {
                case "up", "pass", "ok" -> HEALTHY;
                case "warn" -> WARN;
                case "down", "fail", "error", "outofservice" -> UNHEALTHY;
                case "unknown" -> UNKNOWN;
                default -> OTHER;
            };
        }

        /** Whether a component in this state explains an unhealthy whole. */
        boolean isProblem() {
            return this == UNHEALTHY || this == OTHER;
        }
    }

    /** The formats told apart, as the evidence names them. */
    enum Format {
        SPRING_BOOT("Spring Boot Actuator"),
        MICROPROFILE("MicroProfile Health"),
        HEALTH_JSON("application/health+json"),
        STATUS_ONLY("status only"),
        PLAIN_TEXT("plain text");

        final String label;

        Format(String label) {
            this.label = label;
        }
    }

    /** One component: its path from the root ({@code broker/us1}), its status and its error detail, if any. */
    record Component(String path, String status, String detail) {
    }

    private final String status;
    private final Format format;
    private final Map<String, String> components = new LinkedHashMap<>();
    private final List<Component> problems = new ArrayList<>();
    private final List<Component> warnings = new ArrayList<>();
    private int componentCount;
    private int problemCount;

    private HealthBody(String status, Format format) {
        this.status = status;
        this.format = format;
    }

    /**
     * Reads a parsed body.
     *
     * @param healthJsonMediaType whether it came as {@code application/health+json}
     * @return {@code null} when the body is not an object with a text {@code status}
     */
    static HealthBody parse(JsonNode root, boolean healthJsonMediaType) {
        if (root == null || !root.isObject() || !root.path("status").isTextual()) {
            return null;
        }
        String status = Words.oneLine(root.get("status").asText(), 100);
        JsonNode checks = root.path("checks");
        HealthBody body;
        if (checks.isArray()) {
            body = new HealthBody(status, Format.MICROPROFILE);
            body.readMicroProfile(checks);
        } else if (checks.isObject() || healthJsonMediaType) {
            body = new HealthBody(status, Format.HEALTH_JSON);
            body.readHealthJson(checks);
        } else if (root.path("components").isObject() || root.path("details").isObject()) {
            body = new HealthBody(status, Format.SPRING_BOOT);
            body.readSpring(root, "", 0);
        } else {
            body = new HealthBody(status, Set.of("pass", "warn", "fail").contains(status.toLowerCase(Locale.ROOT))
                    ? Format.HEALTH_JSON : Format.STATUS_ONLY);
        }
        return body;
    }

    /**
     * Reads a plain-text body that is one status word ({@code ok}, {@code UP}, {@code DOWN}), as
     * Kubernetes-style {@code /healthz} endpoints answer.
     *
     * @return {@code null} when the text is not a single word of letters
     */
    static HealthBody plainText(String text) {
        String word = text.strip();
        if (word.isEmpty() || word.length() > 32 || !word.chars().allMatch(c -> Character.isLetter(c) || c == '_' || c == '-')) {
            return null;
        }
        return new HealthBody(word, Format.PLAIN_TEXT);
    }

    /** The body's overall status, as written (one bounded line). */
    String status() {
        return status;
    }

    Health health() {
        return Health.of(status);
    }

    Format format() {
        return format;
    }

    /** The status of each component by path, in document order; at most {@link #MAX_COMPONENTS}. */
    Map<String, String> components() {
        return Collections.unmodifiableMap(components);
    }

    /** How many components were left out of {@link #components()}. */
    int omittedComponents() {
        return componentCount - components.size();
    }

    /** The unhealthy components, deepest first-hand: a DOWN parent of a DOWN child is not repeated. */
    List<Component> problems() {
        return Collections.unmodifiableList(problems);
    }

    /** How many unhealthy components there are in all, named in {@link #problems()} or not. */
    int problemCount() {
        return problemCount;
    }

    /** The components in {@code warn}. */
    List<Component> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    /**
     * Spring Boot v3 nests components under {@code components}, v2 (and Micronaut) under
     * {@code details}; in both, a child is a component when it is an object with a text
     * {@code status}, which tells the v2 children apart from a component's own details.
     *
     * @return whether a problem was found at or below this node
     */
    private boolean readSpring(JsonNode node, String prefix, int depth) {
        if (depth >= MAX_DEPTH) {
            return false;
        }
        boolean problemBelow = false;
        for (String container : List.of("components", "details")) {
            JsonNode children = node.path(container);
            for (Map.Entry<String, JsonNode> entry : children.isObject() ? children.properties() : Set.<Map.Entry<String, JsonNode>>of()) {
                JsonNode child = entry.getValue();
                if (!child.isObject() || !child.path("status").isTextual()) {
                    continue;
                }
                String path = prefix + Words.oneLine(entry.getKey(), 100);
                String childStatus = Words.oneLine(child.get("status").asText(), 100);
                note(path, childStatus);
                boolean childProblemBelow = readSpring(child, path + "/", depth + 1);
                problemBelow |= judge(path, childStatus, child, childProblemBelow);
            }
        }
        return problemBelow;
    }

    /** MicroProfile: {@code checks: [{name, status, data}]}. */
    private void readMicroProfile(JsonNode checks) {
        for (JsonNode check : checks) {
            if (!check.path("status").isTextual()) {
                continue;
            }
            String name = check.path("name").isTextual() ? Words.oneLine(check.get("name").asText(), 100) : "check " + componentCount;
            String checkStatus = Words.oneLine(check.get("status").asText(), 100);
            note(name, checkStatus);
            judge(name, checkStatus, check, false);
        }
    }

    /** health+json: {@code checks: {"component:measurement": [{status, output, ...}, ...]}}, one element per node. */
    private void readHealthJson(JsonNode checks) {
        for (Map.Entry<String, JsonNode> entry : checks.properties()) {
            String key = Words.oneLine(entry.getKey(), 100);
            JsonNode nodes = entry.getValue();
            int index = 0;
            for (JsonNode node : nodes.isArray() ? nodes : List.of(nodes)) {
                if (node.path("status").isTextual()) {
                    String path = nodes.isArray() && nodes.size() > 1 ? key + "/" + index : key;
                    String nodeStatus = Words.oneLine(node.get("status").asText(), 100);
                    note(path, nodeStatus);
                    judge(path, nodeStatus, node, false);
                }
                index++;
            }
        }
    }

    private void note(String path, String componentStatus) {
        componentCount++;
        if (components.size() < MAX_COMPONENTS) {
            components.put(path, componentStatus);
        }
    }

    /** Records a problem or warning unless a component below it already explains it; returns whether this one is a problem. */
    private boolean judge(String path, String componentStatus, JsonNode component, boolean problemBelow) {
        Health health = Health.of(componentStatus);
        if (health.isProblem() && !problemBelow) {
            problemCount++;
            if (problems.size() < MAX_COMPONENTS) {
                problems.add(new Component(path, componentStatus, detail(component)));
            }
        } else if (health == Health.WARN && warnings.size() < MAX_COMPONENTS) {
            warnings.add(new Component(path, componentStatus, detail(component)));
        }
        return health.isProblem() || problemBelow;
    }

    /** The error detail of a component: {@code details.error} (Spring), {@code data.rootCause} (MicroProfile), {@code output} (health+json). */
    private static String detail(JsonNode component) {
        for (JsonNode place : List.of(component.path("details"), component.path("data"), component)) {
            for (String key : DETAIL_KEYS) {
                JsonNode value = place.path(key);
                if (value.isTextual() && !value.asText().isBlank()) {
                    return Words.oneLine(value.asText(), 300);
                }
            }
        }
        return null;
    }
}

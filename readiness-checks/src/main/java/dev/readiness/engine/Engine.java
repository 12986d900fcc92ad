package dev.readiness.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.readiness.check.Check;
import dev.readiness.check.CheckContext;
import dev.readiness.check.HttpSettings;
import dev.readiness.check.Param;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The gate's engine: finds the checks ({@link ServiceLoader}), validates the configuration into a
 * {@link Plan} (unknown checks or parameters fail here, before anything runs), runs the checks and
 * decides the verdict. Knows nothing of Maven.
 */
public final class Engine {

    /** Keys every check accepts besides its own parameters. */
    static final List<String> COMMON_KEYS = List.of("level", "items");

    private final Map<String, Check<?>> available;

    private Engine(Map<String, Check<?>> available) {
        this.available = available;
    }

    /** An engine with every check the class loader's {@code META-INF/services} lists. */
    public static Engine discover(ClassLoader loader) throws ConfigurationException {
        Map<String, Check<?>> checks = new TreeMap<>();
        try {
            for (Check<?> check : ServiceLoader.load(Check.class, loader)) {
                Check<?> previous = checks.putIfAbsent(check.id(), check);
                if (previous != null && previous.getClass() != check.getClass()) {
                    throw new ConfigurationException("two checks have the id '" + check.id() + "': "
                            + previous.getClass().getName() + " and " + check.getClass().getName());
                }
            }
        } catch (ServiceConfigurationError e) {
            throw new ConfigurationException("a check could not be loaded: " + e.getMessage(), e);
        }
        return new Engine(checks);
    }

    /** An engine with exactly these checks (for tests and embedding). */
    public static Engine of(List<Check<?>> checks) {
        Map<String, Check<?>> map = new TreeMap<>();
        checks.forEach(c -> map.put(c.id(), c));
        return new Engine(map);
    }

    /** Every available check, by id in alphabetical order. */
    public Map<String, Check<?>> available() {
        return java.util.Collections.unmodifiableMap(available);
    }

    /**
     * Validates the configuration: every check id and parameter is known and well typed, the
     * checklist is readable, and binds items to checks.
     */
    public Plan plan(ReadinessConfig config, Path basedir) throws ConfigurationException {
        if (config.checks().isEmpty()) {
            throw new ConfigurationException("no check is configured: add at least one under <checks>; available checks: "
                    + String.join(", ", available.keySet()));
        }
        for (String id : union(config.onlyChecks(), config.skipChecks())) {
            if (!config.checks().containsKey(id)) {
                throw new ConfigurationException("readiness.checks/readiness.skipChecks name '" + id
                        + "', which is not configured; configured checks: " + String.join(", ", config.checks().keySet()));
            }
        }
        List<ConfiguredCheck> configured = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : config.checks().entrySet()) {
            configured.add(configure(entry.getKey(), entry.getValue(), config));
        }
        Checklist checklist = config.checklist() == null ? catalog(configured)
                : new ChecklistParser().parse(config.checklist(), config.checklistShown());
        Binding binding = new Binding(checklist, configured, available).bind();
        HttpConfig http = ConfigBinder.bind("http", HttpConfig.class, config.http(), List.of());
        return new Plan(binding.checklist(), configured, binding.bindings(), binding.couldBeVerifiedBy(),
                http(config.target(), http, basedir), http.server(), config.checkTimeout(), config.failOnWarnings());
    }

    /** Runs the plan's checks and decides the verdict. */
    public Outcome run(Plan plan, CheckContext context, Redactor redactor) {
        List<CheckRun> runs = new Runner(plan.checkTimeout(), context).run(plan.checks()).stream()
                .map(run -> new CheckRun(run.id(), run.level(), redactor.redact(run.result()), run.durationMs()))
                .toList();
        return Verdict.decide(plan, context.project(), runs);
    }

    /**
     * Turns a check's POM element into the tree {@link #plan} binds: its parameters shaped by the
     * check's record, {@code level} as text and {@code items} as a list.
     */
    public JsonNode toTree(ConfigElement element) {
        Check<?> check = available.get(element.name());
        ObjectNode tree = ConfigBinder.mapper().createObjectNode();
        for (ConfigElement child : element.children()) {
            if (child.name().equals("items")) {
                ArrayNode items = tree.putArray("items");
                if (child.children().isEmpty()) {
                    items.add(child.value());
                } else {
                    child.children().forEach(item -> items.add(item.value()));
                }
            } else {
                Type type = check == null ? null : componentType(check.configType(), child.name());
                tree.set(child.name(), ConfigBinder.toTree(child, type));
            }
        }
        return tree;
    }

    private static Type componentType(Class<?> record, String name) {
        return Arrays.stream(record.getRecordComponents()).filter(c -> c.getName().equals(name))
                .map(RecordComponent::getGenericType).findFirst().orElse(null);
    }

    /**
     * The parameters of a check: name, type and description (which states the default), for
     * {@code readiness:list} and the README's configuration reference. Every check also takes
     * {@code level} and {@code items}.
     */
    public static List<ParameterDoc> parameters(Check<?> check) {
        List<ParameterDoc> docs = new ArrayList<>();
        for (RecordComponent component : check.configType().getRecordComponents()) {
            Param param = component.getAnnotation(Param.class);
            docs.add(new ParameterDoc(component.getName(), component.getGenericType().getTypeName()
                    .replaceAll("[a-z]+(\\.[a-z0-9]+)*\\.", "").replaceAll("[A-Za-z]+\\$", ""), param == null ? "" : param.value()));
        }
        docs.add(new ParameterDoc("level", "Level", "REQUIRED (unmet fails the build), RECOMMENDED (unmet warns) or INFO; default REQUIRED"));
        docs.add(new ParameterDoc("items", "List<String>", "keys or texts of checklist items this check verifies, besides markers and phrases; default none"));
        return docs;
    }

    /** Whether the check's phrases bind this item (markers aside). */
    public static boolean binds(Check<?> check, Item item) {
        return item.markers().contains(check.id()) || Binding.matchesPhrase(item.text(), check.phrases());
    }

    /** One parameter of a check, for documentation. */
    public record ParameterDoc(String name, String type, String description) {
    }

    private ConfiguredCheck configure(String id, JsonNode raw, ReadinessConfig config) throws ConfigurationException {
        Check<?> check = available.get(id);
        if (check == null) {
            throw new ConfigurationException("unknown check '" + id + "'" + ConfigBinder.suggestion(id, available.keySet())
                    + "; available checks: " + String.join(", ", available.keySet()));
        }
        ObjectNode params = raw instanceof ObjectNode object ? object.deepCopy() : ConfigBinder.mapper().createObjectNode();
        if (raw != null && !raw.isNull() && !raw.isObject() && !(raw.isTextual() && raw.asText().isBlank())) {
            throw new ConfigurationException("check '" + id + "' takes parameters as elements, not the value '" + raw.asText() + "'");
        }
        Level level = Level.REQUIRED;
        JsonNode levelNode = params.remove("level");
        if (levelNode != null && !levelNode.isNull()) {
            try {
                level = Level.valueOf(levelNode.asText().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(id + ".level: '" + levelNode.asText() + "' is not a level; valid levels: REQUIRED, RECOMMENDED, INFO");
            }
        }
        List<String> items = new ArrayList<>();
        JsonNode itemsNode = params.remove("items");
        if (itemsNode != null && !itemsNode.isNull()) {
            if (itemsNode.isArray()) {
                itemsNode.forEach(n -> items.add(n.asText()));
            } else {
                items.add(itemsNode.asText());
            }
        }
        Record record = (Record) ConfigBinder.bind(id, check.configType(), params, COMMON_KEYS);
        String reason = null;
        if (!config.onlyChecks().isEmpty() && !config.onlyChecks().contains(id)) {
            reason = "not among -Dreadiness.checks=" + String.join(",", new java.util.TreeSet<>(config.onlyChecks()));
        } else if (config.skipChecks().contains(id)) {
            reason = "skipped by -Dreadiness.skipChecks";
        }
        return new ConfiguredCheck(check, record, level, items, reason == null, reason);
    }

    private static Checklist catalog(List<ConfiguredCheck> configured) {
        List<Item> items = new ArrayList<>();
        for (ConfiguredCheck c : configured) {
            String text = c.check().phrases().isEmpty() ? c.check().description() : c.check().phrases().get(0);
            items.add(new Item(c.id(), "Readiness checks", text, false, List.of(c.id()), 0));
        }
        return new Checklist("built-in catalog", "Production readiness", items);
    }

    private static HttpSettings http(String targetUrl, HttpConfig http, Path basedir) throws ConfigurationException {
        URI target = null;
        if (targetUrl != null && !targetUrl.isBlank()) {
            String shown = targetUrl.trim().replaceAll("//[^/@]*@", "//"); // never print user info
            try {
                target = new URI(targetUrl.trim());
            } catch (URISyntaxException e) {
                throw new ConfigurationException("target: '" + shown + "' is not a URL: " + e.getReason());
            }
            if (target.getScheme() == null || !Set.of("http", "https").contains(target.getScheme().toLowerCase(Locale.ROOT))
                    || target.getHost() == null) {
                throw new ConfigurationException("target: '" + shown + "' is not an http(s) URL like https://staging.example.com/");
            }
        }
        Path trust = http.trustCertificates() == null ? null : basedir.resolve(http.trustCertificates());
        if (trust != null && !trust.toFile().isFile()) {
            throw new ConfigurationException("http.trustCertificates: " + http.trustCertificates() + " does not exist (resolved to " + trust + ")");
        }
        return new HttpSettings(target, http.timeout(), trust, http.headers(), null);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }
}

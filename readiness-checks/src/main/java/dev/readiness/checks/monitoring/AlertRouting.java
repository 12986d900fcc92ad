package dev.readiness.checks.monitoring;

import static dev.readiness.checks.monitoring.Nodes.finding;
import static dev.readiness.checks.monitoring.Nodes.shape;
import static dev.readiness.checks.monitoring.Nodes.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.readiness.check.Finding;
import dev.readiness.checks.monitoring.MonitoringFiles.Doc;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The Alertmanager configurations among the monitoring files (a YAML document with {@code route:} or
 * {@code receivers:}): their receivers with the kinds of channel each has ({@code email}, {@code slack},
 * {@code pagerduty}, ...: every {@code *_configs} list that holds an entry), the route tree, and where the
 * tree sends an alert. Matching follows Alertmanager's: children in order, the first match wins unless it
 * has {@code continue: true}, a node with no matching child handles the alert itself, regular expressions
 * are anchored. A label the alerting rule does not set comes from the series at run time, so a matcher on it
 * may go either way.
 */
final class AlertRouting {

    /** The channel kinds that page a person. */
    static final Set<String> PAGERS = Set.of("pagerduty", "opsgenie", "victorops");
    private static final int MAX_ROUTES = 1000;
    private static final Pattern MATCHER = Pattern.compile(
            "\\s*\\{?\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|=)\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^\"}]*?))\\s*}?\\s*");

    /** A receiver, where it is defined (file and line), and the kinds of channel it has; none means it notifies nobody. */
    record Receiver(String name, String at, List<String> kinds) {
        boolean pages() {
            return kinds.stream().anyMatch(PAGERS::contains);
        }

        String described() {
            return name + " (" + (kinds.isEmpty() ? "no channel" : String.join(", ", kinds)) + ")";
        }
    }

    /** One route: where it is ("route.routes[2]"), the receiver it sends to (inherited when not set), its matchers. */
    record Route(String where, String receiver, List<LabelMatcher> matchers, boolean continues, List<Route> children) {
    }

    /** One Alertmanager configuration. */
    record Config(String file, Map<String, Receiver> receivers, Route root) {
    }

    /** Whether a route matches an alert: surely, surely not, or depending on labels only the series carry. */
    enum Match { YES, NO, MAYBE }

    /** One label matcher; {@code pattern} is {@code null} for an equality matcher, {@code op} {@code null} when it could not be read. */
    record LabelMatcher(String label, String op, String value, Pattern pattern) {
        Match test(Map<String, String> labels) {
            if (op == null || (op.contains("~") && pattern == null) || !labels.containsKey(label)) {
                return Match.MAYBE;
            }
            String actual = labels.get(label);
            boolean equal = pattern != null ? pattern.matcher(actual).matches() : actual.equals(value);
            return equal == op.startsWith("=") ? Match.YES : Match.NO;
        }
    }

    private final List<Config> configs = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();

    static AlertRouting of(List<Doc> docs) {
        AlertRouting routing = new AlertRouting();
        for (Doc doc : docs) {
            if (isConfig(doc.root())) {
                routing.read(doc);
            }
        }
        return routing;
    }

    static boolean isConfig(JsonNode root) {
        return root != null && root.isObject() && (root.has("route") || root.has("receivers")) && !root.has("kind");
    }

    List<Config> configs() {
        return configs;
    }

    List<Finding> findings() {
        return findings;
    }

    private void read(Doc doc) {
        String file = doc.file();
        JsonNode root = doc.root();
        Map<String, Receiver> receivers = receivers(doc, root.get("receivers"));
        JsonNode routeNode = root.get("route");
        if (routeNode == null || !routeNode.isObject()) {
            findings.add(finding(file + ":route", file, file + " has route " + shape(routeNode) + ", but Alertmanager needs a root"
                    + " route: add route: {receiver: <a receiver's name>}"));
            configs.add(new Config(file, receivers, null));
            return;
        }
        if (text(routeNode, "receiver") == null) {
            findings.add(finding(file + ":route:receiver", file, file + ": the root route names no receiver, so alerts no child"
                    + " route matches go nowhere: add route.receiver"));
        }
        int[] count = {0};
        Route tree = route(file, "route", routeNode, text(routeNode, "receiver"), count);
        configs.add(new Config(file, receivers, tree));
        Set<String> reported = new LinkedHashSet<>();
        checkReferences(file, tree, receivers, reported);
    }

    private Map<String, Receiver> receivers(Doc doc, JsonNode node) {
        String file = doc.file();
        Map<String, Receiver> receivers = new LinkedHashMap<>();
        if (node == null || !node.isArray()) {
            findings.add(finding(file + ":receivers", file, file + " has receivers " + shape(node) + ", not a list of receivers:"
                    + " add receivers: with a name: and a channel such as pagerduty_configs: or slack_configs:"));
            return receivers;
        }
        for (JsonNode receiver : node) {
            String name = text(receiver, "name");
            if (name == null) {
                findings.add(finding(file + ":receivers:name", file, file + ": a receiver has no name: give each receiver a name:"));
                continue;
            }
            List<String> kinds = new ArrayList<>();
            receiver.fieldNames().forEachRemaining(field -> {
                JsonNode entries = receiver.get(field);
                if (field.endsWith("_configs") && entries.isArray()) {
                    boolean usable = false;
                    for (JsonNode entry : entries) {
                        usable |= entry.isObject() && !entry.isEmpty();
                    }
                    if (usable) {
                        kinds.add(field.substring(0, field.length() - "_configs".length()));
                    }
                }
            });
            receivers.put(name, new Receiver(name, doc.at(receiver), List.copyOf(kinds)));
        }
        return receivers;
    }

    private Route route(String file, String where, JsonNode node, String inherited, int[] count) {
        count[0]++;
        String receiver = text(node, "receiver") != null ? text(node, "receiver") : inherited;
        List<LabelMatcher> matchers = new ArrayList<>();
        if (!"route".equals(where)) {
            JsonNode match = node.get("match");
            if (match != null && match.isObject()) {
                match.fieldNames().forEachRemaining(label -> matchers.add(new LabelMatcher(label, "=", text(match, label) == null ? ""
                        : match.get(label).asText(), null)));
            }
            JsonNode matchRe = node.get("match_re");
            if (matchRe != null && matchRe.isObject()) {
                matchRe.fieldNames().forEachRemaining(label -> matchers.add(regex(label, "=~", matchRe.get(label).asText())));
            }
            for (JsonNode matcher : Nodes.list(node.get("matchers"))) {
                matchers.add(parse(matcher.asText()));
            }
        }
        List<Route> children = new ArrayList<>();
        JsonNode routes = node.get("routes");
        if (routes != null && !routes.isNull() && !routes.isArray()) {
            findings.add(finding(file + ":" + where + ".routes", file, file + ": " + where + ".routes is " + shape(routes)
                    + ", not a list of routes"));
        }
        int index = 0;
        for (JsonNode child : Nodes.list(routes)) {
            if (child.isObject() && count[0] < MAX_ROUTES) {
                children.add(route(file, where + ".routes[" + index + "]", child, receiver, count));
            }
            index++;
        }
        return new Route(where, receiver, matchers, node.path("continue").asBoolean(false), children);
    }

    private void checkReferences(String file, Route route, Map<String, Receiver> receivers, Set<String> reported) {
        String name = route.receiver();
        if (name != null && reported.add(name)) {
            Receiver receiver = receivers.get(name);
            if (receiver == null) {
                findings.add(finding(file + ":receiver/" + name + ":undefined", file, file + ": " + route.where() + " sends alerts"
                        + " to receiver " + name + ", which receivers: does not define: add it with a channel, or route to a"
                        + " receiver that exists"));
            } else if (receiver.kinds().isEmpty()) {
                findings.add(finding(file + ":receiver/" + name + ":configs", receiver.at(), receiver.at() + ": receiver " + name + " (used by "
                        + route.where() + ") has no *_configs entry, so the alerts routed to it notify nobody: add email_configs,"
                        + " slack_configs, pagerduty_configs, opsgenie_configs, webhook_configs or msteams_configs"));
            }
        }
        for (Route child : route.children()) {
            checkReferences(file, child, receivers, reported);
        }
    }

    /** The receivers this configuration may send an alert with these labels to. */
    static Set<Receiver> possibleReceivers(Config config, Map<String, String> labels) {
        Set<String> names = new LinkedHashSet<>();
        walk(config.root(), labels, names);
        Set<Receiver> receivers = new LinkedHashSet<>();
        for (String name : names) {
            receivers.add(config.receivers().getOrDefault(name, new Receiver(name, config.file(), List.of())));
        }
        return receivers;
    }

    private static void walk(Route route, Map<String, String> labels, Set<String> names) {
        boolean captured = false;
        for (Route child : route.children()) {
            Match match = matches(child, labels);
            if (match == Match.NO) {
                continue;
            }
            walk(child, labels, names);
            if (match == Match.YES) {
                captured = true;
                if (!child.continues()) {
                    break;
                }
            }
        }
        if (!captured && route.receiver() != null) {
            names.add(route.receiver());
        }
    }

    private static Match matches(Route route, Map<String, String> labels) {
        Match result = Match.YES;
        for (LabelMatcher matcher : route.matchers()) {
            Match one = matcher.test(labels);
            if (one == Match.NO) {
                return Match.NO;
            }
            if (one == Match.MAYBE) {
                result = Match.MAYBE;
            }
        }
        return result;
    }

    /** A matcher as written in {@code matchers:}: {@code severity="critical"}, {@code team=~"db|web"}, {@code env!=dev}. */
    static LabelMatcher parse(String text) {
        Matcher m = MATCHER.matcher(text);
        if (!m.matches()) {
            return new LabelMatcher(text, null, null, null);
        }
        String value = m.group(3) != null ? m.group(3).replaceAll("\\\\(.)", "$1") : m.group(4).strip();
        return m.group(2).contains("~") ? regex(m.group(1), m.group(2), value) : new LabelMatcher(m.group(1), m.group(2), value, null);
    }

    private static LabelMatcher regex(String label, String op, String value) {
        try {
            return new LabelMatcher(label, op, value, Pattern.compile("^(?:" + value + ")$"));
        } catch (PatternSyntaxException e) {
            return new LabelMatcher(label, op, value, null);
        }
    }
}

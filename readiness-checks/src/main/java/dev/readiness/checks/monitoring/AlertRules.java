package dev.readiness.checks.monitoring;

import static dev.readiness.checks.monitoring.Nodes.finding;
import static dev.readiness.checks.monitoring.Nodes.shape;
import static dev.readiness.checks.monitoring.Nodes.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.readiness.check.Finding;
import dev.readiness.checks.monitoring.MonitoringFiles.Doc;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Prometheus alerting and recording rules of the rule files ({@code groups:} at the top, or the
 * {@code spec.groups} of a prometheus-operator {@code PrometheusRule}), and each defect that keeps an
 * alert from counting: no expr, no {@code for}, no severity label, neither summary nor description, or
 * an expression that reads no series (a constant such as {@code vector(1)}) or cannot return anything
 * ({@code absent(up) == 0}).
 */
final class AlertRules {

    /** One alerting rule as written; {@code at} is its file and line. */
    record Alert(String file, String at, Path path, String group, String name, String key, String expr,
                 Map<String, String> labels, Map<String, String> annotations) {
        /** "alert HighErrorRate (group api, monitoring/alerts.yml:12)". */
        String where() {
            return "alert " + name + " (group " + group + ", " + at + ")";
        }
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+y)?(\\d+w)?(\\d+d)?(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?");
    private static final Pattern NUMBER = Pattern.compile(
            "[-+]?(0[xX][0-9a-fA-F]+|(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?|[iI][nN][fF]|[nN][aA][nN])");
    private static final Pattern NEVER_FIRES = Pattern.compile(
            "\\(*\\s*absent(_over_time)?\\s*\\(.*\\)\\s*\\)*\\s*(==\\s*0|<\\s*1|!=\\s*1|<=\\s*0)\\s*", Pattern.DOTALL);
    private static final Pattern STRINGS = Pattern.compile("\"(\\\\.|[^\"\\\\])*\"|'(\\\\.|[^'\\\\])*'|`[^`]*`");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![A-Za-z0-9_:.])[A-Za-z_:][A-Za-z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "bool",
            "and", "or", "unless", "offset", "inf", "nan", "atan2", "start", "end");

    private final List<Alert> alerts = new ArrayList<>();
    private final Set<Alert> complete = new LinkedHashSet<>();
    private final List<Finding> findings = new ArrayList<>();
    private final Set<String> files = new LinkedHashSet<>();
    private int groups;
    private int recordingRules;

    /** The rules of every rule document among these. */
    static AlertRules of(List<Doc> docs) {
        AlertRules rules = new AlertRules();
        for (Doc doc : docs) {
            JsonNode groups = groupsOf(doc.root());
            if (groups != null) {
                rules.files.add(doc.file());
                rules.readGroups(doc, groups);
            }
        }
        return rules;
    }

    /** The groups node of a rule document, or {@code null} when it is not one. */
    static JsonNode groupsOf(JsonNode root) {
        if (root == null || !root.isObject()) {
            return null;
        }
        if ("PrometheusRule".equals(text(root, "kind")) && root.path("spec").has("groups")) {
            return root.path("spec").get("groups");
        }
        return root.get("groups");
    }

    List<Alert> alerts() {
        return alerts;
    }

    /** The alerts without a defect: those that count. */
    Set<Alert> complete() {
        return complete;
    }

    List<Finding> findings() {
        return findings;
    }

    Set<String> files() {
        return files;
    }

    int groups() {
        return groups;
    }

    int recordingRules() {
        return recordingRules;
    }

    private void readGroups(Doc doc, JsonNode groupsNode) {
        String file = doc.file();
        if (!groupsNode.isArray()) {
            findings.add(finding(file + ":groups", file, file + ": groups is " + shape(groupsNode)
                    + ", not a list of rule groups: write groups: as a list whose entries have name: and rules:"));
            return;
        }
        if (groupsNode.isEmpty()) {
            findings.add(finding(file + ":groups", file, file + " has groups: but no group in it: add a group with name: and rules:"));
            return;
        }
        int index = 0;
        for (JsonNode group : groupsNode) {
            index++;
            if (!group.isObject()) {
                findings.add(finding(file + ":groups[" + index + "]", file, file + ": group " + index + " is " + shape(group)
                        + ", not a mapping with name: and rules:"));
                continue;
            }
            groups++;
            String name = text(group, "name");
            String shownName = name == null ? "#" + index : name;
            if (name == null) {
                findings.add(finding(file + ":" + shownName + ":name", file, file + ": group " + index
                        + " has no name: Prometheus refuses a group without one; add name:"));
            }
            JsonNode rules = group.get("rules");
            if (rules == null || !rules.isArray()) {
                findings.add(finding(file + ":" + shownName + ":rules", file, file + ": group " + shownName + " has rules "
                        + shape(rules) + ", not a list of rules: write rules: as a list of alert: or record: rules"));
                continue;
            }
            readRules(doc, shownName, rules);
        }
    }

    private void readRules(Doc doc, String group, JsonNode rules) {
        String file = doc.file();
        Map<String, Integer> seen = new HashMap<>();
        int index = 0;
        for (JsonNode rule : rules) {
            index++;
            if (!rule.isObject()) {
                findings.add(finding(file + ":" + group + "/#" + index + ":shape", file, file + ": rule " + index + " of group "
                        + group + " is " + shape(rule) + ", not a mapping with alert: (or record:) and expr:"));
                continue;
            }
            String alert = text(rule, "alert");
            if (alert == null) {
                String record = text(rule, "record");
                if (record == null) {
                    findings.add(finding(file + ":" + group + "/#" + index + ":kind", file, file + ": rule " + index + " of group "
                            + group + " has neither alert: nor record:, so Prometheus refuses the file: name the rule"));
                } else {
                    recordingRules++;
                    if (text(rule, "expr") == null) {
                        findings.add(finding(file + ":" + group + "/" + record + ":expr", file, "recording rule " + record
                                + " (group " + group + ", " + file + ") has no expr, so Prometheus refuses the file: write its PromQL under expr:"));
                    }
                }
                continue;
            }
            int n = seen.merge(alert, 1, Integer::sum);
            String key = file + ":" + group + "/" + alert + (n > 1 ? "#" + n : "");
            Alert read = new Alert(file, doc.at(rule), doc.path(), group, alert, key, text(rule, "expr"), strings(rule.get("labels")),
                    strings(rule.get("annotations")));
            alerts.add(read);
            int before = findings.size();
            judge(read, rule);
            if (findings.size() == before) {
                complete.add(read);
            }
        }
    }

    private void judge(Alert alert, JsonNode rule) {
        JsonNode expr = rule.get("expr");
        if (alert.expr() == null) {
            add(alert, "expr", "has no expr: write the PromQL condition that fires it under expr:");
        } else if (expr.isNumber() || NUMBER.matcher(stripParentheses(alert.expr())).matches()) {
            add(alert, "constant", "has the constant expr " + alert.expr() + ", which fires on every evaluation or never, whatever"
                    + " the system does: write a condition on the metrics it watches");
        } else if (NEVER_FIRES.matcher(alert.expr()).matches()) {
            add(alert, "constant", "has the expr " + alert.expr() + ", which never returns a result (absent() yields 1 or nothing),"
                    + " so it never fires: compare the metric itself, or alert on absent(...) alone");
        } else if (!readsSeries(alert.expr())) {
            add(alert, "constant", "has the expr " + alert.expr() + ", which reads no series, so it fires always or never,"
                    + " whatever the system does: write a condition on the metrics it watches");
        }
        String forValue = text(rule, "for");
        if (forValue == null) {
            add(alert, "for", "has no for: add for: 5m (how long the condition must hold before it fires), so one bad scrape"
                    + " does not notify anyone");
        } else if (!DURATION.matcher(forValue).matches() || forValue.isEmpty()) {
            add(alert, "for", "has for: " + forValue + ", which is not a Prometheus duration: write it as 5m, 1h30m or 30s");
        }
        if (alert.labels().get("severity") == null) {
            add(alert, "severity", "has no severity label: add labels: {severity: critical} (or warning), which Alertmanager"
                    + " routes on");
        }
        if (alert.annotations().get("summary") == null && alert.annotations().get("description") == null) {
            add(alert, "summary", "has neither a summary nor a description annotation: add annotations.summary saying what is"
                    + " wrong, so the notification says it");
        }
    }

    private void add(Alert alert, String rule, String what) {
        findings.add(finding(alert.key() + ":" + rule, alert.at(), alert.where() + " " + what));
    }

    /** Whether a PromQL expression reads at least one series: an identifier that is not a function, keyword or label. */
    static boolean readsSeries(String expr) {
        String text = STRINGS.matcher(expr).replaceAll("\"\"");
        text = text.replaceAll("\\{[^}]*}", "{}").replaceAll("\\[[^]]*]", "[]");
        text = GROUPING.matcher(text).replaceAll(" ");
        var identifiers = IDENTIFIER.matcher(text);
        while (identifiers.find()) {
            String word = identifiers.group();
            boolean function = text.substring(identifiers.end()).stripLeading().startsWith("(");
            if (!function && !KEYWORDS.contains(word.toLowerCase(java.util.Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static String stripParentheses(String expr) {
        String text = expr.strip();
        while (text.startsWith("(") && text.endsWith(")")) {
            text = text.substring(1, text.length() - 1).strip();
        }
        return text;
    }

    private static Map<String, String> strings(JsonNode mapping) {
        Map<String, String> values = new LinkedHashMap<>();
        if (mapping != null && mapping.isObject()) {
            mapping.fieldNames().forEachRemaining(name -> {
                String value = text(mapping, name);
                if (value != null) {
                    values.put(name, value);
                }
            });
        }
        return values;
    }
}

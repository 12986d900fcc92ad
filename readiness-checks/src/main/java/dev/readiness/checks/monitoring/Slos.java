package dev.readiness.checks.monitoring;

import static dev.readiness.checks.monitoring.Nodes.finding;
import static dev.readiness.checks.monitoring.Nodes.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.readiness.check.Finding;
import dev.readiness.checks.monitoring.MonitoringFiles.Doc;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The service level objectives among the monitoring files, in three formats: OpenSLO ({@code kind: SLO},
 * its indicator inline or by {@code indicatorRef} to a {@code kind: SLI}; objectives' {@code target} is a
 * ratio, {@code targetPercent} a percentage), Sloth ({@code version: prometheus/v1} with {@code slos:}, or
 * its {@code PrometheusServiceLevel} resource; {@code objective} is a percentage) and Pyrra
 * ({@code kind: ServiceLevelObjective}; {@code target} is a percentage). Each SLO needs an SLI query and a
 * target strictly between 0 and 100%.
 */
final class Slos {

    private static final Set<String> QUERY_FIELDS = Set.of("query", "promql", "expr", "metric", "error_query", "total_query",
            "error_ratio_query", "errorQuery", "totalQuery");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** One SLO: where it is, its name, its SLI query (or {@code null}) and its target in percent (or {@code null}). */
    record Slo(String file, String format, String name, String query, BigDecimal targetPercent) {
    }

    private final List<Slo> slos = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();

    static Slos of(List<Doc> docs) {
        Map<String, JsonNode> indicators = new HashMap<>();
        for (Doc doc : docs) {
            if ("SLI".equals(text(doc.root(), "kind")) && text(doc.root().path("metadata"), "name") != null) {
                indicators.put(text(doc.root().path("metadata"), "name"), doc.root().path("spec"));
            }
        }
        Slos found = new Slos();
        for (Doc doc : docs) {
            JsonNode root = doc.root();
            String kind = text(root, "kind");
            if ("SLO".equals(kind) && String.valueOf(text(root, "apiVersion")).startsWith("openslo")) {
                found.openSlo(doc, root, indicators);
            } else if ("prometheus/v1".equals(text(root, "version")) && root.has("slos")) {
                found.sloth(doc.file(), root.get("slos"));
            } else if ("PrometheusServiceLevel".equals(kind)) {
                found.sloth(doc.file(), root.path("spec").get("slos"));
            } else if ("ServiceLevelObjective".equals(kind)) {
                found.pyrra(doc.file(), root);
            }
        }
        return found;
    }

    /** The SLOs read, valid or not. */
    List<Slo> slos() {
        return slos;
    }

    List<Finding> findings() {
        return findings;
    }

    private void openSlo(Doc doc, JsonNode root, Map<String, JsonNode> indicators) {
        String file = doc.file();
        JsonNode spec = root.path("spec");
        String name = nameOf(root, file);
        JsonNode indicator = spec.get("indicator");
        String ref = text(spec, "indicatorRef");
        if (indicator == null && ref != null) {
            indicator = indicators.get(ref);
        }
        String query = query(indicator, 0);
        BigDecimal target = null;
        String written = null;
        for (JsonNode objective : Nodes.list(spec.get("objectives"))) {
            // v1alpha put the ratio metrics in the objective itself
            query = query != null ? query : query(objective.get("ratioMetrics"), 0);
            BigDecimal ratio = number(objective.get("target"));
            BigDecimal percent = number(objective.get("targetPercent"));
            if (target == null && percent != null) {
                target = percent;
                written = "targetPercent " + percent.toPlainString();
            } else if (target == null && ratio != null) {
                target = ratio.multiply(HUNDRED);
                written = "target " + ratio.toPlainString();
                if (ratio.compareTo(BigDecimal.ONE) >= 0) {
                    findings.add(finding(file + ":slo/" + name + ":target", doc.at(objective), "SLO " + name + " (" + doc.at(objective) + ") has target "
                            + ratio.toPlainString() + ", but an OpenSLO target is a ratio below 1: write 0.999 for 99.9%, or use"
                            + " targetPercent"));
                    slos.add(new Slo(file, "OpenSLO", name, query, null));
                    return;
                }
            }
        }
        add(new Slo(file, "OpenSLO", name, query, target), written, ref != null && indicator == null
                ? "its indicatorRef " + ref + " names no kind: SLI document among the monitoring files" : null);
    }

    private void sloth(String file, JsonNode list) {
        if (list == null || !list.isArray()) {
            findings.add(finding(file + ":slos", file, file + ": slos is " + Nodes.shape(list) + ", not a list of SLOs: write"
                    + " slos: as a list, each with name:, objective: and sli:"));
            return;
        }
        int index = 0;
        for (JsonNode slo : list) {
            index++;
            String name = text(slo, "name") == null ? "#" + index : text(slo, "name");
            BigDecimal objective = number(slo.get("objective"));
            add(new Slo(file, "Sloth", name, query(slo.get("sli"), 0), objective),
                    objective == null ? null : "objective " + objective.toPlainString(), pluginNote(slo));
        }
    }

    private void pyrra(String file, JsonNode root) {
        JsonNode spec = root.path("spec");
        BigDecimal target = number(spec.get("target"));
        add(new Slo(file, "Pyrra", nameOf(root, file), query(spec.get("indicator"), 0), target),
                target == null ? null : "target " + target.toPlainString(), null);
    }

    /** A Sloth SLI from a plugin holds no query of its own: the plugin writes it. */
    private static String pluginNote(JsonNode slo) {
        return slo.path("sli").has("plugin") ? "its SLI comes from a Sloth plugin, whose query this check cannot see" : null;
    }

    private void add(Slo slo, String written, String why) {
        slos.add(slo);
        String where = "SLO " + slo.name() + " (" + slo.format() + ", " + slo.file() + ")";
        String key = slo.file() + ":slo/" + slo.name();
        if (slo.query() == null) {
            findings.add(finding(key + ":sli", slo.file(), where + " has no SLI query" + (why == null ? "" : ": " + why)
                    + ": give its indicator the PromQL of the good (or bad) and total events"));
        }
        if (slo.targetPercent() == null) {
            findings.add(finding(key + ":target", slo.file(), where + " has no target: set the objective, e.g. 99.9%"));
        } else if (slo.targetPercent().signum() <= 0 || slo.targetPercent().compareTo(HUNDRED) >= 0) {
            findings.add(finding(key + ":target", slo.file(), where + " has " + written + ", but a target must lie strictly between"
                    + " 0 and 100%: 100% leaves no error budget and 0% promises nothing"));
        } else if (slo.targetPercent().compareTo(BigDecimal.ONE) < 0 && !"OpenSLO".equals(slo.format())) {
            findings.add(finding(key + ":target", slo.file(), where + " has " + written + ", which " + slo.format() + " reads as "
                    + written.substring(written.indexOf(' ') + 1) + "%, not as a ratio: write 99.9 for 99.9%"));
        }
    }

    private static String nameOf(JsonNode root, String file) {
        String name = text(root.path("metadata"), "name");
        return name == null ? file : name;
    }

    /** The first query below a node: a string field named like a query (PromQL, a metric selector). */
    private static String query(JsonNode node, int depth) {
        if (node == null || depth > 12) {
            return null;
        }
        if (node.isObject()) {
            for (var fields = node.fields(); fields.hasNext(); ) {
                var field = fields.next();
                if (QUERY_FIELDS.contains(field.getKey()) && field.getValue().isTextual() && !field.getValue().asText().isBlank()) {
                    return Nodes.text(node, field.getKey());
                }
                String below = query(field.getValue(), depth + 1);
                if (below != null) {
                    return below;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                String below = query(element, depth + 1);
                if (below != null) {
                    return below;
                }
            }
        }
        return null;
    }

    /** A number written as a number or as text ("99.5"); {@code null} otherwise. */
    private static BigDecimal number(JsonNode node) {
        if (node == null || !node.isValueNode() || node.isNull() || node.isBoolean()) {
            return null;
        }
        try {
            return node.isNumber() ? node.decimalValue() : new BigDecimal(node.asText().strip().replaceFirst("%$", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** SLOs by file, for the evidence: "name: query → target%". */
    Map<String, String> evidence() {
        Map<String, String> evidence = new LinkedHashMap<>();
        for (Slo slo : slos) {
            evidence.put(slo.file() + ":" + slo.name(), slo.targetPercent() == null ? "no target" : slo.targetPercent().stripTrailingZeros()
                    .toPlainString() + "%");
        }
        return evidence;
    }
}

package dev.readiness.checks.monitoring;

import static dev.readiness.checks.monitoring.Nodes.finding;
import static dev.readiness.checks.monitoring.Nodes.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.readiness.check.Finding;
import dev.readiness.checks.monitoring.MonitoringFiles.Doc;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The synthetic probes among the monitoring files: Prometheus scrape jobs of a blackbox exporter
 * ({@code metrics_path: /probe} or a {@code params.module}), prometheus-operator {@code Probe} resources,
 * and alerting rules on {@code probe_success}. A probe with no target, or naming a module the blackbox
 * exporter's configuration (a {@code modules:} document among the files) does not define, probes nothing.
 */
final class Probes {

    /** One probe: where it is and what it names. */
    record Probe(String file, String name, List<String> modules, int targets) {
    }

    private final List<Probe> probes = new ArrayList<>();
    private final List<String> probeRules = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();

    static Probes of(List<Doc> docs, AlertRules rules) {
        Set<String> modules = null;
        for (Doc doc : docs) {
            JsonNode root = doc.root();
            if (root.isObject() && root.path("modules").isObject() && !root.has("kind")) {
                modules = modules == null ? new LinkedHashSet<>() : modules;
                root.get("modules").fieldNames().forEachRemaining(modules::add);
            }
        }
        Probes found = new Probes();
        for (Doc doc : docs) {
            JsonNode root = doc.root();
            if ("Probe".equals(text(root, "kind"))) {
                found.probeResource(doc.file(), root);
            }
            for (JsonNode job : Nodes.list(root.get("scrape_configs"))) {
                found.scrapeJob(doc.file(), job);
            }
        }
        for (AlertRules.Alert alert : rules.alerts()) {
            if (alert.expr() != null && alert.expr().contains("probe_success")) {
                found.probeRules.add(alert.name());
            }
        }
        for (Probe probe : found.probes) {
            found.judge(probe, modules);
        }
        return found;
    }

    List<Probe> probes() {
        return probes;
    }

    /** The alerts on probe_success, by name. */
    List<String> probeRules() {
        return probeRules;
    }

    List<Finding> findings() {
        return findings;
    }

    private void scrapeJob(String file, JsonNode job) {
        List<String> modules = new ArrayList<>();
        Nodes.list(job.path("params").get("module")).forEach(m -> modules.add(m.asText()));
        if (!"/probe".equals(text(job, "metrics_path")) && modules.isEmpty()) {
            return;
        }
        int targets = 0;
        for (JsonNode config : Nodes.list(job.get("static_configs"))) {
            targets += Nodes.list(config.get("targets")).size();
        }
        for (Iterator<String> fields = job.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (field.endsWith("_sd_configs") && Nodes.nonEmptyList(job, field)) {
                targets++;
            }
        }
        String name = text(job, "job_name");
        probes.add(new Probe(file, "job " + (name == null ? "(no job_name)" : name), modules, targets));
    }

    private void probeResource(String file, JsonNode root) {
        JsonNode spec = root.path("spec");
        String module = text(spec, "module");
        JsonNode targets = spec.path("targets");
        int count = Nodes.list(targets.path("staticConfig").get("static")).size() + (targets.has("ingress") ? 1 : 0);
        String name = text(root.path("metadata"), "name");
        probes.add(new Probe(file, "Probe " + (name == null ? "(no metadata.name)" : name), module == null ? List.of() : List.of(module),
                count));
    }

    private void judge(Probe probe, Set<String> modules) {
        String key = probe.file() + ":" + probe.name().replace(' ', '/');
        if (probe.targets() == 0) {
            findings.add(finding(key + ":targets", probe.file(), probe.file() + ": " + probe.name() + " probes no target: list the"
                    + " URLs to probe under static_configs.targets (a Probe's spec.targets.staticConfig.static)"));
        }
        if (modules != null) {
            for (String module : probe.modules()) {
                if (!modules.contains(module)) {
                    findings.add(finding(key + ":module", probe.file(), probe.file() + ": " + probe.name() + " uses module " + module
                            + ", which the blackbox exporter's modules: (" + String.join(", ", modules) + ") does not define"));
                }
            }
        }
    }
}

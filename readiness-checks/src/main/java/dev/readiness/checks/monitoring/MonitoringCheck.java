package dev.readiness.checks.monitoring;

import dev.readiness.check.Check;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Claim;
import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import dev.readiness.check.Scope;
import dev.readiness.checks.monitoring.AlertRouting.Receiver;
import dev.readiness.checks.monitoring.AlertRules.Alert;
import dev.readiness.checks.monitoring.MonitoringFiles.Empty;
import dev.readiness.checks.monitoring.MonitoringFiles.Format;
import dev.readiness.checks.monitoring.MonitoringFiles.Unreadable;
import dev.readiness.text.Words;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The {@code monitoring} check: reads the project's monitoring files (Prometheus rules, Alertmanager
 * configuration, Grafana dashboards, SLO definitions) and decides seven claims from them. Its main claim
 * settles "Alerting rules defined": at least one rule group, and every alerting rule with an expr that reads
 * series, a {@code for}, a severity label and a summary or description. Missing files for a settling claim
 * are ERROR naming where they were looked for; a file that cannot be read is ERROR naming it and its line; a
 * defect is a FAIL finding naming the file and the element, with the fix.
 */
public final class MonitoringCheck implements Check<MonitoringConfig> {

    static final String NOTIFICATIONS = "monitoring.notifications";
    static final String DASHBOARDS = "monitoring.dashboards";
    static final String SLO = "monitoring.slo";
    static final String RUNBOOKS = "monitoring.runbooks";
    static final String ESCALATION = "monitoring.escalation";
    static final String SYNTHETIC = "monitoring.synthetic";

    private static final String RULES_EXPECTED = "at least one rule group; every alerting rule with expr, for, a severity label and a"
            + " summary or description";

    @Override
    public String id() {
        return "monitoring";
    }

    @Override
    public String description() {
        return "The Prometheus rule files hold at least one group, and every alerting rule has an expr that reads series (not a"
                + " constant), a for duration, a severity label and a summary or description annotation.";
    }

    @Override
    public List<String> phrases() {
        return List.of("Alerting rules defined");
    }

    @Override
    public List<Claim> claims() {
        return List.of(Claim.settles(id(), description(), phrases()),
                Claim.settles(NOTIFICATIONS, "Every receiver the Alertmanager route tree sends to is defined and has at least one"
                        + " channel (*_configs entry: email, slack, pagerduty, opsgenie, webhook, msteams, ...).",
                        List.of("Notification channels configured")),
                Claim.settles(DASHBOARDS, "A Grafana dashboard JSON has at least one panel with a query on a real data source.",
                        List.of("Dashboard for system metrics created")),
                Claim.settles(SLO, "Every SLO (OpenSLO, Sloth or Pyrra) has an SLI query and a target strictly between 0 and 100%;"
                        + " at least one SLO.", List.of("SLO/SLI defined")),
                Claim.supports(RUNBOOKS, "Every alerting rule's runbook_url annotation is an https URL or a file in the repository;"
                        + " an alert without one disproves the item.", List.of("Runbooks for common issues created")),
                Claim.supports(ESCALATION, "Every alert of a paging severity (critical) can reach, through the route tree's"
                        + " matchers, a receiver with pagerduty, opsgenie or victorops configs.", List.of("Escalation paths defined")),
                Claim.supports(SYNTHETIC, "A blackbox exporter probe (a scrape job with metrics_path /probe or params.module, or a"
                        + " Probe resource) has targets and a defined module, or an alerting rule reads probe_success.",
                        List.of("Synthetic monitoring configured")));
    }

    @Override
    public Class<MonitoringConfig> configType() {
        return MonitoringConfig.class;
    }

    @Override
    public Scope scope() {
        return Scope.BUILD;
    }

    @Override
    public Result run(MonitoringConfig config, CheckContext context) throws IOException {
        Path basedir = context.basedir();
        List<String> paths = config.paths() != null ? config.paths()
                : MonitoringConfig.DEFAULT_PATHS.stream().filter(p -> Files.exists(basedir.resolve(p))).toList();
        MonitoringFiles files = MonitoringFiles.read(basedir, paths, config.paths() != null);
        String where = files.searched().isEmpty() && config.paths() == null
                ? "the project (none of " + MonitoringConfig.DEFAULT_PATHS.stream().map(p -> p + "/").collect(Collectors.joining(", "))
                        + " exists)"
                : String.join(", ", paths);
        Judgement judgement = new Judgement(basedir, files, where);
        AlertRules rules = AlertRules.of(files.docs());
        AlertRouting routing = AlertRouting.of(files.docs());
        Dashboards dashboards = Dashboards.of(files.docs());
        Slos slos = Slos.of(files.docs());
        Probes probes = Probes.of(files.docs(), rules);

        Result.Builder main = judgement.rules(rules).evidence("paths", files.searched());
        offer(main, context, NOTIFICATIONS, !routing.configs().isEmpty(), () -> judgement.notifications(routing));
        offer(main, context, DASHBOARDS, !dashboards.dashboards().isEmpty() || !dashboards.notDashboards().isEmpty(),
                () -> judgement.dashboards(dashboards));
        offer(main, context, SLO, !slos.slos().isEmpty() || !slos.findings().isEmpty(), () -> judgement.slos(slos));
        offer(main, context, RUNBOOKS, !rules.alerts().isEmpty(), () -> judgement.runbooks(rules));
        offer(main, context, ESCALATION, !rules.alerts().isEmpty() && !routing.configs().isEmpty(),
                () -> judgement.escalation(rules, routing, config.pageSeverities()));
        offer(main, context, SYNTHETIC, !probes.probes().isEmpty() || !probes.probeRules().isEmpty(), () -> judgement.synthetic(probes));
        return main.build();
    }

    /** Adds a claim's verdict when an item asks for it or its evidence exists. */
    private static void offer(Result.Builder main, CheckContext context, String claim, boolean evidence, Supplier<Result> verdict) {
        if (evidence || context.isBound(claim)) {
            main.claim(claim, verdict.get());
        }
    }

    /** The verdicts, each from the files of its kind. */
    private static final class Judgement {
        private final Path basedir;
        private final MonitoringFiles files;
        private final String where;

        Judgement(Path basedir, MonitoringFiles files, String where) {
            this.basedir = basedir;
            this.files = files;
            this.where = where;
        }

        Result.Builder rules(AlertRules rules) {
            List<Finding> defects = new ArrayList<>(rules.findings());
            defects.addAll(empties(Kind.RULES));
            Result.Builder result;
            if (rules.files().isEmpty() && defects.isEmpty()) {
                result = missing(Format.YAML, "no Prometheus rule file (YAML with groups: of alert: rules, or a PrometheusRule)"
                        + " in " + where, "Add the alerting rules Prometheus loads (rule_files:) under monitoring/ or prometheus/,"
                        + " or point paths at them.");
            } else {
                int complete = rules.complete().size();
                String counted = complete + " of " + Words.plural(rules.alerts().size(), "alerting rule");
                result = decide(defects, Format.YAML, () -> complete == 0
                                ? Result.fail("no alerting rule in " + String.join(", ", rules.files()) + " (" + Words.plural(
                                        rules.recordingRules(), "recording rule") + " only), but expected at least one")
                                .remedy("Add alert: rules for what should wake someone: error rate, latency, saturation, the"
                                        + " service being down.")
                                : Result.pass(Words.plural(complete, "alerting rule") + " in " + Words.plural(rules.groups(), "group")
                                        + " (" + String.join(", ", rules.files()) + ") each have expr, for, a severity label and a"
                                        + " summary or description"),
                        defects.size() + " problems in " + counted + " (" + String.join(", ", rules.files()) + ")",
                        "Fix each alerting rule named below as its finding says; a constant expr or a missing for, severity or"
                                + " summary keeps the alert from counting.")
                        .measured(counted + " complete")
                        .evidence("ruleFiles", List.copyOf(rules.files()))
                        .evidence("groups", rules.groups())
                        .evidence("alerts", rules.alerts().size())
                        .evidence("completeAlerts", complete)
                        .evidence("recordingRules", rules.recordingRules());
            }
            return result.expected(RULES_EXPECTED);
        }

        Result notifications(AlertRouting routing) {
            List<Finding> defects = new ArrayList<>(routing.findings());
            defects.addAll(empties(Kind.ALERTMANAGER));
            if (routing.configs().isEmpty() && defects.isEmpty()) {
                return missing(Format.YAML, "no Alertmanager configuration (YAML with route: and receivers:) in " + where,
                        "Add the alertmanager.yml Alertmanager runs with under monitoring/ or alertmanager/, or point paths at it.")
                        .build();
            }
            Map<String, List<String>> receivers = new LinkedHashMap<>();
            routing.configs().forEach(c -> c.receivers().values().forEach(r -> receivers.put(c.file() + ":" + r.name(), r.kinds())));
            return decide(defects, Format.YAML, () -> Result.pass(routing.configs().stream().map(c -> c.file() + " routes alerts to "
                                    + receivers(c)).collect(Collectors.joining("; "))),
                    Words.plural(defects.size(), "problem") + " in the Alertmanager route tree and receivers",
                    "Give every receiver the routes send to at least one channel (email_configs, slack_configs, pagerduty_configs,"
                            + " ...), and define every receiver a route names.")
                    .expected("every receiver the route tree sends to defined, with at least one channel")
                    .evidence("receivers", receivers).build();
        }

        private static String receivers(AlertRouting.Config config) {
            Set<String> used = new LinkedHashSet<>();
            collect(config.root(), used);
            return used.stream().map(name -> config.receivers().get(name).described()).collect(Collectors.joining(", "));
        }

        private static void collect(AlertRouting.Route route, Set<String> names) {
            if (route == null) {
                return;
            }
            if (route.receiver() != null) {
                names.add(route.receiver());
            }
            route.children().forEach(child -> collect(child, names));
        }

        Result dashboards(Dashboards dashboards) {
            List<Dashboards.Dashboard> queried = dashboards.dashboards().stream().filter(d -> d.queried() > 0).toList();
            List<Finding> findings = new ArrayList<>();
            for (Dashboards.Dashboard d : dashboards.dashboards()) {
                if (d.queried() == 0) {
                    String message = d.file() + ": dashboard " + d.title() + " has " + Words.plural(d.panels(), "panel")
                            + " and none with a query: add a panel whose target queries the system's metrics (expr:)";
                    findings.add(queried.isEmpty() ? Nodes.finding(d.file() + ":queries", d.file(), message)
                            : Nodes.note(d.file() + ":queries", d.file(), message));
                }
            }
            for (Finding notDashboard : dashboards.notDashboards()) {
                findings.add(queried.isEmpty() ? notDashboard
                        : Nodes.note(notDashboard.key(), notDashboard.location(), notDashboard.message()));
            }
            findings.addAll(empties(Kind.DASHBOARDS));
            if (dashboards.dashboards().isEmpty() && findings.isEmpty()) {
                return missing(Format.JSON, "no Grafana dashboard JSON in " + where, "Export the dashboard from Grafana (Share,"
                        + " Export, Save to file) into grafana/ (or monitoring/), or point paths at it.").build();
            }
            List<Finding> causes = findings.stream().filter(Finding::cause).toList();
            Result.Builder result = decide(causes, Format.JSON, () -> Result.pass(Words.plural(queried.size(), "dashboard") + " with"
                            + " queried panels: " + queried.stream().map(d -> d.title() + " (" + d.file() + ", " + d.queried() + " of "
                            + Words.plural(d.panels(), "panel") + ")").collect(Collectors.joining(", "))),
                    "no Grafana dashboard has a panel with a query (" + Words.plural(dashboards.dashboards().size(), "dashboard")
                            + " read)", "Add a dashboard whose panels query the system's metrics, exported from Grafana as JSON.");
            findings.stream().filter(f -> !f.cause()).forEach(result::finding);
            return result.expected("a dashboard with at least one panel that has a query")
                    .evidence("dashboards", dashboards.evidence()).build();
        }

        Result slos(Slos slos) {
            List<Finding> defects = new ArrayList<>(slos.findings());
            defects.addAll(empties(Kind.SLO));
            if (slos.slos().isEmpty() && defects.isEmpty()) {
                return missing(Format.YAML, "no SLO definition (OpenSLO kind: SLO, Sloth version: prometheus/v1, Pyrra kind:"
                        + " ServiceLevelObjective) in " + where, "Define the service's SLOs in one of these formats under slo/ (or"
                        + " monitoring/), or point paths at them.").build();
            }
            return decide(defects, Format.YAML, () -> Result.pass(Words.plural(slos.slos().size(), "SLO") + " with an SLI query and"
                            + " a target: " + slos.evidence().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining(", "))),
                    Words.plural(defects.size(), "problem") + " in " + Words.plural(slos.slos().size(), "SLO"),
                    "Give every SLO an SLI query and a target strictly between 0 and 100%.")
                    .expected("at least one SLO; each with an SLI query and a target strictly between 0 and 100%")
                    .evidence("slos", slos.evidence()).build();
        }

        Result runbooks(AlertRules rules) {
            List<Finding> defects = new ArrayList<>();
            int https = 0;
            int inRepository = 0;
            for (Alert alert : rules.alerts()) {
                String url = alert.annotations().get("runbook_url");
                String key = alert.key() + ":runbook";
                if (url == null) {
                    defects.add(Nodes.finding(key, alert.at(), alert.where() + " has no runbook_url annotation: link the runbook"
                            + " that says what to do when it fires (an https URL or a file in the repository)"));
                } else if (url.startsWith("https://") || url.contains("{{")) {
                    https++;
                } else if (url.contains(":")) {
                    defects.add(Nodes.finding(key, alert.at(), alert.where() + " has runbook_url " + url + ", which is neither an"
                            + " https URL nor a file in the repository: serve the runbook over https or link its file"));
                } else if (runbookFile(alert, url) != null) {
                    inRepository++;
                } else {
                    defects.add(Nodes.finding(key, alert.at(), alert.where() + " has runbook_url " + url + ", but no such file"
                            + " exists in the repository (relative to " + alert.file() + " or the project folder): write the runbook"
                            + " there or fix the link"));
                }
            }
            if (rules.alerts().isEmpty()) {
                return skippedUnlessUnreadable(Format.YAML, "no alerting rule whose runbook could be checked");
            }
            int total = rules.alerts().size();
            int linked = https + inRepository;
            String kinds = https + " https, " + inRepository + " in the repository";
            return decide(defects, Format.YAML, () -> Result.pass("every one of " + Words.plural(total, "alerting rule") + " links a"
                            + " runbook (" + kinds + ")"),
                    (total - linked) + " of " + Words.plural(total, "alerting rule") + " link no runbook that resolves",
                    "Add a runbook_url annotation to every alerting rule, pointing at an https page or a file in the repository.")
                    .measured(linked + " of " + total + " linked").expected("every alerting rule with a runbook_url that resolves")
                    .build();
        }

        /** The runbook file a relative runbook_url names, beside the rule file or from the project folder, inside the project. */
        private Path runbookFile(Alert alert, String url) {
            String path = url.replaceFirst("[#?].*$", "");
            if (path.isBlank()) {
                return null;
            }
            try {
                Path base = basedir.toRealPath();
                for (Path from : List.of(alert.path().getParent(), basedir)) {
                    Path candidate = from.resolve(path).normalize();
                    if (Files.isRegularFile(candidate) && candidate.toRealPath().startsWith(base) && Files.size(candidate) > 0) {
                        return candidate;
                    }
                }
            } catch (IOException | java.nio.file.InvalidPathException e) {
                return null;
            }
            return null;
        }

        Result escalation(AlertRules rules, AlertRouting routing, List<String> pageSeverities) {
            List<Alert> paging = rules.alerts().stream().filter(a -> a.labels().get("severity") != null
                    && pageSeverities.contains(a.labels().get("severity").toLowerCase(Locale.ROOT))).toList();
            List<AlertRouting.Config> configs = routing.configs().stream().filter(c -> c.root() != null).toList();
            String severities = String.join(" or ", pageSeverities);
            if (paging.isEmpty()) {
                return skippedUnlessUnreadable(Format.YAML, "no alerting rule has severity " + severities
                        + ", so no escalation path could be followed");
            }
            if (configs.isEmpty()) {
                return skippedUnlessUnreadable(Format.YAML, "no Alertmanager route tree to follow the " + severities + " alerts through");
            }
            List<Finding> defects = new ArrayList<>();
            Set<String> pagers = new LinkedHashSet<>();
            for (Alert alert : paging) {
                Map<String, String> labels = new LinkedHashMap<>(alert.labels());
                labels.put("alertname", alert.name());
                for (AlertRouting.Config config : configs) {
                    Set<Receiver> reached = AlertRouting.possibleReceivers(config, labels);
                    reached.stream().filter(Receiver::pages).forEach(r -> pagers.add(r.described()));
                    if (reached.stream().noneMatch(Receiver::pages)) {
                        defects.add(Nodes.finding(alert.key() + ":escalation", alert.at(), alert.where() + " has severity "
                                + alert.labels().get("severity") + ", but the route tree of " + config.file() + " sends it only to "
                                + (reached.isEmpty() ? "no receiver" : reached.stream().map(Receiver::described)
                                .collect(Collectors.joining(", "))) + ", which pages nobody: route severity=\""
                                + alert.labels().get("severity") + "\" to a receiver with pagerduty_configs or opsgenie_configs"));
                    }
                }
            }
            return decide(defects, Format.YAML, () -> Result.pass("every one of " + Words.plural(paging.size(), "alert") + " with"
                            + " severity " + severities + " can reach a pager: " + String.join(", ", pagers)),
                    defects.size() + " of the routes of " + Words.plural(paging.size(), "alert") + " with severity " + severities
                            + " reach no pager",
                    "Add a route matching severity=\"critical\" (with continue: true where other receivers must see it too) to a"
                            + " receiver with pagerduty_configs or opsgenie_configs.")
                    .expected("every " + severities + " alert routed to a receiver that pages").build();
        }

        Result synthetic(Probes probes) {
            if (probes.probes().isEmpty() && probes.probeRules().isEmpty()) {
                return skippedUnlessUnreadable(Format.YAML, "no blackbox probe (a scrape job with metrics_path /probe, a Probe"
                        + " resource or a rule on probe_success) in " + where);
            }
            List<String> seen = new ArrayList<>();
            probes.probes().forEach(p -> seen.add(p.name() + " (" + p.file() + ", " + (p.modules().isEmpty() ? "" : "module "
                    + String.join(", ", p.modules()) + ", ") + Words.plural(p.targets(), "target") + ")"));
            if (!probes.probeRules().isEmpty()) {
                seen.add("alerts on probe_success: " + String.join(", ", probes.probeRules()));
            }
            return decide(probes.findings(), Format.YAML, () -> Result.pass("synthetic probes configured: " + String.join("; ", seen)),
                    Words.plural(probes.findings().size(), "blackbox probe problem"),
                    "Give every blackbox probe its targets and a module the blackbox exporter defines.")
                    .evidence("probes", seen).build();
        }

        /**
         * FAIL on defects; otherwise ERROR when a file of this format could not be read (its contents are unknown);
         * otherwise what {@code pass} says. Every unreadable file is a finding too.
         */
        private Result.Builder decide(List<Finding> defects, Format format, Supplier<Result.Builder> pass, String failSummary,
                                      String remedy) {
            List<Unreadable> unreadable = files.unreadable(format);
            Result.Builder result;
            if (!defects.isEmpty()) {
                result = Result.fail(failSummary + "; the first: " + defects.get(0).message()).remedy(remedy);
            } else if (!unreadable.isEmpty()) {
                result = unreadableError(unreadable);
            } else {
                result = pass.get();
            }
            result.findings(defects);
            unreadable.forEach(u -> result.finding(Nodes.finding(u.file() + ":unreadable", u.file(), u.message())));
            return result.evidence("files", files.docs().stream().map(MonitoringFiles.Doc::file).distinct().count());
        }

        private static Result.Builder unreadableError(List<Unreadable> unreadable) {
            return Result.error(unreadable.get(0).message() + (unreadable.size() > 1 ? " (and " + Words.plural(unreadable.size() - 1,
                            "more file") + ")" : "") + ", so what it holds could not be judged")
                    .remedy("Fix or remove the files named below (or leave them out of paths), so every monitoring file can be read.");
        }

        /** ERROR: the evidence of a settling claim is missing, or could not be read. */
        private Result.Builder missing(Format format, String summary, String remedy) {
            List<Unreadable> unreadable = files.unreadable(format);
            if (!unreadable.isEmpty()) {
                Result.Builder result = unreadableError(unreadable);
                unreadable.forEach(u -> result.finding(Nodes.finding(u.file() + ":unreadable", u.file(), u.message())));
                return result;
            }
            return Result.error(summary).remedy(remedy).evidence("paths", files.searched());
        }

        private Result skippedUnlessUnreadable(Format format, String reason) {
            List<Unreadable> unreadable = files.unreadable(format);
            return unreadable.isEmpty() ? Result.skipped(reason).build() : missing(format, reason, null).build();
        }

        /** Findings for the files of this kind that hold nothing. */
        private List<Finding> empties(Kind kind) {
            List<Finding> findings = new ArrayList<>();
            for (Empty empty : files.empty()) {
                if (Kind.of(empty) == kind) {
                    findings.add(Nodes.finding(empty.file() + ":empty", empty.file(), empty.file() + " is empty, but expected "
                            + kind.expected));
                }
            }
            return findings;
        }
    }

    /** What an empty file was meant to hold, by its format and name. */
    private enum Kind {
        RULES("Prometheus rules (groups: with alert: rules)"),
        ALERTMANAGER("an Alertmanager configuration (route: and receivers:)"),
        DASHBOARDS("a Grafana dashboard exported as JSON"),
        SLO("SLO definitions");

        final String expected;

        Kind(String expected) {
            this.expected = expected;
        }

        static Kind of(Empty empty) {
            String name = empty.file().toLowerCase(Locale.ROOT);
            name = name.substring(name.lastIndexOf('/') + 1);
            if (empty.format() == Format.JSON) {
                return DASHBOARDS;
            }
            return name.contains("alertmanager") ? ALERTMANAGER : name.contains("slo") ? SLO : RULES;
        }
    }
}

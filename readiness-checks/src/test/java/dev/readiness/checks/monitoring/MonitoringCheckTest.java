package dev.readiness.checks.monitoring;

import static dev.readiness.checks.monitoring.MonitoringCheck.DASHBOARDS;
import static dev.readiness.checks.monitoring.MonitoringCheck.ESCALATION;
import static dev.readiness.checks.monitoring.MonitoringCheck.NOTIFICATIONS;
import static dev.readiness.checks.monitoring.MonitoringCheck.RUNBOOKS;
import static dev.readiness.checks.monitoring.MonitoringCheck.SLO;
import static dev.readiness.checks.monitoring.MonitoringCheck.SYNTHETIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Claim;
import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import dev.readiness.check.Strength;
import dev.readiness.engine.ConfigBinder;
import dev.readiness.engine.ConfigurationException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code monitoring} check on a project laid out as teams keep it ({@code good/}: Prometheus rules and
 * scrape configuration with a blackbox job, an Alertmanager configuration, a Grafana dashboard as exported,
 * Sloth and OpenSLO definitions, a runbook), then each defect written into a copy of it, and hostile files.
 */
@Timeout(30)
class MonitoringCheckTest {

    private static final Set<String> ALL_CLAIMS = Set.of("monitoring", NOTIFICATIONS, DASHBOARDS, SLO, RUNBOOKS, ESCALATION, SYNTHETIC);
    private static final String RULES = "monitoring/rules/checkout.rules.yml";
    private static final String ALERTMANAGER = "alertmanager/alertmanager.yml";

    @TempDir
    Path project;

    @BeforeEach
    void copyGoodProject() throws IOException, URISyntaxException {
        Path good = Path.of(getClass().getResource("good").toURI());
        try (Stream<Path> files = Files.walk(good)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = project.resolve(good.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
    }

    @Test
    void declaresItsClaimsWithTheChecklistsOwnPhrases() {
        assertThat(new MonitoringCheck().claims()).extracting(Claim::id, Claim::strength, Claim::phrases).containsExactly(
                tuple("monitoring", Strength.SETTLES, List.of("Alerting rules defined")),
                tuple(NOTIFICATIONS, Strength.SETTLES, List.of("Notification channels configured")),
                tuple(DASHBOARDS, Strength.SETTLES, List.of("Dashboard for system metrics created")),
                tuple(SLO, Strength.SETTLES, List.of("SLO/SLI defined")),
                tuple(RUNBOOKS, Strength.SUPPORTS, List.of("Runbooks for common issues created")),
                tuple(ESCALATION, Strength.SUPPORTS, List.of("Escalation paths defined")),
                tuple(SYNTHETIC, Strength.SUPPORTS, List.of("Synthetic monitoring configured")));
    }

    @Test
    void passesEveryClaimOnAProjectWithCompleteMonitoringFiles() throws Exception {
        Result result = run();

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo("4 alerting rules in 2 groups (" + RULES + ") each have expr, for, a severity"
                + " label and a summary or description");
        assertThat(result.measured()).isEqualTo("4 of 4 alerting rules complete");
        assertThat(result.evidence()).containsKeys("ruleFiles", "groups", "alerts", "completeAlerts", "recordingRules", "paths");
        assertThat(result.evidence().get("recordingRules")).isEqualTo(2);
        assertThat(result.findings()).isEmpty();
        assertThat(result.claims()).containsOnlyKeys(NOTIFICATIONS, DASHBOARDS, SLO, RUNBOOKS, ESCALATION, SYNTHETIC);
        assertThat(result.claims().values()).extracting(Result::status).containsOnly(Status.PASS);
        assertThat(result.claims().get(NOTIFICATIONS).summary()).isEqualTo(ALERTMANAGER + " routes alerts to payments-slack"
                + " (slack), payments-pager (pagerduty), ops-mail (email)");
        assertThat(result.claims().get(DASHBOARDS).summary()).isEqualTo("1 dashboard with queried panels: Checkout service"
                + " (grafana/dashboards/checkout-service.json, 3 of 3 panels)");
        assertThat(result.claims().get(SLO).summary()).isEqualTo("2 SLOs with an SLI query and a target:"
                + " slo/checkout-availability.sloth.yml:requests-availability 99.9%, slo/checkout-latency.openslo.yaml:checkout-latency 95%");
        assertThat(result.claims().get(RUNBOOKS).summary()).isEqualTo("every one of 4 alerting rules links a runbook (3 https, 1 in"
                + " the repository)");
        assertThat(result.claims().get(ESCALATION).summary()).isEqualTo("every one of 3 alerts with severity critical can reach a"
                + " pager: payments-pager (pagerduty)");
        assertThat(result.claims().get(SYNTHETIC).summary()).isEqualTo("synthetic probes configured: job blackbox-http"
                + " (prometheus/prometheus.yml, module http_2xx, 2 targets); alerts on probe_success: CheckoutEndpointProbeFailing");
    }

    @Test
    void namesEachMissingPartOfAnAlertAsAFindingOfItsOwn() throws Exception {
        write(RULES, """
                groups:
                  - name: api
                    rules:
                      - alert: ApiErrors
                        expr: rate(http_requests_total{code=~"5.."}[5m]) > 1
                      - alert: ApiDown
                        expr: up{job="api"} == 0
                        for: 5 minutes
                        labels: {severity: critical}
                        annotations: {description: "api is down"}
                """);

        Result result = run();

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.findings()).extracting(Finding::key).containsExactly(
                RULES + ":api/ApiErrors:for", RULES + ":api/ApiErrors:severity", RULES + ":api/ApiErrors:summary",
                RULES + ":api/ApiDown:for");
        assertThat(result.findings()).extracting(Finding::location).containsExactly(RULES + ":4", RULES + ":4", RULES + ":4", RULES + ":6");
        assertThat(result.findings().get(3).message()).isEqualTo("alert ApiDown (group api, " + RULES + ":6) has for: 5 minutes,"
                + " which is not a Prometheus duration: write it as 5m, 1h30m or 30s");
        assertThat(result.summary()).startsWith("4 problems in 0 of 2 alerting rules (" + RULES + "); the first: alert ApiErrors"
                + " (group api, " + RULES + ":4) has no for:");
        assertThat(result.measured()).isEqualTo("0 of 2 alerting rules complete");
        assertThat(result.remedy()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "vector(1)|vector(1)",
            "vector(0) > 0|vector(0) > 0",
            "a bare number|1",
            "a quoted number in parentheses|'(42)'",
            "time alone|time() > 0",
            "absent that can never return|absent(up{job=\"api\"}) == 0",
            "absent_over_time below one|absent_over_time(up[5m]) < 1"})
    void anAlertWhoseExpressionIsConstantDoesNotCount(String name, String expr) throws Exception {
        write(RULES, "groups:\n  - name: api\n    rules:\n      - alert: Always\n        expr: " + expr + "\n        for: 5m\n"
                + "        labels: {severity: warning}\n        annotations: {summary: always}\n");

        Result result = run();

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.findings()).extracting(Finding::key).containsExactly(RULES + ":api/Always:constant");
        assertThat(result.measured()).isEqualTo("0 of 1 alerting rule complete");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a comparison on a series|up == 0",
            "a series beside a constant default|(sum(rate(errors_total[5m])) or vector(0)) > 1",
            "absent alone|absent(up{job=\"api\"})",
            "a grouped aggregation|sum by (job) (rate(http_requests_total[5m])) > 10"})
    void anAlertReadingSeriesCounts(String name, String expr) {
        assertThat(AlertRules.readsSeries(expr)).isTrue();
    }

    @Test
    void failsWhenTheRuleFilesHoldOnlyRecordingRules() throws Exception {
        write(RULES, "groups:\n  - name: rec\n    rules:\n      - record: job:up:sum\n        expr: sum by (job) (up)\n");

        Result result = run();

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("no alerting rule in " + RULES + " (1 recording rule only), but expected at least one");
    }

    @Test
    void failsOnAnEmptyRuleFile() throws Exception {
        write(RULES, "# rules to come\n");

        Result result = run();

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.findings()).extracting(Finding::key).containsExactly(RULES + ":empty");
    }

    @Test
    void failsOnRuleGroupsOfTheWrongShapeNamingTheElement() throws Exception {
        write(RULES, "groups: 3\n");

        Result result = run();

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.findings()).extracting(Finding::key, Finding::message).containsExactly(tuple(RULES + ":groups",
                RULES + ": groups is a number (3), not a list of rule groups: write groups: as a list whose entries have name: and rules:"));
    }

    @Test
    void reportsErrorSayingWhereItLookedWhenThereIsNoMonitoringFolder() throws Exception {
        Result result = run(MonitoringConfig.defaults(), project.resolve("empty"));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("no Prometheus rule file (YAML with groups: of alert: rules, or a PrometheusRule) in"
                + " the project (none of monitoring/, prometheus/, alertmanager/, grafana/, slo/ exists)");
        assertThat(result.claims().get(NOTIFICATIONS).status()).isEqualTo(Status.ERROR);
        assertThat(result.claims().get(DASHBOARDS).status()).isEqualTo(Status.ERROR);
        assertThat(result.claims().get(SLO).status()).isEqualTo(Status.ERROR);
        assertThat(result.claims().get(RUNBOOKS).status()).isEqualTo(Status.SKIPPED);
        assertThat(result.claims().get(ESCALATION).status()).isEqualTo(Status.SKIPPED);
        assertThat(result.claims().get(SYNTHETIC).status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void offersNoOtherClaimWithoutItsEvidenceWhenNoItemAsksForIt() throws Exception {
        delete("alertmanager", "grafana", "slo", "prometheus");
        write(RULES, "groups:\n  - name: api\n    rules:\n      - alert: ApiDown\n        expr: up == 0\n        for: 5m\n"
                + "        labels: {severity: warning}\n        annotations: {summary: down, runbook_url: 'https://runbooks.example.com/api'}\n");

        Result result = new MonitoringCheck().run(MonitoringConfig.defaults(), CheckContext.builder(project).build());

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.claims()).containsOnlyKeys(RUNBOOKS);
    }

    @Test
    void reportsErrorWhenAConfiguredPathDoesNotExist() throws Exception {
        Result result = run(new MonitoringConfig(List.of("ops/alerts.yml"), null), project);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("ops/alerts.yml does not exist, so what it holds could not be judged");
    }

    @Test
    void failsWhenAReceiverTheRoutesUseHasNoChannel() throws Exception {
        replace(ALERTMANAGER, "  - name: ops-mail\n    email_configs:\n      - to: 'ops@shop.example.com'\n", "  - name: ops-mail\n");

        Result notifications = run().claims().get(NOTIFICATIONS);

        assertThat(notifications.status()).isEqualTo(Status.FAIL);
        assertThat(notifications.findings()).extracting(Finding::key, Finding::message).containsExactly(tuple(
                ALERTMANAGER + ":receiver/ops-mail:configs", ALERTMANAGER + ":40: receiver ops-mail (used by route.routes[2]) has no"
                        + " *_configs entry, so the alerts routed to it notify nobody: add email_configs, slack_configs,"
                        + " pagerduty_configs, opsgenie_configs, webhook_configs or msteams_configs"));
        assertThat(notifications.findings()).extracting(Finding::location).containsExactly(ALERTMANAGER + ":40");
    }

    @Test
    void failsWhenARouteNamesAReceiverThatIsNotDefined() throws Exception {
        replace(ALERTMANAGER, "    - receiver: ops-mail\n", "    - receiver: ops-email\n");

        Result notifications = run().claims().get(NOTIFICATIONS);

        assertThat(notifications.status()).isEqualTo(Status.FAIL);
        assertThat(notifications.findings()).extracting(Finding::key).containsExactly(ALERTMANAGER + ":receiver/ops-email:undefined");
    }

    @Test
    void reportsErrorOnNotificationsWhenThereIsNoAlertmanagerConfiguration() throws Exception {
        delete("alertmanager");

        Result result = run();

        assertThat(result.claims().get(NOTIFICATIONS).status()).isEqualTo(Status.ERROR);
        assertThat(result.claims().get(NOTIFICATIONS).summary()).isEqualTo("no Alertmanager configuration (YAML with route: and"
                + " receivers:) in monitoring, prometheus, grafana, slo");
        assertThat(result.claims().get(ESCALATION).status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void failsEscalationWhenACriticalAlertReachesOnlyChat() throws Exception {
        replace(ALERTMANAGER, "        - severity=\"critical\"\n", "        - severity=\"critical\"\n        - team=\"search\"\n");

        Result escalation = run().claims().get(ESCALATION);

        assertThat(escalation.status()).isEqualTo(Status.FAIL);
        assertThat(escalation.findings()).extracting(Finding::key).containsExactly(RULES + ":checkout.alerts/CheckoutHighErrorRate:escalation",
                RULES + ":checkout.alerts/CheckoutInstanceDown:escalation", RULES + ":checkout.alerts/CheckoutEndpointProbeFailing:escalation");
        assertThat(escalation.findings().get(0).message()).isEqualTo("alert CheckoutHighErrorRate (group checkout.alerts, " + RULES
                + ":16) has severity critical, but the route tree of " + ALERTMANAGER + " sends it only to payments-slack (slack),"
                + " which pages nobody: route severity=\"critical\" to a receiver with pagerduty_configs or opsgenie_configs");
    }

    @Test
    void doesNotFailEscalationOnARouteThatDependsOnALabelOnlyTheSeriesCarry() throws Exception {
        replace(ALERTMANAGER, "        - severity=\"critical\"\n", "        - severity=\"critical\"\n        - namespace=\"shop\"\n");

        assertThat(run().claims().get(ESCALATION).status()).isEqualTo(Status.PASS);
    }

    @Test
    void failsDashboardsWhenNoPanelQueriesARealDataSource() throws Exception {
        write("grafana/dashboards/checkout-service.json", """
                {"title": "Playground", "schemaVersion": 39, "panels": [
                  {"type": "timeseries", "title": "Random walk", "datasource": {"type": "grafana-testdata-datasource", "uid": "td"},
                   "targets": [{"refId": "A", "scenarioId": "random_walk"}]},
                  {"type": "text", "title": "Notes", "options": {"content": "TODO"}}]}
                """);

        Result dashboards = run().claims().get(DASHBOARDS);

        assertThat(dashboards.status()).isEqualTo(Status.FAIL);
        assertThat(dashboards.findings()).extracting(Finding::key, Finding::message).containsExactly(tuple(
                "grafana/dashboards/checkout-service.json:queries", "grafana/dashboards/checkout-service.json: dashboard Playground"
                        + " has 2 panels and none with a query: add a panel whose target queries the system's metrics (expr:)"));
    }

    @Test
    void reportsErrorOnDashboardsWhenThereIsNoDashboard() throws Exception {
        delete("grafana");

        Result dashboards = run().claims().get(DASHBOARDS);

        assertThat(dashboards.status()).isEqualTo(Status.ERROR);
        assertThat(dashboards.summary()).isEqualTo("no Grafana dashboard JSON in monitoring, prometheus, alertmanager, slo");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Sloth objective of 100|objective: 99.9|objective: 100|has objective 100, but a target must lie strictly between 0 and 100%",
            "Sloth objective written as a ratio|objective: 99.9|objective: 0.999|has objective 0.999, which Sloth reads as 0.999%",
            "Sloth SLO without an SLI|    sli:|    sli_to_come:|has no SLI query"})
    void failsAnSloWithoutAQueryOrATargetBetweenZeroAndAHundred(String name, String from, String to, String message) throws Exception {
        replace("slo/checkout-availability.sloth.yml", from, to);

        Result slo = run().claims().get(SLO);

        assertThat(slo.status()).isEqualTo(Status.FAIL);
        assertThat(slo.findings()).hasSize(1);
        assertThat(slo.findings().get(0).message()).contains(message).startsWith("SLO requests-availability (Sloth,"
                + " slo/checkout-availability.sloth.yml)");
    }

    @Test
    void failsAnOpenSloTargetWrittenAsAPercentage() throws Exception {
        replace("slo/checkout-latency.openslo.yaml", "target: 0.95", "target: 95");

        Result slo = run().claims().get(SLO);

        assertThat(slo.status()).isEqualTo(Status.FAIL);
        assertThat(slo.findings()).extracting(Finding::key).containsExactly("slo/checkout-latency.openslo.yaml:slo/checkout-latency:target");
    }

    @Test
    void passesAPyrraObjective() throws Exception {
        delete("slo");
        write("slo/checkout.pyrra.yaml", """
                apiVersion: pyrra.dev/v1alpha1
                kind: ServiceLevelObjective
                metadata:
                  name: checkout-errors
                  namespace: shop
                spec:
                  target: "99.5"
                  window: 4w
                  indicator:
                    ratio:
                      errors:
                        metric: http_requests_total{job="checkout",code=~"5.."}
                      total:
                        metric: http_requests_total{job="checkout"}
                """);

        Result slo = run().claims().get(SLO);

        assertThat(slo.status()).isEqualTo(Status.PASS);
        assertThat(slo.summary()).isEqualTo("1 SLO with an SLI query and a target: slo/checkout.pyrra.yaml:checkout-errors 99.5%");
    }

    @Test
    void reportsErrorOnSlosWhenNoneIsDefined() throws Exception {
        delete("slo");

        assertThat(run().claims().get(SLO).status()).isEqualTo(Status.ERROR);
    }

    @Test
    void failsRunbooksForAnAlertWithoutOneOrWithALinkThatResolvesToNothing() throws Exception {
        replace(RULES, "runbook_url: docs/runbooks/checkout-latency.md", "runbook_url: docs/runbooks/latency.md");
        replace(RULES, "          runbook_url: https://runbooks.shop.example.com/checkout/instance-down\n", "");
        replace(RULES, "https://runbooks.shop.example.com/checkout/probe-failing", "http://wiki.internal/probe");

        Result runbooks = run().claims().get(RUNBOOKS);

        assertThat(runbooks.status()).isEqualTo(Status.FAIL);
        assertThat(runbooks.summary()).startsWith("3 of 4 alerting rules link no runbook that resolves");
        assertThat(runbooks.findings()).extracting(Finding::key).containsExactly(
                RULES + ":checkout.alerts/CheckoutHighLatency:runbook", RULES + ":checkout.alerts/CheckoutInstanceDown:runbook",
                RULES + ":checkout.alerts/CheckoutEndpointProbeFailing:runbook");
    }

    @Test
    void skipsSyntheticMonitoringWhenNoProbeIsConfigured() throws Exception {
        delete("prometheus");
        replace(RULES, "probe_success{job=\"blackbox-http\"} == 0", "up{job=\"blackbox-http\"} == 0");

        Result synthetic = run().claims().get(SYNTHETIC);

        assertThat(synthetic.status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void failsSyntheticMonitoringOnAProbeWithoutTargetsOrWithAnUndefinedModule() throws Exception {
        write("monitoring/probe.yaml", """
                apiVersion: monitoring.coreos.com/v1
                kind: Probe
                metadata:
                  name: checkout-page
                spec:
                  jobName: checkout-page
                  interval: 60s
                  module: http_post_2xx
                  prober:
                    url: blackbox-exporter.monitoring.svc:9115
                  targets:
                    staticConfig:
                      static: []
                """);

        Result synthetic = run().claims().get(SYNTHETIC);

        assertThat(synthetic.status()).isEqualTo(Status.FAIL);
        assertThat(synthetic.findings()).extracting(Finding::key).containsExactly(
                "monitoring/probe.yaml:Probe/checkout-page:targets", "monitoring/probe.yaml:Probe/checkout-page:module");
    }

    @Test
    void reportsErrorNamingTheFileAndLineOfMalformedYaml() throws Exception {
        write(RULES, "groups:\n  - name: api\n    rules:\n      - alert: ApiDown\n        expr: up == 0\n       for: 5m\n");

        Result result = run();

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).startsWith(RULES + " line 6 is not valid YAML: ");
        assertThat(result.findings()).extracting(Finding::key).containsExactly(RULES + ":unreadable");
        assertThat(result.claims().get(NOTIFICATIONS).status()).isEqualTo(Status.ERROR);
        assertThat(result.claims().get(DASHBOARDS).status()).isEqualTo(Status.PASS);
    }

    @Test
    void reportsErrorNamingTheFileAndLineOfMalformedJson() throws Exception {
        write("grafana/dashboards/broken.json", "{\n  \"title\": \"Broken\",\n  \"panels\": [\n    {\"type\": \"stat\",}\n  ]\n}\n");

        Result dashboards = run().claims().get(DASHBOARDS);

        assertThat(dashboards.status()).isEqualTo(Status.ERROR);
        assertThat(dashboards.summary()).startsWith("grafana/dashboards/broken.json line 4 is not valid JSON: ");
        assertThat(run().status()).isEqualTo(Status.PASS);
    }

    @Test
    void refusesAKeyGivenTwice() throws Exception {
        write("grafana/dashboards/twice.json", "{\"title\": \"A\", \"title\": \"B\", \"panels\": []}");

        assertThat(run().claims().get(DASHBOARDS).summary()).startsWith("grafana/dashboards/twice.json line 1 is not valid JSON:"
                + " Duplicate field 'title'");
    }

    @Test
    void readsAnchorsAndAliasesAsPrometheusDoes() throws Exception {
        write(RULES, """
                groups:
                  - name: api
                    rules:
                      - alert: ApiDown
                        expr: up{job="api"} == 0
                        for: 5m
                        labels: &page {severity: critical, team: payments}
                        annotations: {summary: api is down, runbook_url: 'https://runbooks.shop.example.com/api/down'}
                      - alert: ApiErrors
                        expr: rate(http_requests_total{job="api",code=~"5.."}[5m]) > 1
                        for: 10m
                        labels: *page
                        annotations: {summary: api fails, runbook_url: 'https://runbooks.shop.example.com/api/errors'}
                """);

        Result result = run();

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.claims().get(ESCALATION).summary()).startsWith("every one of 2 alerts with severity critical");
    }

    @Test
    void refusesAnAliasBomb() throws Exception {
        StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append(i == 0 ? "" : ",").append('*').append((char) (c - 1));
            }
            bomb.append("]\n");
        }
        write("monitoring/bomb.yml", bomb.toString());

        Result result = run();

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).startsWith("monitoring/bomb.yml is not valid YAML: Number of aliases for non-scalar nodes exceeds"
                + " the specified max=50");
    }

    @Test
    void refusesAHugeFileWithoutReadingItWhole() throws Exception {
        Path huge = project.resolve("grafana/dashboards/huge.json");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(64L * 1024 * 1024);
        }

        Result dashboards = run().claims().get(DASHBOARDS);

        assertThat(dashboards.status()).isEqualTo(Status.ERROR);
        assertThat(dashboards.summary()).startsWith("grafana/dashboards/huge.json is larger than 4194304 bytes; not read further");
    }

    @Test
    void refusesALinkOutOfTheProject() throws Exception {
        Path outside = Files.createTempFile("secrets", ".yml");
        Files.writeString(outside, "groups: []\n");
        try {
            Files.createSymbolicLink(project.resolve("monitoring/rules/outside.yml"), outside);
            Files.createSymbolicLink(project.resolve("monitoring/etc"), Path.of("/etc"));

            Result result = run();

            assertThat(result.status()).isEqualTo(Status.ERROR);
            assertThat(result.findings()).extracting(Finding::key).containsExactly("monitoring/etc:unreadable",
                    "monitoring/rules/outside.yml:unreadable");
            assertThat(result.findings().get(1).message()).isEqualTo("monitoring/rules/outside.yml is a link to "
                    + outside.toRealPath() + ", outside the project; links out of the project are not read");
        } finally {
            Files.delete(outside);
        }
    }

    @Test
    void refusesABinaryFile() throws Exception {
        Files.write(project.resolve("monitoring/rules/compiled.yml"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3});

        Result result = run();

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).startsWith("monitoring/rules/compiled.yml is binary (it holds NUL bytes), not text");
    }

    @Test
    void readsThePrometheusRuleResourceOfThePrometheusOperator() throws Exception {
        delete("monitoring");
        write("monitoring/checkout-rules.yaml", """
                apiVersion: monitoring.coreos.com/v1
                kind: PrometheusRule
                metadata:
                  name: checkout
                  labels: {release: kube-prometheus-stack}
                spec:
                  groups:
                    - name: checkout.alerts
                      rules:
                        - alert: CheckoutInstanceDown
                          expr: up{job="checkout"} == 0
                          for: 5m
                          labels: {severity: critical}
                          annotations:
                            summary: Checkout instance {{ $labels.instance }} is down
                            runbook_url: https://runbooks.shop.example.com/checkout/instance-down
                """);

        Result result = run();

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).startsWith("1 alerting rule in 1 group (monitoring/checkout-rules.yaml)");
    }

    @Test
    void bindsItsParametersAndRefusesAnUnknownOne() throws Exception {
        MonitoringConfig config = ConfigBinder.bind("monitoring", MonitoringConfig.class,
                new YAMLMapper().readTree("paths: [ops/prometheus]\npageSeverities: [Critical, page]\n"), List.of());

        assertThat(config.paths()).containsExactly("ops/prometheus");
        assertThat(config.pageSeverities()).containsExactly("critical", "page");
        assertThatThrownBy(() -> ConfigBinder.bind("monitoring", MonitoringConfig.class,
                new YAMLMapper().readTree("path: ops\n"), List.of())).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("pageSeverities").hasMessageContaining("paths");
    }

    private Result run() throws Exception {
        return run(MonitoringConfig.defaults(), project);
    }

    private Result run(MonitoringConfig config, Path basedir) throws Exception {
        Files.createDirectories(basedir);
        return new MonitoringCheck().run(config, CheckContext.builder(basedir).boundClaims(ALL_CLAIMS).build());
    }

    private void write(String file, String text) throws IOException {
        Path path = project.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    private void replace(String file, String from, String to) throws IOException {
        String text = Files.readString(project.resolve(file));
        assertThat(text).as("%s holds %s", file, from).contains(from);
        Files.writeString(project.resolve(file), text.replace(from, to));
    }

    private void delete(String... folders) throws IOException {
        for (String folder : folders) {
            try (Stream<Path> files = Files.walk(project.resolve(folder))) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}

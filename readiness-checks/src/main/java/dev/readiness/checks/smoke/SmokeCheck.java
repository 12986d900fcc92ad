package dev.readiness.checks.smoke;

import dev.readiness.check.Check;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Claim;
import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import dev.readiness.check.Scope;
import dev.readiness.check.Stage;
import dev.readiness.checks.http.HttpClients;
import dev.readiness.checks.http.HttpMessages;
import dev.readiness.text.Words;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The {@code smoke} check: sends the configured probes to the deployed service after a deployment and
 * holds each answer to its expected status, its JSON-pointer expectations and its latency limit. Its
 * main claim ("Smoke tests executed") passes when every probe got an answer, and is ERROR when a probe
 * could not be sent or answered (unreachable, timed out, a body over 1 MiB) or none is configured;
 * {@code smoke.passed} ("Deployment verification tests passed") FAILs naming each probe whose answer
 * fell short, keyed {@code smoke:<name>}. Both belong to the postDeploy stage. {@code smoke.implemented}
 * ("Deployment verification tests implemented") is decided in the build stage, from the configuration
 * alone: it FAILs when no probe is configured.
 */
public final class SmokeCheck implements Check<SmokeConfig> {

    static final String IMPLEMENTED = "smoke.implemented";
    static final String PASSED = "smoke.passed";
    private static final int NAMED_IN_SUMMARY = 3;
    private static final String NO_PROBES_REMEDY = "Add probes to the smoke check: <probes><probe><name>status</name>"
            + "<path>/api/status</path><expect>/status == \"ok\"</expect></probe></probes>.";

    @Override
    public String id() {
        return "smoke";
    }

    @Override
    public String description() {
        return "sends every configured probe to the deployed service and gets an answer from each";
    }

    @Override
    public List<String> phrases() {
        return List.of("Smoke tests executed");
    }

    @Override
    public List<Claim> claims() {
        return List.of(Claim.settles(id(), description(), phrases()).inStage(Stage.POST_DEPLOY),
                Claim.settles(IMPLEMENTED, "at least one smoke probe is configured", List.of("Deployment verification tests implemented")),
                Claim.settles(PASSED, "every probe's answer has its expected status, meets its expectations and came within its"
                        + " maxLatency", List.of("Deployment verification tests passed")).inStage(Stage.POST_DEPLOY));
    }

    @Override
    public Class<SmokeConfig> configType() {
        return SmokeConfig.class;
    }

    @Override
    public Scope scope() {
        return Scope.BUILD;
    }

    @Override
    public Result run(SmokeConfig config, CheckContext context) throws InterruptedException {
        if (context.stage() != Stage.POST_DEPLOY) {
            return Result.skipped("the smoke probes are sent after deployment").claim(IMPLEMENTED, implemented(config)).build();
        }
        if (config.probes().isEmpty()) {
            return Result.error("smoke has no probes configured (parameter probes), so no smoke test could run")
                    .remedy(NO_PROBES_REMEDY).build();
        }
        URI base;
        try {
            base = config.url() != null ? new URI(config.url()) : context.http().target();
        } catch (URISyntaxException e) {
            base = null;
        }
        HttpUrl baseUrl = base == null ? null : HttpUrl.get(base);
        if (baseUrl == null) {
            return Result.error(config.url() == null ? "smoke has no url and no <target> is configured"
                            : "smoke cannot send its probes under '" + Words.oneLine(Words.withoutUserInfo(config.url()), 200)
                            + "': it is not an http(s) URL")
                    .remedy("Set <target> to the deployed service's base URL, or give the smoke check a <url>.").build();
        }
        List<HttpUrl> urls = new ArrayList<>();
        for (SmokeConfig.Probe probe : config.probes()) {
            HttpUrl url = HttpClients.under(base, probe.path());
            if (url == null) {
                return Result.error("probe '" + probe.name() + "': its path '" + Words.oneLine(probe.path(), 100)
                        + "' makes no URL under " + HttpMessages.display(baseUrl)).remedy("Write the path as it appears in a URL.").build();
            }
            urls.add(url);
        }
        OkHttpClient client;
        try {
            client = HttpClients.forSettings(context.http());
        } catch (IOException e) {
            return HttpClients.clientUnavailable("smoke cannot call " + HttpMessages.display(baseUrl), e).build();
        }
        List<Prober.Answer> answers = new Prober(client, context.http().timeout(), context.log()).send(config.probes(), urls);
        return judge(answers, context.http().timeout());
    }

    private static Result implemented(SmokeConfig config) {
        if (config.probes().isEmpty()) {
            return Result.fail("no smoke probe is configured, so no deployment verification test exists")
                    .measured("0 probes").expected("at least 1 probe").remedy(NO_PROBES_REMEDY).build();
        }
        return Result.pass(Words.plural(config.probes().size(), "smoke probe") + " configured: "
                        + config.probes().stream().map(SmokeConfig.Probe::name).collect(Collectors.joining(", ")))
                .measured(Words.plural(config.probes().size(), "probe")).expected("at least 1 probe").build();
    }

    /** The main claim from whether every probe was answered, {@code smoke.passed} from how. */
    private static Result judge(List<Prober.Answer> answers, Duration timeout) {
        List<Map<String, Object>> evidence = new ArrayList<>();
        List<Finding> unanswered = new ArrayList<>();
        List<Finding> shortfalls = new ArrayList<>();
        List<String> failedNames = new ArrayList<>();
        for (Prober.Answer answer : answers) {
            SmokeConfig.Probe probe = answer.probe();
            String request = "probe '" + probe.name() + "': " + probe.method() + " " + answer.url();
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("name", probe.name());
            facts.put("method", probe.method());
            facts.put("url", answer.url());
            facts.put("expectedStatus", probe.status());
            if (answer.failure() != null) {
                facts.put("error", answer.failure());
                evidence.add(facts);
                Finding finding = Finding.of(request + " got no answer: " + answer.failure()).key("smoke:" + probe.name())
                        .at(answer.url()).with("method", probe.method()).build();
                unanswered.add(finding);
                shortfalls.add(finding);
                continue;
            }
            facts.put("status", answer.status());
            facts.put("latencyMs", answer.latencyMs());
            if (probe.maxLatency() != null) {
                facts.put("maxLatencyMs", probe.maxLatency().toMillis());
            }
            List<String> problems = problems(answer);
            facts.put("passed", problems.isEmpty());
            evidence.add(facts);
            if (!problems.isEmpty()) {
                failedNames.add(probe.name());
                shortfalls.add(Finding.of(request + " " + String.join("; ", problems)).key("smoke:" + probe.name()).at(answer.url())
                        .with("method", probe.method()).with("status", answer.status()).with("expectedStatus", probe.status())
                        .with("latencyMs", answer.latencyMs())
                        .with("maxLatencyMs", probe.maxLatency() == null ? null : probe.maxLatency().toMillis()).build());
            }
        }
        int total = answers.size();
        String ran = Words.plural(total, "probe");
        Result passed;
        if (!failedNames.isEmpty()) {
            passed = Result.fail(failedNames.size() + " of " + ran + " fell short: " + names(failedNames)
                            + (unanswered.isEmpty() ? "" : "; " + unanswered.size() + " got no answer"))
                    .measured((total - failedNames.size() - unanswered.size()) + " of " + total + " met")
                    .expected("all " + total + " met").findings(shortfalls)
                    .remedy("Fix what each finding names in the deployed service, or correct the probe's expected status,"
                            + " expectations or maxLatency if the service is right.").build();
        } else if (!unanswered.isEmpty()) {
            passed = Result.error(unanswered.size() + " of " + ran + " got no answer, so whether the deployment works could"
                    + " not be verified").findings(shortfalls).remedy(HttpMessages.UNREACHABLE_REMEDY).build();
        } else {
            passed = Result.pass(total == 1 ? "the one probe answered with its expected status, met its expectations and latency"
                            : "all " + ran + " answered with their expected status, met their expectations and latency")
                    .measured(total + " of " + total + " met").expected("all " + total + " met").build();
        }
        Result.Builder main = unanswered.isEmpty()
                ? Result.pass(total == 1 ? "the one probe was sent and answered" : "all " + ran + " were sent and answered")
                        .measured(total + " of " + total + " answered")
                : Result.error(unanswered.size() + " of " + ran + " got no answer: " + names(unanswered.stream()
                        .map(f -> f.key().substring("smoke:".length())).toList())).measured((total - unanswered.size()) + " of "
                        + total + " answered").findings(unanswered).remedy(HttpMessages.UNREACHABLE_REMEDY);
        return main.expected("all " + total + " answered").evidence("probes", evidence)
                .evidence("timeout", Words.duration(timeout)).claim(PASSED, passed).build();
    }

    /** What is wrong with an answer: its status, each unmet expectation, its latency; empty when nothing. */
    private static List<String> problems(Prober.Answer answer) {
        SmokeConfig.Probe probe = answer.probe();
        List<String> problems = new ArrayList<>();
        if (answer.status() != probe.status()) {
            problems.add("answered HTTP " + answer.status() + (answer.location() == null ? "" : " (a redirect to " + answer.location()
                    + ", not followed)") + ", expected " + probe.status());
        }
        List<Expectation> expectations = probe.expectations();
        if (!expectations.isEmpty() && answer.json() == null) {
            problems.add(answer.notJson() + ", so its " + Words.plural(expectations.size(), "expectation") + " could not be met");
        } else {
            for (Expectation expectation : expectations) {
                String unmet = expectation.unmetBy(answer.json());
                if (unmet != null) {
                    problems.add(unmet + ", expected " + expectation);
                }
            }
        }
        if (probe.maxLatency() != null && answer.latencyMs() > probe.maxLatency().toMillis()) {
            problems.add("took " + answer.latencyMs() + "ms, more than its maxLatency of " + Words.duration(probe.maxLatency()));
        }
        return problems;
    }

    private static String names(List<String> names) {
        return names.stream().limit(NAMED_IN_SUMMARY).map(n -> "'" + n + "'").collect(Collectors.joining(", "))
                + (names.size() > NAMED_IN_SUMMARY ? " and " + (names.size() - NAMED_IN_SUMMARY) + " more" : "");
    }
}

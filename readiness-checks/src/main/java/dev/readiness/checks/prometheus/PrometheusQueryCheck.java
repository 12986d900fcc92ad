package dev.readiness.checks.prometheus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.readiness.check.Check;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Claim;
import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import dev.readiness.check.Scope;
import dev.readiness.check.Stage;
import dev.readiness.check.Status;
import dev.readiness.checks.http.BoundedBody;
import dev.readiness.checks.http.HttpClients;
import dev.readiness.checks.http.HttpMessages;
import dev.readiness.checks.http.StrictJson;
import dev.readiness.io.BoundedInput;
import dev.readiness.text.Words;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The {@code prometheusQuery} check: after a deployment, asks a Prometheus server's HTTP API for the configured PromQL
 * queries (instant queries, {@code GET /api/v1/query}, at the run's clock time) and holds every series of each answer to
 * the query's min and max. Each query serves one claim: {@code errorRate} queries decide the main claim ("Error rates
 * within acceptable threshold"), {@code performance} queries {@code prometheusQuery.performance}, and {@code baseline}
 * queries support "Resource utilization baseline established" by returning data. A claim FAILs naming each series outside
 * its bounds; it is ERROR when a query could not be answered, answered an error, returned no series (a misspelt metric
 * name must not pass), a value that is not a number ({@code NaN} from 0/0 without traffic, {@code +Inf}), or an answer
 * Prometheus warns may lack data (a remote store it could not read). Once a query gets no answer (the server unreachable
 * or silent), the queries after it are not sent.
 */
public final class PrometheusQueryCheck implements Check<PrometheusQueryConfig> {

    static final String PERFORMANCE = "prometheusQuery.performance";
    static final String BASELINE = "prometheusQuery.baseline";
    private static final int SHOWN_SERIES = 20;
    private static final String NO_SERIES_REMEDY = "Run the expr in Prometheus' own UI (/graph) at the same time: a misspelt"
            + " metric or label name, or a service Prometheus does not scrape, returns no series. So does a ratio whose"
            + " numerator counts only errors while there has been none (no code=\"5..\" series exists yet): once the selector"
            + " is checked in /graph, write (sum(rate(errors[5m])) or vector(0)) / sum(rate(requests[5m])), knowing that a"
            + " misspelt numerator then reads as 0 too.";
    private static final String INCOMPLETE_REMEDY = "Fix what Prometheus warns about (a remote store or another source it could"
            + " not read) so that it answers whole, then run again: a figure from part of the data decides nothing.";

    @Override
    public String id() {
        return "prometheusQuery";
    }

    @Override
    public String description() {
        return "at least one errorRate query is configured, and every series each returns is within its min and max";
    }

    @Override
    public List<String> phrases() {
        return List.of("Error rates within acceptable threshold");
    }

    @Override
    public List<Claim> claims() {
        return List.of(Claim.settles(id(), description(), phrases()).inStage(Stage.POST_DEPLOY),
                Claim.settles(PERFORMANCE, "at least one performance query is configured, and every series each returns is"
                        + " within its min and max", List.of("Performance metrics within expected range")).inStage(Stage.POST_DEPLOY),
                Claim.supports(BASELINE, "every baseline query returns at least one series with a numeric value",
                        List.of("Resource utilization baseline established")).inStage(Stage.POST_DEPLOY));
    }

    @Override
    public Class<PrometheusQueryConfig> configType() {
        return PrometheusQueryConfig.class;
    }

    @Override
    public Scope scope() {
        return Scope.BUILD;
    }

    @Override
    public Result run(PrometheusQueryConfig config, CheckContext context) {
        if (config.queries().isEmpty()) {
            return Result.error("prometheusQuery has no queries configured (parameter queries), so no figure could be read")
                    .remedy("Add queries: <queries><query><name>5xx ratio</name><expr>sum(rate(http_server_requests_seconds_count"
                            + "{status=~\"5..\"}[15m])) / sum(rate(http_server_requests_seconds_count[15m]))</expr><max>0.01</max>"
                            + "<claim>errorRate</claim></query></queries>.").build();
        }
        HttpUrl base = config.prometheusUrl() == null ? null : HttpUrl.parse(config.prometheusUrl());
        HttpUrl endpoint = base == null ? null : HttpClients.under(base.uri(), "/api/v1/query");
        if (endpoint == null) {
            return Result.error(config.prometheusUrl() == null ? "prometheusQuery has no prometheusUrl"
                            : "prometheusQuery cannot ask '" + Words.oneLine(Words.withoutUserInfo(config.prometheusUrl()), 200)
                            + "': it is not an http(s) URL")
                    .remedy("Set <prometheusUrl> to the Prometheus server's base URL, such as https://prometheus.example.com.").build();
        }
        OkHttpClient client;
        try {
            client = HttpClients.forSettings(context.http());
        } catch (IOException e) {
            return HttpClients.clientUnavailable("prometheusQuery cannot call " + HttpMessages.display(endpoint), e).build();
        }
        Instant now = context.clock().instant();
        Asker asker = new Asker(client, base, endpoint, now, context);
        List<Outcome> outcomes = new ArrayList<>();
        for (PrometheusQueryConfig.Query query : config.queries()) {
            outcomes.add(asker.ask(query));
        }
        Result.Builder main = judge("errorRate", outcomes, context.isBound(id()) ? Status.ERROR : Status.SKIPPED,
                "Error rates within acceptable threshold")
                .evidence("prometheusUrl", HttpMessages.display(base)).evidence("time", now.toString())
                .evidence("queries", outcomes.stream().map(Outcome::evidence).toList());
        Result performance = claim("performance", PERFORMANCE, outcomes, context, "Performance metrics within expected range");
        Result baseline = claim("baseline", BASELINE, outcomes, context, "Resource utilization baseline established");
        if (performance != null) {
            main.claim(PERFORMANCE, performance);
        }
        if (baseline != null) {
            main.claim(BASELINE, baseline);
        }
        return main.build();
    }

    /** The verdict of another claim: from its queries, ERROR when it is bound but has none, else not offered. */
    private static Result claim(String purpose, String claimId, List<Outcome> outcomes, CheckContext context, String item) {
        boolean configured = outcomes.stream().anyMatch(o -> o.query().claim().equals(purpose));
        if (!configured && !context.isBound(claimId)) {
            return null;
        }
        return judge(purpose, outcomes, Status.ERROR, item).build();
    }

    /** A claim's verdict from the outcomes of its queries; {@code none} is the status when it has no query. */
    private static Result.Builder judge(String purpose, List<Outcome> all, Status none, String item) {
        List<Outcome> outcomes = all.stream().filter(o -> o.query().claim().equals(purpose)).toList();
        int total = outcomes.size();
        if (total == 0) {
            return Result.of(none, "no " + purpose + " query is configured, so whether \"" + item + "\" holds could not be"
                    + " determined").remedy("Add a query with <claim>" + purpose + "</claim> to prometheusQuery's queries.");
        }
        String queries = Words.plural(total, purpose + " query", purpose + " queries");
        List<Outcome> failed = outcomes.stream().filter(o -> o.status() == Status.FAIL).toList();
        List<Outcome> errors = outcomes.stream().filter(o -> o.status() == Status.ERROR).toList();
        Result.Builder verdict;
        if (!failed.isEmpty()) {
            verdict = Result.fail(failed.size() + " of " + queries + " fell short: " + failed.stream().map(Outcome::summary)
                            .collect(Collectors.joining("; ")) + (errors.isEmpty() ? "" : "; " + errors.size() + " could not be evaluated"))
                    .remedy(purpose.equals("errorRate")
                            ? "Find and fix what raises the error rate in the series named (the service's logs and traces for"
                            + " those labels), then deploy again; change a max only when the agreed error budget changes."
                            : "Find why the figure is out of range (a slow dependency, too few instances) and fix it; change"
                            + " min or max only when the agreed range changes.");
        } else if (!errors.isEmpty()) {
            verdict = Result.error(errors.size() + " of " + queries + " could not be evaluated: " + errors.stream()
                            .map(Outcome::summary).collect(Collectors.joining("; ")))
                    .remedy(errors.stream().map(Outcome::remedy).collect(Collectors.toCollection(LinkedHashSet::new)).stream()
                            .collect(Collectors.joining(" ")));
        } else {
            verdict = Result.pass((purpose.equals("baseline") ? "all " + queries + " returned data: "
                    : "all " + queries + " met their bounds: ") + outcomes.stream().map(Outcome::summary)
                    .collect(Collectors.joining("; ")));
        }
        outcomes.forEach(o -> verdict.findings(o.findings()));
        return verdict.measured((total - failed.size() - errors.size()) + " of " + total + " met")
                .expected(purpose.equals("baseline") ? "all " + total + " return data" : "all " + total + " within their bounds");
    }

    /**
     * What one query came to.
     *
     * @param summary  one clause for the claim's summary: the figure, the shortfall, or why it could not be evaluated
     * @param remedy   what to do when it is ERROR, else {@code null}
     * @param evidence the query, its bounds, its series' values and the answer's warnings
     */
    record Outcome(PrometheusQueryConfig.Query query, Status status, String summary, List<Finding> findings, String remedy,
                   Map<String, Object> evidence) {
    }

    /** Sends the queries, one at a time, and reads each answer. */
    private static final class Asker {
        private final OkHttpClient client;
        private final HttpUrl base;
        private final HttpUrl endpoint;
        private final String shown;
        private final String time;
        private final CheckContext context;
        /** Why the server could not be reached, once a call failed so: the queries after it are not sent. */
        private String unreachable;

        Asker(OkHttpClient client, HttpUrl base, HttpUrl endpoint, Instant now, CheckContext context) {
            this.client = client;
            this.base = base;
            this.endpoint = endpoint;
            this.shown = HttpMessages.display(endpoint);
            this.time = BigDecimal.valueOf(now.toEpochMilli()).movePointLeft(3).toPlainString();
            this.context = context;
        }

        Outcome ask(PrometheusQueryConfig.Query query) {
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("name", query.name());
            evidence.put("claim", query.claim());
            evidence.put("expr", query.expr());
            if (query.min() != null) {
                evidence.put("min", query.min().toPlainString());
            }
            if (query.max() != null) {
                evidence.put("max", query.max().toPlainString());
            }
            if (unreachable != null) {
                return error(query, evidence, "not sent, since " + unreachable, HttpMessages.UNREACHABLE_REMEDY);
            }
            QueryAnswer answer;
            try {
                answer = QueryAnswer.read(fetch(query));
            } catch (QueryAnswer.UnusableException e) {
                return error(query, evidence, e.getMessage(), e.remedy() != null ? e.remedy() : "Run the expr in Prometheus'"
                        + " own UI (/graph) to see the same answer, and correct the expr or the prometheusUrl.");
            } catch (IOException e) {
                context.log().debug("prometheusQuery: GET " + shown + " failed: " + e);
                String why = HttpMessages.describe(e, endpoint, context.http().timeout());
                if (!(e instanceof BoundedInput.LimitExceededException)) {
                    unreachable = "the query before it got no answer: " + why;
                }
                return error(query, evidence, why, HttpMessages.UNREACHABLE_REMEDY);
            }
            evidence.put("resultType", answer.resultType());
            evidence.put("series", answer.series().stream().limit(SHOWN_SERIES)
                    .map(s -> Map.of("labels", s.labelText(), "value", s.value())).toList());
            List<Finding> notes = new ArrayList<>();
            if (!answer.infos().isEmpty()) {
                evidence.put("infos", answer.infos());
                answer.infos().forEach(info -> notes.add(Finding.of("query '" + query.name() + "': Prometheus remarks: " + info)
                        .key(key(query) + ":info").at(shown).note().build()));
            }
            if (!answer.warnings().isEmpty()) {
                evidence.put("warnings", answer.warnings());
                return error(query, evidence, "Prometheus warned that its answer (" + answer.series().size() + " series) may lack"
                        + " data: " + String.join("; ", answer.warnings().subList(0, Math.min(3, answer.warnings().size())))
                        + ", so it could not be determined", INCOMPLETE_REMEDY, notes);
            }
            if (answer.series().isEmpty()) {
                return error(query, evidence, "the query returned no series", NO_SERIES_REMEDY, notes);
            }
            return judge(query, answer.series(), evidence, notes);
        }

        /** The answer's JSON, from a 2xx answer or from an error answer that is Prometheus' own (400, 422, 503). */
        private JsonNode fetch(PrometheusQueryConfig.Query query) throws IOException, QueryAnswer.UnusableException {
            HttpUrl url = endpoint.newBuilder().addQueryParameter("query", query.expr()).addQueryParameter("time", time)
                    .addQueryParameter("timeout", context.http().timeout().toMillis() + "ms").build();
            Request.Builder request = new Request.Builder().url(url).header("Accept", "application/json").get();
            if (!base.username().isEmpty()) {
                request.header("Authorization", Credentials.basic(base.username(), base.password()));
            }
            try (Response response = client.newCall(request.build()).execute()) {
                byte[] body = BoundedBody.read(response.body(), "the answer to query '" + query.name() + "' from " + shown);
                int code = response.code();
                if (response.isRedirect()) {
                    throw new QueryAnswer.UnusableException(shown + " answered HTTP " + code + HttpMessages.redirectTo(response, url)
                            + ", which is not followed (a login page needs"
                            + " credentials: user info in prometheusUrl, or <http><headers> when Prometheus is the <target>)");
                }
                if (code == 401 || code == 403) {
                    throw new QueryAnswer.UnusableException(shown + " answered HTTP " + code + ": Prometheus needs credentials"
                            + " this build did not send (user info in prometheusUrl, or <http><headers> when it is the <target>)");
                }
                JsonNode json;
                try {
                    json = StrictJson.MAPPER.readTree(body);
                } catch (JsonProcessingException e) {
                    json = null;
                }
                boolean prometheusError = json != null && json.isObject() && "error".equals(json.path("status").asText());
                if (code / 100 != 2 && !prometheusError) {
                    throw new QueryAnswer.UnusableException(shown + " answered HTTP " + code + ", not Prometheus' HTTP API");
                }
                if (json == null) {
                    throw new QueryAnswer.UnusableException(shown + " answered HTTP " + code + " with a body that is not JSON,"
                            + " so it is not Prometheus' HTTP API");
                }
                return json;
            }
        }

        /** The outcome from the series' values: FAIL for any outside the bounds, else ERROR for any not a number. */
        private Outcome judge(PrometheusQueryConfig.Query query, List<QueryAnswer.Series> series, Map<String, Object> evidence,
                              List<Finding> notes) {
            List<String> outside = new ArrayList<>();
            List<Finding> findings = new ArrayList<>();
            List<String> notNumbers = new ArrayList<>();
            for (QueryAnswer.Series one : series) {
                String on = one.labels().isEmpty() ? "" : " on " + one.labelText();
                if (one.number() == null) {
                    notNumbers.add(one.value() + on);
                    continue;
                }
                String shortfall = shortfall(query, one.number());
                if (shortfall != null) {
                    outside.add(one.value() + on + ", " + shortfall);
                    findings.add(Finding.of("query '" + query.name() + "' is " + one.value() + on + ", " + shortfall + " ("
                                    + Words.oneLine(query.expr(), 200) + ")")
                            .key(key(query) + (one.labels().isEmpty() ? "" : one.labelText())).at(shown)
                            .with("value", one.value()).with("labels", one.labelText()).build());
                }
            }
            findings.addAll(notes);
            if (!outside.isEmpty()) {
                return new Outcome(query, Status.FAIL, "'" + query.name() + "' is " + String.join("; ", outside.subList(0,
                        Math.min(3, outside.size()))) + (outside.size() > 3 ? " and " + (outside.size() - 3) + " more series" : ""),
                        findings, null, evidence);
            }
            if (!notNumbers.isEmpty()) {
                return error(query, evidence, "the value is " + String.join(", ", notNumbers.subList(0, Math.min(3, notNumbers.size())))
                        + ", not a number to compare, so it could not be determined", "A NaN is 0/0, a ratio over no traffic in"
                        + " the range (send traffic first, or widen the range); an Inf is a division by zero: guard the"
                        + " divisor, as in x / (y > 0).", notes);
            }
            String figures = series.stream().limit(3).map(s -> s.value() + (s.labels().isEmpty() ? "" : " on " + s.labelText()))
                    .collect(Collectors.joining(", ")) + (series.size() > 3 ? " and " + (series.size() - 3) + " more" : "");
            return new Outcome(query, Status.PASS, "'" + query.name() + "' " + figures + bounds(query), notes, null, evidence);
        }

        private Outcome error(PrometheusQueryConfig.Query query, Map<String, Object> evidence, String why, String remedy) {
            return error(query, evidence, why, remedy, List.of());
        }

        private Outcome error(PrometheusQueryConfig.Query query, Map<String, Object> evidence, String why, String remedy,
                              List<Finding> notes) {
            evidence.put("error", why);
            List<Finding> findings = new ArrayList<>();
            findings.add(Finding.of("query '" + query.name() + "' (" + Words.oneLine(query.expr(), 200) + "): " + why)
                    .key(key(query)).at(shown).build());
            findings.addAll(notes);
            return new Outcome(query, Status.ERROR, "'" + query.name() + "': " + why, findings, remedy, evidence);
        }
    }

    /** Why a value is outside the query's bounds, or {@code null} when it is within them. */
    static String shortfall(PrometheusQueryConfig.Query query, BigDecimal value) {
        if (query.max() != null && value.compareTo(query.max()) > 0) {
            return "above its max " + query.max().toPlainString();
        }
        if (query.min() != null && value.compareTo(query.min()) < 0) {
            return "below its min " + query.min().toPlainString();
        }
        return null;
    }

    private static String bounds(PrometheusQueryConfig.Query query) {
        if (query.min() == null && query.max() == null) {
            return "";
        }
        return " (" + (query.min() == null ? "" : "min " + query.min().toPlainString()) + (query.min() != null && query.max() != null
                ? ", " : "") + (query.max() == null ? "" : "max " + query.max().toPlainString()) + ")";
    }

    private static String key(PrometheusQueryConfig.Query query) {
        return "prometheusQuery:" + query.name();
    }
}

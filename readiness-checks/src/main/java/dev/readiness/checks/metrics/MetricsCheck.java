package dev.readiness.checks.metrics;

import dev.readiness.check.Check;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Claim;
import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import dev.readiness.check.Scope;
import dev.readiness.checks.http.BoundedBody;
import dev.readiness.checks.http.HttpClients;
import dev.readiness.checks.http.HttpMessages;
import dev.readiness.io.BoundedInput;
import dev.readiness.text.Words;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The {@code metrics} check: GETs the service's Prometheus (or OpenMetrics) exposition and passes when it parses and
 * holds at least one application metric: a metric beyond the defaults that a runtime or framework exposes by itself
 * ({@link #RUNTIME_PREFIXES}: the JVM, the process, the HTTP server's request timer and the like), which prove only that
 * a registry is wired, not that the application records anything. It FAILs on an exposition of runtime metrics alone
 * (or of none), and is ERROR on an endpoint that is missing (404, naming the Spring Boot setting that exposes it),
 * unreachable, redirecting (not followed), too large, or not an exposition (naming the first line it cannot read).
 * Decided in the build stage, against the target as it runs then (a staging service), like {@code health}.
 *
 * <p>{@code metrics.connectionPool} supports "Database connection pooling configured": a connection pool's metrics
 * (HikariCP, Spring's {@code jdbc_connections_*}, Agroal, R2DBC pool) show a pool is there; without them it is SKIPPED,
 * since a missing metric does not show that no pool is.
 */
public final class MetricsCheck implements Check<MetricsConfig> {

    static final String CONNECTION_POOL = "metrics.connectionPool";

    /**
     * Name prefixes of the metrics runtimes and frameworks expose without the application doing anything: Micrometer's
     * JVM, process, system, logging, executor and startup binders, the servlet containers', Spring Boot's HTTP server and
     * client timers, the connection pools', the Go, Node.js and Python clients' defaults, and the exporter's own; and the
     * binders a library brings along by being on the class path (Spring's caches and Data repositories, Hibernate, the
     * Redis, Kafka, RabbitMQ, MongoDB and gRPC clients, Reactor Netty, Resilience4j, Vert.x, Ktor, Jersey, Commons Pool)
     * and OpenTelemetry's resource info. A name the application chose that starts so is taken for the runtime's: the
     * check then fails rather than pass on a library's metric.
     */
    static final List<String> RUNTIME_PREFIXES = List.of("jvm_", "process_", "system_", "go_", "nodejs_", "python_", "jetty_",
            "tomcat_", "undertow_", "netty_", "hikaricp_", "jdbc_", "agroal_", "r2dbc_", "http_server_requests", "http_client_requests",
            "logback_", "log4j2_", "executor_", "disk_", "application_started_time", "application_ready_time", "spring_",
            "tasks_scheduled_execution", "promhttp_", "scrape_", "cache_", "data_repository_invocations", "hibernate_", "lettuce_",
            "kafka_", "rabbitmq_", "mongodb_driver_", "grpc_server_", "grpc_client_", "reactor_netty_", "resilience4j_", "vertx_",
            "ktor_", "jersey_", "commons_pool2_", "target_info", "otel_scope_info");

    /** The metrics that show a database connection pool, by the label naming the pool. */
    static final Map<String, String> POOL_METRICS = Map.of("hikaricp_connections_max", "pool", "jdbc_connections_max", "name",
            "agroal_max_used_count", "datasource", "r2dbc_pool_max_allocated_connections", "name");

    private static final String ACCEPT = "application/openmetrics-text;version=1.0.0;q=0.9, text/plain;version=0.0.4;q=0.8, */*;q=0.1";
    private static final int NAMED = 5;

    @Override
    public String id() {
        return "metrics";
    }

    @Override
    public String description() {
        return "GETs the service's Prometheus exposition and verifies it parses and holds at least one application metric"
                + " besides the runtime's defaults (JVM, process, HTTP server requests, connection pools).";
    }

    @Override
    public List<String> phrases() {
        return List.of("Metrics collection configured");
    }

    @Override
    public List<Claim> claims() {
        return List.of(Claim.settles(id(), description(), phrases()),
                Claim.supports(CONNECTION_POOL, "the exposition holds a database connection pool's metrics (HikariCP,"
                        + " jdbc_connections, Agroal, R2DBC pool); without them the claim is skipped, not failed",
                        List.of("Database connection pooling configured")));
    }

    @Override
    public Class<MetricsConfig> configType() {
        return MetricsConfig.class;
    }

    @Override
    public Scope scope() {
        return Scope.BUILD;
    }

    @Override
    public Result run(MetricsConfig config, CheckContext context) {
        HttpUrl url = config.url() != null ? HttpUrl.parse(config.url()) : HttpClients.under(context.http().target(), "/actuator/prometheus");
        if (url == null) {
            return Result.error(config.url() == null ? "metrics has no url and no <target> is configured"
                            : "metrics cannot call '" + Words.oneLine(Words.withoutUserInfo(config.url()), 200) + "': it is not an http(s) URL")
                    .remedy("Set <target> to the deployed service's base URL, or give the metrics check a <url>.").build();
        }
        String shown = HttpMessages.display(url);
        OkHttpClient client;
        try {
            client = HttpClients.forSettings(context.http());
        } catch (IOException e) {
            return HttpClients.clientUnavailable("metrics cannot call " + shown, e).build();
        }
        String text;
        try (Response response = client.newCall(new Request.Builder().url(url).header("Accept", ACCEPT).get().build()).execute()) {
            Result unusable = unusable(response, url, shown);
            if (unusable != null) {
                return unusable;
            }
            text = new String(BoundedBody.read(response.body(), "the metrics of " + shown), StandardCharsets.UTF_8);
        } catch (IOException e) {
            context.log().debug("metrics: GET " + shown + " failed: " + e);
            return Result.error(HttpMessages.describe(e, url, context.http().timeout())).evidence("url", shown)
                    .remedy(e instanceof BoundedInput.LimitExceededException
                            ? "Point the metrics <url> at the Prometheus endpoint itself; an exposition over 1 MiB usually has a"
                            + " label of unbounded cardinality (a user id, a raw path), which Prometheus would choke on too."
                            : HttpMessages.UNREACHABLE_REMEDY).build();
        }
        Exposition exposition;
        try {
            exposition = Exposition.parse(text, POOL_METRICS.keySet());
        } catch (Exposition.InvalidException e) {
            return Result.error(shown + " is not a Prometheus exposition: " + e.getMessage()).evidence("url", shown)
                    .evidence("line", e.line)
                    .remedy("Point the metrics <url> at the Prometheus endpoint (Spring Boot: /actuator/prometheus, not /actuator/metrics),"
                            + " which answers the text format: name{label=\"value\"} 1.0").build();
        }
        return judge(exposition, shown);
    }

    /** The ERROR of an answer that holds no exposition (not 2xx), or {@code null} when it may. */
    private static Result unusable(Response response, HttpUrl url, String shown) {
        int code = response.code();
        if (code >= 200 && code < 300) {
            return null;
        }
        Result.Builder error;
        if (code == 404) {
            error = Result.error(shown + " answered HTTP 404: the service exposes no Prometheus endpoint there")
                    .remedy("Expose it: add io.micrometer:micrometer-registry-prometheus and set"
                            + " management.endpoints.web.exposure.include=prometheus (Spring Boot), or set the metrics <url>.");
        } else if (response.isRedirect()) {
            error = Result.error(shown + " answered HTTP " + code + HttpMessages.redirectTo(response, url)
                            + ", which is not followed: the metrics must answer at the url itself")
                    .remedy("Point the metrics <url> at the Prometheus endpoint itself; a redirect to a login page means it"
                            + " needs credentials (<http><headers>).");
        } else if (code == 401 || code == 403) {
            error = Result.error(shown + " answered HTTP " + code + ": the metrics need credentials this build did not send")
                    .remedy("Give the build credentials for the endpoint in <http><headers> or <http><server>.");
        } else {
            error = Result.error(shown + " answered HTTP " + code + ", so its metrics could not be read")
                    .remedy("Check the service's log for why the Prometheus endpoint fails.");
        }
        return error.evidence("url", shown).evidence("httpStatus", code).build();
    }

    private static Result judge(Exposition exposition, String shown) {
        Set<String> application = new TreeSet<>();
        Set<String> runtime = new TreeSet<>();
        for (String name : exposition.samplesByName().keySet()) {
            (RUNTIME_PREFIXES.stream().anyMatch(name::startsWith) ? runtime : application).add(name);
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("url", shown);
        evidence.put("metrics", exposition.samplesByName().size());
        evidence.put("samples", exposition.samplesByName().values().stream().mapToInt(Integer::intValue).sum());
        evidence.put("applicationMetrics", List.copyOf(application).subList(0, Math.min(application.size(), 20)));
        Result.Builder main;
        if (!application.isEmpty()) {
            main = Result.pass(shown + " exposes " + Words.plural(application.size(), "application metric") + " (" + named(application)
                    + ") besides " + Words.plural(runtime.size(), "runtime metric"));
        } else {
            main = Result.fail(exposition.samplesByName().isEmpty() ? shown + " exposes no metric at all"
                            : shown + " exposes only the runtime's own metrics (" + named(runtime) + "), no application metric")
                    .finding(Finding.of("no application metric among the " + Words.plural(runtime.size(), "metric") + " of " + shown)
                            .key("metrics:no-application-metric").at(shown).build())
                    .remedy("Record what the service does with Micrometer (a Counter of orders placed, a Timer of payments) or"
                            + " another Prometheus client; the JVM's and the HTTP server's metrics come by themselves.");
        }
        main.measured(Words.plural(application.size(), "application metric")).expected("at least 1 application metric");
        evidence.forEach(main::evidence);
        return main.claim(CONNECTION_POOL, pools(exposition)).build();
    }

    private static Result pools(Exposition exposition) {
        List<String> pools = new ArrayList<>();
        for (Exposition.Sample sample : exposition.kept()) {
            String pool = sample.labels().getOrDefault(POOL_METRICS.get(sample.name()), "unnamed");
            String max = Double.isFinite(sample.value()) ? java.math.BigDecimal.valueOf(sample.value()).stripTrailingZeros().toPlainString()
                    : String.valueOf(sample.value());
            pools.add(pool + " (" + sample.name() + " " + max + ")");
        }
        if (pools.isEmpty()) {
            return Result.skipped("no connection pool metric (" + String.join(", ", new TreeSet<>(POOL_METRICS.keySet()))
                    + ") in the exposition: it cannot tell whether the service pools its database connections").build();
        }
        return Result.pass("the exposition shows " + Words.plural(pools.size(), "connection pool") + ": " + String.join(", ", pools))
                .evidence("pools", pools).build();
    }

    private static String named(Set<String> names) {
        return names.stream().limit(NAMED).collect(Collectors.joining(", ")) + (names.size() > NAMED ? ", …" : "");
    }
}

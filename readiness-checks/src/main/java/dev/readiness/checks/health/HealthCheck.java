package dev.readiness.checks.health;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The {@code health} check: GETs the service's health endpoint and passes on a 2xx answer whose
 * body says the service is healthy — {@code UP} in Spring Boot Actuator (v2 or v3) or MicroProfile
 * Health, {@code pass} or {@code warn} in {@code application/health+json}, or one word such as
 * {@code ok} in plain text (Kubernetes-style {@code /healthz}). It fails on
 * {@code DOWN}, {@code OUT_OF_SERVICE}, {@code fail} or another unhealthy status, on HTTP 5xx and
 * on 404, naming each unhealthy component with its error detail. An unreachable or silent host, a
 * body over {@link HttpClients#MAX_BODY_BYTES}, a body declared JSON that does not parse, a
 * redirect loop and an answer that needs credentials are ERRORs. With {@code waitSeconds} it tries
 * again, with backoff, until the endpoint is healthy or the time is up.
 *
 * <p>A 2xx alone never passes, because the gate fails closed: a body that does not parse (it may
 * have been cut short, and the part lost may have said DOWN), JSON that gives a key twice
 * ({@code {"status":"DOWN","status":"UP"}}), JSON without a {@code status} (typically another
 * endpoint, such as Actuator's {@code /actuator} list of links), an HTML page (typically the login
 * page a protected endpoint redirects to), and an empty or other body are ERRORs. A UTF-8 byte
 * order mark before the body is skipped. Redirects are followed on the same host only, and never from
 * HTTPS to HTTP, since the configured headers (credentials) go with every request.
 */
public final class HealthCheck implements Check<HealthConfig> {

    static final String INTEGRATIONS = "health.integrations";
    private static final int LISTED_COMPONENTS = 20;
    private static final String SHOW_COMPONENTS = "management.endpoint.health.show-components=always";

    /** The most redirects followed, each recorded. */
    static final int MAX_REDIRECTS = 5;
    private static final long FIRST_PAUSE_MS = 250;
    private static final long LONGEST_PAUSE_MS = 5000;
    private static final int NAMED_IN_SUMMARY = 3;
    private static final String ACCEPT = "application/json, application/health+json;q=0.9, */*;q=0.5";
    private static final String UNREACHABLE_REMEDY = HttpMessages.UNREACHABLE_REMEDY
            + " For a service that is still starting, set the health check's waitSeconds.";

    @Override
    public String id() {
        return "health";
    }

    @Override
    public String description() {
        return "GETs the service's health endpoint and verifies it answers 2xx with a healthy status"
                + " (Spring Boot Actuator, MicroProfile Health or application/health+json), naming the components that are down.";
    }

    @Override
    public List<String> phrases() {
        return List.of("Health check endpoints implemented", "Health checks verified");
    }

    @Override
    public List<Claim> claims() {
        return List.of(Claim.settles(id(), description(), phrases()),
                Claim.settles(INTEGRATIONS, "each of the requiredComponents is present in the health answer and UP",
                        List.of("External service integrations verified")).inStage(Stage.POST_DEPLOY));
    }

    @Override
    public Class<HealthConfig> configType() {
        return HealthConfig.class;
    }

    @Override
    public Scope scope() {
        return Scope.BUILD;
    }

    @Override
    public Result run(HealthConfig config, CheckContext context) {
        String configured = config.url() != null ? config.url() : defaultUrl(context.http().target());
        if (configured == null) {
            return Result.error("health has no url and no <target> is configured")
                    .remedy("Set <target> to the deployed service's base URL, or give the health check a <url>.")
                    .build();
        }
        HttpUrl url = HttpUrl.parse(configured);
        if (url == null) {
            return Result.error("health cannot call '" + Words.oneLine(configured, 200) + "': it is not an http(s) URL")
                    .remedy("Set <target> (or the health <url>) to an http(s) URL.")
                    .build();
        }
        OkHttpClient client;
        try {
            client = HttpClients.forSettings(context.http());
        } catch (IOException e) {
            return HttpClients.clientUnavailable("health cannot call " + HttpMessages.display(url), e)
                    .build();
        }
        Duration wait = Duration.ofSeconds(config.waitSeconds());
        long start = System.nanoTime();
        long deadline = start + wait.toNanos();
        long pause = FIRST_PAUSE_MS;
        int attempts = 0;
        Result last;
        while (true) {
            attempts++;
            last = attempt(client, url, context, config.requiredComponents());
            long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (last.status() == Status.PASS || remainingMs <= 0) {
                break;
            }
            long sleep = Math.min(pause, remainingMs);
            context.log().info("health: " + last.summary() + "; trying again in " + Words.duration(Duration.ofMillis(sleep)));
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            pause = Math.min(pause * 2, LONGEST_PAUSE_MS);
        }
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        String summary = last.status() == Status.PASS || wait.isZero() ? last.summary()
                : last.summary() + "; still so after waiting " + Words.duration(wait) + " (" + attempts + " attempts)";
        Result.Builder result = Result.of(last.status(), summary).measured(last.measured()).expected(last.expected())
                .findings(last.findings()).remedy(last.remedy());
        last.evidence().forEach(result::evidence);
        last.claims().forEach(result::claim);
        if (config.requiredComponents().isEmpty() && context.isBound(INTEGRATIONS)) {
            result.claim(INTEGRATIONS, Result.error("health has no requiredComponents, so which integrations must be up is not known")
                    .remedy("List the components the service depends on: <requiredComponents><component>db</component>"
                            + "</requiredComponents>.").build());
        }
        return result.evidence("attempts", attempts).evidence("elapsedMs", elapsedMs).build();
    }

    /** One GET, following same-host redirects one hop at a time. */
    private static Result attempt(OkHttpClient client, HttpUrl url, CheckContext context, List<String> required) {
        String shown = HttpMessages.display(url);
        List<Map<String, Object>> redirects = new ArrayList<>();
        Set<HttpUrl> visited = new LinkedHashSet<>(List.of(url));
        HttpUrl current = url;
        while (true) {
            Call call = client.newCall(new Request.Builder().url(current).header("Accept", ACCEPT).get().build());
            try (Response response = call.execute()) {
                int code = response.code();
                if (response.isRedirect()) {
                    String location = response.header("Location");
                    HttpUrl next = location == null ? null : current.resolve(location);
                    if (next == null) {
                        return error(shown, redirects, code, HttpMessages.display(current) + " answered HTTP " + code
                                        + " without a usable Location header, so its health could not be read",
                                "Point the health <url> at the health endpoint itself.");
                    }
                    Map<String, Object> hop = new LinkedHashMap<>();
                    hop.put("status", code);
                    hop.put("location", HttpMessages.display(next));
                    redirects.add(hop);
                    if (!visited.add(next)) {
                        return error(shown, redirects, code, shown + " redirects in a loop: " + visited.stream()
                                        .map(HttpMessages::display).collect(Collectors.joining(" -> ")) + " -> " + HttpMessages.display(next),
                                "Fix the redirect rules of the service (or its proxy) so the health endpoint answers itself.");
                    }
                    if (!next.host().equalsIgnoreCase(url.host()) || (current.isHttps() && !next.isHttps())) {
                        return error(shown, redirects, code, HttpMessages.display(current) + " redirects to " + HttpMessages.display(next)
                                        + ", which is not followed: the configured headers are only sent to " + url.host()
                                        + " and never over plain HTTP once HTTPS was used",
                                "Point the health <url> at the health endpoint itself; a redirect to a login page means the"
                                        + " endpoint needs credentials (<http><headers>).");
                    }
                    if (redirects.size() > MAX_REDIRECTS) {
                        return error(shown, redirects, code, shown + " redirects more than " + MAX_REDIRECTS + " times",
                                "Point the health <url> at the health endpoint itself.");
                    }
                    current = next;
                    continue;
                }
                byte[] body = BoundedBody.read(response.body(), "the response of " + HttpMessages.display(current));
                return judge(shown, redirects, code, response.header("Content-Type"), body, required);
            } catch (IOException e) {
                context.log().debug("health: GET " + HttpMessages.display(current) + " failed: " + e);
                return Result.error(HttpMessages.describe(e, current, context.http().timeout()))
                        .evidence("url", shown)
                        .evidence("host", current.host())
                        .evidence("port", current.port())
                        .evidence("timeout", Words.duration(context.http().timeout()))
                        .evidence("redirects", redirects.isEmpty() ? null : List.copyOf(redirects))
                        .remedy(e instanceof javax.net.ssl.SSLException
                                ? "Check the service's certificate (the tls check names what is wrong); for a private CA, add it to <http><trustCertificates>."
                                : e instanceof BoundedInput.LimitExceededException
                                ? "Point the health <url> at the health endpoint itself; a health answer is a few KiB at most."
                                : UNREACHABLE_REMEDY)
                        .build();
            }
        }
    }

    /**
     * The target's {@code /actuator/health}: appended to the target's path, never to its query
     * ({@code https://h/app?env=x} gives {@code https://h/app/actuator/health?env=x}).
     */
    private static String defaultUrl(java.net.URI target) {
        HttpUrl url = HttpClients.under(target, "/actuator/health");
        return url == null ? null : url.toString();
    }

    /** Judges the final answer: its status code, then what its body says. */
    private static Result judge(String shown, List<Map<String, Object>> redirects, int code, String contentType, byte[] read,
                                List<String> required) {
        byte[] bytes = withoutByteOrderMark(read);
        MediaType type = contentType == null ? null : MediaType.parse(contentType);
        boolean declaredJson = type != null && (type.subtype().equals("json") || type.subtype().endsWith("+json"));
        JsonNode tree = null;
        String invalidJson = null;
        if (declaredJson || looksLikeJson(bytes)) {
            try {
                tree = StrictJson.MAPPER.readTree(bytes);
            } catch (JsonProcessingException e) {
                invalidJson = Words.oneLine(e.getOriginalMessage(), 200)
                        + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
            } catch (IOException e) {
                invalidJson = Words.oneLine(String.valueOf(e.getMessage()), 200);
            }
        }
        HealthBody body = tree != null ? HealthBody.parse(tree, type != null && type.subtype().equals("health+json"))
                : invalidJson == null && !declaredJson ? HealthBody.plainText(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)) : null;
        String bodyNote = body != null ? null
                : bytes.length == 0 ? "empty"
                : tree != null ? "JSON without status"
                : "not JSON";
        Result.Builder result;
        if (code >= 200 && code < 300) {
            if (declaredJson && invalidJson != null) {
                result = Result.error(shown + " answered HTTP " + code + " with Content-Type " + type.type() + "/" + type.subtype()
                                + ", but the body is not valid JSON (" + invalidJson + "), so its health could not be read")
                        .remedy("Make the health endpoint answer valid JSON; a body cut short often means a proxy or the"
                                + " service failed while writing it.");
            } else if (body == null && tree != null) {
                result = Result.error(shown + " answered HTTP " + code + " with JSON that holds no health status (no text"
                                + " \"status\" field), so its health could not be read")
                        .remedy("Point the health <url> at the health endpoint itself (Spring Boot: /actuator/health, not"
                                + " /actuator); it answers a status such as {\"status\":\"UP\"}.");
            } else if (body == null && type != null && type.type().equals("text") && type.subtype().equals("html")) {
                result = Result.error(shown + " answered HTTP " + code + " with an HTML page, not a health status"
                                + (redirects.isEmpty() ? "" : " (after " + redirects.size() + " redirect" + (redirects.size() == 1 ? "" : "s") + ")"))
                        .remedy("Point the health <url> at the health endpoint (Spring Boot: /actuator/health); an HTML page"
                                + " is often a login page, so send credentials with <http><headers>.");
            } else if (body == null) {
                result = Result.error(shown + " answered HTTP " + code + " with a body that is " + bodyNote
                                + (invalidJson == null ? "" : " (" + invalidJson + ")") + ", so its health could not be read")
                        .remedy("Point the health <url> at an endpoint that states a status: JSON such as {\"status\":\"UP\"}"
                                + " (Spring Boot: /actuator/health) or one word such as ok.");
            } else {
                result = judgeStatus(shown, code, body);
            }
        } else if (code >= 500) {
            result = body == null || body.health() == HealthBody.Health.HEALTHY
                    ? Result.fail(shown + " answered HTTP " + code + (body == null ? "" : " with status " + body.status())
                            + ", but expected HTTP 2xx with a healthy status")
                    .measured("HTTP " + code)
                    .expected("HTTP 2xx, status UP")
                    .remedy("Look at the service's logs and its health details (Spring Boot: management.endpoint.health.show-details)"
                            + " to see which part is down, fix it and deploy again.")
                    : judgeStatus(shown, code, body);
        } else if (code == 404 || code == 410) {
            result = Result.fail("there is no health endpoint at " + shown + ": it answered HTTP " + code)
                    .measured("HTTP " + code)
                    .expected("HTTP 2xx, status UP")
                    .remedy("Expose a health endpoint (Spring Boot: add spring-boot-starter-actuator and include 'health' in"
                            + " management.endpoints.web.exposure.include; MicroProfile: /health), or set the health <url> to where it is.");
        } else if (code == 401 || code == 403 || code == 407) {
            result = Result.error(shown + " answered HTTP " + code + ", so its health could not be read: the endpoint needs credentials")
                    .remedy("Send credentials with <http><headers> (for example an Authorization header taken from an environment"
                            + " variable), or let the health endpoint answer without authentication.");
        } else {
            result = Result.error(shown + " answered HTTP " + code + ", so its health could not be determined")
                    .remedy("Point the health <url> at the health endpoint itself and check that it answers a plain GET.");
        }
        result.evidence("url", shown)
                .evidence("httpStatus", code)
                .evidence("redirects", redirects.isEmpty() ? null : List.copyOf(redirects));
        if (body != null) {
            result.evidence("status", body.status())
                    .evidence("format", body.format().label)
                    .evidence("components", body.components().isEmpty() ? null : body.components())
                    .evidence("componentsOmitted", body.omittedComponents() == 0 ? null : body.omittedComponents());
        } else {
            result.evidence("body", bodyNote);
        }
        if (!required.isEmpty()) {
            result.claim(INTEGRATIONS, integrations(shown, code, body, required));
        }
        return result.build();
    }

    /**
     * {@code health.integrations}: each required component present and healthy. Absent FAILs naming the components there
     * are; an answer without component details (Spring Boot's {@code show-components: never}) is ERROR.
     */
    private static Result integrations(String shown, int code, HealthBody body, List<String> required) {
        if (body == null) {
            return Result.error("the health answer of " + shown + " (HTTP " + code + ") could not be read, so whether "
                    + String.join(", ", required) + " are up could not be determined").remedy("See the health claim's summary.").build();
        }
        Map<String, String> components = body.components();
        if (components.isEmpty()) {
            return Result.error(shown + " answered " + body.status() + " without component details, so whether "
                            + String.join(", ", required) + " are up could not be determined")
                    .remedy("Let the health endpoint show its components: " + SHOW_COMPONENTS + " (or when-authorized, with"
                            + " credentials in <http><headers>).").build();
        }
        String listed = components.keySet().stream().limit(LISTED_COMPONENTS).collect(Collectors.joining(", "))
                + (components.size() > LISTED_COMPONENTS || body.omittedComponents() > 0 ? ", …" : "");
        List<Finding> findings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String name : required) {
            String status = components.get(name);
            if (status == null) {
                String problem = "no component '" + name + "' in the health response; components: " + listed;
                problems.add(problem);
                findings.add(Finding.of(problem).key("health.integrations:" + name).at(shown).with("component", name).build());
            } else if (HealthBody.Health.of(status) != HealthBody.Health.HEALTHY) {
                String detail = body.problems().stream().filter(p -> p.path().equals(name) || p.path().startsWith(name + "/"))
                        .map(p -> p.path().equals(name) ? p.detail() : p.path() + " is " + p.status()
                                + (p.detail() == null ? "" : ": " + p.detail())).filter(d -> d != null).findFirst().orElse(null);
                String problem = name + " is " + status + (detail == null ? "" : " (" + Words.oneLine(detail, 200) + ")");
                problems.add(problem);
                findings.add(Finding.of(problem).key("health.integrations:" + name).at(shown).with("component", name)
                        .with("status", status).build());
            }
        }
        String expected = String.join(", ", required) + " present and UP";
        if (findings.isEmpty()) {
            return Result.pass(String.join(", ", required) + (required.size() == 1 ? " is" : " are") + " UP in the health answer of " + shown)
                    .measured(required.size() + " of " + required.size() + " UP").expected(expected).build();
        }
        if (body.omittedComponents() > 0 && findings.stream().noneMatch(f -> f.evidence().containsKey("status"))) {
            return Result.error(shown + " answered more than " + HealthBody.MAX_COMPONENTS + " components, and "
                    + String.join("; ", problems) + ": the rest were not read").findings(findings)
                    .remedy("Name the required components by their full paths, as the health answer nests them.").build();
        }
        return Result.fail(String.join("; ", problems)).measured((required.size() - findings.size()) + " of " + required.size() + " UP")
                .expected(expected).findings(findings)
                .remedy("Fix the integrations named (their error detail says why) and deploy again; if a component is named"
                        + " differently, correct requiredComponents to the names the health answer shows.").build();
    }

    /** A body with a status: healthy or warn passes on a 2xx, anything else fails naming its unhealthy components. */
    private static Result.Builder judgeStatus(String shown, int code, HealthBody body) {
        HealthBody.Health health = body.health();
        String expected = body.format() == HealthBody.Format.HEALTH_JSON ? "pass" : "UP";
        boolean success = code >= 200 && code < 300;
        if (success && health == HealthBody.Health.HEALTHY) {
            return Result.pass("health of " + shown + " is " + body.status() + " (HTTP " + code + ")")
                    .measured(body.status() + " (HTTP " + code + ")")
                    .expected(expected + ", HTTP 2xx");
        }
        if (success && health == HealthBody.Health.WARN) {
            Result.Builder warn = Result.pass("health of " + shown + " is " + body.status() + " (HTTP " + code
                            + "): healthy, with concerns" + (body.warnings().isEmpty() ? "" : " about " + names(body.warnings(), body.warnings().size())))
                    .measured(body.status() + " (HTTP " + code + ")")
                    .expected(expected + " or warn, HTTP 2xx");
            body.warnings().forEach(w -> warn.finding(finding(shown, w)));
            return warn;
        }
        Result.Builder fail = Result.fail("health of " + shown + " is " + body.status() + " (HTTP " + code + "), but expected "
                        + expected + (body.problems().isEmpty() ? "" : ": " + names(body.problems(), body.problemCount())))
                .measured(body.status() + " (HTTP " + code + ")")
                .expected(expected + ", HTTP 2xx");
        body.problems().forEach(p -> fail.finding(finding(shown, p)));
        return fail.remedy(body.problems().isEmpty()
                ? "Look at the service's logs and its health details (Spring Boot: management.endpoint.health.show-details)"
                        + " to see which part is down, fix it and deploy again."
                : "Fix the components named above (their error detail says why) and deploy again; if the service is still"
                        + " starting, set the health check's waitSeconds so the gate waits for it.");
    }

    /** "db is DOWN (java.sql.SQLException: timeout), diskSpace is DOWN and 4 more". */
    private static String names(List<HealthBody.Component> components, int total) {
        String named = components.stream().limit(NAMED_IN_SUMMARY)
                .map(c -> c.path() + " is " + c.status() + (c.detail() == null ? "" : " (" + Words.oneLine(c.detail(), 120) + ")"))
                .collect(Collectors.joining(", "));
        int more = total - Math.min(NAMED_IN_SUMMARY, components.size());
        return more > 0 ? named + " and " + more + " more" : named;
    }

    private static Finding finding(String shown, HealthBody.Component component) {
        return Finding.of(component.path() + " is " + component.status() + (component.detail() == null ? "" : ": " + component.detail()))
                .key("health:" + component.path())
                .at(shown)
                .with("component", component.path())
                .with("status", component.status())
                .with("error", component.detail())
                .build();
    }

    private static Result error(String shown, List<Map<String, Object>> redirects, int code, String summary, String remedy) {
        return Result.error(summary)
                .evidence("url", shown)
                .evidence("httpStatus", code)
                .evidence("redirects", List.copyOf(redirects))
                .remedy(remedy)
                .build();
    }

    /** The bytes after a UTF-8 byte order mark, which would otherwise hide a JSON body. */
    private static byte[] withoutByteOrderMark(byte[] bytes) {
        boolean bom = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF;
        return bom ? java.util.Arrays.copyOfRange(bytes, 3, bytes.length) : bytes;
    }

    private static boolean looksLikeJson(byte[] bytes) {
        for (byte b : bytes) {
            if (!Character.isWhitespace(b)) {
                return b == '{' || b == '[';
            }
        }
        return false;
    }
}

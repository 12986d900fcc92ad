package dev.readiness.checks.ratelimit;

import dev.readiness.check.Check;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Claim;
import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import dev.readiness.check.Scope;
import dev.readiness.check.Stage;
import dev.readiness.checks.http.BoundedBody;
import dev.readiness.checks.http.HttpClients;
import dev.readiness.checks.http.HttpMessages;
import dev.readiness.text.Words;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The {@code rateLimit} check: after a deployment, sends a bounded burst of GET requests, one after another, to one
 * endpoint of the target and passes at the first answer that shows a limit: a 429 or a 503 with {@code Retry-After} after
 * at least one 2xx, or a 2xx with a header stating the limit ({@link #LIMIT_HEADERS}); the burst stops there. It FAILs
 * when every request of the burst answered 2xx without such a header (no limit up to that many requests), and is ERROR
 * when the first answer is already a 429 or 503 (a limit spent before the burst, a block or an unavailable service look
 * the same), when the endpoint answers otherwise (a redirect, 401, 404, a 5xx without {@code Retry-After}), cannot be
 * reached, or the burst outlasts {@link #BURST_LIMIT}. Opt-in: it sends real traffic to a live service, after the run's other checks have finished.
 */
public final class RateLimitCheck implements Check<RateLimitConfig> {

    /**
     * The response fields that state a limit: the IETF httpapi RateLimit draft's {@code RateLimit-Policy} and
     * {@code RateLimit} (draft 07 and later), its earlier {@code RateLimit-Limit}, and the common {@code X-RateLimit-Limit}.
     */
    static final List<String> LIMIT_HEADERS = List.of("RateLimit-Policy", "RateLimit", "RateLimit-Limit", "X-RateLimit-Limit");
    /** The longest the whole burst may take. */
    static final Duration BURST_LIMIT = Duration.ofSeconds(30);

    @Override
    public String id() {
        return "rateLimit";
    }

    @Override
    public String description() {
        return "a burst of GET requests to the endpoint meets a limit: a 429 or a 503 with Retry-After after at least one 2xx"
                + " answer, or a 2xx answer whose RateLimit-Policy, RateLimit, RateLimit-Limit or X-RateLimit-Limit header"
                + " states one";
    }

    @Override
    public List<String> phrases() {
        return List.of("API rate limiting implemented");
    }

    @Override
    public List<Claim> claims() {
        return List.of(Claim.settles(id(), description(), phrases()).inStage(Stage.POST_DEPLOY));
    }

    @Override
    public Class<RateLimitConfig> configType() {
        return RateLimitConfig.class;
    }

    @Override
    public Scope scope() {
        return Scope.BUILD;
    }

    /** The burst is load: it goes after the run's other probes, so it neither meets their traffic nor limits them. */
    @Override
    public boolean loadsTarget() {
        return true;
    }

    @Override
    public Result run(RateLimitConfig config, CheckContext context) {
        HttpUrl url = HttpClients.under(context.http().target(), config.path());
        if (url == null) {
            return Result.error(context.http().target() == null ? "rateLimit has no <target> to send its burst to"
                            : "rateLimit: the path '" + Words.oneLine(config.path(), 100) + "' makes no URL under the <target>")
                    .remedy("Set <target> to the deployed service's base URL and path to one of its endpoints.").build();
        }
        OkHttpClient client;
        try {
            client = HttpClients.forSettings(context.http());
        } catch (IOException e) {
            return HttpClients.clientUnavailable("rateLimit cannot call " + HttpMessages.display(url), e).build();
        }
        return new Burst(client, url, config.requests(), context).send();
    }

    /** One burst: its requests in order, what each answered, and the verdict from the first answer that shows a limit. */
    private static final class Burst {
        private final OkHttpClient client;
        private final HttpUrl url;
        private final String shown;
        private final int requests;
        private final CheckContext context;
        private final Map<Integer, Integer> statuses = new TreeMap<>();
        private final long start = System.nanoTime();
        private int sent;

        Burst(OkHttpClient client, HttpUrl url, int requests, CheckContext context) {
            this.client = client;
            this.url = url;
            this.shown = HttpMessages.display(url);
            this.requests = requests;
            this.context = context;
        }

        Result send() {
            long deadline = start + BURST_LIMIT.toNanos();
            Request request = new Request.Builder().url(url).header("Accept", "*/*").get().build();
            while (sent < requests) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return error("only " + sent + " of " + requests + " requests to GET " + shown + " were answered within "
                            + Words.duration(BURST_LIMIT) + ", too slowly for a burst to show a limit",
                            "Point path at an endpoint that answers quickly, or lower requests.");
                }
                Call call = client.newCall(request);
                call.timeout().timeout(Math.min(left, context.http().timeout().toNanos()), TimeUnit.NANOSECONDS);
                sent++;
                try (Response response = call.execute()) {
                    BoundedBody.read(response.body(), "the answer to request " + sent + " from " + shown);
                    statuses.merge(response.code(), 1, Integer::sum);
                    Result verdict = judge(response);
                    if (verdict != null) {
                        return verdict;
                    }
                } catch (IOException e) {
                    context.log().debug("rateLimit: GET " + shown + " failed: " + e);
                    return error("request " + sent + " of " + requests + " to GET " + shown + " got no answer: "
                            + HttpMessages.describe(e, url, context.http().timeout()), HttpMessages.UNREACHABLE_REMEDY);
                }
            }
            String answered = statuses.size() == 1 ? "all answered " + statuses.keySet().iterator().next()
                    : "all answered 2xx (" + counts() + ")";
            return evidence(Result.fail(requests + " requests to GET " + shown + " in " + elapsed() + " " + answered
                            + " with no RateLimit header: no limit observed up to " + Words.plural(requests, "request"))
                    .finding(Finding.of("GET " + shown + ": " + Words.plural(requests, "request") + " in " + elapsed() + ", no 429,"
                            + " no 503 with Retry-After, no " + String.join(", ", LIMIT_HEADERS) + " header")
                            .key("rateLimit:" + url.encodedPath()).at(shown).with("requests", requests).build())
                    .measured(requests + " of " + requests + " answered 2xx without a limit")
                    .remedy("Put a rate limiter in front of the endpoint that answers 429 with Retry-After (an API gateway's,"
                            + " nginx's limit_req with limit_req_status 429, Bucket4j, Resilience4j's RateLimiter), or have it"
                            + " announce its limit in RateLimit-Policy; if the limit is above the burst, raise requests (at most "
                            + RateLimitConfig.MAX_REQUESTS + ") or point path at a stricter endpoint.")).build();
        }

        /**
         * The verdict on this answer: PASS when it shows a limit (a refusal only after a 2xx), ERROR when it fails otherwise
         * or refuses the very first request, {@code null} to go on.
         */
        private Result judge(Response response) {
            int code = response.code();
            String retryAfter = response.header("Retry-After");
            String limit = limitHeader(response);
            String request = "request " + sent + " of " + requests + " to GET " + shown;
            String before = sent == 1 ? "" : " after " + Words.plural(sent - 1, "answer") + " (" + counts(code) + ")";
            String told = (retryAfter == null ? "" : "Retry-After: " + Words.oneLine(retryAfter, 60))
                    + (retryAfter != null && limit != null ? "; " : "") + (limit == null ? "" : limit);
            boolean refused = code == 429 || code == 503 && retryAfter != null;
            if (refused && statuses.keySet().stream().noneMatch(c -> c / 100 == 2)) {
                return refusedFirst(code, told);
            }
            if (refused) {
                return evidence(Result.pass(request + " answered " + code + (code == 429 ? " Too Many Requests" : " with Retry-After")
                        + before + (told.isEmpty() ? "" : "; " + told))).evidence("limitedAt", sent)
                        .evidence("limitHeader", limit).measured(code + " at request " + sent + " of " + requests).build();
            }
            if (code / 100 == 2 && limit != null) {
                return evidence(Result.pass(request + " answered " + code + " stating a limit: " + limit + "; the burst stopped"
                        + " there")).evidence("limitHeader", limit).measured("a limit header at request " + sent + " of " + requests)
                        .build();
            }
            if (code / 100 == 2) {
                return null;
            }
            if (response.isRedirect()) {
                return error(request + " answered " + code + HttpMessages.redirectTo(response, url) + ", which is not followed", "Point path at the endpoint itself, not at a redirect.");
            }
            return error(request + " answered " + code + (code >= 500 ? " without Retry-After" : "") + before
                            + ", so whether it is rate limited could not be determined",
                    code == 401 || code == 403 ? "Give the build credentials for the target in <http><headers> or <http><server>."
                            : code == 404 ? "Point path at an endpoint the service has."
                            : "Check the service's log for why the endpoint fails; a limiter that answers 503 needs Retry-After"
                            + " (nginx: add_header Retry-After 1 always, or limit_req_status 429).");
        }

        /**
         * The ERROR of a 429 or a 503 with Retry-After to the first request: a refusal before any 2xx shows no limit that
         * this burst met, it may be a limit spent before it, a block of this client, or a service in maintenance or mid-deploy.
         */
        private Result refusedFirst(int code, String told) {
            String cause = code == 429 ? "a limit the burst meets cannot be told from one spent by earlier traffic, a block of"
                    + " this client or an upstream's 429 passed on" : "limiting cannot be told from an unavailable service (in"
                    + " maintenance or mid-deploy)";
            return evidence(Result.error("the first request to GET " + shown + " was already answered " + code
                            + (told.isEmpty() ? "" : " (" + told + ")") + ", so " + cause))
                    .measured(code + " at request 1 of " + requests + ", before any 2xx")
                    .remedy("Run the check when the endpoint answers 2xx" + (code == 429 ? ", once the limit's window has passed" : "")
                            + ": only a refusal after answers served shows a limit.").build();
        }

        /** The first header that states a limit, as "name: value", or {@code null}. */
        private static String limitHeader(Response response) {
            for (String name : LIMIT_HEADERS) {
                String value = response.header(name);
                if (value != null && value.chars().anyMatch(c -> c >= '1' && c <= '9')) {
                    return name + ": " + Words.oneLine(value, 100);
                }
            }
            return null;
        }

        private Result error(String summary, String remedy) {
            return evidence(Result.error(summary).remedy(remedy)).build();
        }

        private Result.Builder evidence(Result.Builder result) {
            return result.expected("a 429, a 503 with Retry-After, or a limit header within " + Words.plural(requests, "request"))
                    .evidence("url", shown).evidence("requests", sent).evidence("maxRequests", requests)
                    .evidence("elapsedMs", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                    .evidence("statuses", statuses.entrySet().stream().collect(Collectors.toMap(e -> String.valueOf(e.getKey()),
                            Map.Entry::getValue, (a, b) -> a, TreeMap::new)));
        }

        /** The statuses so far but the last answer's: "200 ×6". */
        private String counts(int last) {
            Map<Integer, Integer> before = new TreeMap<>(statuses);
            before.merge(last, -1, Integer::sum);
            before.values().removeIf(n -> n == 0);
            return before.entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", "));
        }

        private String counts() {
            return statuses.entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", "));
        }

        private String elapsed() {
            return Words.duration(Duration.ofNanos(System.nanoTime() - start));
        }
    }
}

package dev.readiness.checks.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.readiness.check.CheckContext;
import dev.readiness.check.HttpSettings;
import dev.readiness.check.Result;
import dev.readiness.check.Stage;
import dev.readiness.check.Status;
import dev.readiness.checks.http.HttpMessages;
import dev.readiness.checks.http.LoopbackServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Bursts from the real OkHttp client to the JDK's HTTP server on loopback, which limits as real limiters do, or not at all. */
@Timeout(60)
class RateLimitCheckTest {

    @TempDir
    Path dir;

    private final LoopbackServer server = new LoopbackServer();
    private final RateLimitCheck check = new RateLimitCheck();

    RateLimitCheckTest() throws IOException {
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A token bucket as limiters keep one: {@code capacity} requests at once, refilled at one token a minute. */
    private static final class TokenBucket {
        private final int capacity;
        private double tokens;
        private long refilledAt = System.nanoTime();

        TokenBucket(int capacity) {
            this.capacity = capacity;
            this.tokens = capacity;
        }

        synchronized boolean take() {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - refilledAt) / 60e9);
            refilledAt = now;
            if (tokens < 1) {
                return false;
            }
            tokens--;
            return true;
        }
    }

    /** Answers {@code products} while the bucket of {@code capacity} has a token, and {@code beyond} after. */
    private static HttpHandler limited(int capacity, HttpHandler beyond) {
        TokenBucket bucket = new TokenBucket(capacity);
        return exchange -> {
            if (bucket.take()) {
                products(exchange);
            } else {
                beyond.handle(exchange);
            }
        };
    }

    private static void products(HttpExchange exchange) throws IOException {
        LoopbackServer.answer(exchange, 200, "application/json", "[{\"sku\":\"A1\"}]");
    }

    /** A limiter's refusal: 429 with Retry-After, as a problem document. */
    private static void tooManyRequests(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Retry-After", "60");
        LoopbackServer.answer(exchange, 429, "application/problem+json", "{\"title\":\"Too Many Requests\"}");
    }

    private Result run(String path, Integer requests) {
        CheckContext context = CheckContext.builder(dir).stage(Stage.POST_DEPLOY)
                .http(new HttpSettings(URI.create(server.url() + "/"), Duration.ofSeconds(5), null, Map.of(), null)).build();
        return check.run(new RateLimitConfig(path, requests), context);
    }

    @Test
    void passesOnThe429OfATokenBucketAndStopsTheBurstThere() {
        server.on("/api/products", limited(5, RateLimitCheckTest::tooManyRequests));

        Result result = run("/api/products", null);

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo("request 6 of 20 to GET " + server.url() + "/api/products answered 429 Too Many"
                + " Requests after 5 answers (200 ×5); Retry-After: 60");
        assertThat(result.measured()).isEqualTo("429 at request 6 of 20");
        assertThat(result.evidence()).containsEntry("requests", 6).containsEntry("limitedAt", 6)
                .containsEntry("statuses", Map.of("200", 5, "429", 1));
        assertThat(server.received).hasSize(6).allSatisfy(r -> assertThat(r.method()).isEqualTo("GET"));
    }

    @Test
    void passesOnAnIetfRateLimitPolicyHeaderAtTheFirstAnswer() {
        server.on("/api/products", exchange -> {
            exchange.getResponseHeaders().set("RateLimit-Policy", "\"default\";q=100;w=60");
            exchange.getResponseHeaders().set("RateLimit", "\"default\";r=99;t=60");
            products(exchange);
        });

        Result result = run("/api/products", 10);

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo("request 1 of 10 to GET " + server.url() + "/api/products answered 200 stating a"
                + " limit: RateLimit-Policy: \"default\";q=100;w=60; the burst stopped there");
        assertThat(result.evidence()).containsEntry("limitHeader", "RateLimit-Policy: \"default\";q=100;w=60");
        assertThat(server.received).hasSize(1);
    }

    @Test
    void passesOnTheCommonXRateLimitLimitHeader() {
        server.on("/api/products", exchange -> {
            exchange.getResponseHeaders().set("X-RateLimit-Limit", "60");
            exchange.getResponseHeaders().set("X-RateLimit-Remaining", "59");
            products(exchange);
        });

        Result result = run("/api/products", null);

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.evidence()).containsEntry("limitHeader", "X-RateLimit-Limit: 60");
    }

    @Test
    void passesOnNginxsLimitReqStyle503WithRetryAfter() {
        server.on("/", limited(3, exchange -> {
            exchange.getResponseHeaders().set("Retry-After", "1");
            LoopbackServer.answer(exchange, 503, "text/html", "<html><head><title>503 Service Temporarily Unavailable</title></head></html>");
        }));

        Result result = run("/", 5);

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo("request 4 of 5 to GET " + server.url() + "/ answered 503 with Retry-After after"
                + " 3 answers (200 ×3); Retry-After: 1");
    }

    @Test
    void isAnErrorWhenTheFirstAnswerIsAlreadyA503WithRetryAfterAsOfAServiceInMaintenance() {
        server.on("/api/products", exchange -> {
            exchange.getResponseHeaders().set("Retry-After", "120");
            LoopbackServer.answer(exchange, 503, "text/html", "<h1>Down for maintenance</h1>");
        });

        Result result = run("/api/products", null);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("the first request to GET " + server.url() + "/api/products was already answered"
                + " 503 (Retry-After: 120), so limiting cannot be told from an unavailable service (in maintenance or mid-deploy)");
        assertThat(result.measured()).isEqualTo("503 at request 1 of 20, before any 2xx");
        assertThat(result.remedy()).isEqualTo("Run the check when the endpoint answers 2xx: only a refusal after answers served"
                + " shows a limit.");
        assertThat(server.received).hasSize(1);
    }

    @Test
    void isAnErrorWhenTheFirstAnswerIsAlreadyA429AsOfALimitSpentBeforeTheBurst() {
        server.on("/api/products", limited(0, RateLimitCheckTest::tooManyRequests));

        Result result = run("/api/products", null);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("the first request to GET " + server.url() + "/api/products was already answered"
                + " 429 (Retry-After: 60), so a limit the burst meets cannot be told from one spent by"
                + " earlier traffic, a block of this client or an upstream's 429 passed on");
        assertThat(result.remedy()).startsWith("Run the check when the endpoint answers 2xx, once the limit's window has passed");
        assertThat(result.evidence()).containsEntry("statuses", Map.of("429", 1)).doesNotContainKey("limitedAt");
        assertThat(server.received).hasSize(1);
    }

    @Test
    void failsWhenEveryRequestOfTheBurstAnswered200WithoutALimitHeader() {
        server.on("/api/products", RateLimitCheckTest::products);

        Result result = run("/api/products", null);

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).matches("20 requests to GET \\Q" + server.url() + "/api/products\\E in \\d+(\\.\\d)?m?s all"
                + " answered 200 with no RateLimit header: no limit observed up to 20 requests");
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo("rateLimit:/api/products");
            assertThat(f.location()).isEqualTo(server.url() + "/api/products");
        });
        assertThat(result.remedy()).contains("answers 429 with Retry-After").contains("raise requests (at most 50)");
        assertThat(server.received).hasSize(20);
    }

    @Test
    void isAnErrorOnA503WithoutRetryAfter() {
        server.on("/api/products", exchange -> LoopbackServer.answer(exchange, 503, "text/plain", "database down"));

        Result result = run("/api/products", null);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("request 1 of 20 to GET " + server.url() + "/api/products answered 503 without"
                + " Retry-After, so whether it is rate limited could not be determined");
        assertThat(result.remedy()).contains("limit_req_status 429");
        assertThat(server.received).hasSize(1);
    }

    @Test
    void isAnErrorOnA404AfterSomeAnswers() {
        server.on("/api/products", limited(2, exchange -> LoopbackServer.answer(exchange, 404, "text/plain", "gone")));

        Result result = run("/api/products", null);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("request 3 of 20 to GET " + server.url() + "/api/products answered 404 after 2"
                + " answers (200 ×2), so whether it is rate limited could not be determined");
        assertThat(result.remedy()).isEqualTo("Point path at an endpoint the service has.");
    }

    @Test
    void isAnErrorWhenTheTargetCannotBeReached() throws IOException {
        int port = LoopbackServer.closedPort();
        CheckContext context = CheckContext.builder(dir).stage(Stage.POST_DEPLOY)
                .http(new HttpSettings(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(2), null, Map.of(), null)).build();

        Result result = check.run(new RateLimitConfig("/api/products", null), context);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("request 1 of 20 to GET http://127.0.0.1:" + port + "/api/products got no answer:"
                + " could not connect to 127.0.0.1:" + port + " within 2s: connection refused");
        assertThat(result.remedy()).isEqualTo(HttpMessages.UNREACHABLE_REMEDY);
    }

    @Test
    void isAnErrorWithoutATarget() {
        Result result = check.run(new RateLimitConfig("/api/products", null), CheckContext.builder(dir).build());

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("rateLimit has no <target> to send its burst to");
    }

    @Test
    void refusesABurstOfMoreThan50OrNoPath() {
        assertThatThrownBy(() -> new RateLimitConfig("/api", 51)).hasMessage("requests is 51, but a burst sends 1 to 50 requests"
                + " to a live service: write 50 or less");
        assertThatThrownBy(() -> new RateLimitConfig(null, null)).hasMessage("path must start with a single / (it is appended to"
                + " the <target>), got none");
        assertThat(new RateLimitConfig("/api", null).requests()).isEqualTo(20);
    }
}

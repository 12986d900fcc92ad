package dev.readiness.checks.headers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.readiness.check.Check;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Claim;
import dev.readiness.check.Finding;
import dev.readiness.check.HttpSettings;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import dev.readiness.check.Strength;
import dev.readiness.engine.ConfigBinder;
import dev.readiness.engine.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SecurityHeadersCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant SEEN_AT = Instant.parse("2026-01-12T15:50:42Z");
    private static final SecurityHeadersCheck CHECK = new SecurityHeadersCheck();

    private static JsonNode resource(String name) {
        try (InputStream in = SecurityHeadersCheckTest.class.getResourceAsStream(name)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(String name) {
        try (InputStream in = SecurityHeadersCheckTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Observation.Hop> chain(JsonNode hops) {
        List<Observation.Hop> chain = new ArrayList<>();
        hops.forEach(hop -> chain.add(new Observation.Hop(HttpUrl.get(hop.get(0).asText()), hop.get(1).asInt())));
        return chain;
    }

    private static void addHeader(Headers.Builder headers, String name, JsonNode value) {
        if (value.isArray()) {
            value.forEach(line -> headers.add(name, line.asText()));
        } else {
            headers.add(name, value.asText());
        }
    }

    private static ObservatoryScorer.Outcome outcome(ObservatoryScorer.Scorecard card, String test) {
        return card.outcomes().stream().filter(o -> o.result().test().equals(test)).findFirst().orElseThrow();
    }

    /** The Observatory's own test cases, one row per input value, from observatory-cases.json. */
    @Nested
    class Conformance {

        private static final JsonNode CASES = resource("observatory-cases.json");

        /** A case with one of its inputs: a header value or a variant of other fields. */
        record Row(JsonNode spec, JsonNode variant, JsonNode headerValue) {
            JsonNode field(String name) {
                if (variant != null && variant.has(name)) {
                    return variant.get(name);
                }
                return spec.has(name) ? spec.get(name) : CASES.get("baseline").get(name);
            }

            Observation observation() {
                HttpUrl site = HttpUrl.get(field("site").asText());
                Headers.Builder headers = new Headers.Builder();
                CASES.get("baseline").get("headers").fields().forEachRemaining(h -> addHeader(headers, h.getKey(), h.getValue()));
                if (spec.has("headers")) {
                    spec.get("headers").fields().forEachRemaining(h -> addHeader(headers, h.getKey(), h.getValue()));
                }
                if (headerValue != null) {
                    addHeader(headers, spec.get("header").asText(), headerValue);
                }
                String body = spec.has("html") ? text(spec.get("html").asText()) : "";
                boolean https = field("https") == null || field("https").asBoolean();
                boolean verified = field("verified") == null || field("verified").asBoolean();
                Observation.Page page = https ? new Observation.Page(site, 200, headers.build(), body, verified) : null;
                List<Observation.SetCookie> cookies = new ArrayList<>();
                if (field("cookies") != null) {
                    field("cookies").forEach(c -> cookies.add(new Observation.SetCookie(site, c.asText())));
                }
                boolean httpVerified = field("httpVerified") == null || field("httpVerified").asBoolean();
                return new Observation(site, page, https ? List.of(new Observation.Hop(site, 200)) : List.of(),
                        chain(field("http")), httpVerified, cookies, null, SEEN_AT);
            }
        }

        static Stream<Arguments> rows() {
            List<Arguments> rows = new ArrayList<>();
            for (JsonNode spec : CASES.get("cases")) {
                String id = spec.get("id").asText();
                if (spec.has("values")) {
                    spec.get("values").forEach(value -> rows.add(Arguments.of(
                            Named.of(id + " " + spec.get("header").asText() + ": " + value, new Row(spec, null, value)))));
                } else if (spec.has("variants")) {
                    spec.get("variants").forEach(variant -> rows.add(Arguments.of(Named.of(id + " " + variant, new Row(spec, variant, null)))));
                } else {
                    rows.add(Arguments.of(Named.of(id, new Row(spec, null, null))));
                }
            }
            return rows.stream();
        }

        @ParameterizedTest
        @MethodSource("rows")
        void scoresEachCaseAsTheObservatoryDoes(Row row) throws IOException {
            JsonNode spec = row.spec();
            String expected = spec.has("expect") ? spec.get("expect").asText() : null;
            String test = spec.has("test") ? spec.get("test").asText() : result(expected).test();

            ObservatoryScorer.Outcome outcome = outcome(ObservatoryScorer.score(row.observation()), test);

            if (expected != null) {
                assertThat(outcome.result().id()).isEqualTo(expected);
            }
            if (spec.has("not")) {
                assertThat(outcome.result().id()).isNotEqualTo(spec.get("not").asText());
            }
            if (spec.has("points")) {
                assertThat(outcome.result().points()).isEqualTo(spec.get("points").asInt());
            }
            if (spec.has("pass")) {
                assertThat(outcome.result().pass()).isEqualTo(spec.get("pass").asBoolean());
            }
            if (spec.has("facts")) {
                var facts = spec.get("facts").fields();
                while (facts.hasNext()) {
                    var fact = facts.next();
                    Object actual = outcome.facts();
                    for (String key : fact.getKey().split("\\.")) {
                        actual = actual instanceof Map<?, ?> map ? map.get(key) : null;
                    }
                    assertThat(JSON.readTree(JSON.writeValueAsString(actual))).as(fact.getKey()).isEqualTo(fact.getValue());
                }
            }
        }

        @Test
        void coversEveryReferenceCaseOrExcludesItWithAReason() {
            Set<String> reference = new TreeSet<>();
            Map.of("H", 10, "C", 29, "X", 3, "F", 6, "R", 9, "D", 9, "K", 13)
                    .forEach((prefix, count) -> {
                        for (int i = 1; i <= count; i++) {
                            reference.add(prefix + i);
                        }
                    });
            Set<String> covered = new TreeSet<>();
            CASES.get("cases").forEach(c -> covered.add(c.get("id").asText()));
            Set<String> excluded = new TreeSet<>();
            CASES.get("excluded").forEach(c -> {
                excluded.add(c.get("id").asText());
                assertThat(c.get("reason").asText()).isNotBlank();
            });

            assertThat(covered).doesNotContainAnyElementsOf(excluded);
            Set<String> all = new TreeSet<>(covered);
            all.addAll(excluded);
            assertThat(all).isEqualTo(reference);
            assertThat(excluded).containsExactlyInAnyOrder("H8", "H9", "D8");
        }

        private static ObservatoryResult result(String id) {
            return Arrays.stream(ObservatoryResult.values()).filter(r -> r.id().equals(id)).findFirst().orElseThrow();
        }
    }

    /** Two real sites captured by the Observatory's maintainers, with the grades the Observatory gives them. */
    @Nested
    class CapturedSites {

        static Stream<Arguments> sites() {
            List<Arguments> sites = new ArrayList<>();
            resource("captured-sites.json").get("sites").forEach(site -> sites.add(Arguments.of(Named.of(site.get("name").asText(), site))));
            return sites.stream();
        }

        @ParameterizedTest
        @MethodSource("sites")
        void gradesTheSiteAsTheObservatoryDoes(JsonNode site) {
            Headers.Builder headers = new Headers.Builder();
            site.get("headers").fields().forEachRemaining(h -> headers.add(h.getKey(), h.getValue().asText()));
            List<Observation.Hop> https = chain(site.get("https"));
            HttpUrl page = https.get(https.size() - 1).url();
            Observation observation = new Observation(HttpUrl.get(site.get("site").asText()),
                    new Observation.Page(page, 200, headers.build(), site.get("html").asText(), true),
                    https, chain(site.get("http")), true, List.of(), null, SEEN_AT);

            ObservatoryScorer.Scorecard card = ObservatoryScorer.score(observation);

            JsonNode expect = site.get("expect");
            assertThat(card.grade().toString()).isEqualTo(expect.get("grade").asText());
            assertThat(card.score()).isEqualTo(expect.get("score").asInt());
            assertThat(card.outcomes().size() - card.passed()).isEqualTo(expect.get("testsFailed").asInt());
        }
    }

    @Nested
    class Grading {

        @ParameterizedTest
        @CsvSource({"140,A+", "100,A+", "99,A", "90,A", "89,A-", "85,A-", "84,B+", "80,B+", "79,B", "70,B", "69,B-", "65,B-",
                "64,C+", "60,C+", "59,C", "50,C", "49,C-", "45,C-", "44,D+", "40,D+", "39,D", "30,D", "29,D-", "25,D-", "24,F", "0,F"})
        void gradesScoresByTheObservatoryChart(int score, String grade) {
            assertThat(Grade.ofScore(score)).hasToString(grade);
        }

        @Test
        void countsBonusesOnlyWhenTheScoreWithoutThemIsAtLeastNinety() {
            Headers ninety = Headers.of(
                    "Strict-Transport-Security", "max-age=31536000",
                    "Content-Security-Policy", "default-src 'none'; script-src 'unsafe-eval'",
                    "X-Content-Type-Options", "nosniff",
                    "X-Frame-Options", "DENY",
                    "Referrer-Policy", "no-referrer");
            Headers eightyFive = ninety.newBuilder().removeAll("X-Content-Type-Options").build();

            ObservatoryScorer.Scorecard withBonus = ObservatoryScorer.score(site(ninety));
            ObservatoryScorer.Scorecard withoutBonus = ObservatoryScorer.score(site(eightyFive));

            assertThat(withBonus.score()).isEqualTo(100);
            assertThat(withBonus.grade()).isEqualTo(Grade.A_PLUS);
            assertThat(withoutBonus.score()).isEqualTo(85);
            assertThat(withoutBonus.grade()).isEqualTo(Grade.A_MINUS);
        }

        private Observation site(Headers headers) {
            HttpUrl site = HttpUrl.get("https://example.com/");
            return new Observation(site, new Observation.Page(site, 200, headers, null, true), List.of(new Observation.Hop(site, 200)),
                    List.of(new Observation.Hop(HttpUrl.get("http://example.com/"), 301), new Observation.Hop(site, 200)), true,
                    List.of(), null, SEEN_AT);
        }
    }

    /** The check against real HTTPS and HTTP servers on loopback. */
    @Nested
    class AgainstRealServers {

        private static HeldCertificate authority;
        private static HeldCertificate localhost;

        @TempDir
        Path dir;
        private MockWebServer https;
        private MockWebServer http;
        private Path trust;

        @BeforeAll
        static void certificates() {
            authority = new HeldCertificate.Builder().certificateAuthority(0).commonName("Readiness test CA").build();
            // 127.0.0.1 and ::1 name the same server as another host, for redirects off the host.
            localhost = new HeldCertificate.Builder().signedBy(authority).commonName("localhost")
                    .addSubjectAlternativeName("localhost").addSubjectAlternativeName("127.0.0.1").addSubjectAlternativeName("::1").build();
        }

        @BeforeEach
        void servers() throws IOException {
            https = new MockWebServer();
            https.useHttps(new HandshakeCertificates.Builder().heldCertificate(localhost, authority.certificate()).build().sslSocketFactory());
            https.start(InetAddress.getByName("localhost"), 0);
            http = new MockWebServer();
            http.start(InetAddress.getByName("localhost"), 0);
            trust = Files.writeString(dir.resolve("ca.pem"), authority.certificatePem());
        }

        @AfterEach
        void stop() {
            https.close();
            http.close();
        }

        private CheckContext context(URI target, Duration timeout, Path trustCertificates) {
            return CheckContext.builder(dir)
                    .http(new HttpSettings(target, timeout, trustCertificates, Map.of("Authorization", "Bearer s3cret"), null))
                    .build();
        }

        private HttpUrl site() {
            return https.url("/");
        }

        /** Answers by method and path ("GET /"), whatever order the check's concurrent requests come in; 404 otherwise. */
        private void answer(MockWebServer server, Map<String, Supplier<MockResponse>> responses) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return responses.getOrDefault(request.getMethod() + " " + request.getTarget(),
                            () -> new MockResponse.Builder().code(404).build()).get();
                }
            });
        }

        private List<String> received(MockWebServer server) throws InterruptedException {
            List<String> requests = new ArrayList<>();
            for (int i = server.getRequestCount(); i > 0; i--) {
                RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
                requests.add(request.getMethod() + " " + request.getTarget());
            }
            return requests;
        }

        @Test
        void passesAWellConfiguredSiteWithGradeAPlus() throws Exception {
            answer(https, Map.of("GET /", () -> new MockResponse.Builder()
                    .addHeader("Content-Type", "text/html; charset=utf-8")
                    .addHeader("Strict-Transport-Security", "max-age=63072000; includeSubDomains; preload")
                    .addHeader("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                            + "frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
                    .addHeader("X-Content-Type-Options", "nosniff")
                    .addHeader("Referrer-Policy", "no-referrer")
                    .addHeader("Cross-Origin-Resource-Policy", "same-origin")
                    .addHeader("Set-Cookie", "__Host-session=abc; Path=/; Secure; HttpOnly; SameSite=Strict")
                    .body("<!doctype html><html><head><script src=\"/app.js\" integrity=\"sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC\""
                            + " crossorigin=\"anonymous\"></script></head><body></body></html>")
                    .build(),
                    "OPTIONS /", () -> new MockResponse.Builder().code(204).build()));
            http.enqueue(new MockResponse.Builder().code(301).addHeader("Location", site().toString()).build());

            Result result = CHECK.run(new SecurityHeadersConfig(null, http.url("/").uri(), null, null),
                    context(site().uri(), Duration.ofSeconds(10), trust));

            assertThat(result.status()).isEqualTo(Status.PASS);
            assertThat(result.summary()).isEqualTo("security headers grade is A+ (140/100) for " + site() + ", expected minimum is B");
            assertThat(result.evidence()).containsEntry("score", 140).containsEntry("grade", "A+")
                    .containsEntry("url", site().toString()).containsEntry("httpUrl", http.url("/").toString())
                    .containsEntry("redirects", Map.of(
                            "https", List.of(Map.of("url", site().toString(), "status", 200)),
                            "http", List.of(Map.of("url", http.url("/").toString(), "status", 301), Map.of("url", site().toString(), "status", 200))));
            assertThat(result.findings()).extracting(f -> f.evidence().get("test")).containsExactly(
                    "csp-implemented-with-no-unsafe-default-src-none", "cookies-secure-with-httponly-sessions-and-samesite",
                    "cross-origin-resource-sharing-not-implemented", "redirection-to-https", "referrer-policy-private",
                    "hsts-implemented-max-age-at-least-six-months", "sri-implemented-and-all-scripts-loaded-securely",
                    "x-content-type-options-nosniff", "x-frame-options-implemented-via-csp", "corp-implemented-with-same-origin");
            assertThat(result.findings().get(0).evidence()).containsEntry("header", "Content-Security-Policy")
                    .containsEntry("value", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                            + "frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
            assertThat(result.findings().get(3).evidence()).containsEntry("header", "Location").containsEntry("value", site().toString());
            assertThat(result.remedy()).isNull();
            assertThat(result.claims()).containsOnlyKeys(HeaderClaims.HTTPS, HeaderClaims.XSS, HeaderClaims.CSRF);
            assertThat(result.claims().values()).extracting(Result::status).containsOnly(Status.PASS);
            assertThat(result.claims().get(HeaderClaims.HTTPS).summary()).isEqualTo(http.url("/") + " redirects (301) to " + site()
                    + " and " + site() + " sends Strict-Transport-Security max-age=63072000, expected a redirect to HTTPS on the same host "
                    + "and Strict-Transport-Security with a max-age of at least 15552000 seconds (180 days)");
            assertThat(result.claims().get(HeaderClaims.CSRF).summary()).isEqualTo("every session or anti-CSRF cookie set by " + site()
                    + " is Secure, SameSite=Lax or Strict (or named __Host-), and HttpOnly if it holds a session: __Host-session");

            // The page, the preflight, and the page again at the end of the plain-HTTP redirect.
            List<RecordedRequest> requests = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                requests.add(https.takeRequest(1, TimeUnit.SECONDS));
            }
            assertThat(requests).extracting(r -> r.getMethod() + " " + r.getTarget()).containsExactlyInAnyOrder("GET /", "GET /", "OPTIONS /");
            assertThat(requests).allSatisfy(r -> assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer s3cret"));
            assertThat(requests).filteredOn(r -> r.getMethod().equals("OPTIONS")).singleElement().satisfies(preflight -> {
                assertThat(preflight.getHeaders().get("Origin")).isEqualTo(SecurityHeadersCheck.PREFLIGHT_ORIGIN);
                assertThat(preflight.getHeaders().get("Access-Control-Request-Method")).isEqualTo("GET");
            });
            RecordedRequest plain = http.takeRequest(1, TimeUnit.SECONDS);
            assertThat(plain.getMethod() + " " + plain.getTarget()).isEqualTo("GET /");
            assertThat(plain.getHeaders().get("Authorization")).as("no token over plain HTTP").isNull();
            assertThat(https.getRequestCount()).isEqualTo(3);
            assertThat(http.getRequestCount()).isEqualTo(1);
        }

        @Test
        void sendsTheHeadersOnlyToTheSitesOriginWhenNoTargetIsSet() throws Exception {
            answer(https, Map.of("GET /", () -> new MockResponse.Builder().addHeader("Content-Type", "text/html").body("<html></html>").build(),
                    "OPTIONS /", () -> new MockResponse.Builder().code(204).build()));
            http.enqueue(new MockResponse.Builder().code(301).addHeader("Location", site().toString()).build());

            // no target: the headers go to the origins the POM names, here the site's <url> (not the plain-HTTP one)
            URI siteOrigin = URI.create("https://" + site().host() + ":" + site().port());
            CHECK.run(new SecurityHeadersConfig(site().uri(), http.url("/").uri(), null, null), CheckContext.builder(dir)
                    .http(new HttpSettings(null, Duration.ofSeconds(10), trust, Map.of("Authorization", "Bearer s3cret"), null,
                            List.of(siteOrigin))).build());

            List<RecordedRequest> requests = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                requests.add(https.takeRequest(1, TimeUnit.SECONDS));
            }
            assertThat(requests).allSatisfy(r -> assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer s3cret"));
            assertThat(http.takeRequest(1, TimeUnit.SECONDS).getHeaders().get("Authorization")).as("no token over plain HTTP").isNull();
        }

        @Test
        void failsACarelessSiteWithEachFinding() throws Exception {
            https.enqueue(new MockResponse.Builder()
                    .addHeader("Content-Type", "text/html")
                    .addHeader("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'; frame-ancestors 'self'")
                    .addHeader("X-Content-Type-Options", "nosniff")
                    .addHeader("Referrer-Policy", "strict-origin-when-cross-origin")
                    .addHeader("Set-Cookie", "sessionid=abc123; Path=/")
                    .body("<html><body>hello</body></html>")
                    .build());
            https.enqueue(new MockResponse.Builder().code(204).build());
            http.enqueue(new MockResponse.Builder().body("<html><body>hello over plain HTTP</body></html>").build());

            Result result = CHECK.run(new SecurityHeadersConfig(site().uri(), http.url("/").uri(), Grade.B, null),
                    context(null, Duration.ofSeconds(10), trust));

            assertThat(result.status()).isEqualTo(Status.FAIL);
            assertThat(result.summary()).isEqualTo("security headers grade is F (0/100) for " + site() + ", but expected minimum is B");
            assertThat(result.measured()).isEqualTo("F (0/100)");
            assertThat(result.expected()).isEqualTo(">= B");
            assertThat(result.evidence()).containsEntry("score", 0).containsEntry("grade", "F").containsEntry("testsPassed", 6L);
            List<Finding> failing = result.findings().subList(0, 4);
            assertThat(failing).extracting(f -> f.evidence().get("test"), f -> f.evidence().get("points"), f -> f.evidence().get("header"))
                    .containsExactly(
                            tuple("cookies-session-without-secure-flag", -40, "Set-Cookie"),
                            tuple("csp-implemented-with-unsafe-inline", -20, "Content-Security-Policy"),
                            tuple("redirection-missing", -20, "Location"),
                            tuple("hsts-not-implemented", -20, "Strict-Transport-Security"));
            assertThat(failing.get(0).evidence()).containsEntry("cookie", "sessionid").containsEntry("value", "sessionid=…; Path=/");
            assertThat(failing.get(0).message()).isEqualTo("The Secure flag is missing from session cookie sessionid and no HSTS keeps "
                    + "browsers off plain HTTP (cookies-session-without-secure-flag, -40)");
            assertThat(failing.get(1).evidence()).containsEntry("value", "default-src 'self'; script-src 'self' 'unsafe-inline'; frame-ancestors 'self'");
            assertThat(failing.get(2).location()).isEqualTo(http.url("/").toString());
            assertThat(failing.get(3).evidence()).containsEntry("fix", "add `Strict-Transport-Security: max-age=31536000; includeSubDomains`");
            assertThat(result.findings().subList(4, result.findings().size()))
                    .allSatisfy(f -> assertThat((Integer) f.evidence().get("points")).isNotNegative());
            assertThat(result.remedy()).startsWith("Raise the grade to B or better; fix the failing tests, most points first: "
                    + "Set-Cookie: add `Secure` to session cookies and set up HSTS; Content-Security-Policy: remove `'unsafe-inline'`");
            assertThat(result.remedy()).contains("Strict-Transport-Security: add `Strict-Transport-Security: max-age=31536000; includeSubDomains`");
            assertThat(result.toString()).doesNotContain("abc123");
            assertThat(result.claims()).extractingByKeys(HeaderClaims.HTTPS, HeaderClaims.XSS, HeaderClaims.CSRF)
                    .extracting(Result::status).containsOnly(Status.FAIL);
            assertThat(result.claims().get(HeaderClaims.HTTPS).summary()).isEqualTo(http.url("/") + " answers 200 without redirecting to "
                    + "HTTPS and " + site() + " sends no Strict-Transport-Security, but expected a redirect to https://localhost/ and "
                    + "Strict-Transport-Security with a max-age of at least 15552000 seconds (180 days)");
            assertThat(result.claims().get(HeaderClaims.CSRF).summary()).isEqualTo("session cookie sessionid set by " + site()
                    + " lacks the Secure flag, the HttpOnly flag and SameSite, but expected every session or anti-CSRF cookie to be "
                    + "Secure, SameSite=Lax or Strict (or named __Host-), and HttpOnly if it holds a session");
            assertThat(https.takeRequest(1, TimeUnit.SECONDS).getMethod()).isEqualTo("GET");
            assertThat(https.takeRequest(1, TimeUnit.SECONDS).getMethod()).isEqualTo("OPTIONS");
            assertThat(http.takeRequest(1, TimeUnit.SECONDS).getUrl()).isEqualTo(http.url("/"));
        }

        @Test
        void failsWhenCorsEchoesAnyOriginWithCredentials() throws Exception {
            answer(https, Map.of(
                    "GET /", () -> new MockResponse.Builder()
                            .addHeader("Strict-Transport-Security", "max-age=31536000")
                            .addHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
                            .addHeader("X-Content-Type-Options", "nosniff")
                            .build(),
                    "OPTIONS /", () -> new MockResponse.Builder().code(204)
                            .addHeader("Access-Control-Allow-Origin", SecurityHeadersCheck.PREFLIGHT_ORIGIN)
                            .addHeader("Access-Control-Allow-Credentials", "true")
                            .build()));
            int noHttp = closedPort();

            Result result = CHECK.run(new SecurityHeadersConfig(site().uri(), URI.create("http://localhost:" + noHttp + "/"), null, null),
                    context(null, Duration.ofSeconds(10), trust));

            assertThat(result.status()).isEqualTo(Status.FAIL);
            assertThat(result.summary()).isEqualTo("security headers grade is C (50/100) for " + site() + ", but expected minimum is B");
            assertThat(result.evidence()).containsEntry("httpUnavailable", "could not connect to localhost:" + noHttp + " within 10s: connection refused");
            assertThat(result.findings()).extracting(f -> f.evidence().get("test")).contains("redirection-not-needed-no-http");
            assertThat(result.findings().get(0).evidence())
                    .containsEntry("test", "cross-origin-resource-sharing-implemented-with-universal-access")
                    .containsEntry("points", -50)
                    .containsEntry("header", "Access-Control-Allow-Origin");
            assertThat(received(https)).containsExactly("GET /", "OPTIONS /");
        }

        @Test
        void scoresAnInvalidCertificateBehindThePlainHttpRedirect() throws Exception {
            answer(https, Map.of(
                    "GET /", () -> new MockResponse.Builder()
                            .addHeader("Strict-Transport-Security", "max-age=31536000")
                            .addHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
                            .addHeader("X-Content-Type-Options", "nosniff")
                            .build(),
                    "OPTIONS /", () -> new MockResponse.Builder().code(204).build()));
            HeldCertificate selfSigned = new HeldCertificate.Builder().commonName("localhost").addSubjectAlternativeName("localhost").build();
            try (MockWebServer untrusted = new MockWebServer()) {
                untrusted.useHttps(new HandshakeCertificates.Builder().heldCertificate(selfSigned).build().sslSocketFactory());
                untrusted.start(InetAddress.getByName("localhost"), 0);
                http.enqueue(new MockResponse.Builder().code(301).addHeader("Location", untrusted.url("/").toString()).build());

                Result result = CHECK.run(new SecurityHeadersConfig(site().uri(), http.url("/").uri(), Grade.B_PLUS, null),
                        context(null, Duration.ofSeconds(10), trust));

                assertThat(result.status()).isEqualTo(Status.PASS);
                assertThat(result.summary()).isEqualTo("security headers grade is B+ (80/100) for " + site() + ", expected minimum is B+");
                assertThat(result.findings().get(0).evidence()).containsEntry("test", "redirection-invalid-cert").containsEntry("points", -20);
                assertThat(untrusted.getRequestCount()).as("the handshake failed before any request").isZero();
            }
        }

        @Test
        void reportsErrorQuicklyWhenTheSiteIsUnreachable() throws Exception {
            int port = closedPort();
            URI url = URI.create("https://localhost:" + port + "/");

            Result result = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> CHECK.run(
                    new SecurityHeadersConfig(url, null, null, null), context(null, Duration.ofSeconds(10), trust)));

            assertThat(result.status()).isEqualTo(Status.ERROR);
            assertThat(result.summary()).isEqualTo("securityHeaders could not complete fetching " + url
                    + ": could not connect to localhost:" + port + " within 10s: connection refused");
            assertThat(result.evidence()).containsEntry("url", url.toString()).containsEntry("httpUrl", "http://localhost/");
            assertThat(result.remedy()).isEqualTo("Check that localhost:" + port + " is up and reachable from this build, "
                    + "or raise <http><timeout> (now 10s).");
        }

        @Test
        void reportsErrorWithinTheTimeoutWhenTheSiteNeverAnswers() throws Exception {
            https.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
            URI httpUrl = URI.create("http://localhost:" + closedPort() + "/");

            Result result = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> CHECK.run(
                    new SecurityHeadersConfig(site().uri(), httpUrl, null, null), context(null, Duration.ofMillis(500), trust)));

            assertThat(result.status()).isEqualTo(Status.ERROR);
            assertThat(result.summary()).isEqualTo("securityHeaders could not complete fetching " + site()
                    + ": localhost:" + https.getPort() + " did not answer within 500ms");
            assertThat(https.takeRequest(1, TimeUnit.SECONDS).getMethod()).isEqualTo("GET");
        }

        @Test
        void reportsErrorWhenTheCertificateIsNotTrusted() throws Exception {
            URI httpUrl = URI.create("http://localhost:" + closedPort() + "/");

            Result result = CHECK.run(new SecurityHeadersConfig(site().uri(), httpUrl, null, null), context(null, Duration.ofSeconds(10), null));

            assertThat(result.status()).isEqualTo(Status.ERROR);
            assertThat(result.summary()).startsWith("securityHeaders could not complete fetching " + site()
                    + ": the TLS handshake with localhost:" + https.getPort() + " failed: ");
            assertThat(result.remedy()).contains("<http><trustCertificates>");
            assertThat(https.getRequestCount()).isZero();
        }

        @Test
        void reportsErrorOnARedirectLoop() throws Exception {
            answer(https, Map.of(
                    "GET /", () -> new MockResponse.Builder().code(302).addHeader("Location", "/a").build(),
                    "GET /a", () -> new MockResponse.Builder().code(302).addHeader("Location", "/").build()));
            http.enqueue(new MockResponse.Builder().code(301).addHeader("Location", site().toString()).build());

            Result result = CHECK.run(new SecurityHeadersConfig(site().uri(), http.url("/").uri(), null, null),
                    context(null, Duration.ofSeconds(10), trust));

            assertThat(result.status()).isEqualTo(Status.ERROR);
            assertThat(result.summary()).isEqualTo("securityHeaders found a redirect loop from " + site() + ": " + site()
                    + " was reached twice (302 " + site() + " -> 302 " + https.url("/a") + ")");
            assertThat(received(https)).contains("GET /", "GET /a").doesNotContain("OPTIONS /");
        }

        @Test
        void failsForAPlainHttpUrl() throws Exception {
            Result result = CHECK.run(new SecurityHeadersConfig(URI.create("http://example.com/"), null, null, null), context(null, Duration.ofSeconds(1), null));

            assertThat(result.status()).isEqualTo(Status.FAIL);
            assertThat(result.summary()).isEqualTo("securityHeaders url http://example.com/ is plain HTTP, but expected an HTTPS address");
            assertThat(result.findings()).singleElement().satisfies(f ->
                    assertThat(f.evidence()).containsEntry("test", "hsts-not-implemented-no-https").containsEntry("points", -20));
            assertThat(result.claims().get(HeaderClaims.HTTPS).status()).isEqualTo(Status.FAIL);
            assertThat(result.claims().get(HeaderClaims.HTTPS).summary()).isEqualTo("securityHeaders url http://example.com/ is plain HTTP, "
                    + "but expected an HTTPS address that plain HTTP redirects to");
            assertThat(result.claims().get(HeaderClaims.XSS).status()).isEqualTo(Status.ERROR);
            assertThat(result.claims().get(HeaderClaims.CSRF).status()).isEqualTo(Status.SKIPPED);
        }

        @Test
        void neverPrintsThePasswordOfAUrl() throws Exception {
            int port = closedPort();
            SecurityHeadersConfig plain = new SecurityHeadersConfig(URI.create("http://admin:s3cr3t-pw@example.com/"), null, null, null);
            SecurityHeadersConfig unreachable = new SecurityHeadersConfig(URI.create("https://admin:s3cr3t-pw@localhost:" + port + "/"),
                    URI.create("http://admin:s3cr3t-pw@localhost:" + closedPort() + "/"), null, null);

            Result failed = CHECK.run(plain, context(null, Duration.ofSeconds(1), null));
            Result error = CHECK.run(unreachable, context(null, Duration.ofSeconds(1), null));

            assertThat(failed.status()).isEqualTo(Status.FAIL);
            assertThat(failed.summary()).isEqualTo("securityHeaders url http://example.com/ is plain HTTP, but expected an HTTPS address");
            assertThat(error.status()).isEqualTo(Status.ERROR);
            assertThat(error.evidence()).containsEntry("url", "https://localhost:" + port + "/");
            assertThat(failed.toString() + error.toString()).doesNotContain("s3cr3t-pw").doesNotContain("admin");
        }

        @Test
        void reportsErrorWithoutUrlAndTarget() throws Exception {
            Result result = CHECK.run(new SecurityHeadersConfig(null, null, null, null), CheckContext.builder(dir).build());

            assertThat(result.status()).isEqualTo(Status.ERROR);
            assertThat(result.summary()).isEqualTo("securityHeaders has no url and no <target> is configured");
        }

        /** The headers of a page that grades A+ (120): each claim's tests take away or replace what the claim is about. */
        private Map<String, String> goodHeaders() {
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            headers.put("Content-Type", "text/html; charset=utf-8");
            headers.put("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
            headers.put("Content-Security-Policy", "default-src 'none'; script-src 'self'; object-src 'none'; frame-ancestors 'none'");
            headers.put("X-Content-Type-Options", "nosniff");
            headers.put("Referrer-Policy", "no-referrer");
            return headers;
        }

        /** Serves GET / with these headers and cookies, answers the preflight, and serves {@code more} ("GET /login"). */
        private void serve(Map<String, String> headers, List<String> cookies, Map<String, Supplier<MockResponse>> more) {
            Map<String, Supplier<MockResponse>> routes = new java.util.HashMap<>(more);
            routes.put("GET /", () -> {
                MockResponse.Builder page = new MockResponse.Builder().body("<!doctype html><html><body>shop</body></html>");
                headers.forEach(page::addHeader);
                cookies.forEach(cookie -> page.addHeader("Set-Cookie", cookie));
                return page.build();
            });
            routes.put("OPTIONS /", () -> new MockResponse.Builder().code(204).build());
            answer(https, routes);
        }

        private void serve(Map<String, String> headers, List<String> cookies) {
            serve(headers, cookies, Map.of());
        }

        /** The plain-HTTP twin redirects to the site, as it should. */
        private void redirectHttp() {
            http.enqueue(new MockResponse.Builder().code(301).addHeader("Location", site().toString()).build());
        }

        /** Serves the page with these headers and cookies, redirects plain HTTP to it, and runs the check. */
        private Result runOn(Map<String, String> headers, List<String> cookies) throws Exception {
            serve(headers, cookies);
            redirectHttp();
            return run(null);
        }

        private Result run(String csrfUrl) throws Exception {
            return CHECK.run(new SecurityHeadersConfig(site().uri(), http.url("/").uri(), null, csrfUrl == null ? null : URI.create(csrfUrl)),
                    context(null, Duration.ofSeconds(10), trust));
        }

        private static final String HSTS_EXPECTED = "Strict-Transport-Security with a max-age of at least 15552000 seconds (180 days)";
        private static final String CSP_EXPECTED = "a Content-Security-Policy whose Observatory test scores 0 or more "
                + "(no 'unsafe-inline' or 'unsafe-eval' scripts, no broad script sources, object-src restricted)";
        private static final String COOKIES_EXPECTED = "Secure, SameSite=Lax or Strict (or named __Host-), and HttpOnly if it holds a session";

        /** securityHeaders.https: a redirect from plain HTTP to HTTPS on the same host, and HSTS for six months. */
        @Nested
        class HttpsEnforced {

            @Test
            void failsWhenPlainHttpServesThePageWithoutRedirectWhileTheGradePasses() throws Exception {
                serve(goodHeaders(), List.of());
                http.enqueue(new MockResponse.Builder().body("<html><body>shop over plain HTTP</body></html>").build());

                Result result = run(null);
                Result claim = result.claims().get(HeaderClaims.HTTPS);

                assertThat(result.status()).isEqualTo(Status.PASS);
                assertThat(result.evidence()).containsEntry("grade", "B+").containsEntry("score", 80);
                assertThat(claim.status()).isEqualTo(Status.FAIL);
                assertThat(claim.summary()).isEqualTo(http.url("/") + " answers 200 without redirecting to HTTPS, "
                        + "but expected a redirect to https://localhost/");
                assertThat(claim.measured()).isEqualTo("HTTP: 200, no redirect; HSTS: max-age=63072000");
                assertThat(claim.expected()).isEqualTo("HTTP: 3xx to https://localhost/; HSTS: max-age >= 15552000");
                assertThat(claim.evidence()).containsOnlyKeys("httpUrl", "httpStatus", "redirection", "url", "hsts", "maxAge", "minimumMaxAge")
                        .containsEntry("httpStatus", 200).containsEntry("redirection", "redirection-missing")
                        .containsEntry("maxAge", 63072000L).containsEntry("minimumMaxAge", 15552000L);
                assertThat(claim.findings()).singleElement().satisfies(f -> {
                    assertThat(f.message()).isEqualTo("http://localhost:" + http.getPort() + "/ answers 200 without redirecting to HTTPS "
                            + "(redirection-missing, -20)");
                    assertThat(f.location()).isEqualTo(http.url("/").toString());
                    assertThat(f.evidence()).containsEntry("test", "redirection-missing").containsEntry("points", -20)
                            .containsEntry("header", "Location").containsEntry("status", 200).doesNotContainKey("value");
                });
                assertThat(claim.remedy()).isEqualTo("Answer " + http.url("/") + " with a redirect to HTTPS on the same host first: "
                        + "`301` with `Location: https://localhost/`.");
                assertThat(received(https)).containsExactlyInAnyOrder("GET /", "OPTIONS /");
                assertThat(http.getRequestCount()).as("each address is fetched once per run").isEqualTo(1);
            }

            @ParameterizedTest
            @CsvSource(delimiter = '|', value = {
                    "''                 | hsts-not-implemented                          | -20 | B+ | sends no Strict-Transport-Security",
                    "max-age=86400      | hsts-implemented-max-age-less-than-six-months | -10 | A+ | sends Strict-Transport-Security: max-age=86400",
                    "max-age=15551999   | hsts-implemented-max-age-less-than-six-months | -10 | A+ | sends Strict-Transport-Security: max-age=15551999"})
            void failsWhenTheRedirectIsThereButHstsIsMissingOrShorterThanSixMonths(String hsts, String test, int points, String grade,
                                                                                    String sends) throws Exception {
                Map<String, String> headers = goodHeaders();
                headers.remove("Strict-Transport-Security");
                if (!hsts.isEmpty()) {
                    headers.put("Strict-Transport-Security", hsts);
                }
                Result result = runOn(headers, List.of());
                Result claim = result.claims().get(HeaderClaims.HTTPS);

                assertThat(result.status()).isEqualTo(Status.PASS);
                assertThat(result.evidence()).containsEntry("grade", grade);
                assertThat(claim.status()).isEqualTo(Status.FAIL);
                assertThat(claim.summary()).isEqualTo(site() + " " + sends + ", but expected " + HSTS_EXPECTED);
                assertThat(claim.findings()).singleElement().satisfies(f -> {
                    assertThat(f.location()).isEqualTo(site().toString());
                    assertThat(f.evidence()).containsEntry("test", test).containsEntry("points", points)
                            .containsEntry("header", "Strict-Transport-Security");
                });
                assertThat(claim.remedy()).isEqualTo("Send `Strict-Transport-Security: max-age=31536000; includeSubDomains` from " + site()
                        + " (a max-age of at least 15552000 seconds).");
            }

            @Test
            void failsWhenPlainHttpRedirectsToAnotherHost() throws Exception {
                serve(goodHeaders(), List.of());
                HttpUrl elsewhere = site().newBuilder().host(InetAddress.getByName("localhost").getHostAddress()).build();
                http.enqueue(new MockResponse.Builder().code(301).addHeader("Location", elsewhere.toString()).build());

                Result result = run(null);
                Result claim = result.claims().get(HeaderClaims.HTTPS);

                assertThat(result.status()).isEqualTo(Status.PASS);
                assertThat(claim.status()).isEqualTo(Status.FAIL);
                assertThat(claim.summary()).isEqualTo(http.url("/") + " redirects (301) to " + elsewhere + ", another host, "
                        + "but expected a redirect to https://localhost/");
                assertThat(claim.evidence()).containsEntry("location", elsewhere.toString())
                        .containsEntry("redirection", "redirection-off-host-from-http");
                assertThat(claim.findings()).singleElement().satisfies(f -> assertThat(f.evidence())
                        .containsEntry("test", "redirection-off-host-from-http").containsEntry("points", -5)
                        .containsEntry("value", elsewhere.toString()));
            }

            @Test
            void reportsErrorWhenPlainHttpDoesNotAnswer() throws Exception {
                serve(goodHeaders(), List.of());
                int closed = closedPort();

                Result result = CHECK.run(new SecurityHeadersConfig(site().uri(), URI.create("http://localhost:" + closed + "/"), null, null),
                        context(null, Duration.ofSeconds(10), trust));
                Result claim = result.claims().get(HeaderClaims.HTTPS);

                assertThat(claim.status()).isEqualTo(Status.ERROR);
                assertThat(claim.summary()).isEqualTo("http://localhost:" + closed + "/ did not answer (could not connect to localhost:"
                        + closed + " within 10s: connection refused), so its redirect to HTTPS could not be seen; "
                        + "expected a redirect to https://localhost/");
                assertThat(claim.remedy()).contains("waive securityHeaders.https");
            }
        }

        /** securityHeaders.xss: a Content-Security-Policy that the Observatory scores 0 or more. */
        @Nested
        class XssProtection {

            @Test
            void failsWithoutAContentSecurityPolicyWhileGradeBPasses() throws Exception {
                Map<String, String> headers = goodHeaders();
                headers.remove("Content-Security-Policy");
                headers.put("X-Frame-Options", "DENY");
                Result result = runOn(headers, List.of());
                Result xss = result.claims().get(HeaderClaims.XSS);

                assertThat(result.status()).isEqualTo(Status.PASS);
                assertThat(result.summary()).isEqualTo("security headers grade is B (75/100) for " + site() + ", expected minimum is B");
                assertThat(xss.status()).isEqualTo(Status.FAIL);
                assertThat(xss.summary()).isEqualTo(site() + " sends no Content-Security-Policy, scoring -25 (csp-not-implemented), "
                        + "but expected " + CSP_EXPECTED);
                assertThat(xss.measured()).isEqualTo("-25 (csp-not-implemented)");
                assertThat(xss.expected()).isEqualTo(">= 0 points");
                assertThat(xss.evidence()).containsOnlyKeys("url", "test", "points")
                        .containsEntry("test", "csp-not-implemented").containsEntry("points", -25);
                assertThat(xss.findings()).singleElement().satisfies(f -> {
                    assertThat(f.message()).isEqualTo("Content-Security-Policy header is missing (csp-not-implemented, -25)");
                    assertThat(f.evidence()).containsEntry("test", "csp-not-implemented").containsEntry("points", -25)
                            .containsEntry("header", "Content-Security-Policy");
                });
                assertThat(xss.remedy()).isEqualTo("Add a policy such as `Content-Security-Policy: default-src 'self'; object-src 'none'; "
                        + "frame-ancestors 'none'; base-uri 'self'; form-action 'self'` and tighten it from there. A policy that passes: "
                        + "`Content-Security-Policy: default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; "
                        + "frame-ancestors 'none'`.");
            }

            @Test
            void failsWhenThePolicyAllowsUnsafeInlineScriptsAndShowsItCut() throws Exception {
                String policy = "default-src 'self'; script-src 'self' 'unsafe-inline'; object-src 'none'; img-src 'self' "
                        + String.join(" ", java.util.Collections.nCopies(20, "https://images.example.com"));
                Map<String, String> headers = goodHeaders();
                headers.put("Content-Security-Policy", policy);
                Result xss = runOn(headers, List.of()).claims().get(HeaderClaims.XSS);

                assertThat(xss.status()).isEqualTo(Status.FAIL);
                assertThat(xss.summary()).isEqualTo("the Content-Security-Policy of " + site() + " allows inline or unrestricted scripts "
                        + "('unsafe-inline', data:, a broad source such as https: or *, or no script-src or object-src restriction), "
                        + "which leaves XSS open, scoring -20 (csp-implemented-with-unsafe-inline), but expected " + CSP_EXPECTED);
                String shown = policy.substring(0, 199) + "…";
                assertThat(xss.evidence()).containsEntry("header", "Content-Security-Policy").containsEntry("value", shown)
                        .containsEntry("test", "csp-implemented-with-unsafe-inline").containsEntry("points", -20);
                assertThat(xss.findings()).singleElement().satisfies(f -> {
                    assertThat(f.message()).endsWith(": Content-Security-Policy: " + shown + " (csp-implemented-with-unsafe-inline, -20)");
                    assertThat(f.location()).isEqualTo(site().toString());
                    assertThat(f.evidence()).containsEntry("value", shown).containsEntry("points", -20)
                            .extractingByKey("policy").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                            .containsEntry("unsafeInline", true);
                });
                assertThat(xss.remedy()).startsWith("Remove `'unsafe-inline'`, `data:` and broad sources from `script-src`");
            }

            @Test
            void passesAPolicyWithoutUnsafeScripts() throws Exception {
                Result xss = runOn(goodHeaders(), List.of()).claims().get(HeaderClaims.XSS);

                assertThat(xss.status()).isEqualTo(Status.PASS);
                assertThat(xss.summary()).isEqualTo("the Content-Security-Policy of " + site() + " scores +10 "
                        + "(csp-implemented-with-no-unsafe-default-src-none), expected " + CSP_EXPECTED);
                assertThat(xss.evidence()).containsEntry("value", "default-src 'none'; script-src 'self'; object-src 'none'; frame-ancestors 'none'")
                        .containsEntry("points", 10);
                assertThat(xss.findings()).isEmpty();
                assertThat(xss.remedy()).isNull();
            }
        }

        /** securityHeaders.csrf: supports "CSRF protection enabled" from the session and anti-CSRF cookies. */
        @Nested
        class CsrfProtection {

            @Test
            void isNotEvaluatedWithoutCookiesAndTellsHowToPointCsrfUrlAtTheLoginPage() throws Exception {
                Result csrf = runOn(goodHeaders(), List.of()).claims().get(HeaderClaims.CSRF);

                assertThat(csrf.status()).isEqualTo(Status.SKIPPED);
                assertThat(csrf.summary()).isEqualTo("no cookie was set by " + site() + ", so CSRF protection was not evaluated "
                        + "(set csrfUrl to a page that sets the session cookie, e.g. the login page)");
                assertThat(csrf.measured()).isEqualTo("no cookie");
                assertThat(csrf.evidence()).containsOnlyKeys("pages", "cookies", "judged").containsEntry("pages", List.of(site().toString()));
                assertThat(csrf.remedy()).isEqualTo("Point the csrfUrl parameter of securityHeaders at a page that sets the session cookie "
                        + "when fetched with GET, e.g. the login page: `<csrfUrl>/login</csrfUrl>` (relative to url) in the POM, or "
                        + "`csrfUrl: /login` under securityHeaders in readiness.yaml; the cookies it sets are then judged. A person still "
                        + "attests CSRF protection itself (tokens, SameSite, origin checks).");
            }

            @Test
            void failsNamingASessionCookieWithoutSameSite() throws Exception {
                serve(goodHeaders(), List.of("SESSIONID=s3cr3t-session; Path=/; Secure; HttpOnly"));
                redirectHttp();

                Result result = run(null);
                Result csrf = result.claims().get(HeaderClaims.CSRF);

                assertThat(result.status()).isEqualTo(Status.PASS);
                assertThat(csrf.status()).isEqualTo(Status.FAIL);
                assertThat(csrf.summary()).isEqualTo("session cookie SESSIONID set by " + site() + " lacks SameSite, "
                        + "but expected every session or anti-CSRF cookie to be " + COOKIES_EXPECTED);
                assertThat(csrf.measured()).isEqualTo("SESSIONID: Secure, HttpOnly, no SameSite");
                assertThat(csrf.findings()).singleElement().satisfies(f -> {
                    assertThat(f.message()).isEqualTo("Session cookie SESSIONID set by " + site() + " lacks SameSite "
                            + "(cookies-secure-with-httponly-sessions, 0)");
                    assertThat(f.location()).isEqualTo(site().toString());
                    assertThat(f.evidence()).containsEntry("cookie", "SESSIONID")
                            .containsEntry("test", "cookies-secure-with-httponly-sessions").containsEntry("points", 0)
                            .containsEntry("header", "Set-Cookie").containsEntry("value", "SESSIONID=…; Path=/; Secure; HttpOnly")
                            .containsEntry("secure", true).containsEntry("httpOnly", true).containsEntry("fix",
                                    "set `Set-Cookie: SESSIONID=<value>; Path=/; Secure; HttpOnly; SameSite=Lax`");
                });
                assertThat(csrf.remedy()).isEqualTo("Set the missing attributes on each cookie listed, e.g. "
                        + "`Set-Cookie: SESSIONID=<value>; Path=/; Secure; HttpOnly; SameSite=Lax`; cookies that must travel cross-site "
                        + "by design should not carry the session.");
                assertThat(result.toString()).as("a session's value is never shown").doesNotContain("s3cr3t-session");
            }

            @Test
            void listsALoadBalancerCookieThatMustBeSameSiteNoneWithoutFailingIt() throws Exception {
                serve(goodHeaders(), List.of("AWSALBCORS=lb-sticky; Path=/; Secure; SameSite=None",
                        "SESSIONID=s3cr3t; Path=/; Secure; HttpOnly; SameSite=Lax"));
                redirectHttp();

                Result csrf = run(null).claims().get(HeaderClaims.CSRF);

                assertThat(csrf.status()).isEqualTo(Status.PASS);
                assertThat(csrf.summary()).isEqualTo("every session or anti-CSRF cookie set by " + site() + " is " + COOKIES_EXPECTED
                        + ": SESSIONID");
                assertThat(csrf.evidence()).containsEntry("judged", List.of("SESSIONID"))
                        .extractingByKey("cookies").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                        .containsKeys("AWSALBCORS", "SESSIONID")
                        .extractingByKey("AWSALBCORS").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                        .containsEntry("role", "infrastructure").containsEntry("sameSite", "none");
                assertThat(csrf.findings()).singleElement().satisfies(f -> {
                    assertThat(f.message()).isEqualTo("Load-balancer cookie AWSALBCORS keeps cross-site requests on one server, so it "
                            + "must be SameSite=None by design: listed, not judged (cookies-secure-with-httponly-sessions-and-samesite, +5)");
                    assertThat(f.evidence()).containsEntry("cookie", "AWSALBCORS").containsEntry("value", "AWSALBCORS=…; Path=/; Secure; SameSite=None");
                });
            }

            @Test
            void judgesTheCookiesOfTheCsrfUrlPageFetchedOnce() throws Exception {
                serve(goodHeaders(), List.of(), Map.of("GET /login", () -> new MockResponse.Builder()
                        .addHeader("Content-Type", "text/html")
                        .addHeader("Set-Cookie", "csrftoken=t0ken; Path=/; Secure")
                        .body("<form method=post></form>").build()));
                redirectHttp();

                Result result = run("/login");
                Result csrf = result.claims().get(HeaderClaims.CSRF);

                assertThat(result.findings()).extracting(f -> f.evidence().get("test")).contains("cookies-not-found");
                assertThat(csrf.status()).isEqualTo(Status.FAIL);
                assertThat(csrf.summary()).isEqualTo("anti-CSRF cookie csrftoken set by " + https.url("/login") + " lacks SameSite, "
                        + "but expected every session or anti-CSRF cookie to be " + COOKIES_EXPECTED);
                assertThat(csrf.evidence()).containsEntry("pages", List.of(site().toString(), https.url("/login").toString()))
                        .containsEntry("csrfUrl", https.url("/login").toString());
                assertThat(csrf.findings()).singleElement().satisfies(f -> {
                    assertThat(f.location()).isEqualTo(https.url("/login").toString());
                    assertThat(f.evidence()).containsEntry("cookie", "csrftoken")
                            .containsEntry("test", "cookies-anticsrf-without-samesite-flag").containsEntry("points", -20)
                            .containsEntry("fix", "set `Set-Cookie: csrftoken=<value>; Path=/; Secure; SameSite=Lax`");
                });
                // The page, the preflight, the page again at the end of the plain-HTTP redirect, and the login page once.
                assertThat(received(https)).containsExactlyInAnyOrder("GET /", "OPTIONS /", "GET /", "GET /login");
            }

            @Test
            void reportsErrorWhenTheCsrfUrlPageCannotBeFetched() throws Exception {
                serve(goodHeaders(), List.of());
                redirectHttp();

                Result result = run("/missing");
                Result csrf = result.claims().get(HeaderClaims.CSRF);

                assertThat(result.status()).isEqualTo(Status.PASS);
                assertThat(csrf.status()).isEqualTo(Status.ERROR);
                assertThat(csrf.summary()).isEqualTo("csrfUrl " + https.url("/missing") + " could not be fetched for its cookies: got status "
                        + "404 from " + https.url("/missing") + ", but expected 2xx, 3xx, 401 or 403");
            }
        }

        private static int closedPort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("localhost"))) {
                return socket.getLocalPort();
            }
        }
    }

    @Nested
    class Configuration {

        private SecurityHeadersConfig bind(String yaml) throws Exception {
            return ConfigBinder.bind("securityHeaders", SecurityHeadersConfig.class, new YAMLMapper().readTree(yaml), Set.of("level"));
        }

        @Test
        void bindsUrlsAndTheMinimumGradeAsWritten() throws Exception {
            SecurityHeadersConfig config = bind("url: https://staging.example.com/\nhttpUrl: http://staging.example.com/\nminimumGrade: A+\n"
                    + "csrfUrl: /login\n");

            assertThat(config.url()).isEqualTo(URI.create("https://staging.example.com/"));
            assertThat(config.csrfUrl()).isEqualTo(URI.create("/login"));
            assertThat(config.httpUrl()).isEqualTo(URI.create("http://staging.example.com/"));
            assertThat(config.minimumGrade()).isEqualTo(Grade.A_PLUS);
            assertThat(bind("minimumGrade: b-").minimumGrade()).isEqualTo(Grade.B_MINUS);
        }

        @Test
        void defaultsToTargetAndGradeB() throws Exception {
            assertThat(bind("")).isEqualTo(new SecurityHeadersConfig(null, null, Grade.B, null));
        }

        @Test
        void rejectsAnUnknownGradeListingTheGrades() {
            assertThatThrownBy(() -> bind("minimumGrade: Z"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("securityHeaders.minimumGrade: 'Z' is not an Observatory grade: write one of "
                            + "A+, A, A-, B+, B, B-, C+, C, C-, D+, D, D-, F");
        }

        @Test
        void isFoundAsAServiceWithAClaimPerItem() {
            assertThat(ServiceLoader.load(Check.class).stream().map(ServiceLoader.Provider::get))
                    .filteredOn(c -> c.id().equals("securityHeaders")).singleElement()
                    .satisfies(c -> {
                        List<Claim> claims = ((Check<?>) c).claims();
                        assertThat(claims).extracting(Claim::id, Claim::strength, Claim::phrases).containsExactly(
                                tuple("securityHeaders", Strength.SETTLES, List.of("Secure headers configured")),
                                tuple("securityHeaders.https", Strength.SETTLES, List.of("HTTPS enforced")),
                                tuple("securityHeaders.xss", Strength.SETTLES, List.of("XSS protection enabled")),
                                tuple("securityHeaders.csrf", Strength.SUPPORTS, List.of("CSRF protection enabled")));
                    });
        }
    }
}

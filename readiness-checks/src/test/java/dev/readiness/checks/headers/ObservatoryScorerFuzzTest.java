package dev.readiness.checks.headers;

import static dev.readiness.fuzz.FuzzContract.check;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.internal.Internal;

/**
 * Fuzzes the Observatory's scoring of a site with any observation. The input is UTF-8 text: lines
 * {@code H Name: value} are headers of the HTTPS page (added leniently, as OkHttp reads a response),
 * {@code C value} {@code Set-Cookie} headers on the way to it, {@code R status url} hops of the
 * plain-HTTP chain, {@code O origin} and {@code A Name: value} a CORS preflight; the flags {@code no-https},
 * {@code unverified} and {@code http-unverified} change the page and chains; after the first empty
 * line comes the page's body. Seeds: the captured sites of the headers check's tests. A normal build
 * replays them and every kept finding in {@code ObservatoryScorerFuzzTestInputs};
 * {@code ./mvnw -pl readiness-checks test -Dfuzz=ObservatoryScorerFuzzTest} fuzzes.
 */
class ObservatoryScorerFuzzTest {

    private static final List<String> TESTS = List.of("content-security-policy", "cookies", "cross-origin-resource-sharing",
            "redirection", "referrer-policy", "strict-transport-security", "subresource-integrity", "x-content-type-options",
            "x-frame-options", "cross-origin-resource-policy");
    private static final HttpUrl SITE = HttpUrl.get("https://example.com/");
    private static final Instant AT = Instant.parse("2026-12-01T00:00:00Z");

    /**
     * The scorecard holds the ten tests in the Observatory's order, its score is the Observatory's sum
     * (bonuses only from 90 without them, never below 0) and its grade that score's; a passing
     * strict-transport-security test has a verified page sending {@code max-age}, a passing
     * x-content-type-options test a page sending {@code nosniff} (for values within the Observatory's
     * 256-character excerpt), a passing redirection test no plain HTTP or a verified chain ending on HTTPS.
     * Nothing throws.
     */
    @FuzzTest(maxDuration = "10m")
    void scoresAnyObservationLikeTheObservatory(byte[] bytes) {
        Observation site = observation(new String(bytes, StandardCharsets.UTF_8));
        ObservatoryScorer.Scorecard card = ObservatoryScorer.score(site);

        List<ObservatoryScorer.Outcome> outcomes = card.outcomes();
        check(outcomes.stream().map(o -> o.result().test()).toList().equals(TESTS), () -> "the ten tests in order: " + outcomes);
        int withBonus = 100;
        int withoutBonus = 100;
        for (ObservatoryScorer.Outcome outcome : outcomes) {
            withBonus += outcome.result().points();
            withoutBonus += Math.min(0, outcome.result().points());
        }
        int score = Math.max(0, withoutBonus >= ObservatoryScorer.MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withBonus : withoutBonus);
        check(card.score() == score && card.grade() == Grade.ofScore(score), () -> "score " + card.score() + " " + card.grade() + ", expected " + score);

        Observation.Page page = site.page();
        if (outcomes.get(5).result().pass()) {
            check(page != null && page.verified() && page.headers().values("Strict-Transport-Security").stream()
                    .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("max-age")), () -> "HSTS passes without max-age");
        }
        String xcto = page == null ? "" : String.join(", ", page.headers().values("X-Content-Type-Options"));
        if (outcomes.get(7).result().pass() && xcto.length() <= 256) {
            check("nosniff".equalsIgnoreCase(xcto.trim()), () -> "X-Content-Type-Options passes on '" + xcto + "'");
        }
        if (outcomes.get(3).result().pass()) {
            List<Observation.Hop> chain = site.httpChain();
            check(chain.isEmpty() || chain.get(chain.size() - 1).url().isHttps() && site.httpVerified(), () -> "redirection passes on " + chain);
        }
    }

    private static Observation observation(String text) {
        Headers.Builder page = new Headers.Builder();
        Headers.Builder cors = new Headers.Builder();
        List<Observation.SetCookie> cookies = new ArrayList<>();
        List<Observation.Hop> http = new ArrayList<>();
        String origin = null;
        boolean https = true;
        boolean verified = true;
        boolean httpVerified = true;
        int blank = text.indexOf("\n\n");
        String head = blank < 0 ? text : text.substring(0, blank);
        String body = blank < 0 ? null : text.substring(blank + 2);
        for (String line : head.split("\n")) {
            if (line.startsWith("H ")) {
                header(page, line.substring(2));
            } else if (line.startsWith("A ")) {
                header(cors, line.substring(2));
            } else if (line.startsWith("C ")) {
                cookies.add(new Observation.SetCookie(SITE, line.substring(2)));
            } else if (line.startsWith("O ")) {
                origin = line.substring(2);
            } else if (line.startsWith("R ")) {
                String[] hop = line.substring(2).split(" ", 2);
                HttpUrl url = hop.length == 2 ? HttpUrl.parse(hop[1]) : null;
                if (url != null && hop[0].matches("\\d{1,3}")) {
                    http.add(new Observation.Hop(url, Integer.parseInt(hop[0])));
                }
            } else if (line.equals("no-https")) {
                https = false;
            } else if (line.equals("unverified")) {
                verified = false;
            } else if (line.equals("http-unverified")) {
                httpVerified = false;
            }
        }
        Observation.Page answer = https ? new Observation.Page(SITE, 200, page.build(), body, verified) : null;
        List<Observation.Hop> httpsChain = https ? List.of(new Observation.Hop(SITE, 200)) : List.of();
        Observation.Preflight preflight = origin == null ? null : new Observation.Preflight(origin, cors.build());
        return new Observation(SITE, answer, httpsChain, http, httpVerified, https ? cookies : List.of(), preflight, AT);
    }

    /** Adds "Name: value" as OkHttp adds a header line it reads from a response: the name must not be empty. */
    private static void header(Headers.Builder headers, String line) {
        int colon = line.indexOf(':');
        if (colon > 0) {
            Internal.addHeaderLenient(headers, line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
    }

}

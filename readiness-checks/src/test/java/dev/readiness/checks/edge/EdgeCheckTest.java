package dev.readiness.checks.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readiness.check.CheckContext;
import dev.readiness.check.Finding;
import dev.readiness.check.HttpSettings;
import dev.readiness.check.Result;
import dev.readiness.check.Stage;
import dev.readiness.check.Status;
import dev.readiness.checks.ClassLoaderWithout;
import dev.readiness.checks.PluginLibrary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Headers;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import okio.Buffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real OkHttp client against MockWebServer over HTTPS (a certificate issued by a CA named like Let's Encrypt's),
 * serving a shop's page and real assets (clipboard.js and OK.css as their projects ship them minified, mdBook's
 * ferris.js and general.css as written), and a DNS server on loopback answering from zone files.
 */
@Timeout(60)
class EdgeCheckTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Headers CLOUDFLARE = Headers.of("cf-ray", "8e1f2a3b4c5d6e7f-FRA", "cf-cache-status", "HIT",
            "Cache-Control", "public, max-age=31536000, immutable");

    @TempDir
    Path dir;

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private final Site site = new Site();
    private final EdgeCheck check = new EdgeCheck();
    private Path ca;

    @BeforeEach
    void https() throws IOException {
        HeldCertificate root = new HeldCertificate.Builder().certificateAuthority(0).commonName("R10")
                .organizationalUnit("Let's Encrypt").build();
        HeldCertificate leaf = new HeldCertificate.Builder().addSubjectAlternativeName("localhost").signedBy(root).build();
        server.useHttps(new HandshakeCertificates.Builder().heldCertificate(leaf).build().sslSocketFactory());
        server.setDispatcher(site);
        ca = Files.writeString(dir.resolve("ca.pem"), root.certificatePem());
    }

    /** The shop as it should be: minified, fingerprinted, compressed assets behind Cloudflare, with ETags. */
    private void goodShop() throws IOException {
        site.page("page.html");
        site.serve("/assets/ok.min.3f9a1c2e.css", "text/css", resource("ok.min.css"), CLOUDFLARE, true);
        site.serve("/assets/clipboard.min.8d2f6a41.js", "text/javascript", resource("clipboard.min.js"), CLOUDFLARE, true);
        site.serve("/assets/logo.png", "image/png", resource("logo.png"), CLOUDFLARE, false);
    }

    private String page() {
        return server.url("/").toString();
    }

    private String asset(String path) {
        return server.url(path).toString();
    }

    private Result run(EdgeConfig config) throws Exception {
        return check.run(config, CheckContext.builder(dir).stage(Stage.POST_DEPLOY)
                .http(new HttpSettings(URI.create(page()), TIMEOUT, ca, Map.of(), null)).build());
    }

    private static EdgeConfig config(List<String> cdnHosts, List<EdgeConfig.DnsRecord> records, String caaIssuer, String dnsServer) {
        return new EdgeConfig(null, cdnHosts, null, null, null, records, caaIssuer, dnsServer);
    }

    private static EdgeConfig assetsOnly() {
        return config(null, null, null, null);
    }

    @Test
    void passesEveryAssetClaimForMinifiedCompressedFingerprintedAssetsBehindACdn() throws Exception {
        goodShop();

        Result result = run(assetsOnly());

        assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo("all 3 assets linked from " + page() + " served over HTTPS by a CDN");
        for (String claim : List.of(EdgeCheck.CDN_VERIFIED, EdgeCheck.MINIFIED, EdgeCheck.CACHING, EdgeCheck.OPTIMIZED)) {
            assertThat(result.claims().get(claim).status()).as(claim + ": " + result.claims().get(claim).summary()).isEqualTo(Status.PASS);
        }
        assertThat(result.claims().get(EdgeCheck.MINIFIED).summary())
                .isEqualTo("all 2 assets linked from " + page() + " minified");
        assertThat(result.evidence()).containsEntry("linked", 3).containsEntry("fetched", 3)
                .containsEntry("skippedLinks", List.of("javascript:alert(1)", "data:image/gif;base64,R0lGODlhAQABAAAAACw="));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> assets = (List<Map<String, Object>>) result.evidence().get("assets");
        assertThat(assets.get(1)).containsEntry("url", asset("/assets/clipboard.min.8d2f6a41.js")).containsEntry("kind", "script")
                .containsEntry("cdn", "Cloudflare").containsEntry("contentEncoding", "gzip").containsEntry("wastePercent", "2.63")
                .containsEntry("lines", 7).containsEntry("revalidation", 304);
        // the page, each asset once (the #again link is the same asset), and one revalidation each: no javascript: or data: fetch
        assertThat(site.paths).containsOnly("/", "/assets/ok.min.3f9a1c2e.css", "/assets/clipboard.min.8d2f6a41.js", "/assets/logo.png");
        assertThat(server.getRequestCount()).isEqualTo(1 + 3 + 3);
        // without records the DNS claim has nothing to hold the zone to
        assertThat(result.claims().get(EdgeCheck.DNS).status()).isEqualTo(Status.ERROR);
        assertThat(result.claims().get(EdgeCheck.DNS).summary())
                .isEqualTo("no DNS record is configured (parameter records), so nothing says what the DNS should answer");
    }

    @Test
    void failsMinificationNamingEachUnminifiedScriptAndStylesheetWithItsFigures() throws Exception {
        site.page("page-sources.html");
        site.serve("/assets/general.css", "text/css", resource("general.css"), CLOUDFLARE, true);
        site.serve("/assets/ok.min.3f9a1c2e.css", "text/css", resource("ok.min.css"), CLOUDFLARE, true);
        site.serve("/assets/ferris.js", "text/javascript", resource("ferris.js"), CLOUDFLARE, true);

        Result minified = run(assetsOnly()).claims().get(EdgeCheck.MINIFIED);

        assertThat(minified.status()).isEqualTo(Status.FAIL);
        assertThat(minified.summary()).isEqualTo("2 of 3 assets linked from " + page() + " not minified: "
                + asset("/assets/general.css") + ", " + asset("/assets/ferris.js"));
        assertThat(minified.measured()).isEqualTo("1 of 3 assets minified");
        assertThat(minified.findings()).extracting(Finding::key).containsExactly("edge:minified:" + asset("/assets/general.css"),
                "edge:minified:" + asset("/assets/ferris.js"));
        assertThat(minified.findings().get(1).message()).isEqualTo("script " + asset("/assets/ferris.js") + " is not minified:"
                + " 40.6% whitespace and comments, 102 lines averaging 26 characters (expected at most 15% and, over 10 lines,"
                + " an average line of at least 80 characters)");
        assertThat(minified.remedy()).startsWith("Minify the scripts and stylesheets named");
    }

    @Test
    void failsTheCdnClaimsForAnAssetFromAnOriginWithoutCdnHeadersUnlessItsHostIsListed() throws Exception {
        goodShop();
        site.serve("/assets/logo.png", "image/png", resource("logo.png"), Headers.of("Cache-Control", "public, max-age=600"), false);

        Result result = run(assetsOnly());

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo("edge:cdn:" + asset("/assets/logo.png"));
            assertThat(f.message()).isEqualTo("image " + asset("/assets/logo.png") + " comes from localhost, which is not in"
                    + " cdnHosts, and its answer carries no known CDN's headers");
        });
        assertThat(result.claims().get(EdgeCheck.CDN_VERIFIED).status()).isEqualTo(Status.FAIL);

        Result listed = run(config(List.of("localhost"), null, null, null));

        assertThat(listed.status()).isEqualTo(Status.PASS);
        assertThat(listed.claims().get(EdgeCheck.CDN_VERIFIED).status()).isEqualTo(Status.PASS);
    }

    @Test
    void failsCdnVerificationOnABrokenAssetAndOnAnAnswerTheCdnMayNotKeep() throws Exception {
        goodShop();
        site.serve("/assets/logo.png", "image/png", resource("logo.png"), Headers.of("cf-ray", "8e1f-FRA", "Cache-Control",
                "private, max-age=600"), false);
        site.answer("/assets/clipboard.min.8d2f6a41.js", 404, CLOUDFLARE);

        Result result = run(assetsOnly());

        Result verified = result.claims().get(EdgeCheck.CDN_VERIFIED);
        assertThat(verified.status()).isEqualTo(Status.FAIL);
        assertThat(verified.findings()).extracting(Finding::message).containsExactly(
                "script " + asset("/assets/clipboard.min.8d2f6a41.js") + " answered HTTP 404",
                "image " + asset("/assets/logo.png") + " has Cache-Control 'private, max-age=600', which does not let the CDN keep it:"
                        + " private keeps it out of shared caches");
        // configured: both come through the CDN (its headers), whatever they answered
        assertThat(result.status()).isEqualTo(Status.PASS);
        // a 404 script cannot be judged minified
        assertThat(result.claims().get(EdgeCheck.MINIFIED).status()).isEqualTo(Status.ERROR);
        assertThat(result.claims().get(EdgeCheck.MINIFIED).summary()).isEqualTo("1 of 2 assets could not be judged: script "
                + asset("/assets/clipboard.min.8d2f6a41.js") + ": answered HTTP 404");
    }

    @Test
    void failsTheCdnClaimsForAnAssetAnsweredOnlyWithGooglesLoadBalancerViaOrAVarnishHeader() throws Exception {
        goodShop();
        Headers longLived = Headers.of("Cache-Control", "public, max-age=31536000, immutable");
        // Google Cloud's load balancer adds this Via with Cloud CDN off; a self-hosted Varnish adds X-Varnish (HTTP/2 sends
        // header names in lower case)
        site.serve("/assets/ok.min.3f9a1c2e.css", "text/css", resource("ok.min.css"),
                longLived.newBuilder().add("Via", "1.1 google").build(), true);
        site.serve("/assets/clipboard.min.8d2f6a41.js", "text/javascript", resource("clipboard.min.js"),
                longLived.newBuilder().add("X-Varnish", "32781 32779").build(), true);
        // Fastly is Varnish too, and is still recognised by the cache node that served it
        site.serve("/assets/logo.png", "image/png", resource("logo.png"), longLived.newBuilder().add("Via", "1.1 varnish")
                .add("X-Served-By", "cache-fra-eddf8230141-FRA").add("X-Varnish", "2315869218").build(), false);

        Result result = run(assetsOnly());

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("2 of 3 assets linked from " + page() + " not served over HTTPS by a CDN: "
                + asset("/assets/ok.min.3f9a1c2e.css") + ", " + asset("/assets/clipboard.min.8d2f6a41.js"));
        assertThat(result.findings()).extracting(Finding::message).containsExactly(
                "stylesheet " + asset("/assets/ok.min.3f9a1c2e.css") + " comes from localhost, which is not in cdnHosts, and its"
                        + " answer carries no known CDN's headers, only via: 1.1 google (Google Cloud's load balancer, with Cloud"
                        + " CDN on or off), which does not show a CDN by itself",
                "script " + asset("/assets/clipboard.min.8d2f6a41.js") + " comes from localhost, which is not in cdnHosts, and"
                        + " its answer carries no known CDN's headers, only x-varnish: 32781 32779 (any Varnish, a self-hosted"
                        + " one too), which does not show a CDN by itself");
        Result verified = result.claims().get(EdgeCheck.CDN_VERIFIED);
        assertThat(verified.status()).isEqualTo(Status.FAIL);
        assertThat(verified.findings()).extracting(Finding::key).containsExactly("edge:cdnVerified:"
                + asset("/assets/ok.min.3f9a1c2e.css"), "edge:cdnVerified:" + asset("/assets/clipboard.min.8d2f6a41.js"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> assets = (List<Map<String, Object>>) result.evidence().get("assets");
        assertThat(assets).extracting(a -> a.get("cdn")).containsExactly(null, null, "Fastly");
    }

    @Test
    void failsCdnVerificationOnCacheControlThatGivesASharedCacheNoLifetime() throws Exception {
        Map<String, String> cacheControls = new LinkedHashMap<>();
        cacheControls.put("zero", "public, max-age=0");
        cacheControls.put("shared-zero", "public, max-age=600, s-maxage=0");
        cacheControls.put("no-cache", "no-cache, max-age=600");
        cacheControls.put("no-store", "no-store");
        cacheControls.put("private", "private");
        cacheControls.put("shared-only", "public, s-maxage=600");
        cacheControls.put("shared-over-zero", "max-age=0, s-maxage=600");
        cacheControls.put("pragma", "public, max-age=600");
        StringBuilder html = new StringBuilder("<!doctype html><title>shop</title>");
        cacheControls.forEach((name, cacheControl) -> {
            html.append("<img src=\"/img/").append(name).append(".png\">");
            // Pragma is a request's field: an answer's "Pragma: no-cache" does not keep a shared cache from storing it
            Headers headers = Headers.of("cf-ray", "8e1f-FRA", "Cache-Control", cacheControl);
            site.serve("/img/" + name + ".png", "image/png", new byte[] {1},
                    name.equals("pragma") ? headers.newBuilder().add("Pragma", "no-cache").build() : headers, false);
        });
        site.page(html.toString());

        Result verified = run(assetsOnly()).claims().get(EdgeCheck.CDN_VERIFIED);

        assertThat(verified.status()).isEqualTo(Status.FAIL);
        String kept = "', which does not let the CDN keep it: ";
        assertThat(verified.findings()).extracting(Finding::message).containsExactly(
                "image " + asset("/img/zero.png") + " has Cache-Control 'public, max-age=0" + kept + "max-age=0 makes it stale at once",
                "image " + asset("/img/shared-zero.png") + " has Cache-Control 'public, max-age=600, s-maxage=0" + kept
                        + "s-maxage=0 makes it stale for a shared cache at once",
                "image " + asset("/img/no-cache.png") + " has Cache-Control 'no-cache, max-age=600" + kept
                        + "no-cache makes the CDN ask the origin every time",
                "image " + asset("/img/no-store.png") + " has Cache-Control 'no-store" + kept + "no-store forbids storing it",
                "image " + asset("/img/private.png") + " has Cache-Control 'private" + kept + "private keeps it out of shared caches");
        assertThat(verified.measured()).isEqualTo("3 of 8 assets served by the CDN over HTTPS with a 2xx answer a shared cache"
                + " may keep");
    }

    @Test
    void failsCdnVerificationOnAnAssetTheCdnSaysItDoesNotCache() throws Exception {
        goodShop();
        site.serve("/assets/logo.png", "image/png", resource("logo.png"), Headers.of("cf-ray", "8e1f-FRA", "cf-cache-status", "DYNAMIC",
                "Cache-Control", "public, max-age=31536000, immutable"), false);

        Result verified = run(assetsOnly()).claims().get(EdgeCheck.CDN_VERIFIED);

        assertThat(verified.status()).isEqualTo(Status.FAIL);
        assertThat(verified.findings()).extracting(Finding::message).containsExactly("image " + asset("/assets/logo.png")
                + " is not cached by the CDN, as its own header says: cf-cache-status: DYNAMIC");
    }

    @Test
    void failsCachingOnAShortLivedFingerprintedAssetAndOnValidatorsThatDoNotAnswer304() throws Exception {
        goodShop();
        site.serve("/assets/ok.min.3f9a1c2e.css", "text/css", resource("ok.min.css"),
                Headers.of("cf-ray", "8e1f-FRA", "Cache-Control", "public, max-age=600"), true);
        site.serve("/assets/logo.png", "image/png", resource("logo.png"), CLOUDFLARE, false);
        site.noValidators("/assets/logo.png");
        site.ignoreValidators("/assets/clipboard.min.8d2f6a41.js");

        Result caching = run(assetsOnly()).claims().get(EdgeCheck.CACHING);

        assertThat(caching.status()).isEqualTo(Status.FAIL);
        assertThat(caching.findings()).extracting(Finding::message).containsExactly(
                "stylesheet " + asset("/assets/ok.min.3f9a1c2e.css") + " is fingerprinted but has max-age=600, expected at least"
                        + " 2592000 (720h)",
                "script " + asset("/assets/clipboard.min.8d2f6a41.js") + " answered HTTP 200 to a revalidation with its own"
                        + " validator, expected 304",
                "image " + asset("/assets/logo.png") + " has neither ETag nor Last-Modified, so it cannot be revalidated");
    }

    @Test
    void failsOptimizationOnUncompressedTextAndAnImageOverTheBudget() throws Exception {
        goodShop();
        site.serve("/assets/clipboard.min.8d2f6a41.js", "text/javascript", resource("clipboard.min.js"), CLOUDFLARE, false);

        Result optimized = run(new EdgeConfig(null, null, null, null, 1000L, null, null, null)).claims().get(EdgeCheck.OPTIMIZED);

        assertThat(optimized.status()).isEqualTo(Status.FAIL);
        assertThat(optimized.findings()).extracting(Finding::message).containsExactly(
                "script " + asset("/assets/clipboard.min.8d2f6a41.js") + " is sent uncompressed (10754 bytes, Content-Encoding"
                        + " none), expected gzip or br",
                "image " + asset("/assets/logo.png") + " weighs more than 1000 bytes (maxImageBytes)");
    }

    @Test
    void failsTheCdnClaimForAssetsServedOverPlainHttp() throws Exception {
        try (MockWebServer plain = new MockWebServer()) {
            plain.setDispatcher(site);
            plain.start();
            goodShop();

            Result result = check.run(assetsOnly(), CheckContext.builder(dir)
                    .http(new HttpSettings(URI.create(plain.url("/").toString()), TIMEOUT, null, Map.of(), null)).build());

            assertThat(result.status()).isEqualTo(Status.FAIL);
            assertThat(result.findings()).extracting(Finding::message).containsExactly(
                    "stylesheet " + plain.url("/assets/ok.min.3f9a1c2e.css") + " is served over plain HTTP",
                    "script " + plain.url("/assets/clipboard.min.8d2f6a41.js") + " is served over plain HTTP",
                    "image " + plain.url("/assets/logo.png") + " is served over plain HTTP");
        }
    }

    @Test
    void reportsErrorOnEveryAssetClaimWhenThePageLinksNoAsset() throws Exception {
        site.page("<!doctype html><title>Coming soon</title><p>Soon.</p><script>var inline = 1;</script>");

        Result result = run(assetsOnly());

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo(page() + " links no script, stylesheet or image, so there is nothing to judge");
        for (String claim : List.of(EdgeCheck.CDN_VERIFIED, EdgeCheck.MINIFIED, EdgeCheck.CACHING, EdgeCheck.OPTIMIZED)) {
            assertThat(result.claims().get(claim).status()).as(claim).isEqualTo(Status.ERROR);
        }
    }

    @Test
    void reportsErrorWhenThePageIsNotHtml() throws Exception {
        site.serve("/", "application/json", "{\"status\":\"UP\"}".getBytes(), Headers.of(), false);

        Result result = run(assetsOnly());

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo(page() + " answered Content-Type application/json, not HTML, so it links no"
                + " assets to judge");
        assertThat(result.claims()).containsOnlyKeys(EdgeCheck.DNS);
    }

    @Test
    void reportsErrorOnAPageOverOneMebibyteWithoutReadingItAll() throws Exception {
        site.page("<!doctype html><title>huge</title>" + "<p>filler</p>".repeat(100_000));

        Result result = run(assetsOnly());

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).startsWith("the page " + page() + " declares 1300034 bytes, more than the 1048576 read at most");
    }

    @Test
    void reportsErrorWhenThePageIsUnreachable() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Result result = check.run(assetsOnly(), CheckContext.builder(dir)
                .http(new HttpSettings(URI.create("http://127.0.0.1:" + closed + "/"), TIMEOUT, null, Map.of(), null)).build());

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("could not connect to 127.0.0.1:" + closed + " within 5s: connection refused");
    }

    @Test
    void reportsErrorForAnAssetWhoseHostDoesNotAnswerRatherThanJudgingIt() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String gone = "https://127.0.0.1:" + closed + "/assets/app.3f9a1c2e.js";
        site.page("<!doctype html><title>shop</title><script src=\"" + gone + "\"></script>");

        Result result = run(assetsOnly());

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("1 of 1 asset could not be judged: script " + gone + ": could not connect to"
                + " 127.0.0.1:" + closed + " within 5s: connection refused");
        assertThat(result.claims().get(EdgeCheck.MINIFIED).status()).isEqualTo(Status.ERROR);
        assertThat(result.claims().get(EdgeCheck.CACHING).status()).isEqualTo(Status.ERROR);
    }

    @Test
    void fetchesAtMostMaxAssetsOfAPageOfAThousandAndCannotPassOnThePart() throws Exception {
        StringBuilder html = new StringBuilder("<!doctype html><title>many</title>");
        for (int i = 0; i < 1000; i++) {
            html.append("<script src=\"/assets/s").append(i).append(".js\"></script>");
        }
        site.page(html.toString());
        site.fallback("text/javascript", "window.a=1;".getBytes(), CLOUDFLARE);

        Result result = run(assetsOnly());

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo(page() + " links 1000 assets; only the first 100 (maxAssets) were fetched, so"
                + " whether every asset is served over HTTPS by a CDN is not known");
        assertThat(result.evidence()).containsEntry("linked", 1000).containsEntry("fetched", 100);
        assertThat(server.getRequestCount()).isEqualTo(1 + 100 + 100);
    }

    @Test
    void passesDnsWhenRecordsResolveAsExpectedAndCaaAllowsTheServedCertificatesIssuer() throws Exception {
        goodShop();
        try (ZoneServer dns = ZoneServer.serving("good.example.com.zone")) {
            Result result = run(config(null, List.of(
                    new EdgeConfig.DnsRecord("shop.example.com", "A", List.of("203.0.113.10")),
                    new EdgeConfig.DnsRecord("shop.example.com", "AAAA", List.of("2001:db8::10")),
                    new EdgeConfig.DnsRecord("example.com", "MX", List.of("10 mx1.example.com.")),
                    new EdgeConfig.DnsRecord("example.com", "TXT", List.of("v=spf1 mx -all")),
                    new EdgeConfig.DnsRecord("static.example.com", "CNAME", List.of("shop-assets.cdn.example.net"))), null, dns.address()));

            Result verdict = result.claims().get(EdgeCheck.DNS);
            assertThat(verdict.status()).as(verdict.summary()).isEqualTo(Status.PASS);
            assertThat(verdict.summary()).isEqualTo("5 DNS records resolve as expected, no CNAME dangles, and CAA lets the"
                    + " certificate's issuer issue for shop.example.com, static.example.com");
            assertThat(verdict.evidence()).containsEntry("resolver", "the DNS server " + dns.address())
                    .containsEntry("issuer", "CN=R10,OU=Let's Encrypt");
            assertThat(verdict.evidence().get("caa").toString()).contains("foundAt=example.com")
                    .contains("0 issue \"letsencrypt.org; validationmethods=dns-01\"");
        }
    }

    @Test
    void failsDnsOnARecordThatAnswersOtherwiseAndOnANameThatDoesNotExist() throws Exception {
        goodShop();
        try (ZoneServer dns = ZoneServer.serving("good.example.com.zone")) {
            Result verdict = run(config(null, List.of(
                    new EdgeConfig.DnsRecord("shop.example.com", "A", List.of("203.0.113.10", "203.0.113.11")),
                    new EdgeConfig.DnsRecord("www.example.com", "A", List.of("203.0.113.10"))), null, dns.address()))
                    .claims().get(EdgeCheck.DNS);

            assertThat(verdict.status()).isEqualTo(Status.FAIL);
            assertThat(verdict.findings()).extracting(Finding::key, Finding::message).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("edge:dns:shop.example.com:A",
                            "shop.example.com A answers 203.0.113.10, expected 203.0.113.10, 203.0.113.11"),
                    org.assertj.core.groups.Tuple.tuple("edge:dns:www.example.com:A",
                            "www.example.com A: the name does not exist (NXDOMAIN), expected 203.0.113.10"));
            assertThat(verdict.measured()).isEqualTo("0 records as expected");
        }
    }

    @Test
    void failsDnsOnADanglingCname() throws Exception {
        goodShop();
        try (ZoneServer dns = ZoneServer.serving("dangling.example.com.zone")) {
            Result verdict = run(config(null, List.of(new EdgeConfig.DnsRecord("static.example.com", "CNAME",
                    List.of("shop-old.cdn.example.net"))), null, dns.address())).claims().get(EdgeCheck.DNS);

            assertThat(verdict.status()).isEqualTo(Status.FAIL);
            assertThat(verdict.findings()).singleElement().satisfies(f -> {
                assertThat(f.key()).isEqualTo("edge:dangling:static.example.com");
                assertThat(f.message()).isEqualTo("static.example.com is a CNAME to shop-old.cdn.example.net, which does not exist"
                        + " (NXDOMAIN): a dangling CNAME, which anyone who claims shop-old.cdn.example.net can take over");
            });
        }
    }

    @Test
    void failsDnsWhenCaaNamesAnotherCaThanTheIssuerOfTheServedCertificate() throws Exception {
        goodShop();
        try (ZoneServer dns = ZoneServer.serving("caa-mismatch.example.com.zone")) {
            Result verdict = run(config(null, List.of(new EdgeConfig.DnsRecord("shop.example.com", "A", List.of("203.0.113.10"))),
                    null, dns.address())).claims().get(EdgeCheck.DNS);

            assertThat(verdict.status()).isEqualTo(Status.FAIL);
            assertThat(verdict.findings()).singleElement().satisfies(f -> {
                assertThat(f.key()).isEqualTo("edge:caa:shop.example.com");
                assertThat(f.message()).isEqualTo("CAA of example.com lets only digicert.com issue for shop.example.com, not the"
                        + " certificate's issuer (letsencrypt.org)");
            });

            Result configured = run(config(null, List.of(new EdgeConfig.DnsRecord("shop.example.com", "A", List.of("203.0.113.10"))),
                    "digicert.com", dns.address())).claims().get(EdgeCheck.DNS);
            assertThat(configured.status()).as(configured.summary()).isEqualTo(Status.PASS);
        }
    }

    @Test
    void reportsErrorWithinTheTimeoutWhenTheDnsServerNeverAnswers() throws Exception {
        goodShop();
        try (ZoneServer dns = ZoneServer.silent()) {
            long start = System.nanoTime();
            Result verdict = check.run(config(null, List.of(new EdgeConfig.DnsRecord("shop.example.com", "A", List.of("203.0.113.10"))),
                    null, dns.address()), CheckContext.builder(dir).http(new HttpSettings(URI.create(page()), Duration.ofSeconds(1),
                    ca, Map.of(), null)).build()).claims().get(EdgeCheck.DNS);

            assertThat(verdict.status()).isEqualTo(Status.ERROR);
            assertThat(verdict.summary()).isEqualTo("the DNS server " + dns.address() + " did not answer shop.example.com A within 1s;"
                    + " and 1 more");
            assertThat(verdict.evidence().get("errors")).asList().element(1).isEqualTo("shop.example.com A was not asked: the DNS"
                    + " server " + dns.address() + " did not answer shop.example.com A within 1s");
            // one question, one timeout: a dead resolver is not asked again
            assertThat(dns.questions.get()).isEqualTo(1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void reportsErrorNamingDnsjavaWhenRecordsAreConfiguredAndThePluginDoesNotCarryIt() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        List<String> result = new ClassLoaderWithout("org.xbill.").run("edge", "{\"url\": \"http://127.0.0.1:" + closedPort + "/\","
                + " \"records\": [{\"name\": \"shop.example.com\", \"type\": \"A\", \"expect\": \"203.0.113.10\"}]}", dir);

        assertThat(result).contains(EdgeCheck.DNS + ": ERROR asking DNS for the configured records needs "
                + PluginLibrary.DNSJAVA.coordinates() + ", which the plugin does not carry unless the project adds it");
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = EdgeCheckTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    /**
     * The shop's server: the page at /, assets by path with their headers, an ETag per asset answered with 304 (unless told
     * otherwise), gzip when the asset is compressible and the client offers it; the paths asked for are recorded.
     */
    private static final class Site extends Dispatcher {
        private record Served(int status, String contentType, byte[] body, Headers headers, boolean gzip) {
        }

        final java.util.Set<String> paths = ConcurrentHashMap.newKeySet();
        private final Map<String, Served> served = new ConcurrentHashMap<>();
        private final java.util.Set<String> noValidators = ConcurrentHashMap.newKeySet();
        private final java.util.Set<String> ignoreValidators = ConcurrentHashMap.newKeySet();
        private Served fallback;

        void page(String resourceOrHtml) throws IOException {
            byte[] html = resourceOrHtml.endsWith(".html") ? resource(resourceOrHtml) : resourceOrHtml.getBytes();
            serve("/", "text/html; charset=utf-8", html, Headers.of(), false);
        }

        void serve(String path, String contentType, byte[] body, Headers headers, boolean gzip) {
            served.put(path, new Served(200, contentType, body, headers, gzip));
        }

        void answer(String path, int status, Headers headers) {
            served.put(path, new Served(status, "text/html", "<h1>Not Found</h1>".getBytes(), headers, false));
        }

        void fallback(String contentType, byte[] body, Headers headers) {
            fallback = new Served(200, contentType, body, headers, false);
        }

        void noValidators(String path) {
            noValidators.add(path);
        }

        void ignoreValidators(String path) {
            ignoreValidators.add(path);
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String path = request.getUrl().encodedPath();
            paths.add(path);
            Served answer = served.getOrDefault(path, fallback);
            if (answer == null) {
                return new MockResponse.Builder().code(404).build();
            }
            String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(answer.body())) + "\"";
            MockResponse.Builder response = new MockResponse.Builder().code(answer.status()).headers(answer.headers())
                    .setHeader("Content-Type", answer.contentType());
            if (!noValidators.contains(path) && !path.equals("/")) {
                response.setHeader("ETag", etag);
                if (etag.equals(request.getHeaders().get("If-None-Match")) && !ignoreValidators.contains(path)) {
                    return response.code(304).build();
                }
            }
            String accept = request.getHeaders().get("Accept-Encoding");
            if (answer.gzip() && accept != null && accept.contains("gzip")) {
                return response.setHeader("Content-Encoding", "gzip").body(new Buffer().write(gzip(answer.body()))).build();
            }
            return response.body(new Buffer().write(answer.body())).build();
        }

        private static byte[] gzip(byte[] body) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
                zip.write(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return out.toByteArray();
        }
    }
}

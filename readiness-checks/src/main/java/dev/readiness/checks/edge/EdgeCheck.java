package dev.readiness.checks.edge;

import dev.readiness.check.Check;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Claim;
import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import dev.readiness.check.Scope;
import dev.readiness.check.Stage;
import dev.readiness.checks.PluginLibrary;
import dev.readiness.checks.http.BoundedBody;
import dev.readiness.checks.http.HttpClients;
import dev.readiness.checks.http.HttpMessages;
import dev.readiness.io.BoundedInput;
import dev.readiness.text.Words;
import java.io.IOException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import okhttp3.CacheControl;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The {@code edge} check: after a deployment, GETs the target's page, fetches the scripts, stylesheets and images it links
 * (at most {@code maxAssets}), and asks DNS about the names the service is served under. Its main claim ("CDN configured
 * for static assets") FAILs naming each asset that is not served over HTTPS from a {@code cdnHosts} host or with a known
 * CDN's headers; {@code edge.cdnVerified} also needs each such answer to be 2xx with headers that let a shared cache keep
 * it; {@code edge.minified} FAILs naming each script or stylesheet that is not minified, with its figures;
 * {@code edge.dns} FAILs on a record that does not resolve as expected, a dangling CNAME or a CAA record that does not let
 * the certificate's issuer issue. {@code edge.caching} and {@code edge.optimized} only support their items: long caching
 * of fingerprinted assets with validators that answer 304, compressed text and images within a budget. A page that is
 * unreachable or not HTML, or links no asset, is ERROR for the asset claims, never a pass.
 */
public final class EdgeCheck implements Check<EdgeConfig> {

    static final String CDN_VERIFIED = "edge.cdnVerified";
    static final String MINIFIED = "edge.minified";
    static final String DNS = "edge.dns";
    static final String CACHING = "edge.caching";
    static final String OPTIMIZED = "edge.optimized";
    /** Text assets smaller than this are not expected to be compressed (CDNs and servers skip them too). */
    static final int COMPRESS_FROM_BYTES = 1024;
    private static final int NAMED = 3;

    @Override
    public String id() {
        return "edge";
    }

    @Override
    public String description() {
        return "every script, stylesheet and image the page links is served over HTTPS by a CDN (a cdnHosts host, or an answer"
                + " carrying a known CDN's headers)";
    }

    @Override
    public List<String> phrases() {
        return List.of("CDN configured for static assets");
    }

    @Override
    public List<Claim> claims() {
        return List.of(Claim.settles(id(), description(), phrases()).inStage(Stage.POST_DEPLOY),
                Claim.settles(CDN_VERIFIED, "every linked asset is served by the CDN over HTTPS and its answer is 2xx with"
                        + " Cache-Control that lets a shared cache keep it (s-maxage, or else max-age, above 0; not private, no-cache or"
                        + " no-store), and the CDN does not say it leaves it uncached (cf-cache-status DYNAMIC or BYPASS, x-cache"
                        + " CONFIG_NOCACHE)",
                        List.of("CDN configuration verified")).inStage(Stage.POST_DEPLOY),
                Claim.settles(MINIFIED, "every linked script and stylesheet is minified: at most 15% whitespace and comments, and"
                        + " over 10 lines an average line of at least 80 characters", List.of("Minification of JavaScript and CSS"))
                        .inStage(Stage.POST_DEPLOY),
                Claim.settles(DNS, "every configured DNS record resolves to exactly its expected values, no name the service is"
                        + " served under is a dangling CNAME, and CAA lets the issuer of the served certificate issue",
                        List.of("DNS configuration verified")).inStage(Stage.POST_DEPLOY),
                Claim.supports(CACHING, "fingerprinted assets have a Cache-Control max-age of at least minCacheMaxAge, and every"
                        + " asset's ETag or Last-Modified answers 304 on revalidation", List.of("Caching strategy implemented"))
                        .inStage(Stage.POST_DEPLOY),
                Claim.supports(OPTIMIZED, "scripts and stylesheets of 1 KiB or more are sent compressed (gzip or br) and no image"
                        + " weighs more than maxImageBytes", List.of("Image and asset optimization")).inStage(Stage.POST_DEPLOY));
    }

    @Override
    public Class<EdgeConfig> configType() {
        return EdgeConfig.class;
    }

    @Override
    public Scope scope() {
        return Scope.BUILD;
    }

    @Override
    public Result run(EdgeConfig config, CheckContext context) throws InterruptedException {
        HttpUrl page = config.url() != null ? HttpUrl.parse(config.url())
                : context.http().target() == null ? null : HttpUrl.get(context.http().target());
        if (page == null) {
            return Result.error(config.url() == null ? "edge has no url and no <target> is configured"
                            : "edge cannot GET '" + Words.oneLine(Words.withoutUserInfo(config.url()), 200) + "': it is not an http(s) URL")
                    .remedy("Set <target> to the deployed service's base URL, or give the edge check a <url>.").build();
        }
        String shown = HttpMessages.display(page);
        OkHttpClient client;
        try {
            client = HttpClients.forSettings(context.http());
        } catch (IOException e) {
            return HttpClients.clientUnavailable("edge cannot call " + shown, e).build();
        }
        String html;
        String issuer = null;
        try (Response response = client.newCall(new Request.Builder().url(page)
                .header("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1").get().build()).execute()) {
            if (response.handshake() != null && !response.handshake().peerCertificates().isEmpty()
                    && response.handshake().peerCertificates().get(0) instanceof X509Certificate leaf) {
                issuer = leaf.getIssuerX500Principal().getName();
            }
            String contentType = response.header("Content-Type", "");
            if (response.code() < 200 || response.code() >= 300) {
                String redirect = HttpMessages.redirectTo(response, page);
                return pageError(shown + " answered HTTP " + response.code() + (redirect.isEmpty() ? "" : redirect + " (not followed)")
                        + ", so its assets could not be listed",
                        "Point the edge <url> at the page itself, as it answers 200.", config, context, page, issuer);
            }
            if (!contentType.toLowerCase(Locale.ROOT).contains("html")) {
                return pageError(shown + " answered " + (contentType.isEmpty() ? "without a Content-Type" : "Content-Type "
                                + Words.oneLine(contentType, 80)) + ", not HTML, so it links no assets to judge",
                        "Point the edge <url> at an HTML page of the site (its home page).", config, context, page, issuer);
            }
            html = new String(BoundedBody.read(response.body(), "the page " + shown), StandardCharsets.UTF_8);
        } catch (IOException e) {
            context.log().debug("edge: GET " + shown + " failed: " + e);
            return pageError(HttpMessages.describe(e, page, context.http().timeout()), e instanceof BoundedInput.LimitExceededException
                    ? "Point the edge <url> at a page under 1 MiB." : HttpMessages.UNREACHABLE_REMEDY, config, context, page, issuer);
        }
        PageAssets linked = PageAssets.read(html, page);
        List<PageAssets.Link> fetched = linked.links().subList(0, Math.min(linked.links().size(), config.maxAssets()));
        List<Asset> assets = new AssetFetcher(client, context.http().timeout(), config.maxImageBytes(), context.log()).fetch(fetched);
        Judged judged = new Judged(shown, assets, linked.links().size(), config);
        Result.Builder main = judged.cdnConfigured().evidence("page", shown).evidence("linked", linked.links().size())
                .evidence("fetched", assets.size()).evidence("skippedLinks", linked.skipped().isEmpty() ? null : linked.skipped())
                .evidence("assets", assets.stream().map(EdgeCheck::facts).toList());
        return main.claim(CDN_VERIFIED, judged.cdnVerified()).claim(MINIFIED, judged.minified()).claim(CACHING, judged.caching())
                .claim(OPTIMIZED, judged.optimized()).claim(DNS, dns(config, context, page, issuer)).build();
    }

    /** The ERROR of a page whose assets could not be listed; DNS is still asked. */
    private static Result pageError(String summary, String remedy, EdgeConfig config, CheckContext context, HttpUrl page, String issuer) {
        return Result.error(summary).evidence("page", HttpMessages.display(page)).remedy(remedy)
                .claim(DNS, dns(config, context, page, issuer)).build();
    }

    private static Result dns(EdgeConfig config, CheckContext context, HttpUrl page, String issuer) {
        if (config.records().isEmpty()) {
            return Result.error("no DNS record is configured (parameter records), so nothing says what the DNS should answer")
                    .remedy("List the records the service depends on: <records><record><name>shop.example.com</name><type>A</type>"
                            + "<expect>203.0.113.10</expect></record></records>.").build();
        }
        Set<String> served = new LinkedHashSet<>();
        if (HttpUrl.parse("http://" + page.host()) != null && !page.host().equals("localhost") && !isAddress(page.host())) {
            served.add(page.host().toLowerCase(Locale.ROOT));
        }
        Result.Builder noResolver = PluginLibrary.requiredFor("asking DNS for the configured records", PluginLibrary.DNSJAVA);
        if (noResolver != null) {
            return noResolver.build();
        }
        try {
            return new DnsVerifier(config.dnsServer(), context.http().timeout()).verify(config.records(), served, issuer, config.caaIssuer());
        } catch (UnknownHostException e) {
            return Result.error("the DNS server " + config.dnsServer() + " could not be found: " + Words.oneLine(e.getMessage(), 200))
                    .remedy("Set dnsServer to a resolver's host:port that this machine can reach.").build();
        }
    }

    private static boolean isAddress(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    private static Map<String, Object> facts(Asset asset) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("url", HttpMessages.display(asset.link().url()));
        facts.put("kind", asset.link().kind().word());
        if (asset.failure() != null) {
            facts.put("error", asset.failure());
            return facts;
        }
        facts.put("status", asset.status());
        putHeader(facts, "cacheControl", asset, "Cache-Control");
        putHeader(facts, "contentEncoding", asset, "Content-Encoding");
        String cdn = Cdn.recognise(asset.headers());
        if (cdn != null) {
            facts.put("cdn", cdn);
        }
        if (asset.bytes() >= 0) {
            facts.put("bytes", asset.bytes());
        }
        if (asset.minification() != null) {
            facts.put("wastePercent", asset.minification().wasteRatio().movePointRight(2).stripTrailingZeros().toPlainString());
            facts.put("lines", asset.minification().lines());
            facts.put("averageLine", asset.minification().averageLine());
        }
        if (asset.revalidation() != 0) {
            facts.put("revalidation", asset.revalidation());
        }
        return facts;
    }

    private static void putHeader(Map<String, Object> facts, String key, Asset asset, String header) {
        String value = asset.headers().get(header);
        if (value != null) {
            facts.put(key, Words.oneLine(value, 200));
        }
    }

    /** The verdicts on the asset claims, from what was observed of the fetched assets. */
    private static final class Judged {
        private final String page;
        private final List<Asset> assets;
        private final int linked;
        private final EdgeConfig config;

        Judged(String page, List<Asset> assets, int linked, EdgeConfig config) {
            this.page = page;
            this.assets = assets;
            this.linked = linked;
            this.config = config;
        }

        /** Why the asset is not served over HTTPS by a CDN; {@code null} when it is, "" when that is unknown. */
        private String notViaCdn(Asset asset) {
            if (!asset.link().url().isHttps()) {
                return "is served over plain HTTP";
            }
            if (Cdn.listed(config.cdnHosts(), asset.link().url().host())) {
                return null;
            }
            if (asset.failure() != null) {
                return "";
            }
            if (Cdn.recognise(asset.headers()) != null) {
                return null;
            }
            String proxy = Cdn.proxyOnly(asset.headers());
            return "comes from " + asset.link().url().host() + ", which is not in cdnHosts, and its answer carries no known CDN's"
                    + " headers" + (proxy == null ? "" : ", only " + proxy + ", which does not show a CDN by itself");
        }

        Result.Builder cdnConfigured() {
            return decide(assets, this::notViaCdn, "edge:cdn:", "served over HTTPS by a CDN",
                    "Serve the assets from the CDN over HTTPS (link them under its host), or list the CDN's host in cdnHosts.");
        }

        Result cdnVerified() {
            return decide(assets, asset -> {
                String not = notViaCdn(asset);
                if (not != null || asset.failure() != null) {
                    return asset.failure() != null ? "" : not;
                }
                if (!asset.answered2xx()) {
                    return "answered HTTP " + asset.status();
                }
                String notCached = Cdn.notCached(asset.headers());
                if (notCached != null) {
                    return "is not cached by the CDN, as its own header says: " + notCached;
                }
                String cacheControl = String.join(", ", asset.headers().values("Cache-Control"));
                String refusal = sharedCacheRefusal(asset.cacheControl());
                if (refusal != null) {
                    return cacheControl.isEmpty() ? "has no Cache-Control, so the CDN may not keep it"
                            : "has Cache-Control '" + Words.oneLine(cacheControl, 80) + "', which does not let the CDN keep it: "
                            + refusal;
                }
                return null;
            }, "edge:cdnVerified:", "served by the CDN over HTTPS with a 2xx answer a shared cache may keep",
                    "Fix the CDN's configuration for each asset named: its origin must answer 2xx, and Cache-Control must give"
                            + " it a lifetime, s-maxage or max-age above 0 (public, max-age=31536000), without private, no-cache"
                            + " or no-store.").build();
        }

        /**
         * Why a shared cache may not keep an answer with these directives, or {@code null} when it may: not no-store, private
         * or no-cache, and s-maxage above 0, or without s-maxage a max-age above 0.
         */
        private static String sharedCacheRefusal(CacheControl directives) {
            if (directives.noStore()) {
                return "no-store forbids storing it";
            }
            if (directives.isPrivate()) {
                return "private keeps it out of shared caches";
            }
            if (directives.noCache()) {
                return "no-cache makes the CDN ask the origin every time";
            }
            if (directives.sMaxAgeSeconds() >= 0) {
                return directives.sMaxAgeSeconds() > 0 ? null : "s-maxage=0 makes it stale for a shared cache at once";
            }
            if (directives.maxAgeSeconds() >= 0) {
                return directives.maxAgeSeconds() > 0 ? null : "max-age=0 makes it stale at once";
            }
            return "neither s-maxage nor max-age gives it a lifetime";
        }

        Result minified() {
            List<Asset> text = assets.stream().filter(a -> a.link().kind().text()).toList();
            return decide(text, asset -> {
                if (asset.failure() != null || !asset.answered2xx()) {
                    return "";
                }
                if (asset.minification() == null) {
                    return "";
                }
                return asset.minification().minified() ? null : "is not minified: " + asset.minification().describe()
                        + " (expected at most " + Minification.MAX_WASTE.movePointRight(2).toPlainString()
                        + "% and, over " + Minification.MIN_LINES_FOR_LENGTH + " lines, an average line of at least "
                        + Minification.MIN_AVERAGE_LINE + " characters)";
            }, "edge:minified:", "minified", "Minify the scripts and stylesheets named in the build (Terser or esbuild for"
                    + " JavaScript, cssnano or esbuild for CSS; most bundlers do it in production mode) and deploy the output.").build();
        }

        Result caching() {
            long minSeconds = config.minCacheMaxAge().toSeconds();
            return decide(assets, asset -> {
                if (!asset.answered2xx()) {
                    return "";
                }
                List<String> problems = new ArrayList<>();
                if (asset.fingerprinted() && asset.maxAge().orElse(0) < minSeconds) {
                    problems.add("is fingerprinted but " + (asset.maxAge().isPresent() ? "has max-age=" + asset.maxAge().getAsLong()
                            : "has no max-age") + ", expected at least " + minSeconds + " (" + Words.duration(config.minCacheMaxAge()) + ")");
                }
                if (asset.revalidation() == 0) {
                    problems.add("has neither ETag nor Last-Modified, so it cannot be revalidated");
                } else if (asset.revalidation() != 304) {
                    problems.add("answered HTTP " + asset.revalidation() + " to a revalidation with its own validator, expected 304");
                }
                return problems.isEmpty() ? null : String.join("; ", problems);
            }, "edge:caching:", "cached as expected", "Give fingerprinted assets Cache-Control: public, max-age=31536000,"
                    + " immutable, and let the server answer If-None-Match/If-Modified-Since with 304 (ETag or Last-Modified).").build();
        }

        Result optimized() {
            return decide(assets, asset -> {
                if (!asset.answered2xx()) {
                    return "";
                }
                if (asset.link().kind().text()) {
                    String encoding = asset.encoding();
                    return asset.bytes() < COMPRESS_FROM_BYTES || "gzip".equals(encoding) || "br".equals(encoding) ? null
                            : "is sent uncompressed (" + asset.bytes() + " bytes, Content-Encoding " + (encoding == null ? "none" : encoding)
                            + "), expected gzip or br";
                }
                return asset.overImageCap() ? "weighs more than " + config.maxImageBytes() + " bytes (maxImageBytes)" : null;
            }, "edge:optimized:", "optimized (text compressed, images within maxImageBytes)", "Turn on gzip or Brotli for text/javascript and text/css"
                    + " at the CDN or server, and compress or resize the images named (WebP or AVIF, sized for display).").build();
        }

        /**
         * FAIL naming every asset the rule finds wanting; else ERROR when an asset could not be judged (rule answers ""), when
         * the page links more assets than were fetched, or when there is none; else PASS.
         */
        private Result.Builder decide(List<Asset> judged, Function<Asset, String> rule, String keyPrefix, String good, String remedy) {
            if (judged.isEmpty()) {
                return Result.error(page + " links no " + (judged == assets ? "script, stylesheet or image" : "script or stylesheet")
                                + ", so there is nothing to judge")
                        .remedy("Point the edge <url> at a page that links the site's assets (its home page).");
            }
            List<Finding> findings = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            for (Asset asset : judged) {
                String problem = rule.apply(asset);
                String name = asset.link().kind().word() + " " + HttpMessages.display(asset.link().url());
                if (problem == null) {
                    continue;
                }
                if (problem.isEmpty()) {
                    unknown.add(name + (asset.failure() != null ? ": " + asset.failure() : asset.answered2xx()
                            ? ": its Content-Encoding " + asset.encoding() + " cannot be decoded" : ": answered HTTP " + asset.status()));
                } else {
                    findings.add(Finding.of(name + " " + problem).key(keyPrefix + HttpMessages.display(asset.link().url()))
                            .at(HttpMessages.display(asset.link().url())).build());
                }
            }
            int total = judged.size();
            String measured = (total - findings.size() - unknown.size()) + " of " + Words.plural(total, "asset") + " " + good;
            Result.Builder result;
            if (!findings.isEmpty()) {
                result = Result.fail(findings.size() + " of " + Words.plural(total, "asset") + " linked from " + page + " not "
                        + good + ": " + names(findings)).findings(findings).remedy(remedy);
            } else if (!unknown.isEmpty()) {
                result = Result.error(unknown.size() + " of " + Words.plural(total, "asset") + " could not be judged: " + unknown.get(0)
                        + (unknown.size() > 1 ? "; and " + (unknown.size() - 1) + " more" : "")).evidence("unjudged", unknown)
                        .remedy(HttpMessages.UNREACHABLE_REMEDY);
            } else if (linked > assets.size()) {
                result = Result.error(page + " links " + linked + " assets; only the first " + assets.size() + " (maxAssets) were"
                        + " fetched, so whether every asset is " + good + " is not known").remedy("Raise maxAssets to at least " + linked + ".");
            } else {
                result = Result.pass("all " + Words.plural(total, "asset") + " linked from " + page + " " + good);
            }
            return result.measured(measured).expected("all " + total + " " + good);
        }

        private static String names(List<Finding> findings) {
            return String.join(", ", findings.stream().limit(NAMED).map(Finding::location).toList())
                    + (findings.size() > NAMED ? " and " + (findings.size() - NAMED) + " more" : "");
        }
    }
}

package dev.readiness.checks.headers;

import dev.readiness.check.Check;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Claim;
import dev.readiness.check.Finding;
import dev.readiness.check.HttpSettings;
import dev.readiness.check.Result;
import dev.readiness.check.Scope;
import dev.readiness.checks.http.HttpClients;
import dev.readiness.checks.http.HttpMessages;
import dev.readiness.text.Words;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLException;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Grades the deployed site's security headers, cookies and HTTP-to-HTTPS redirect with the MDN
 * HTTP Observatory's rules and points, and fails when the grade is below {@code minimumGrade}; from
 * the same responses it decides, each on its own evidence, whether HTTPS is enforced, whether the
 * Content-Security-Policy protects against XSS, and (supporting only) whether the session cookies
 * resist CSRF (see {@link HeaderClaims}).
 *
 * <p>It fetches the HTTPS page, its plain-HTTP twin and the {@code csrfUrl} page, if any, at the
 * same time with the shared client, following redirects one hop at a time (at most
 * {@value #MAX_REDIRECTS}, each recorded), then sends a CORS preflight to the page, and scores what
 * it saw with {@link ObservatoryScorer}: every address is fetched once per run. The result
 * is ERROR when the page cannot be fetched (unreachable, TLS failure, timeout, redirect loop, an
 * error status), and FAIL for a plain-HTTP {@code url}. A plain-HTTP twin that does not answer at
 * all is the Observatory's "no HTTP, no redirect needed" for the grade, but leaves "HTTPS enforced"
 * undecided (ERROR): the redirect could not be seen from here. The configured request headers go only
 * to the origin of {@code <target>} or, without a target, of {@code url} (see {@link HttpClients}):
 * never over plain HTTP to an HTTPS site, nor to other hosts.
 */
public final class SecurityHeadersCheck implements Check<SecurityHeadersConfig> {

    /** The most redirects followed from either address. */
    static final int MAX_REDIRECTS = 10;
    /** The foreign origin the CORS preflight claims to come from. */
    static final String PREFLIGHT_ORIGIN = "https://readiness-preflight.invalid";
    private static final String ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @Override
    public String id() {
        return "securityHeaders";
    }

    @Override
    public String description() {
        return "Grades the site's security headers, cookies and HTTP-to-HTTPS redirect with the MDN HTTP Observatory's "
                + "rules; fails below the minimum grade.";
    }

    @Override
    public List<String> phrases() {
        return List.of("Secure headers configured");
    }

    @Override
    public List<Claim> claims() {
        return List.of(
                Claim.settles(id(), description(), phrases()),
                Claim.settles(HeaderClaims.HTTPS, "The plain-HTTP address's first answer redirects to HTTPS on the same host, and the "
                        + "HTTPS page sends Strict-Transport-Security with a max-age of at least " + ObservatoryScorer.SIX_MONTHS
                        + " seconds (180 days).", List.of("HTTPS enforced")),
                Claim.settles(HeaderClaims.XSS, "The page sends a Content-Security-Policy whose Observatory test scores 0 or more: no "
                        + "'unsafe-inline' or 'unsafe-eval' scripts, no broad script sources, object-src restricted.",
                        List.of("XSS protection enabled")),
                Claim.supports(HeaderClaims.CSRF, "Every session or anti-CSRF cookie (a name with sess, login or csrf) that the page and "
                        + "csrfUrl set is Secure, SameSite=Lax or Strict (or named __Host-), and HttpOnly if it holds a session; "
                        + "load-balancer cookies that must be SameSite=None are listed, not judged; no such cookie: not evaluated.",
                        List.of("CSRF protection enabled")));
    }

    @Override
    public Class<SecurityHeadersConfig> configType() {
        return SecurityHeadersConfig.class;
    }

    @Override
    public Scope scope() {
        return Scope.BUILD;
    }

    @Override
    public Result run(SecurityHeadersConfig config, CheckContext context) throws Exception {
        URI configured = config.url() != null ? config.url() : context.http().target();
        if (configured == null) {
            return Result.error("securityHeaders has no url and no <target> is configured")
                    .remedy("Set <securityHeaders><url>https://your-site/</url></securityHeaders> or the shared <target>.")
                    .build();
        }
        HttpUrl site = withoutUserInfo(HttpUrl.parse(configured.toString()));
        if (site == null) {
            return Result.error("securityHeaders url '" + Words.oneLine(configured.toString(), 200)
                            + "' is not an http or https address")
                    .remedy("Set <url> to the site's https:// address.").build();
        }
        if (!site.isHttps()) {
            String notFetched = "securityHeaders url " + site + " is plain HTTP, so nothing was fetched";
            return Result.fail("securityHeaders url " + site + " is plain HTTP, but expected an HTTPS address")
                    .measured(site.scheme()).expected("https")
                    .evidence("url", site.toString())
                    .finding(Finding.of(ObservatoryResult.HSTS_NO_HTTPS.message()).key(ObservatoryResult.HSTS_NO_HTTPS.id()).at(site.toString())
                            .with("test", ObservatoryResult.HSTS_NO_HTTPS.id())
                            .with("points", ObservatoryResult.HSTS_NO_HTTPS.points())
                            .with("header", ObservatoryResult.HSTS_NO_HTTPS.subject())
                            .with("fix", ObservatoryResult.HSTS_NO_HTTPS.fix()).build())
                    .remedy("Serve the site over HTTPS and set <url> to its https:// address; put the plain-HTTP "
                            + "address in <httpUrl> to have its redirect graded.")
                    .claim(HeaderClaims.HTTPS, Result.fail("securityHeaders url " + site + " is plain HTTP, but expected an HTTPS address "
                            + "that plain HTTP redirects to").measured(site.scheme()).expected("https").evidence("url", site.toString())
                            .remedy("Serve the site over HTTPS, redirect plain HTTP to it, and set <url> to its https:// address.").build())
                    .claim(HeaderClaims.XSS, Result.error(notFetched + ": its Content-Security-Policy was not evaluated")
                            .remedy("Set <url> to the site's https:// address.").build())
                    .claim(HeaderClaims.CSRF, Result.skipped(notFetched + ": its cookies were not evaluated").build())
                    .build();
        }
        HttpUrl httpUrl = config.httpUrl() != null ? withoutUserInfo(HttpUrl.parse(config.httpUrl().toString()))
                : new HttpUrl.Builder().scheme("http").host(site.host()).build();
        if (httpUrl == null || httpUrl.isHttps()) {
            return Result.error("securityHeaders httpUrl '" + config.httpUrl() + "' is not a plain-HTTP address")
                    .remedy("Set <httpUrl> to an http:// address, or leave it out to use http://" + site.host() + "/.")
                    .build();
        }
        HttpUrl csrfUrl = null;
        if (config.csrfUrl() != null) {
            csrfUrl = withoutUserInfo(site.resolve(config.csrfUrl().toString()));
            if (csrfUrl == null) {
                return Result.error("securityHeaders csrfUrl '" + Words.oneLine(config.csrfUrl().toString(), 200)
                                + "' is not an http or https address, nor one relative to " + site)
                        .remedy("Set <csrfUrl> to the page that sets the session cookie, e.g. /login or " + site.resolve("/login") + ".")
                        .build();
            }
        }
        HttpSettings http = context.http();
        OkHttpClient client;
        try {
            client = HttpClients.forSettings(http);
        } catch (IOException e) {
            return Result.error("securityHeaders cannot set up its HTTP client: " + e.getMessage())
                    .remedy("Point <http><trustCertificates> at a readable PEM file of CA certificates.").build();
        }
        Fetcher fetcher = new Fetcher(client, site, context.http().timeout());
        Observation observation;
        try {
            observation = fetcher.observe(httpUrl, csrfUrl, context);
        } catch (FetchException e) {
            return Result.error(e.getMessage())
                    .evidence("url", site.toString()).evidence("httpUrl", httpUrl.toString())
                    .remedy(e.remedy).build();
        } finally {
            fetcher.cancelAll();
        }
        ObservatoryScorer.Scorecard card = ObservatoryScorer.score(observation);
        return grade(config.minimumGrade(), site, httpUrl, observation, card, fetcher.httpUnavailable)
                .claim(HeaderClaims.HTTPS, HeaderClaims.https(httpUrl, observation, card, fetcher.httpUnavailable))
                .claim(HeaderClaims.XSS, HeaderClaims.xss(observation, card))
                .claim(HeaderClaims.CSRF, HeaderClaims.csrf(observation, card))
                .build();
    }

    /**
     * The address without user name and password: OkHttp never sends them, and a password must not
     * reach a message or the evidence.
     */
    private static HttpUrl withoutUserInfo(HttpUrl url) {
        return url == null ? null : url.newBuilder().username("").password("").build();
    }

    /** The main claim: the grade against the minimum, with a finding per test naming the header, value or cookie it read. */
    private static Result.Builder grade(Grade minimum, HttpUrl site, HttpUrl httpUrl, Observation observation,
                                        ObservatoryScorer.Scorecard card, String httpUnavailable) {
        boolean pass = card.grade().isAtLeast(minimum);
        String measured = card.grade() + " (" + card.score() + "/100)";
        Result.Builder result = pass
                ? Result.pass("security headers grade is " + measured + " for " + site + ", expected minimum is " + minimum)
                : Result.fail("security headers grade is " + measured + " for " + site + ", but expected minimum is " + minimum);
        result.measured(measured).expected(">= " + minimum)
                .evidence("score", card.score())
                .evidence("grade", card.grade().toString())
                .evidence("minimumGrade", minimum.toString())
                .evidence("testsPassed", card.passed())
                .evidence("testsQuantity", card.outcomes().size())
                .evidence("url", site.toString())
                .evidence("httpUrl", httpUrl.toString())
                .evidence("redirects", redirects(observation))
                .evidence("httpUnavailable", httpUnavailable);
        List<ObservatoryScorer.Outcome> ordered = new ArrayList<>(card.outcomes());
        ordered.sort(Comparator.comparing((ObservatoryScorer.Outcome o) -> failing(o) ? 0 : 1)
                .thenComparingInt(o -> failing(o) ? o.result().points() : 0));
        List<String> fixes = new ArrayList<>();
        for (ObservatoryScorer.Outcome outcome : ordered) {
            ObservatoryResult r = outcome.result();
            String location = r.test().equals("redirection") ? httpUrl.toString() : observation.page().url().toString();
            Object culprits = outcome.facts().get("cookie");
            List<String> cookies = culprits == null ? List.of() : List.of(culprits.toString().split(", "));
            Finding.Builder finding = Finding.of(HeaderClaims.capitalized(r.message(cookies)) + " (" + r.id() + ", "
                            + HeaderClaims.signed(r.points()) + ")")
                    .key(r.id())
                    .at(location)
                    .with("test", r.id())
                    .with("points", r.points())
                    .with("pass", r.pass())
                    .with("header", r.subject())
                    .with("value", value(r, observation, cookies))
                    .with("cookie", culprits)
                    .with("fix", r.fix());
            outcome.facts().forEach((key, value) -> {
                if (!key.equals("cookie")) {
                    finding.with(key, value);
                }
            });
            if (!failing(outcome)) {
                finding.note();
            }
            result.finding(finding.build());
            if (failing(outcome)) {
                fixes.add(r.subject() + ": " + r.fix());
            }
        }
        if (!pass) {
            result.remedy("Raise the grade to " + minimum + " or better; fix the failing tests, most points first: "
                    + String.join("; ", fixes) + ".");
        }
        return result;
    }

    /**
     * What the test read, fit to print: the header's value on the page (or the preflight, or the
     * plain-HTTP address's {@code Location}), or the {@code Set-Cookie} headers of the cookies at
     * fault with their values masked; {@code null} when it read nothing.
     */
    private static String value(ObservatoryResult r, Observation observation, List<String> cookies) {
        String subject = r.subject();
        if (subject.equals("Location")) {
            Observation.Hop first = observation.httpChain().isEmpty() ? null : observation.httpChain().get(0);
            return first == null || first.location() == null ? null : HttpMessages.display(first.location());
        }
        if (subject.equals("Set-Cookie")) {
            List<String> shown = new ArrayList<>();
            for (String cookie : cookies) {
                observation.cookies().stream().filter(c -> ObservatoryScorer.cookieName(c.header()).equals(cookie))
                        .reduce((a, b) -> b).ifPresent(c -> shown.add(HeaderClaims.setCookie(c.header())));
            }
            return shown.isEmpty() ? null : HeaderClaims.shown(String.join(", ", shown));
        }
        Headers headers = subject.startsWith("Access-Control-") ? (observation.cors() == null ? null : observation.cors().headers())
                : observation.page().headers();
        String value = headers == null ? null : HeaderClaims.joined(headers, subject);
        return value == null ? null : HeaderClaims.shown(value);
    }

    /** A test that failed or cost points. */
    private static boolean failing(ObservatoryScorer.Outcome outcome) {
        return !outcome.result().pass() || outcome.result().points() < 0;
    }

    private static Map<String, Object> redirects(Observation observation) {
        Map<String, Object> redirects = new LinkedHashMap<>();
        redirects.put("https", hops(observation.httpsChain()));
        redirects.put("http", hops(observation.httpChain()));
        return redirects;
    }

    private static List<Map<String, Object>> hops(List<Observation.Hop> chain) {
        List<Map<String, Object>> hops = new ArrayList<>();
        for (Observation.Hop hop : chain) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("url", hop.url().toString());
            map.put("status", hop.status());
            hops.add(map);
        }
        return hops;
    }

    /** A fetch that could not be completed; its message is the ERROR summary. */
    static final class FetchException extends Exception {
        final String remedy;

        FetchException(String message, String remedy) {
            super(message);
            this.remedy = remedy;
        }
    }

    /** One redirect chain as followed. */
    private record Chain(List<Observation.Hop> hops, Observation.Page page, List<Observation.SetCookie> cookies,
                         boolean verified) {
    }

    /**
     * Fetches one site for one run: the HTTPS chain on the calling thread, the plain-HTTP chain on
     * another, each call bounded by the client's timeouts; every call is cancelled when the run ends.
     */
    private static final class Fetcher {
        private final OkHttpClient client;
        private final HttpUrl site;
        private final Duration timeout;
        private final List<Call> calls = new CopyOnWriteArrayList<>();
        private volatile String httpUnavailable;

        Fetcher(OkHttpClient client, HttpUrl site, Duration timeout) {
            this.client = client;
            this.site = site;
            this.timeout = timeout;
        }

        /**
         * Fetches everything one run needs, each address once: the HTTPS chain on the calling thread,
         * the plain-HTTP chain and the {@code csrfUrl} page (when not {@code null}) on others.
         */
        Observation observe(HttpUrl httpUrl, HttpUrl csrfUrl, CheckContext context) throws FetchException {
            ExecutorService executor = Executors.newFixedThreadPool(csrfUrl == null ? 1 : 2, runnable -> {
                Thread thread = new Thread(runnable, "securityHeaders " + httpUrl);
                thread.setDaemon(true);
                return thread;
            });
            try {
                CompletableFuture<Chain> http = CompletableFuture.supplyAsync(() -> {
                    try {
                        return httpChain(httpUrl);
                    } catch (FetchException e) {
                        throw new CompletionException(e);
                    }
                }, executor);
                CompletableFuture<Observation.CsrfPage> csrf = csrfUrl == null ? null
                        : CompletableFuture.supplyAsync(() -> csrfPage(csrfUrl), executor);
                Chain https = follow(site, true);
                String unfit = unfitStatus(https.page());
                if (unfit != null) {
                    throw new FetchException("securityHeaders " + unfit,
                            "Point <url> at a page that answers; the Observatory grades only those.");
                }
                Observation.Preflight cors = preflight(https.page().url());
                Chain plain = join(http);
                return new Observation(site, https.page(), https.hops(), plain.hops(), plain.verified(), https.cookies(), cors,
                        context.clock().instant(), csrf == null ? null : join(csrf));
            } finally {
                executor.shutdownNow();
            }
        }

        /** Why a page's status is not one the Observatory grades ("got status 500 from ..."), or {@code null}. */
        private static String unfitStatus(Observation.Page page) {
            int status = page.status();
            return status < 200 || (status >= 400 && status != 401 && status != 403)
                    ? "got status " + status + " from " + page.url() + ", but expected 2xx, 3xx, 401 or 403" : null;
        }

        /** The {@code csrfUrl} page, followed for its cookies; a failure is recorded, never thrown. */
        private Observation.CsrfPage csrfPage(HttpUrl url) {
            List<Observation.Hop> hops = new ArrayList<>();
            try {
                Chain chain = follow(url, false, hops);
                return new Observation.CsrfPage(url, chain.hops(), chain.cookies(), unfitStatus(chain.page()));
            } catch (FetchException e) {
                return new Observation.CsrfPage(url, hops, List.of(), e.getMessage());
            } catch (IOException e) {
                return new Observation.CsrfPage(url, hops, List.of(),
                        HttpMessages.describe(e, hops.isEmpty() ? url : hops.get(hops.size() - 1).location(), timeout));
            }
        }

        private static <T> T join(CompletableFuture<T> future) throws FetchException {
            try {
                return future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FetchException("securityHeaders was interrupted", null);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof FetchException f) {
                    throw f;
                }
                throw new FetchException("securityHeaders failed: " + e.getCause(), null);
            }
        }

        /**
         * The plain-HTTP chain: no answer at all means no HTTP (nothing to redirect); a TLS failure
         * on a later HTTPS hop is an invalid chain; other failures after the first hop are errors.
         */
        private Chain httpChain(HttpUrl httpUrl) throws FetchException {
            List<Observation.Hop> hops = new ArrayList<>();
            try {
                return follow(httpUrl, false, hops);
            } catch (SSLException e) {
                return new Chain(hops, null, List.of(), false);
            } catch (IOException e) {
                if (hops.isEmpty()) {
                    httpUnavailable = HttpMessages.describe(e, httpUrl, timeout);
                    return new Chain(List.of(), null, List.of(), true);
                }
                throw failure(e, hops.get(hops.size() - 1).url(), "following the redirects of " + httpUrl);
            }
        }

        private Chain follow(HttpUrl start, boolean readBody) throws FetchException {
            try {
                return follow(start, readBody, new ArrayList<>());
            } catch (IOException e) {
                throw failure(e, start, "fetching " + start);
            }
        }

        /** Follows redirects from {@code start}, adding each hop to {@code hops} as it answers. */
        private Chain follow(HttpUrl start, boolean readBody, List<Observation.Hop> hops) throws IOException, FetchException {
            List<Observation.SetCookie> cookies = new ArrayList<>();
            Set<HttpUrl> seen = new HashSet<>();
            HttpUrl current = start;
            while (true) {
                if (!seen.add(current)) {
                    throw new FetchException("securityHeaders found a redirect loop from " + start + ": " + current
                            + " was reached twice (" + route(hops) + ")",
                            "Make " + start + " redirect to a page that answers without redirecting back.");
                }
                if (hops.size() > MAX_REDIRECTS) {
                    throw new FetchException("securityHeaders followed " + MAX_REDIRECTS + " redirects from " + start
                            + " without reaching a page (" + route(hops) + ")",
                            "Make " + start + " reach its page in fewer redirects.");
                }
                Call call = client.newCall(new Request.Builder().url(current).header("Accept", ACCEPT).build());
                calls.add(call);
                try (Response response = call.execute()) {
                    HttpUrl answered = current;
                    response.headers("Set-Cookie").forEach(header -> cookies.add(new Observation.SetCookie(answered, header)));
                    String location = response.isRedirect() ? response.header("Location") : null;
                    if (location == null) {
                        hops.add(new Observation.Hop(answered, response.code()));
                        String body = readBody ? body(response) : null;
                        return new Chain(hops, new Observation.Page(current, response.code(), response.headers(), body, true),
                                cookies, true);
                    }
                    HttpUrl next = current.resolve(location);
                    hops.add(new Observation.Hop(answered, response.code(), next));
                    if (next == null) {
                        throw new FetchException("securityHeaders cannot follow the redirect of " + current + " to '"
                                + Words.oneLine(location, 200) + "': not an http or https address",
                                "Redirect " + current + " to an http(s) address.");
                    }
                    current = next;
                }
            }
        }

        /** The page's text, when it may be HTML: at most the shared body cap. */
        private static String body(Response response) throws IOException {
            ResponseBody body = response.body();
            MediaType type = body.contentType();
            if (type != null && !type.subtype().toLowerCase(Locale.ROOT).contains("html")) {
                return null;
            }
            BufferedSource source = body.source();
            source.request(HttpClients.MAX_BODY_BYTES);
            Buffer buffer = source.getBuffer();
            Charset charset = type == null ? StandardCharsets.UTF_8 : type.charset(StandardCharsets.UTF_8);
            return buffer.readString(Math.min(buffer.size(), HttpClients.MAX_BODY_BYTES), charset);
        }

        /** A CORS preflight of the page from a foreign origin, as the Observatory sends it. */
        private Observation.Preflight preflight(HttpUrl page) throws FetchException {
            Request request = new Request.Builder().url(page).method("OPTIONS", null)
                    .header("Origin", PREFLIGHT_ORIGIN)
                    .header("Access-Control-Request-Method", "GET")
                    .build();
            Call call = client.newCall(request);
            calls.add(call);
            try (Response response = call.execute()) {
                return new Observation.Preflight(PREFLIGHT_ORIGIN, response.headers());
            } catch (IOException e) {
                throw failure(e, page, "sending a CORS preflight (OPTIONS) to " + page);
            }
        }

        void cancelAll() {
            calls.forEach(Call::cancel);
        }

        private FetchException failure(IOException e, HttpUrl url, String doing) {
            String what = HttpMessages.describe(e, url, timeout);
            String remedy = e instanceof SSLException
                    ? "Serve a certificate that chains to a trusted CA and names " + url.host()
                    + " (or add the private CA to <http><trustCertificates>)."
                    : "Check that " + url.host() + ":" + url.port() + " is up and reachable from this build, "
                    + "or raise <http><timeout> (now " + Words.duration(timeout) + ").";
            return new FetchException("securityHeaders could not complete " + doing + ": " + what, remedy);
        }

        private static String route(List<Observation.Hop> hops) {
            return String.join(" -> ", hops.stream().map(Observation.Hop::toString).toList());
        }
    }
}

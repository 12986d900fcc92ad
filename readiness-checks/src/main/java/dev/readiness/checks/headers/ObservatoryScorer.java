package dev.readiness.checks.headers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Cookie;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * Scores an {@link Observation} with the MDN HTTP Observatory's published rules and points: ten
 * tests (content-security-policy, cookies, cross-origin-resource-sharing, redirection,
 * referrer-policy, strict-transport-security, subresource-integrity, x-content-type-options,
 * x-frame-options, cross-origin-resource-policy) each give one result with a score modifier; the
 * score starts at 100 and adds them all, but the bonuses count only when the score without them is
 * at least 90; the grade follows the Observatory's chart.
 *
 * <p>Where this differs from the Observatory: the HSTS preload list is not consulted (its
 * {@code hsts-preloaded} and {@code redirection-all-redirects-preloaded} need Chromium's list), so
 * a preloaded site scores what its own header and redirects earn; an HSTS {@code max-age} that is
 * not a number makes the header invalid (the Observatory's {@code parseInt} lets it pass); the
 * SameSite syntax check covers every {@code Set-Cookie} of the HTTPS chain, not only the last
 * page's; and the Observatory's newer cross-origin-opener-policy and cross-origin-embedder-policy
 * tests are not run (neither captured reference site's grade depends on them).
 */
final class ObservatoryScorer {

    /** The bonuses count only from this score (without them) up. */
    static final int MINIMUM_SCORE_FOR_EXTRA_CREDIT = 90;
    /** 15768000 seconds is six months; the Observatory accepts the common 15552000 (180 days). */
    static final long SIX_MONTHS = 15_552_000;

    private static final Set<String> HTML_TYPES = Set.of("text/html", "application/xhtml+xml");
    private static final List<String> PRIVATE_REFERRERS = List.of("no-referrer", "same-origin", "strict-origin",
            "strict-origin-when-cross-origin");
    private static final List<String> UNSAFE_REFERRERS = List.of("origin", "origin-when-cross-origin", "unsafe-url",
            "no-referrer-when-downgrade");
    private static final Pattern MAX_AGE = Pattern.compile("max-age=\"?(-?\\d+)");
    /** Cookies set by Heroku's router, which the Observatory ignores. */
    private static final Set<String> IGNORED_COOKIES = Set.of("heroku-session-affinity");
    /** Cookie results from least to most severe: a later one replaces an earlier one. */
    private static final List<ObservatoryResult> COOKIE_SEVERITY = List.of(
            ObservatoryResult.COOKIES_WITHOUT_SECURE_HSTS,
            ObservatoryResult.COOKIES_WITHOUT_SECURE,
            ObservatoryResult.COOKIES_SESSION_WITHOUT_SECURE_HSTS,
            ObservatoryResult.COOKIES_SAMESITE_INVALID,
            ObservatoryResult.COOKIES_ANTICSRF_WITHOUT_SAMESITE,
            ObservatoryResult.COOKIES_SESSION_WITHOUT_HTTPONLY,
            ObservatoryResult.COOKIES_SESSION_WITHOUT_SECURE);
    /** Subresource-integrity results in the Observatory's order: a later one replaces an earlier one. */
    private static final List<ObservatoryResult> SRI_SEVERITY = List.of(
            ObservatoryResult.SRI_IMPLEMENTED_ALL_SECURE,
            ObservatoryResult.SRI_IMPLEMENTED_EXTERNAL_SECURE,
            ObservatoryResult.SRI_IMPLEMENTED_EXTERNAL_INSECURE,
            ObservatoryResult.SRI_NOT_IMPLEMENTED_EXTERNAL_SECURE,
            ObservatoryResult.SRI_NOT_IMPLEMENTED_EXTERNAL_INSECURE);

    private ObservatoryScorer() {
    }

    /**
     * One test's result and the facts behind it (the header value read, the policy's flags, the
     * cookies, the redirect route), as the Observatory reports them.
     */
    record Outcome(ObservatoryResult result, Map<String, Object> facts) {
        Outcome {
            facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        }

        Outcome(ObservatoryResult result) {
            this(result, Map.of());
        }
    }

    /**
     * The scored tests, in the Observatory's order, with the score and grade.
     *
     * @param score the final score: may exceed 100 with bonuses, never below 0
     * @param html  what the page's HTML said (its policies, referrer and scripts)
     */
    record Scorecard(List<Outcome> outcomes, int score, Grade grade, HtmlFacts html) {
        Scorecard {
            outcomes = List.copyOf(outcomes);
        }

        long passed() {
            return outcomes.stream().filter(o -> o.result().pass()).count();
        }

        /** The outcome of one test, by the Observatory's name ({@code strict-transport-security}). */
        Outcome outcome(String test) {
            return outcomes.stream().filter(o -> o.result().test().equals(test)).findFirst().orElseThrow();
        }
    }

    static Scorecard score(Observation site) {
        HtmlFacts html = html(site.page());
        ContentSecurityPolicy.Analysis csp = contentSecurityPolicy(site, html);
        Outcome hsts = strictTransportSecurity(site.page());
        List<Outcome> outcomes = List.of(
                csp.outcome(),
                cookies(site.cookies(), site.at(), hsts.result().pass()),
                crossOriginResourceSharing(site.cors()),
                redirection(site),
                referrerPolicy(site.page(), html),
                hsts,
                subresourceIntegrity(site, html),
                xContentTypeOptions(site.page()),
                xFrameOptions(site.page(), csp),
                crossOriginResourcePolicy(site.page()));
        int withBonus = 100;
        int withoutBonus = 100;
        for (Outcome outcome : outcomes) {
            int points = outcome.result().points();
            withBonus += points;
            withoutBonus += Math.min(points, 0);
        }
        int score = Math.max(withoutBonus >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withBonus : withoutBonus, 0);
        return new Scorecard(outcomes, score, Grade.ofScore(score), html);
    }

    private static HtmlFacts html(Observation.Page page) {
        if (page == null || page.body() == null || page.body().isEmpty() || !isHtml(page.headers())) {
            return HtmlFacts.NONE;
        }
        return HtmlFacts.parse(page.body());
    }

    /** Whether the page says it is HTML; a page without a Content-Type counts as HTML too, as in the Observatory. */
    private static boolean isHtml(Headers headers) {
        String type = first(headers, "Content-Type");
        return type == null || HTML_TYPES.contains(type.split(";")[0].trim().toLowerCase(Locale.ROOT));
    }

    private static ContentSecurityPolicy.Analysis contentSecurityPolicy(Observation site, HtmlFacts html) {
        Observation.Page page = site.page();
        if (page == null) {
            return new ContentSecurityPolicy.Analysis(new Outcome(ObservatoryResult.CSP_NOT_IMPLEMENTED), null);
        }
        return ContentSecurityPolicy.analyze(page.headers().values("Content-Security-Policy"), html.cspMetas(),
                first(page.headers(), "Content-Security-Policy-Report-Only") != null, site.site().isHttps());
    }

    /** HSTS read from the HTTPS page: a max-age of at least six months, sent once. */
    static Outcome strictTransportSecurity(Observation.Page page) {
        if (page == null) {
            return new Outcome(ObservatoryResult.HSTS_NO_HTTPS);
        }
        if (!page.verified()) {
            return new Outcome(ObservatoryResult.HSTS_INVALID_CERT);
        }
        String header = joined(page.headers(), "Strict-Transport-Security");
        if (header == null) {
            return new Outcome(ObservatoryResult.HSTS_NOT_IMPLEMENTED);
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("data", clip(header, 1024));
        Long maxAge = null;
        boolean includeSubDomains = false;
        boolean preload = false;
        for (String directive : header.split(";")) {
            String d = directive.trim().toLowerCase(Locale.ROOT);
            Matcher m = MAX_AGE.matcher(d);
            if (m.lookingAt()) {
                String digits = m.group(1);
                maxAge = digits.length() > 18 ? (digits.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE) : Long.parseLong(digits);
            } else if (d.equals("includesubdomains")) {
                includeSubDomains = true;
            } else if (d.equals("preload")) {
                preload = true;
            }
        }
        facts.put("maxAge", maxAge);
        facts.put("includeSubDomains", includeSubDomains);
        facts.put("preload", preload);
        if (header.contains(",") || maxAge == null) {
            return new Outcome(ObservatoryResult.HSTS_HEADER_INVALID, facts);
        }
        return new Outcome(maxAge < SIX_MONTHS ? ObservatoryResult.HSTS_LESS_THAN_SIX_MONTHS
                : ObservatoryResult.HSTS_AT_LEAST_SIX_MONTHS, facts);
    }

    /** A cookie a browser keeps, with the {@code Set-Cookie} header that set it. */
    record JarCookie(Cookie cookie, Observation.SetCookie raw) {
    }

    /**
     * The cookies a browser keeps from these headers, in the order first set: a later cookie of
     * the same name, domain and path replaces an earlier one, and one that had expired at {@code at}
     * removes it. Headers that are not cookies are left out.
     */
    static List<JarCookie> jar(List<Observation.SetCookie> raws, Instant at) {
        Map<String, JarCookie> jar = new LinkedHashMap<>();
        for (Observation.SetCookie raw : raws) {
            Cookie cookie = Cookie.parse(raw.url(), raw.header());
            if (cookie == null) {
                continue;
            }
            String key = cookie.name() + ";" + cookie.domain() + ";" + cookie.path();
            jar.remove(key);
            if (!cookie.persistent() || cookie.expiresAt() > at.toEpochMilli()) {
                jar.put(key, new JarCookie(cookie, raw));
            }
        }
        return List.copyOf(jar.values());
    }

    /** The Observatory's session-cookie heuristic: the name contains "login" or "sess", in any case. */
    static boolean isSession(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.contains("login") || lower.contains("sess");
    }

    /** The Observatory's anti-CSRF-cookie heuristic: the name contains "csrf", in any case. */
    static boolean isAntiCsrf(String name) {
        return name.toLowerCase(Locale.ROOT).contains("csrf");
    }

    /**
     * The cookies set on the way to the page: all Secure (or at least behind HSTS), session cookies
     * (names with "login" or "sess") HttpOnly and Secure, anti-CSRF cookies (names with "csrf") with
     * SameSite, SameSite one of Strict, Lax or None (None only with Secure). The most severe
     * finding wins; the bonus needs SameSite on every cookie.
     *
     * @param hsts whether the page sets HSTS for at least six months (softens a missing Secure flag)
     */
    static Outcome cookies(List<Observation.SetCookie> raws, Instant at, boolean hsts) {
        ObservatoryResult result = null;
        List<String> culprits = new ArrayList<>();
        for (Observation.SetCookie raw : raws) {
            if (hasInvalidSameSite(raw.header())) {
                result = worse(result, ObservatoryResult.COOKIES_SAMESITE_INVALID, culprits, cookieName(raw.header()));
            }
        }
        List<Cookie> jar = jar(raws, at).stream().map(JarCookie::cookie).filter(c -> !IGNORED_COOKIES.contains(c.name())).toList();
        if (jar.isEmpty()) {
            return new Outcome(ObservatoryResult.COOKIES_NOT_FOUND);
        }
        boolean missingSameSite = false;
        Map<String, Object> data = new LinkedHashMap<>();
        for (Cookie cookie : jar) {
            boolean session = isSession(cookie.name());
            boolean antiCsrf = isAntiCsrf(cookie.name());
            String sameSite = sameSite(cookie);
            if (!cookie.secure() && "none".equals(sameSite)) {
                result = worse(result, ObservatoryResult.COOKIES_SAMESITE_INVALID, culprits, cookie.name());
            }
            if (!cookie.secure()) {
                result = worse(result, hsts ? ObservatoryResult.COOKIES_WITHOUT_SECURE_HSTS
                        : ObservatoryResult.COOKIES_WITHOUT_SECURE, culprits, cookie.name());
            }
            if (antiCsrf && sameSite == null) {
                result = worse(result, ObservatoryResult.COOKIES_ANTICSRF_WITHOUT_SAMESITE, culprits, cookie.name());
            }
            if (session && !cookie.secure()) {
                result = worse(result, hsts ? ObservatoryResult.COOKIES_SESSION_WITHOUT_SECURE_HSTS
                        : ObservatoryResult.COOKIES_SESSION_WITHOUT_SECURE, culprits, cookie.name());
            }
            if (session && !cookie.httpOnly()) {
                result = worse(result, ObservatoryResult.COOKIES_SESSION_WITHOUT_HTTPONLY, culprits, cookie.name());
            }
            missingSameSite |= sameSite == null;
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("domain", cookie.domain());
            facts.put("path", cookie.path());
            facts.put("secure", cookie.secure());
            facts.put("httpOnly", cookie.httpOnly());
            facts.put("sameSite", sameSite);
            data.put(cookie.name(), facts);
        }
        if (result == null) {
            result = missingSameSite ? ObservatoryResult.COOKIES_SECURE_HTTPONLY : ObservatoryResult.COOKIES_SECURE_HTTPONLY_SAMESITE;
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        if (!culprits.isEmpty()) {
            facts.put("cookie", String.join(", ", culprits));
        }
        facts.put("sameSite", result == ObservatoryResult.COOKIES_SECURE_HTTPONLY_SAMESITE);
        facts.put("cookies", data);
        return new Outcome(result, facts);
    }

    /** The more severe of two cookie results; the names of the cookies that earned the kept result are collected. */
    private static ObservatoryResult worse(ObservatoryResult current, ObservatoryResult candidate, List<String> culprits, String name) {
        if (current != null && COOKIE_SEVERITY.indexOf(candidate) < COOKIE_SEVERITY.indexOf(current)) {
            return current;
        }
        if (candidate != current) {
            culprits.clear();
        }
        if (!culprits.contains(name)) {
            culprits.add(name);
        }
        return candidate;
    }

    /** The name of the cookie a {@code Set-Cookie} header sets. */
    static String cookieName(String header) {
        int eq = header.indexOf('=');
        return (eq < 0 ? header : header.substring(0, eq)).trim();
    }

    /** A SameSite attribute with no value or a value other than Strict, Lax or None. */
    static boolean hasInvalidSameSite(String header) {
        for (String attribute : header.split(";")) {
            String[] pair = attribute.trim().split("=", -1);
            if (pair[0].trim().equalsIgnoreCase("samesite")) {
                String value = pair.length > 1 ? pair[1].trim().toLowerCase(Locale.ROOT) : "";
                if (!Set.of("lax", "strict", "none").contains(value)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The cookie's SameSite in lower case when it is Strict, Lax or None; otherwise {@code null}. */
    static String sameSite(Cookie cookie) {
        String value = cookie.sameSite() == null ? "" : cookie.sameSite().trim().toLowerCase(Locale.ROOT);
        return Set.of("lax", "strict", "none").contains(value) ? value : null;
    }

    /** A CORS preflight must not be answered by echoing the Origin and allowing credentials. */
    private static Outcome crossOriginResourceSharing(Observation.Preflight cors) {
        String allowOrigin = cors == null ? null : first(cors.headers(), "Access-Control-Allow-Origin");
        if (allowOrigin == null) {
            return new Outcome(ObservatoryResult.CORS_NOT_IMPLEMENTED);
        }
        String data = clip(allowOrigin, 256).trim().toLowerCase(Locale.ROOT);
        String credentials = first(cors.headers(), "Access-Control-Allow-Credentials");
        ObservatoryResult result;
        if (data.equals("*")) {
            result = ObservatoryResult.CORS_PUBLIC;
        } else if (allowOrigin.equals(cors.origin()) && credentials != null && credentials.trim().equalsIgnoreCase("true")) {
            result = ObservatoryResult.CORS_UNIVERSAL;
        } else {
            result = ObservatoryResult.CORS_RESTRICTED;
        }
        return new Outcome(result, Map.of("data", data));
    }

    /** Plain HTTP must redirect, first to HTTPS on the same host, and end on HTTPS. */
    static Outcome redirection(Observation site) {
        List<Observation.Hop> route = site.httpChain();
        if (route.isEmpty()) {
            return new Outcome(ObservatoryResult.REDIRECTION_NOT_NEEDED_NO_HTTP);
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("route", route.stream().map(h -> h.url().toString()).toList());
        facts.put("destination", route.get(route.size() - 1).url().toString());
        ObservatoryResult result;
        if (!site.httpVerified()) {
            result = ObservatoryResult.REDIRECTION_INVALID_CERT;
        } else if (route.size() == 1) {
            result = ObservatoryResult.REDIRECTION_MISSING;
        } else if (!route.get(route.size() - 1).url().isHttps()) {
            result = ObservatoryResult.REDIRECTION_NOT_TO_HTTPS;
        } else if (!route.get(1).url().isHttps()) {
            result = ObservatoryResult.REDIRECTION_NOT_TO_HTTPS_INITIAL;
        } else if (!route.get(0).url().isHttps() && !route.get(0).url().host().equals(route.get(1).url().host())) {
            result = ObservatoryResult.REDIRECTION_OFF_HOST;
        } else {
            result = ObservatoryResult.REDIRECTION_TO_HTTPS;
        }
        return new Outcome(result, facts);
    }

    /** The last policy a browser knows, from the header and then the referrer meta tag, must not leak addresses. */
    private static Outcome referrerPolicy(Observation.Page page, HtmlFacts html) {
        List<String> values = new ArrayList<>(page == null ? List.of() : page.headers().values("Referrer-Policy"));
        boolean http = !values.isEmpty();
        if (html.referrerMeta() != null) {
            values.add(html.referrerMeta());
        }
        if (values.isEmpty()) {
            return new Outcome(ObservatoryResult.REFERRER_NOT_IMPLEMENTED);
        }
        String data = String.join(", ", values);
        String policy = "";
        for (String token : data.split(",")) {
            String t = token.trim().toLowerCase(Locale.ROOT);
            if (PRIVATE_REFERRERS.contains(t) || UNSAFE_REFERRERS.contains(t)) {
                policy = t;
            }
        }
        ObservatoryResult result = PRIVATE_REFERRERS.contains(policy) ? ObservatoryResult.REFERRER_PRIVATE
                : UNSAFE_REFERRERS.contains(policy) ? ObservatoryResult.REFERRER_UNSAFE : ObservatoryResult.REFERRER_INVALID;
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("data", data);
        facts.put("http", http);
        facts.put("meta", html.referrerMeta() != null);
        return new Outcome(result, facts);
    }

    /**
     * Scripts from other domains (by registrable domain, e.g. {@code mozilla.org} for
     * {@code www.mozilla.org}) should carry an {@code integrity} hash and load over HTTPS.
     */
    private static Outcome subresourceIntegrity(Observation site, HtmlFacts html) {
        Observation.Page page = site.page();
        if (page == null) {
            return new Outcome(ObservatoryResult.SRI_NO_SCRIPTS);
        }
        if (!isHtml(page.headers())) {
            return new Outcome(ObservatoryResult.SRI_NOT_HTML);
        }
        if (html.scripts().isEmpty()) {
            return new Outcome(ObservatoryResult.SRI_NO_SCRIPTS);
        }
        String siteDomain = registrableDomain(site.site());
        ObservatoryResult result = null;
        boolean foreign = false;
        Map<String, Object> external = new LinkedHashMap<>();
        for (HtmlFacts.Script script : html.scripts()) {
            String src = script.src();
            if (src.isEmpty()) {
                continue;
            }
            boolean integrity = script.integrity() != null && !script.integrity().isEmpty();
            boolean relativeProtocol = src.startsWith("//") && src.length() > 2 && src.charAt(2) != '/';
            boolean fullUrl = src.startsWith("http://") || src.startsWith("https://");
            boolean relativeOrigin = !relativeProtocol && !fullUrl;
            boolean sameDomain = relativeProtocol || relativeOrigin
                    || (siteDomain != null && siteDomain.equals(registrableDomain(HttpUrl.parse(src))));
            boolean secureOrigin = relativeOrigin || (sameDomain && !relativeProtocol);
            boolean secureScheme = src.startsWith("https://") || (relativeOrigin && site.site().isHttps());
            if (secureOrigin) {
                if (integrity && secureScheme && result == null) {
                    result = ObservatoryResult.SRI_IMPLEMENTED_ALL_SECURE;
                }
                continue;
            }
            foreign = true;
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("crossorigin", script.crossorigin());
            facts.put("integrity", script.integrity());
            external.put(src, facts);
            ObservatoryResult found;
            if (integrity) {
                found = secureScheme ? null : ObservatoryResult.SRI_IMPLEMENTED_EXTERNAL_INSECURE;
            } else {
                found = secureScheme ? ObservatoryResult.SRI_NOT_IMPLEMENTED_EXTERNAL_SECURE
                        : ObservatoryResult.SRI_NOT_IMPLEMENTED_EXTERNAL_INSECURE;
            }
            if (found != null && (result == null || SRI_SEVERITY.indexOf(found) > SRI_SEVERITY.indexOf(result))) {
                result = found;
            }
        }
        if (result == null) {
            result = foreign ? ObservatoryResult.SRI_IMPLEMENTED_EXTERNAL_SECURE : ObservatoryResult.SRI_NOT_IMPLEMENTED_SAME_ORIGIN;
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        if (!external.isEmpty()) {
            facts.put("scripts", external);
        }
        return new Outcome(result, facts);
    }

    private static String registrableDomain(HttpUrl url) {
        if (url == null) {
            return null;
        }
        String domain = url.topPrivateDomain();
        return domain != null ? domain : url.host();
    }

    private static Outcome xContentTypeOptions(Observation.Page page) {
        String header = page == null ? null : first(page.headers(), "X-Content-Type-Options");
        if (header == null) {
            return new Outcome(ObservatoryResult.XCTO_NOT_IMPLEMENTED);
        }
        String data = clip(header, 256);
        return new Outcome(data.trim().equalsIgnoreCase("nosniff") ? ObservatoryResult.XCTO_NOSNIFF
                : ObservatoryResult.XCTO_HEADER_INVALID, Map.of("data", data));
    }

    /** Clickjacking protection: X-Frame-Options DENY or SAMEORIGIN, or better CSP frame-ancestors (header only). */
    private static Outcome xFrameOptions(Observation.Page page, ContentSecurityPolicy.Analysis csp) {
        String header = page == null ? null : first(page.headers(), "X-Frame-Options");
        Map<String, Object> facts = new LinkedHashMap<>();
        ObservatoryResult result;
        if (header == null) {
            result = ObservatoryResult.XFO_NOT_IMPLEMENTED;
        } else {
            String data = clip(header, 1024);
            facts.put("data", data);
            String xfo = data.trim().toLowerCase(Locale.ROOT);
            result = xfo.equals("deny") || xfo.equals("sameorigin") ? ObservatoryResult.XFO_SAMEORIGIN_OR_DENY
                    : xfo.startsWith("allow-from") ? ObservatoryResult.XFO_ALLOW_FROM : ObservatoryResult.XFO_HEADER_INVALID;
        }
        if (csp.directives() != null && csp.directives().containsKey("frame-ancestors")) {
            result = ObservatoryResult.XFO_VIA_CSP;
            facts.put("frameAncestors", csp.directives().get("frame-ancestors"));
        }
        return new Outcome(result, facts);
    }

    private static Outcome crossOriginResourcePolicy(Observation.Page page) {
        String header = page == null ? null : first(page.headers(), "Cross-Origin-Resource-Policy");
        if (header == null) {
            return new Outcome(ObservatoryResult.CORP_NOT_IMPLEMENTED);
        }
        String data = clip(header, 256).trim().toLowerCase(Locale.ROOT);
        ObservatoryResult result = switch (data) {
            case "same-origin" -> ObservatoryResult.CORP_SAME_ORIGIN;
            case "same-site" -> ObservatoryResult.CORP_SAME_SITE;
            case "cross-origin" -> ObservatoryResult.CORP_CROSS_ORIGIN;
            default -> ObservatoryResult.CORP_HEADER_INVALID;
        };
        return new Outcome(result, Map.of("data", data));
    }

    /** All values of a header joined with ", ", as a browser combines them; {@code null} when absent. */
    private static String joined(Headers headers, String name) {
        List<String> values = headers.values(name);
        return values.isEmpty() ? null : String.join(", ", values);
    }

    /** Like {@link #joined}, but an empty value counts as absent. */
    private static String first(Headers headers, String name) {
        String value = joined(headers, name);
        return value == null || value.isEmpty() ? null : value;
    }

    private static String clip(String value, int max) {
        return value.length() > max ? value.substring(0, max) : value;
    }
}

package dev.readiness.checks.headers;

import java.util.List;

/**
 * The results the MDN HTTP Observatory's tests can give, with its score modifier for each: its
 * published score table, in our words, with the header (or other subject) each is about and how to
 * fix it. {@link #pass()} is the Observatory's own verdict for the test, which can differ from the
 * sign of the points (an HTTP image source passes at -10).
 */
enum ObservatoryResult {

    CSP_NO_UNSAFE_DEFAULT_SRC_NONE("content-security-policy", "csp-implemented-with-no-unsafe-default-src-none", 10, true,
            "Content-Security-Policy",
            "Content-Security-Policy denies everything by default (default-src 'none') and allows nothing unsafe",
            null),
    CSP_NO_UNSAFE("content-security-policy", "csp-implemented-with-no-unsafe", 5, true, "Content-Security-Policy",
            "Content-Security-Policy allows neither 'unsafe-inline' nor 'unsafe-eval'",
            "set `default-src 'none'` and allow each kind of resource explicitly, for 5 more points"),
    CSP_UNSAFE_INLINE_STYLE_ONLY("content-security-policy", "csp-implemented-with-unsafe-inline-in-style-src-only", 0, true,
            "Content-Security-Policy",
            "Content-Security-Policy allows unsafe sources ('unsafe-inline', data: or a broad source) in style-src",
            "remove `'unsafe-inline'`, `data:` and broad sources from `style-src`"),
    CSP_INSECURE_SCHEME_PASSIVE("content-security-policy", "csp-implemented-with-insecure-scheme-in-passive-content-only", -10, true,
            "Content-Security-Policy", "Content-Security-Policy lets images or media load over plain HTTP",
            "drop `http:` sources from `img-src` and `media-src` and load images and media over HTTPS"),
    CSP_UNSAFE_EVAL("content-security-policy", "csp-implemented-with-unsafe-eval", -10, false, "Content-Security-Policy",
            "Content-Security-Policy allows 'unsafe-eval'",
            "remove `eval()` and its kin from the scripts, then `'unsafe-eval'` from the policy"),
    CSP_UNSAFE_INLINE("content-security-policy", "csp-implemented-with-unsafe-inline", -20, false, "Content-Security-Policy",
            "Content-Security-Policy allows inline or unrestricted scripts ('unsafe-inline', data:, a broad source such as "
                    + "https: or *, or no script-src or object-src restriction), which leaves XSS open",
            "remove `'unsafe-inline'`, `data:` and broad sources from `script-src` and `object-src`, set both "
                    + "(e.g. `object-src 'none'; script-src 'self'`), and allow inline scripts by nonce or hash"),
    CSP_INSECURE_SCHEME("content-security-policy", "csp-implemented-with-insecure-scheme", -20, false, "Content-Security-Policy",
            "Content-Security-Policy lets scripts or other active content load over plain HTTP",
            "remove `http:` and `ftp:` sources from the policy and load everything over HTTPS"),
    CSP_DUPLICATE_DIRECTIVES("content-security-policy", "csp-implemented-but-duplicate-directives", 0, true,
            "Content-Security-Policy", "Content-Security-Policy repeats a report-uri or report-to directive",
            "send each directive once"),
    CSP_HEADER_INVALID("content-security-policy", "csp-header-invalid", -25, false, "Content-Security-Policy",
            "Content-Security-Policy cannot be parsed: an empty or truncated policy, a repeated directive, "
                    + "or 'strict-dynamic' without a nonce or hash",
            "fix the policy: each directive once per policy, `'strict-dynamic'` only with a nonce or hash"),
    CSP_NOT_IMPLEMENTED("content-security-policy", "csp-not-implemented", -25, false, "Content-Security-Policy",
            "Content-Security-Policy header is missing",
            "add a policy such as `Content-Security-Policy: default-src 'self'; object-src 'none'; "
                    + "frame-ancestors 'none'; base-uri 'self'; form-action 'self'` and tighten it from there"),
    CSP_REPORT_ONLY("content-security-policy", "csp-not-implemented-but-reporting-enabled", -25, false,
            "Content-Security-Policy-Report-Only",
            "only Content-Security-Policy-Report-Only is set, so the policy is reported but not enforced",
            "enforce the policy by sending it as `Content-Security-Policy`"),

    COOKIES_SECURE_HTTPONLY_SAMESITE("cookies", "cookies-secure-with-httponly-sessions-and-samesite", 5, true, "Set-Cookie",
            "every cookie is Secure and sets SameSite, and session cookies are HttpOnly", null),
    COOKIES_SECURE_HTTPONLY("cookies", "cookies-secure-with-httponly-sessions", 0, true, "Set-Cookie",
            "every cookie is Secure and session cookies are HttpOnly, but not every cookie sets SameSite",
            "add `SameSite=Lax` (or `Strict`) to every cookie, for 5 more points"),
    COOKIES_NOT_FOUND("cookies", "cookies-not-found", 0, true, "Set-Cookie", "no cookies are set", null),
    COOKIES_WITHOUT_SECURE_HSTS("cookies", "cookies-without-secure-flag-but-protected-by-hsts", -5, false, "Set-Cookie",
            "a cookie lacks the Secure flag (HSTS keeps it off plain HTTP)", "add `Secure` to every cookie"),
    COOKIES_WITHOUT_SECURE("cookies", "cookies-without-secure-flag", -20, false, "Set-Cookie",
            "a cookie lacks the Secure flag and no HSTS keeps it off plain HTTP",
            "add `Secure` to every cookie and set up HSTS"),
    COOKIES_SESSION_WITHOUT_SECURE_HSTS("cookies", "cookies-session-without-secure-flag-but-protected-by-hsts", -10, false,
            "Set-Cookie", "a session cookie lacks the Secure flag (HSTS keeps it off plain HTTP)",
            "add `Secure` to session cookies"),
    COOKIES_SAMESITE_INVALID("cookies", "cookies-samesite-flag-invalid", -20, false, "Set-Cookie",
            "a cookie's SameSite is not Strict, Lax or None, or is None without Secure",
            "set `SameSite=Strict` or `SameSite=Lax`"),
    COOKIES_ANTICSRF_WITHOUT_SAMESITE("cookies", "cookies-anticsrf-without-samesite-flag", -20, false, "Set-Cookie",
            "an anti-CSRF cookie is set without SameSite", "add `SameSite=Strict` (or `Lax`) to the anti-CSRF cookie"),
    COOKIES_SESSION_WITHOUT_HTTPONLY("cookies", "cookies-session-without-httponly-flag", -30, false, "Set-Cookie",
            "a session cookie lacks the HttpOnly flag, so scripts (and XSS) can read it", "add `HttpOnly` to session cookies"),
    COOKIES_SESSION_WITHOUT_SECURE("cookies", "cookies-session-without-secure-flag", -40, false, "Set-Cookie",
            "a session cookie lacks the Secure flag and no HSTS keeps it off plain HTTP",
            "add `Secure` to session cookies and set up HSTS"),

    CORS_NOT_IMPLEMENTED("cross-origin-resource-sharing", "cross-origin-resource-sharing-not-implemented", 0, true,
            "Access-Control-Allow-Origin", "CORS grants no cross-origin access", null),
    CORS_PUBLIC("cross-origin-resource-sharing", "cross-origin-resource-sharing-implemented-with-public-access", 0, true,
            "Access-Control-Allow-Origin", "CORS grants public access without credentials (Access-Control-Allow-Origin: *)", null),
    CORS_RESTRICTED("cross-origin-resource-sharing", "cross-origin-resource-sharing-implemented-with-restricted-access", 0, true,
            "Access-Control-Allow-Origin", "CORS grants access to specific origins only", null),
    CORS_UNIVERSAL("cross-origin-resource-sharing", "cross-origin-resource-sharing-implemented-with-universal-access", -50, false,
            "Access-Control-Allow-Origin",
            "CORS echoes any Origin and allows credentials, so any site can send authenticated requests (CSRF)",
            "allow specific origins only; never echo the request's `Origin` together with "
                    + "`Access-Control-Allow-Credentials: true`"),

    REDIRECTION_TO_HTTPS("redirection", "redirection-to-https", 0, true, "Location",
            "plain HTTP redirects to HTTPS on the same host first", null),
    REDIRECTION_NOT_NEEDED_NO_HTTP("redirection", "redirection-not-needed-no-http", 0, true, "Location",
            "the site does not answer plain HTTP, so no redirect is needed", null),
    REDIRECTION_OFF_HOST("redirection", "redirection-off-host-from-http", -5, false, "Location",
            "plain HTTP redirects first to HTTPS on another host, so this host's HSTS is never set",
            "redirect `http://host/` to `https://host/` (the same host) first, then to the final host"),
    REDIRECTION_NOT_TO_HTTPS_INITIAL("redirection", "redirection-not-to-https-on-initial-redirection", -10, false, "Location",
            "plain HTTP reaches HTTPS only after another plain-HTTP redirect",
            "redirect to HTTPS on the same host in the first hop"),
    REDIRECTION_NOT_TO_HTTPS("redirection", "redirection-not-to-https", -20, false, "Location",
            "plain HTTP redirects, but never to HTTPS",
            "redirect every plain-HTTP request to HTTPS on the same host, e.g. `301` with `Location: https://host/`"),
    REDIRECTION_MISSING("redirection", "redirection-missing", -20, false, "Location",
            "plain HTTP answers without redirecting to HTTPS",
            "answer plain HTTP with a redirect to HTTPS on the same host, e.g. `301` with `Location: https://host/`"),
    REDIRECTION_INVALID_CERT("redirection", "redirection-invalid-cert", -20, false, "Location",
            "the redirect from plain HTTP leads to an HTTPS address with an invalid certificate chain",
            "install a certificate that chains to a trusted CA and names the host"),

    REFERRER_PRIVATE("referrer-policy", "referrer-policy-private", 5, true, "Referrer-Policy",
            "Referrer-Policy keeps addresses private (no-referrer, same-origin, strict-origin or strict-origin-when-cross-origin)",
            null),
    REFERRER_NOT_IMPLEMENTED("referrer-policy", "referrer-policy-not-implemented", 0, true, "Referrer-Policy",
            "Referrer-Policy header is missing", "add `Referrer-Policy: strict-origin-when-cross-origin`, for 5 more points"),
    REFERRER_UNSAFE("referrer-policy", "referrer-policy-unsafe", -5, false, "Referrer-Policy",
            "Referrer-Policy sends addresses to other sites (origin, origin-when-cross-origin, unsafe-url or no-referrer-when-downgrade)",
            "set `Referrer-Policy: strict-origin-when-cross-origin`"),
    REFERRER_INVALID("referrer-policy", "referrer-policy-header-invalid", -5, false, "Referrer-Policy",
            "Referrer-Policy holds no policy a browser knows", "set `Referrer-Policy: strict-origin-when-cross-origin`"),

    HSTS_AT_LEAST_SIX_MONTHS("strict-transport-security", "hsts-implemented-max-age-at-least-six-months", 0, true,
            "Strict-Transport-Security", "Strict-Transport-Security is set for at least six months",
            "consider `includeSubDomains; preload` and submitting the host to the HSTS preload list"),
    HSTS_LESS_THAN_SIX_MONTHS("strict-transport-security", "hsts-implemented-max-age-less-than-six-months", -10, false,
            "Strict-Transport-Security", "Strict-Transport-Security max-age is shorter than six months (15552000 seconds)",
            "raise it to a year: `Strict-Transport-Security: max-age=31536000; includeSubDomains`"),
    HSTS_NOT_IMPLEMENTED("strict-transport-security", "hsts-not-implemented", -20, false, "Strict-Transport-Security",
            "Strict-Transport-Security header is missing, so browsers may still use plain HTTP",
            "add `Strict-Transport-Security: max-age=31536000; includeSubDomains`"),
    HSTS_HEADER_INVALID("strict-transport-security", "hsts-header-invalid", -20, false, "Strict-Transport-Security",
            "Strict-Transport-Security cannot be parsed: no max-age, or sent more than once",
            "send it once, with a max-age: `Strict-Transport-Security: max-age=31536000; includeSubDomains`"),
    HSTS_NO_HTTPS("strict-transport-security", "hsts-not-implemented-no-https", -20, false, "Strict-Transport-Security",
            "Strict-Transport-Security cannot be set: the site is not served over HTTPS",
            "serve the site over HTTPS, then add `Strict-Transport-Security: max-age=31536000; includeSubDomains`"),
    HSTS_INVALID_CERT("strict-transport-security", "hsts-invalid-cert", -20, false, "Strict-Transport-Security",
            "Strict-Transport-Security has no effect: the certificate chain is invalid",
            "install a certificate that chains to a trusted CA and names the host"),

    SRI_IMPLEMENTED_ALL_SECURE("subresource-integrity", "sri-implemented-and-all-scripts-loaded-securely", 5, true, "<script>",
            "scripts use Subresource Integrity and all load from the site's own domain over HTTPS", null),
    SRI_IMPLEMENTED_EXTERNAL_SECURE("subresource-integrity", "sri-implemented-and-external-scripts-loaded-securely", 5, true,
            "<script>", "external scripts use Subresource Integrity and load over HTTPS", null),
    SRI_NOT_HTML("subresource-integrity", "sri-not-implemented-response-not-html", 0, true, "<script>",
            "the page is not HTML, so Subresource Integrity does not apply", null),
    SRI_NO_SCRIPTS("subresource-integrity", "sri-not-implemented-but-no-scripts-loaded", 0, true, "<script>",
            "the page loads no scripts", null),
    SRI_NOT_IMPLEMENTED_SAME_ORIGIN("subresource-integrity", "sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0,
            true, "<script>", "scripts load from the site's own domain, without Subresource Integrity",
            "add `integrity` attributes to the scripts, for 5 more points"),
    SRI_NOT_IMPLEMENTED_EXTERNAL_SECURE("subresource-integrity", "sri-not-implemented-but-external-scripts-loaded-securely", -5,
            false, "<script>", "external scripts load over HTTPS but without Subresource Integrity",
            "add `integrity=\"sha384-...\"` and `crossorigin=\"anonymous\"` to every external `<script>`"),
    SRI_IMPLEMENTED_EXTERNAL_INSECURE("subresource-integrity", "sri-implemented-but-external-scripts-not-loaded-securely", -20,
            false, "<script>", "external scripts use Subresource Integrity but load over plain HTTP or a protocol-relative address",
            "load external scripts from `https://` addresses"),
    SRI_NOT_IMPLEMENTED_EXTERNAL_INSECURE("subresource-integrity", "sri-not-implemented-and-external-scripts-not-loaded-securely",
            -50, false, "<script>",
            "external scripts load over plain HTTP or a protocol-relative address, without Subresource Integrity",
            "load external scripts from `https://` addresses and add `integrity` attributes"),

    XCTO_NOSNIFF("x-content-type-options", "x-content-type-options-nosniff", 0, true, "X-Content-Type-Options",
            "X-Content-Type-Options is nosniff", null),
    XCTO_NOT_IMPLEMENTED("x-content-type-options", "x-content-type-options-not-implemented", -5, false, "X-Content-Type-Options",
            "X-Content-Type-Options header is missing, so browsers may sniff content types", "add `X-Content-Type-Options: nosniff`"),
    XCTO_HEADER_INVALID("x-content-type-options", "x-content-type-options-header-invalid", -5, false, "X-Content-Type-Options",
            "X-Content-Type-Options is not exactly one nosniff", "send it once: `X-Content-Type-Options: nosniff`"),

    XFO_VIA_CSP("x-frame-options", "x-frame-options-implemented-via-csp", 5, true, "Content-Security-Policy",
            "framing is restricted by the Content-Security-Policy frame-ancestors directive", null),
    XFO_SAMEORIGIN_OR_DENY("x-frame-options", "x-frame-options-sameorigin-or-deny", 5, true, "X-Frame-Options",
            "X-Frame-Options is DENY or SAMEORIGIN",
            "consider also `Content-Security-Policy: frame-ancestors 'none'`, which supersedes X-Frame-Options"),
    XFO_ALLOW_FROM("x-frame-options", "x-frame-options-allow-from-origin", 0, true, "X-Frame-Options",
            "X-Frame-Options uses ALLOW-FROM, which current browsers ignore", "use CSP `frame-ancestors` instead"),
    XFO_NOT_IMPLEMENTED("x-frame-options", "x-frame-options-not-implemented", -20, false, "X-Frame-Options",
            "no clickjacking protection: neither X-Frame-Options nor Content-Security-Policy frame-ancestors is set",
            "add `Content-Security-Policy: frame-ancestors 'none'` (or `X-Frame-Options: DENY`)"),
    XFO_HEADER_INVALID("x-frame-options", "x-frame-options-header-invalid", -20, false, "X-Frame-Options",
            "X-Frame-Options is not one DENY, SAMEORIGIN or ALLOW-FROM",
            "send `X-Frame-Options: DENY` once, or use CSP `frame-ancestors 'none'`"),

    CORP_SAME_ORIGIN("cross-origin-resource-policy", "corp-implemented-with-same-origin", 10, true,
            "Cross-Origin-Resource-Policy", "Cross-Origin-Resource-Policy keeps the page to its own origin", null),
    CORP_SAME_SITE("cross-origin-resource-policy", "corp-implemented-with-same-site", 10, true,
            "Cross-Origin-Resource-Policy", "Cross-Origin-Resource-Policy keeps the page to its own site", null),
    CORP_CROSS_ORIGIN("cross-origin-resource-policy", "corp-implemented-with-cross-origin", 0, true,
            "Cross-Origin-Resource-Policy", "Cross-Origin-Resource-Policy lets any origin embed the page", null),
    CORP_NOT_IMPLEMENTED("cross-origin-resource-policy", "corp-not-implemented", 0, true, "Cross-Origin-Resource-Policy",
            "Cross-Origin-Resource-Policy header is missing (any origin may embed the page)",
            "add `Cross-Origin-Resource-Policy: same-origin` (or `same-site`), for 10 more points"),
    CORP_HEADER_INVALID("cross-origin-resource-policy", "corp-header-invalid", -5, false, "Cross-Origin-Resource-Policy",
            "Cross-Origin-Resource-Policy is not same-origin, same-site or cross-origin",
            "set `Cross-Origin-Resource-Policy: same-origin` (or `same-site`)");

    private final String test;
    private final String id;
    private final int points;
    private final boolean pass;
    private final String subject;
    private final String message;
    private final String fix;

    ObservatoryResult(String test, String id, int points, boolean pass, String subject, String message, String fix) {
        this.test = test;
        this.id = id;
        this.points = points;
        this.pass = pass;
        this.subject = subject;
        this.message = message;
        this.fix = fix;
    }

    /** The Observatory's name of the test that gives this result, e.g. {@code strict-transport-security}. */
    String test() {
        return test;
    }

    /** The Observatory's id of the result, e.g. {@code hsts-not-implemented}. */
    String id() {
        return id;
    }

    /** The score modifier. */
    int points() {
        return points;
    }

    /** Whether the Observatory counts the test as passed with this result. */
    boolean pass() {
        return pass;
    }

    /** The header (or {@code Set-Cookie}, {@code <script>}) the result is about. */
    String subject() {
        return subject;
    }

    /** What was found, as a sentence fragment. */
    String message() {
        return message;
    }

    /**
     * What was found, naming the cookies at fault for the cookie results that blame cookies
     * ("the Secure flag is missing from session cookie SESSIONID ..."); {@link #message()} otherwise.
     */
    String message(List<String> cookies) {
        if (cookies.isEmpty()) {
            return message;
        }
        String named = (cookies.size() == 1 ? "cookie " : "cookies ") + String.join(", ", cookies);
        return switch (this) {
            case COOKIES_WITHOUT_SECURE_HSTS -> "the Secure flag is missing from " + named + " (HSTS keeps browsers off plain HTTP)";
            case COOKIES_WITHOUT_SECURE -> "the Secure flag is missing from " + named + " and no HSTS keeps browsers off plain HTTP";
            case COOKIES_SESSION_WITHOUT_SECURE_HSTS -> "the Secure flag is missing from session " + named
                    + " (HSTS keeps browsers off plain HTTP)";
            case COOKIES_SESSION_WITHOUT_SECURE -> "the Secure flag is missing from session " + named
                    + " and no HSTS keeps browsers off plain HTTP";
            case COOKIES_SESSION_WITHOUT_HTTPONLY -> "the HttpOnly flag is missing from session " + named
                    + ", so scripts (and XSS) can read the session";
            case COOKIES_ANTICSRF_WITHOUT_SAMESITE -> "SameSite is missing from anti-CSRF " + named;
            case COOKIES_SAMESITE_INVALID -> "the SameSite of " + named + " is not Strict, Lax or None, or is None without Secure";
            default -> message;
        };
    }

    /** How to fix it or earn more, or {@code null} when nothing is left to do. */
    String fix() {
        return fix;
    }
}

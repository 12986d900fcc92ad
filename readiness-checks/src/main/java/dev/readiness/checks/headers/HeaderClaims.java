package dev.readiness.checks.headers;

import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import dev.readiness.checks.http.HttpMessages;
import dev.readiness.text.Words;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import okhttp3.Cookie;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * Decides what the checklist items beside "Secure headers configured" ask, from the one
 * {@link Observation} and {@link ObservatoryScorer.Scorecard} of a run (nothing is fetched again):
 * {@value #HTTPS} (the plain-HTTP address first redirects to HTTPS on the same host, and the page
 * sends HSTS for at least {@value ObservatoryScorer#SIX_MONTHS} seconds), {@value #XSS} (a
 * Content-Security-Policy whose Observatory test scores 0 or more) and {@value #CSRF}, which only
 * supports its item: it fails when a session or anti-CSRF cookie could be sent cross-site or read
 * over plain HTTP, and is SKIPPED when no such cookie was seen.
 */
final class HeaderClaims {

    static final String HTTPS = "securityHeaders.https";
    static final String XSS = "securityHeaders.xss";
    static final String CSRF = "securityHeaders.csrf";

    /** Header values and cookies are shown cut to this many characters, a cut marked with {@code …}. */
    static final int SHOWN_VALUE = 200;
    /**
     * Cookies that load balancers set with SameSite=None by design, so that cross-site (CORS)
     * requests stick to one server (lower case): listed, never judged for CSRF.
     */
    static final Set<String> INFRASTRUCTURE_COOKIES = Set.of("awsalbcors", "awsalbtgcors", "awselbcors",
            "arraffinitysamesite", "heroku-session-affinity");

    static final String HSTS_EXAMPLE = "Strict-Transport-Security: max-age=31536000; includeSubDomains";
    static final String CSP_EXAMPLE = "Content-Security-Policy: default-src 'self'; script-src 'self'; object-src 'none'; "
            + "base-uri 'self'; frame-ancestors 'none'";
    private static final String HSTS_EXPECTED = "Strict-Transport-Security with a max-age of at least "
            + ObservatoryScorer.SIX_MONTHS + " seconds (180 days)";
    private static final String CSP_EXPECTED = "a Content-Security-Policy whose Observatory test scores 0 or more "
            + "(no 'unsafe-inline' or 'unsafe-eval' scripts, no broad script sources, object-src restricted)";
    private static final String COOKIE_EXPECTED = "Secure, SameSite=Lax or Strict (or named __Host-), and HttpOnly if it holds a session";

    private HeaderClaims() {
    }

    /**
     * HTTPS enforced: the first answer of the plain-HTTP address redirects to HTTPS on the same
     * host (the Observatory's {@code redirection-to-https}), and the page sends HSTS for at least
     * six months. FAIL on either shortfall; ERROR when the plain-HTTP address did not answer and
     * HSTS is in order, since the redirect could not be seen.
     *
     * @param httpUnavailable why the plain-HTTP address did not answer, or {@code null}
     */
    static Result https(HttpUrl httpUrl, Observation seen, ObservatoryScorer.Scorecard card, String httpUnavailable) {
        HttpUrl target = new HttpUrl.Builder().scheme("https").host(httpUrl.host()).encodedPath(httpUrl.encodedPath()).build();
        HttpUrl page = seen.page().url();
        List<String> faults = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        List<String> remedies = new ArrayList<>();

        ObservatoryScorer.Outcome redirect = card.outcome("redirection");
        ObservatoryResult r = redirect.result();
        Observation.Hop first = seen.httpChain().isEmpty() ? null : seen.httpChain().get(0);
        String location = first == null || first.location() == null ? null : HttpMessages.display(first.location());
        String redirectMeasured = first == null ? "no answer"
                : location == null ? first.status() + ", no redirect" : first.status() + " to " + location;
        String fault = switch (r) {
            case REDIRECTION_TO_HTTPS, REDIRECTION_NOT_NEEDED_NO_HTTP -> null;
            case REDIRECTION_MISSING -> httpUrl + " answers " + first.status() + " without redirecting to HTTPS";
            case REDIRECTION_OFF_HOST -> httpUrl + " redirects (" + first.status() + ") to " + location + ", another host";
            case REDIRECTION_INVALID_CERT -> httpUrl + " redirects (" + first.status() + ") to " + location
                    + ", whose certificate chain is not valid";
            default -> httpUrl + " redirects (" + first.status() + ") to " + location + ", not to HTTPS";
        };
        if (fault != null) {
            faults.add(fault);
            expected.add("a redirect to " + target);
            findings.add(Finding.of(capitalized(fault) + " (" + r.id() + ", " + signed(r.points()) + ")").key(r.id()).at(httpUrl.toString())
                    .with("test", r.id()).with("points", r.points()).with("header", "Location").with("value", location)
                    .with("status", first.status()).with("fix", r.fix()).build());
            remedies.add(r == ObservatoryResult.REDIRECTION_INVALID_CERT
                    ? "Serve a certificate that chains to a trusted CA and names " + first.location().host() + " at " + location + "."
                    : "Answer " + httpUrl + " with a redirect to HTTPS on the same host first: `301` with `Location: " + target + "`.");
        }

        ObservatoryScorer.Outcome hsts = card.outcome("strict-transport-security");
        ObservatoryResult h = hsts.result();
        String hstsValue = joined(seen.page().headers(), "Strict-Transport-Security");
        String hstsMeasured = hstsValue == null ? "no Strict-Transport-Security" : "Strict-Transport-Security: " + shown(hstsValue);
        String hstsFault = switch (h) {
            case HSTS_AT_LEAST_SIX_MONTHS -> null;
            case HSTS_NOT_IMPLEMENTED -> page + " sends no Strict-Transport-Security";
            case HSTS_LESS_THAN_SIX_MONTHS -> page + " sends " + hstsMeasured;
            case HSTS_HEADER_INVALID -> page + " sends " + hstsMeasured + ", which has no max-age or is sent more than once";
            default -> page + ": " + h.message();
        };
        if (hstsFault != null) {
            faults.add(hstsFault);
            expected.add(HSTS_EXPECTED);
            findings.add(Finding.of(capitalized(hstsFault) + " (" + h.id() + ", " + signed(h.points()) + ")").key(h.id()).at(page.toString())
                    .with("test", h.id()).with("points", h.points()).with("header", "Strict-Transport-Security")
                    .with("value", hstsValue == null ? null : shown(hstsValue)).with("maxAge", hsts.facts().get("maxAge"))
                    .with("fix", h.fix()).build());
            remedies.add("Send `" + HSTS_EXAMPLE + "` from " + page + " (a max-age of at least " + ObservatoryScorer.SIX_MONTHS
                    + " seconds).");
        }

        String measured = "HTTP: " + redirectMeasured + "; HSTS: " + (h == ObservatoryResult.HSTS_AT_LEAST_SIX_MONTHS
                ? "max-age=" + hsts.facts().get("maxAge") : hstsMeasured);
        Result.Builder result;
        if (!faults.isEmpty()) {
            result = Result.fail(String.join(" and ", faults) + ", but expected " + String.join(" and ", expected))
                    .remedy(String.join(" ", remedies));
        } else if (first == null) {
            result = Result.error(httpUrl + " did not answer (" + httpUnavailable + "), so its redirect to HTTPS could not be seen; "
                            + "expected a redirect to " + target)
                    .remedy("Make " + httpUrl + " reachable from this build, or set <httpUrl> to the plain-HTTP address browsers "
                            + "reach, so its redirect can be seen; a site that serves no plain HTTP at all can waive " + HTTPS
                            + " with that reason.");
        } else {
            result = Result.pass(httpUrl + " redirects (" + first.status() + ") to " + location + " and " + page + " sends "
                    + "Strict-Transport-Security max-age=" + hsts.facts().get("maxAge") + ", expected a redirect to HTTPS on the same host and "
                    + HSTS_EXPECTED);
        }
        return result.measured(measured)
                .expected("HTTP: 3xx to " + target + "; HSTS: max-age >= " + ObservatoryScorer.SIX_MONTHS)
                .evidence("httpUrl", httpUrl.toString())
                .evidence("httpStatus", first == null ? null : first.status())
                .evidence("location", location)
                .evidence("httpUnavailable", httpUnavailable)
                .evidence("redirection", r.id())
                .evidence("url", page.toString())
                .evidence("hsts", hstsValue == null ? null : shown(hstsValue))
                .evidence("maxAge", hsts.facts().get("maxAge"))
                .evidence("minimumMaxAge", ObservatoryScorer.SIX_MONTHS)
                .findings(findings)
                .build();
    }

    /**
     * XSS protection: the page's Content-Security-Policy (header or {@code <meta http-equiv>})
     * scores 0 or more in the Observatory's content-security-policy test.
     */
    static Result xss(Observation seen, ObservatoryScorer.Scorecard card) {
        HttpUrl page = seen.page().url();
        ObservatoryScorer.Outcome csp = card.outcome("content-security-policy");
        ObservatoryResult r = csp.result();
        String source = "Content-Security-Policy";
        String value = joined(seen.page().headers(), source);
        if (value == null && !card.html().cspMetas().isEmpty()) {
            source = "<meta http-equiv=\"Content-Security-Policy\">";
            value = String.join(", ", card.html().cspMetas());
        } else if (value == null && r == ObservatoryResult.CSP_REPORT_ONLY) {
            source = "Content-Security-Policy-Report-Only";
            value = joined(seen.page().headers(), source);
        }
        String scored = signed(r.points()) + " (" + r.id() + ")";
        Result.Builder result;
        if (r.points() >= 0) {
            result = Result.pass("the " + source + " of " + page + " scores " + scored + ", expected " + CSP_EXPECTED);
        } else {
            String what = value == null || r == ObservatoryResult.CSP_NOT_IMPLEMENTED ? page + " sends no Content-Security-Policy"
                    : r == ObservatoryResult.CSP_REPORT_ONLY ? page + " only reports its policy (" + source + ") and enforces none"
                    : "the " + source + " of " + page + " " + r.message().replaceFirst("^Content-Security-Policy ", "");
            result = Result.fail(what + ", scoring " + scored + ", but expected " + CSP_EXPECTED)
                    .finding(Finding.of(capitalized(r.message()) + (value == null ? "" : ": " + source + ": " + shown(value))
                                    + " (" + r.id() + ", " + signed(r.points()) + ")").key(r.id()).at(page.toString())
                            .with("test", r.id()).with("points", r.points()).with("header", source)
                            .with("value", value == null ? null : shown(value))
                            .with("policy", csp.facts().get("policy"))
                            .with("fix", r.fix()).build())
                    .remedy(capitalized(r.fix()) + ". A policy that passes: `" + CSP_EXAMPLE + "`.");
        }
        return result.measured(scored).expected(">= 0 points")
                .evidence("url", page.toString())
                .evidence("header", value == null ? null : source)
                .evidence("value", value == null ? null : shown(value))
                .evidence("test", r.id())
                .evidence("points", r.points())
                .evidence("policy", csp.facts().get("policy"))
                .build();
    }

    /**
     * CSRF protection, supported only: every session or anti-CSRF cookie (the Observatory's name
     * heuristics) set by the probed pages is Secure, SameSite=Lax or Strict (or named
     * {@code __Host-}), and HttpOnly if it holds a session. Load-balancer cookies that must be
     * SameSite=None are listed, not judged. SKIPPED when no such cookie was seen; ERROR when the
     * {@code csrfUrl} page could not be fetched and the cookies seen show nothing wrong.
     */
    static Result csrf(Observation seen, ObservatoryScorer.Scorecard card) {
        boolean hsts = card.outcome("strict-transport-security").result().pass();
        List<Observation.SetCookie> raws = new ArrayList<>(seen.cookies());
        List<String> pages = new ArrayList<>(List.of(seen.page().url().toString()));
        Observation.CsrfPage csrfPage = seen.csrfPage();
        if (csrfPage != null) {
            raws.addAll(csrfPage.cookies());
            pages.add(csrfPage.url().toString());
        }
        String where = String.join(" and ", pages);
        Map<String, Object> cookies = new LinkedHashMap<>();
        List<String> judged = new ArrayList<>();
        List<String> faults = new ArrayList<>();
        List<String> measured = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        List<Finding> listed = new ArrayList<>();
        String example = null;
        for (ObservatoryScorer.JarCookie jarred : ObservatoryScorer.jar(raws, seen.at())) {
            Cookie cookie = jarred.cookie();
            String name = cookie.name();
            String role = INFRASTRUCTURE_COOKIES.contains(name.toLowerCase(Locale.ROOT)) ? "infrastructure"
                    : ObservatoryScorer.isSession(name) ? "session" : ObservatoryScorer.isAntiCsrf(name) ? "anti-CSRF" : "other";
            String sameSite = ObservatoryScorer.sameSite(cookie);
            boolean invalidSameSite = ObservatoryScorer.hasInvalidSameSite(jarred.raw().header());
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("role", role);
            facts.put("url", jarred.raw().url().toString());
            facts.put("secure", cookie.secure());
            facts.put("httpOnly", cookie.httpOnly());
            facts.put("sameSite", invalidSameSite ? cookie.sameSite() : sameSite);
            cookies.put(name, facts);
            ObservatoryResult alone = ObservatoryScorer.cookies(List.of(jarred.raw()), seen.at(), hsts).result();
            if (role.equals("infrastructure")) {
                listed.add(cookieFinding("load-balancer cookie " + name + " keeps cross-site requests on one server, so it must be "
                        + "SameSite=None by design: listed, not judged", jarred, alone)
                        .with("sameSite", sameSite).build());
                continue;
            }
            if (role.equals("other")) {
                continue;
            }
            judged.add(name);
            boolean session = role.equals("session");
            List<String> lacks = new ArrayList<>();
            if (!cookie.secure()) {
                lacks.add("the Secure flag");
            }
            if (session && !cookie.httpOnly()) {
                lacks.add("the HttpOnly flag");
            }
            if (!invalidSameSite && sameSite == null && !name.startsWith("__Host-")) {
                lacks.add("SameSite");
            }
            List<String> problems = new ArrayList<>();
            if (!lacks.isEmpty()) {
                problems.add("lacks " + and(lacks));
            }
            if (invalidSameSite) {
                problems.add("sets SameSite=" + cookie.sameSite() + ", which is not Strict, Lax or None");
            } else if ("none".equals(sameSite)) {
                problems.add("sets SameSite=None, so other sites' requests carry it");
            }
            measured.add(name + ": " + (cookie.secure() ? "Secure" : "not Secure") + ", " + (cookie.httpOnly() ? "HttpOnly" : "not HttpOnly")
                    + ", " + (invalidSameSite ? "SameSite=" + cookie.sameSite() : sameSite == null ? "no SameSite" : "SameSite=" + sameSite));
            if (problems.isEmpty()) {
                continue;
            }
            String fault = role + " cookie " + name + " set by " + jarred.raw().url() + " " + String.join(" and ", problems);
            faults.add(fault);
            String fix = "Set-Cookie: " + name + "=<value>; Path=" + cookie.path() + "; Secure" + (session ? "; HttpOnly" : "") + "; SameSite=Lax";
            example = example == null ? fix : example;
            findings.add(cookieFinding(fault, jarred, alone).with("secure", cookie.secure()).with("httpOnly", cookie.httpOnly())
                    .with("sameSite", facts.get("sameSite")).with("fix", "set `" + fix + "`").build());
        }
        findings.addAll(listed);

        Result.Builder result;
        if (!faults.isEmpty()) {
            String summary = faults.size() == 1 ? faults.get(0)
                    : faults.size() + " of " + Words.plural(judged.size(), "session or anti-CSRF cookie") + " fall short ("
                    + String.join("; ", faults) + ")";
            result = Result.fail(summary + ", but expected every session or anti-CSRF cookie to be " + COOKIE_EXPECTED)
                    .remedy("Set the missing attributes on each cookie listed, e.g. `" + example + "`; cookies that must travel "
                            + "cross-site by design should not carry the session.");
        } else if (csrfPage != null && csrfPage.failure() != null) {
            result = Result.error("csrfUrl " + csrfPage.url() + " could not be fetched for its cookies: " + csrfPage.failure())
                    .remedy("Point csrfUrl at a page that answers a GET and sets the session cookie, e.g. the login page.");
        } else if (judged.isEmpty()) {
            String none = cookies.isEmpty() ? "no cookie was set by " + where
                    : "none of the cookies set by " + where + " (" + String.join(", ", cookies.keySet())
                    + ") is a session or anti-CSRF cookie (a name with sess, login or csrf)";
            result = Result.skipped(none + ", so CSRF protection was not evaluated (" + (csrfPage == null
                    ? "set csrfUrl to a page that sets the session cookie, e.g. the login page)"
                    : "point csrfUrl at the page that sets the session cookie)"))
                    .remedy("Point the csrfUrl parameter of securityHeaders at a page that sets the session cookie when fetched with "
                            + "GET, e.g. the login page: `<csrfUrl>/login</csrfUrl>` (relative to url) in the POM, or `csrfUrl: /login` "
                            + "under securityHeaders in readiness.yaml; the cookies it sets are then judged. A person still attests "
                            + "CSRF protection itself (tokens, SameSite, origin checks).");
        } else {
            result = Result.pass("every session or anti-CSRF cookie set by " + where + " is " + COOKIE_EXPECTED + ": "
                    + String.join(", ", judged));
        }
        return result.measured(measured.isEmpty() ? (cookies.isEmpty() ? "no cookie" : "no session or anti-CSRF cookie")
                        : String.join("; ", measured))
                .expected(COOKIE_EXPECTED)
                .evidence("pages", pages)
                .evidence("csrfUrl", csrfPage == null ? null : csrfPage.url().toString())
                .evidence("cookies", cookies)
                .evidence("judged", judged)
                .findings(findings)
                .build();
    }

    private static Finding.Builder cookieFinding(String what, ObservatoryScorer.JarCookie jarred, ObservatoryResult alone) {
        return Finding.of(capitalized(what) + " (" + alone.id() + ", " + signed(alone.points()) + ")").key(alone.id())
                .at(jarred.raw().url().toString())
                .with("cookie", jarred.cookie().name())
                .with("test", alone.id())
                .with("points", alone.points())
                .with("header", "Set-Cookie")
                .with("value", setCookie(jarred.raw().header()));
    }

    /** A {@code Set-Cookie} header fit to print: the cookie's value (a session, a token) replaced by {@code …}, cut to {@value #SHOWN_VALUE}. */
    static String setCookie(String header) {
        int eq = header.indexOf('=');
        int semicolon = header.indexOf(';');
        if (eq < 0 || (semicolon >= 0 && semicolon < eq)) {
            return shown(header);
        }
        return shown(header.substring(0, eq) + "=…" + (semicolon < 0 ? "" : header.substring(semicolon)));
    }

    /** A value from the outside world as one line of at most {@value #SHOWN_VALUE} characters. */
    static String shown(String value) {
        return Words.oneLine(value, SHOWN_VALUE);
    }

    /** All values of a header joined with ", "; {@code null} when absent. */
    static String joined(Headers headers, String name) {
        List<String> values = headers.values(name);
        return values.isEmpty() ? null : String.join(", ", values);
    }

    /** The text with a capital first letter, unless it starts with an address, which is printed as it is. */
    static String capitalized(String text) {
        return text.startsWith("http://") || text.startsWith("https://") ? text
                : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    static String signed(int points) {
        return points > 0 ? "+" + points : Integer.toString(points);
    }

    /** "a", "a and b", "a, b and c". */
    private static String and(List<String> parts) {
        return parts.size() == 1 ? parts.get(0)
                : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }
}

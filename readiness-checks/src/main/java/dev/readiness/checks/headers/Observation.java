package dev.readiness.checks.headers;

import java.time.Instant;
import java.util.List;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * What the check saw of a site, recorded once so the Observatory's rules can score it, and the
 * claims be decided, without the network: the HTTPS page (after its redirects), the redirect chain
 * of its plain-HTTP twin, the cookies set on the way to the page, the answer to a CORS preflight,
 * and the page {@code csrfUrl} names, when one is configured.
 *
 * @param site        the HTTPS address that was requested (the Observatory's "site")
 * @param page        the final answer of the HTTPS chain, or {@code null} when the site has no HTTPS
 * @param httpsChain  every hop from {@code site} to {@code page}, the last being the page itself
 * @param httpChain   every hop from the plain-HTTP address to where it led; empty when HTTP did not answer
 * @param httpVerified whether every HTTPS hop of {@code httpChain} had a valid certificate chain
 * @param cookies     the {@code Set-Cookie} headers of the HTTPS chain, with the address that set each
 * @param cors        the answer to a CORS preflight of the page, or {@code null} when none was made
 * @param at          when it was seen (decides which cookies had already expired)
 * @param csrfPage    the page {@code csrfUrl} names, fetched for its cookies; {@code null} when none is configured
 */
record Observation(HttpUrl site, Page page, List<Hop> httpsChain, List<Hop> httpChain, boolean httpVerified,
                   List<SetCookie> cookies, Preflight cors, Instant at, CsrfPage csrfPage) {

    Observation {
        httpsChain = List.copyOf(httpsChain);
        httpChain = List.copyOf(httpChain);
        cookies = List.copyOf(cookies);
    }

    /** An observation without a {@code csrfUrl} page. */
    Observation(HttpUrl site, Page page, List<Hop> httpsChain, List<Hop> httpChain, boolean httpVerified,
                List<SetCookie> cookies, Preflight cors, Instant at) {
        this(site, page, httpsChain, httpChain, httpVerified, cookies, cors, at, null);
    }

    /**
     * One step of a redirect chain: the address asked, the status it answered, and where its
     * {@code Location} pointed ({@code null} for the last step).
     */
    record Hop(HttpUrl url, int status, HttpUrl location) {

        Hop(HttpUrl url, int status) {
            this(url, status, null);
        }

        @Override
        public String toString() {
            return status + " " + url;
        }
    }

    /**
     * The page the HTTPS chain ended on.
     *
     * @param body     the start of the body (at most the shared body cap), or {@code null} when not HTML or not read
     * @param verified whether its certificate chain was valid
     */
    record Page(HttpUrl url, int status, Headers headers, String body, boolean verified) {
    }

    /** A {@code Set-Cookie} header and the address whose response carried it. */
    record SetCookie(HttpUrl url, String header) {
    }

    /** A CORS preflight: the {@code Origin} it sent and the headers that came back. */
    record Preflight(String origin, Headers headers) {
    }

    /**
     * The page {@code csrfUrl} names (a page that sets the session cookie, e.g. the login page),
     * followed as the HTTPS page is, for the cookies it sets.
     *
     * @param url     the address asked
     * @param chain   every hop from {@code url} on
     * @param cookies the {@code Set-Cookie} headers of the chain, with the address that set each
     * @param failure why it could not be fetched (one line), or {@code null}
     */
    record CsrfPage(HttpUrl url, List<Hop> chain, List<SetCookie> cookies, String failure) {
        CsrfPage {
            chain = List.copyOf(chain);
            cookies = List.copyOf(cookies);
        }
    }
}

package dev.readiness.check;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The settings every HTTP check shares: the deployed service's base URL, timeouts, extra trusted
 * certificates, headers for the target, and the proxy from Maven's settings.
 *
 * @param target            the deployed service's base URL, or {@code null} when not configured
 * @param timeout           connect, read and whole-call timeout of each request (default 10s)
 * @param trustCertificates a PEM file of extra CA certificates, or {@code null}
 * @param headers           sent only to the target's origin (scheme, host and port), or, when {@code target} is
 *                          {@code null}, to the {@code headerOrigins}; values are secrets, never printed
 * @param proxy             the active proxy, or {@code null}
 * @param headerOrigins     where the headers go when there is no target: origins ({@code https://host:port}) that the
 *                          POM names (since 0.6.0; none before a target or these are given: headers go nowhere else)
 * @since 0.1.0
 */
public record HttpSettings(URI target, Duration timeout, Path trustCertificates,
                           Map<String, String> headers, Proxy proxy, List<URI> headerOrigins) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public HttpSettings {
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        headerOrigins = headerOrigins == null ? List.of() : List.copyOf(headerOrigins);
    }

    /** Settings whose headers go to the target's origin only, and nowhere when there is no target. */
    public HttpSettings(URI target, Duration timeout, Path trustCertificates, Map<String, String> headers, Proxy proxy) {
        this(target, timeout, trustCertificates, headers, proxy, List.of());
    }

    /** No target, default timeout, no extra trust, no headers, no proxy. */
    public static HttpSettings defaults() {
        return new HttpSettings(null, null, null, null, null);
    }

    /**
     * An HTTP proxy from Maven's settings.
     *
     * @param nonProxyHosts {@code |}-separated host patterns that bypass the proxy, as Maven writes them
     * @param password      a secret, never printed
     */
    public record Proxy(String host, int port, String username, String password, String nonProxyHosts) {
        @Override
        public String toString() {
            return "Proxy[" + host + ":" + port + (username == null ? "" : ", user " + username) + "]";
        }
    }

    @Override
    public String toString() {
        return "HttpSettings[target=" + target + ", timeout=" + timeout + ", trustCertificates=" + trustCertificates
                + ", headers=" + headers.keySet() + ", proxy=" + proxy + ", headerOrigins=" + headerOrigins + "]";
    }
}

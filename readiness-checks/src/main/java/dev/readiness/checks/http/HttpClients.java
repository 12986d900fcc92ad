package dev.readiness.checks.http;

import dev.readiness.check.HttpSettings;
import dev.readiness.check.Result;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.tls.HandshakeCertificates;
import okio.BufferedSink;

/**
 * The OkHttp client the HTTP checks share: one per {@link HttpSettings} (so one per run), with
 * connect, read, write and whole-call timeouts, the JDK's trust store plus the configured extra CA
 * certificates, Maven's proxy, the configured headers, and no automatic redirects (checks follow
 * them one hop at a time so each hop is recorded).
 *
 * <p>The configured headers are secrets meant for the deployed service: when a {@code target} is
 * set they go only to requests for its origin (same scheme, host and port), so neither another
 * host nor the plain-HTTP address of an HTTPS target ever receives them; without a target they go
 * with every request.
 *
 * <p>A pooled connection may have been closed by the server since its last answer (a server that
 * closes every connection after answering, or an idle keep-alive timeout); a call that fails on
 * such a connection is sent again, on another connection, when it is safe to repeat: its method is
 * idempotent (GET, HEAD, OPTIONS, TRACE, PUT, DELETE) or it is marked with {@link #safeToRepeat}.
 * Any other request body is sent once: should its connection fail after it was sent, the failure
 * is the caller's to report, since the server may have acted on it.
 */
public final class HttpClients {

    /**
     * The ERROR of a check whose shared client cannot be built (the trusted certificates file is unreadable or holds no
     * certificate): what it could not do, why, and the fix.
     */
    public static Result.Builder clientUnavailable(String whatCouldNot, IOException e) {
        return Result.error(whatCouldNot + ": " + e.getMessage())
                .remedy("Point <http><trustCertificates> at a readable PEM file of CA certificates.");
    }

    /** The most of a response body any check reads: 1 MiB. */
    public static final long MAX_BODY_BYTES = 1024 * 1024;

    private static final Map<HttpSettings, OkHttpClient> CLIENTS = new ConcurrentHashMap<>();
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");

    private HttpClients() {
    }

    /**
     * The shared client for these settings.
     *
     * @throws IOException when {@code trustCertificates} cannot be read or holds no certificate
     */
    public static OkHttpClient forSettings(HttpSettings settings) throws IOException {
        OkHttpClient existing = CLIENTS.get(settings);
        if (existing != null) {
            return existing;
        }
        OkHttpClient created = create(settings);
        OkHttpClient raced = CLIENTS.putIfAbsent(settings, created);
        return raced != null ? raced : created;
    }

    private static OkHttpClient create(HttpSettings settings) throws IOException {
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .connectTimeout(settings.timeout())
                .readTimeout(settings.timeout())
                .writeTimeout(settings.timeout())
                .callTimeout(settings.timeout())
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(true)
                .addInterceptor(HttpClients::sendOnceUnlessSafeToRepeat);
        if (settings.trustCertificates() != null) {
            HandshakeCertificates trust = trust(settings);
            builder.sslSocketFactory(trust.sslSocketFactory(), trust.trustManager());
        }
        if (settings.proxy() != null) {
            HttpSettings.Proxy proxy = settings.proxy();
            builder.proxySelector(new MavenProxySelector(proxy));
            if (proxy.username() != null) {
                String credential = Credentials.basic(proxy.username(), proxy.password() == null ? "" : proxy.password());
                builder.proxyAuthenticator((route, response) -> response.request().header("Proxy-Authorization") != null ? null
                        : response.request().newBuilder().header("Proxy-Authorization", credential).build());
            }
        }
        if (!settings.headers().isEmpty()) {
            // the target's origin, else the origins the POM names: never a URL from readiness.yaml or a host a check reaches
            List<HttpUrl> scope = (settings.target() != null ? List.of(settings.target()) : settings.headerOrigins()).stream()
                    .map(uri -> HttpUrl.parse(uri.toString())).filter(Objects::nonNull).toList();
            builder.addInterceptor(chain -> {
                Request request = chain.request();
                if (scope.stream().noneMatch(origin -> sameOrigin(origin, request.url()))) {
                    return chain.proceed(request);
                }
                Request.Builder withHeaders = request.newBuilder();
                settings.headers().forEach(withHeaders::header);
                return chain.proceed(withHeaders.build());
            });
        }
        return builder.build();
    }

    /**
     * A path (with an optional query) under a base URL: appended to the base's path, never to its query
     * ({@code https://h/app?env=x} and {@code /actuator/health} give {@code https://h/app/actuator/health?env=x});
     * the path's own query, when it has one, replaces the base's.
     *
     * @param pathAndQuery starts with {@code /}
     * @return the URL, or {@code null} when the base is not an http(s) URL or the path makes no URL
     */
    public static HttpUrl under(java.net.URI base, String pathAndQuery) {
        HttpUrl url = base == null ? null : HttpUrl.get(base);
        if (url == null) {
            return null;
        }
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        HttpUrl.Builder builder = url.newBuilder().encodedPath(url.encodedPath().replaceAll("/+$", "") + path).fragment(null);
        if (q >= 0) {
            builder.encodedQuery(pathAndQuery.substring(q + 1));
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The request, marked safe to send again on a fresh connection after its connection failed,
     * though its method is not idempotent: for a POST that only reads, such as OSV's
     * {@code /v1/querybatch}.
     */
    public static Request safeToRepeat(Request request) {
        return request.newBuilder().tag(SafeToRepeat.class, SafeToRepeat.MARK).build();
    }

    /** Marks a request {@link #safeToRepeat}. */
    private enum SafeToRepeat {
        MARK
    }

    /**
     * OkHttp sends a request again after a connection failure unless its body is one-shot: so the
     * body of a request that is not safe to repeat is made one-shot here (a failure before anything
     * was sent is still retried).
     */
    private static Response sendOnceUnlessSafeToRepeat(Interceptor.Chain chain) throws IOException {
        Request request = chain.request();
        RequestBody body = request.body();
        if (body == null || body.isOneShot() || IDEMPOTENT.contains(request.method()) || request.tag(SafeToRepeat.class) != null) {
            return chain.proceed(request);
        }
        return chain.proceed(request.newBuilder().method(request.method(), new OneShot(body)).build());
    }

    /** A body that OkHttp must not send twice. */
    private static final class OneShot extends RequestBody {
        private final RequestBody body;

        OneShot(RequestBody body) {
            this.body = body;
        }

        @Override
        public MediaType contentType() {
            return body.contentType();
        }

        @Override
        public long contentLength() throws IOException {
            return body.contentLength();
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            body.writeTo(sink);
        }

        @Override
        public boolean isOneShot() {
            return true;
        }
    }

    /** Same scheme, host and port; a target that is not an http(s) URL matches nothing. */
    private static boolean sameOrigin(HttpUrl target, HttpUrl url) {
        return target != null && target.scheme().equals(url.scheme()) && target.host().equals(url.host())
                && target.port() == url.port();
    }

    private static HandshakeCertificates trust(HttpSettings settings) throws IOException {
        HandshakeCertificates.Builder trust = new HandshakeCertificates.Builder().addPlatformTrustedCertificates();
        try (InputStream in = Files.newInputStream(settings.trustCertificates())) {
            java.util.Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IOException("trustCertificates " + settings.trustCertificates() + " holds no PEM certificate");
            }
            for (Certificate certificate : certificates) {
                trust.addTrustedCertificate((X509Certificate) certificate);
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("trustCertificates " + settings.trustCertificates() + " is not a PEM file of certificates: " + e.getMessage(), e);
        }
        return trust.build();
    }

    /** Maven's proxy with its {@code nonProxyHosts} ({@code *.example.com|localhost}). */
    private static final class MavenProxySelector extends ProxySelector {
        private final Proxy proxy;
        private final Pattern nonProxyHosts;

        MavenProxySelector(HttpSettings.Proxy settings) {
            this.proxy = new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(settings.host(), settings.port()));
            this.nonProxyHosts = settings.nonProxyHosts() == null || settings.nonProxyHosts().isBlank() ? null
                    : Pattern.compile(globs(settings.nonProxyHosts()), Pattern.CASE_INSENSITIVE);
        }

        private static String globs(String hosts) {
            StringBuilder regex = new StringBuilder();
            for (String glob : hosts.split("[|,]")) {
                if (glob.isBlank()) {
                    continue;
                }
                if (!regex.isEmpty()) {
                    regex.append('|');
                }
                regex.append(Pattern.quote(glob.trim()).replace("*", "\\E.*\\Q"));
            }
            return regex.toString();
        }

        @Override
        public List<Proxy> select(URI uri) {
            if (nonProxyHosts != null && uri.getHost() != null && nonProxyHosts.matcher(uri.getHost()).matches()) {
                return List.of(Proxy.NO_PROXY);
            }
            return List.of(proxy);
        }

        @Override
        public void connectFailed(URI uri, SocketAddress address, IOException e) {
            // OkHttp reports the failure to the caller; nothing to remember here.
        }
    }
}

package dev.readiness.checks.tls;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * One TLS handshake with a URL's host and port, made by the shared OkHttp client (its timeouts,
 * proxy and trust) and stopped as soon as the handshake is done, so no HTTP request is sent.
 * It records what the server presented, whether or not the chain is trusted and the host matches:
 * the trust manager sees the chain, protocol and cipher suite before it judges them, and only the
 * configured trust ever decides whether the handshake completed ({@link #failure()} is {@code null}).
 */
final class TlsHandshake {

    /** Offers whatever the JDK allows, so an old protocol is reported rather than merely refused. */
    private static final ConnectionSpec ANY_ENABLED_TLS = new ConnectionSpec.Builder(ConnectionSpec.COMPATIBLE_TLS)
            .allEnabledTlsVersions()
            .allEnabledCipherSuites()
            .build();

    private volatile List<X509Certificate> chain;
    private volatile String protocol;
    private volatile String cipher;
    private volatile boolean completed;
    private IOException failure;

    private TlsHandshake() {
    }

    /** Performs the handshake; network and TLS failures end up in {@link #failure()}, not thrown. */
    static TlsHandshake perform(OkHttpClient shared, HttpUrl url) throws GeneralSecurityException {
        TlsHandshake handshake = new TlsHandshake();
        RecordingTrustManager trust = handshake.new RecordingTrustManager(shared.x509TrustManager());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trust}, null);
        ConnectionPool pool = new ConnectionPool();
        OkHttpClient client = shared.newBuilder()
                .sslSocketFactory(context.getSocketFactory(), trust)
                .connectionSpecs(List.of(ANY_ENABLED_TLS))
                .connectionPool(pool)
                .eventListener(new EventListener() {
                    @Override
                    public void secureConnectEnd(Call call, Handshake done) {
                        handshake.completed = true;
                        call.cancel();
                    }
                })
                .build();
        try (Response ignored = client.newCall(new Request.Builder().url(url).head().build()).execute()) {
            handshake.completed = true;
        } catch (IOException e) {
            if (!handshake.completed) {
                handshake.failure = e;
            }
        } finally {
            pool.evictAll();
        }
        return handshake;
    }

    /** The chain the server presented, leaf first; {@code null} when it presented none. */
    List<X509Certificate> chain() {
        return chain;
    }

    /** {@code TLSv1.3}, ...; {@code null} when the handshake did not get that far. */
    String protocol() {
        return protocol;
    }

    /** {@code TLS_AES_128_GCM_SHA256}, ...; {@code null} when the handshake did not get that far. */
    String cipher() {
        return cipher;
    }

    /** Why the handshake did not complete; {@code null} when it did (trusted chain, matching host name). */
    IOException failure() {
        return failure;
    }

    /** Delegates every decision to the configured trust manager after noting what it is asked to judge. */
    private final class RecordingTrustManager extends X509ExtendedTrustManager {
        private final X509TrustManager delegate;

        RecordingTrustManager(X509TrustManager delegate) {
            this.delegate = delegate;
        }

        private void record(X509Certificate[] presented, SSLSession session) {
            chain = presented == null ? null : List.of(presented);
            if (session != null) {
                protocol = session.getProtocol();
                cipher = session.getCipherSuite();
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] presented, String authType, Socket socket) throws CertificateException {
            record(presented, socket instanceof SSLSocket ssl ? ssl.getHandshakeSession() : null);
            if (delegate instanceof X509ExtendedTrustManager extended) {
                extended.checkServerTrusted(presented, authType, socket);
            } else {
                delegate.checkServerTrusted(presented, authType);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] presented, String authType, SSLEngine engine) throws CertificateException {
            record(presented, engine == null ? null : engine.getHandshakeSession());
            if (delegate instanceof X509ExtendedTrustManager extended) {
                extended.checkServerTrusted(presented, authType, engine);
            } else {
                delegate.checkServerTrusted(presented, authType);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] presented, String authType) throws CertificateException {
            record(presented, null);
            delegate.checkServerTrusted(presented, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] presented, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("a readiness probe never trusts clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] presented, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("a readiness probe never trusts clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] presented, String authType) throws CertificateException {
            throw new CertificateException("a readiness probe never trusts clients");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }
}

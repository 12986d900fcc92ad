package dev.readiness.checks.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.readiness.check.CheckContext;
import dev.readiness.check.HttpSettings;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import dev.readiness.engine.ConfigBinder;
import dev.readiness.engine.ConfigurationException;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real TLS handshakes on loopback: MockWebServer serving certificates from a private root CA made
 * with okhttp-tls, whose PEM is passed as {@code trustCertificates}; and an OpenSSL server limited
 * to TLS 1.1.
 */
class TlsCheckTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Duration TIMEOUT = Duration.ofMillis(2000);
    private static final HeldCertificate ROOT = new HeldCertificate.Builder()
            .certificateAuthority(1)
            .commonName("Readiness Test Root CA")
            .validityInterval(days(-10).toEpochMilli(), days(3650).toEpochMilli())
            .build();

    @TempDir
    Path dir;

    private MockWebServer server;
    private Process openssl;

    private final TlsCheck check = new TlsCheck();

    @AfterEach
    void stopServers() {
        if (server != null) {
            server.close();
        }
        if (openssl != null) {
            openssl.destroy();
        }
    }

    @Test
    void passesForATrustedCertificateOfTheHostThatIsValidLongEnough() throws Exception {
        String url = serve(leaf("localhost", days(-1), days(365)));

        Result result = check.run(new TlsConfig(null, null), context(url));

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo("the certificate of " + origin() + " is trusted, matches localhost and is valid"
                + " for another 365 days (until " + date(days(365)) + "); TLSv1.3");
        assertThat(result.measured()).isEqualTo("365 days left, TLSv1.3");
        assertThat(result.expected()).isEqualTo("a trusted chain for localhost, TLS 1.2 or newer, at least 30 days left on every certificate");
        assertThat(result.evidence()).containsExactly(
                Map.entry("url", url),
                Map.entry("subject", "CN=localhost"),
                Map.entry("issuer", "CN=Readiness Test Root CA"),
                Map.entry("sans", List.of("localhost")),
                Map.entry("notAfter", days(365).toString()),
                Map.entry("daysLeft", 365L),
                Map.entry("expiresFirst", "CN=localhost"),
                Map.entry("protocol", "TLSv1.3"),
                Map.entry("cipher", "TLS_AES_256_GCM_SHA384"),
                Map.entry("chainLength", 1));
        assertThat(result.findings()).isEmpty();
        assertThat(result.remedy()).isNull();
        assertThat(server.getRequestCount()).as("the probe stops after the handshake: no HTTP request").isZero();
    }

    @Test
    void failsWhenTheCertificateExpiresInFewerDaysThanMinDaysLeft() throws Exception {
        Instant notAfter = days(5).plus(Duration.ofHours(1));
        String url = serve(leaf("localhost", days(-80), notAfter));

        Result result = check.run(new TlsConfig(url, null), context(null));

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("the certificate of " + origin() + " expires in 5 days (" + date(notAfter)
                + "), but expected at least 30");
        assertThat(result.measured()).isEqualTo("5 days left, TLSv1.3");
        assertThat(result.evidence()).containsEntry("daysLeft", 5L).containsEntry("notAfter", notAfter.toString());
        assertThat(result.findings()).extracting(f -> f.message()).containsExactly(result.summary());
        assertThat(result.findings().get(0).location()).isEqualTo(origin());
        assertThat(result.remedy()).isEqualTo("Renew the certificate before it expires (automate renewal, e.g. with ACME).");
    }

    @Test
    void failsWhenAnIntermediateOfTheChainExpiresInFewerDaysThanMinDaysLeft() throws Exception {
        Instant notAfter = days(5).plus(Duration.ofHours(1));
        HeldCertificate intermediate = intermediate(notAfter);
        String url = serve(leaf("localhost", days(-1), days(300), intermediate), intermediate.certificate());

        Result result = check.run(new TlsConfig(url, null), context(null));

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("the certificate 'CN=Readiness Test Intermediate CA' (2 of 2 in the chain of " + origin()
                + ") expires in 5 days (" + date(notAfter) + "), but expected at least 30");
        assertThat(result.measured()).isEqualTo("5 days left, TLSv1.3");
        assertThat(result.evidence()).containsEntry("daysLeft", 5L).containsEntry("notAfter", notAfter.toString())
                .containsEntry("expiresFirst", "CN=Readiness Test Intermediate CA").containsEntry("subject", "CN=localhost")
                .containsEntry("chainLength", 2);
        assertThat(result.findings()).extracting(f -> f.key()).containsExactly("tls-expires-soon");
        assertThat(result.remedy()).startsWith("Replace 'CN=Readiness Test Intermediate CA' in the chain the server sends with the CA's"
                + " current certificate");
    }

    @Test
    void passesAChainNamingTheIntermediateThatExpiresBeforeTheCertificate() throws Exception {
        HeldCertificate intermediate = intermediate(days(100));
        String url = serve(leaf("localhost", days(-1), days(300), intermediate), intermediate.certificate());

        Result result = check.run(new TlsConfig(url, null), context(null));

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo("the certificate of " + origin() + " is trusted, matches localhost and is valid for another"
                + " 100 days (until " + date(days(100)) + ", when the certificate 'CN=Readiness Test Intermediate CA' (2 of 2 in the"
                + " chain of " + origin() + ") expires); TLSv1.3");
        assertThat(result.evidence()).containsEntry("daysLeft", 100L).containsEntry("expiresFirst", "CN=Readiness Test Intermediate CA");
    }

    @Test
    void passesACertificateExpiringSoonWhenMinDaysLeftAllowsIt() throws Exception {
        String url = serve(leaf("localhost", days(-80), days(5).plus(Duration.ofHours(1))));

        Result result = check.run(new TlsConfig(url, 5), context(null));

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.expected()).endsWith("at least 5 days left on every certificate");
    }

    @Test
    void failsWhenTheCertificateHasExpired() throws Exception {
        Instant notAfter = days(-2);
        String url = serve(leaf("localhost", days(-90), notAfter));

        Result result = check.run(new TlsConfig(url, null), context(null));

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("the certificate of " + origin() + " expired on " + date(notAfter) + " (2 days ago)");
        assertThat(result.evidence()).containsEntry("daysLeft", -2L).containsEntry("subject", "CN=localhost");
        assertThat(result.findings()).hasSize(1);
        assertThat(result.remedy()).startsWith("Renew the certificate and deploy it");
    }

    @Test
    void failsWhenTheCertificateIsNotValidYet() throws Exception {
        Instant notBefore = days(3);
        String url = serve(leaf("localhost", notBefore, days(400)));

        Result result = check.run(new TlsConfig(url, null), context(null));

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("the certificate of " + origin() + " is not valid before " + date(notBefore));
        assertThat(result.remedy()).startsWith("Check the certificate's validity dates and the server's clock");
    }

    @Test
    void failsWhenTheCertificateIsForAnotherHost() throws Exception {
        String url = serve(leaf("other.example", days(-1), days(365)));

        Result result = check.run(new TlsConfig(url, null), context(null));

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("the certificate of " + origin() + " is issued for other.example, not for localhost");
        assertThat(result.evidence()).containsEntry("sans", List.of("other.example")).containsEntry("protocol", "TLSv1.3");
        assertThat(result.remedy()).isEqualTo("Serve a certificate whose subject alternative names include localhost,"
                + " or point the tls <url> at a host name the certificate covers.");
    }

    @Test
    void failsWhenTheChainIsSelfSignedAndNotTrusted() throws Exception {
        HeldCertificate selfSigned = new HeldCertificate.Builder().commonName("localhost").addSubjectAlternativeName("localhost")
                .validityInterval(days(-1).toEpochMilli(), days(365).toEpochMilli()).build();
        String url = serve(selfSigned);

        Result result = check.run(new TlsConfig(url, null), context(null));

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("the certificate chain of " + origin() + " is not trusted:"
                + " unable to find valid certification path to requested target (a self-signed certificate, CN=localhost);"
                + " add its CA to <http><trustCertificates> or serve a certificate from a publicly trusted CA");
        assertThat(result.evidence()).containsEntry("subject", "CN=localhost").containsEntry("issuer", "CN=localhost")
                .containsEntry("daysLeft", 365L).containsKey("cipher");
        assertThat(result.remedy()).startsWith("If the service uses a private CA, add that CA's certificate (PEM) to <http><trustCertificates>");
    }

    @Test
    void failsWhenThePrivateCaIsNotConfiguredAsTrusted() throws Exception {
        String url = serve(leaf("localhost", days(-1), days(365)));

        Result result = check.run(new TlsConfig(url, null), CheckContext.builder(dir).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .http(new HttpSettings(null, TIMEOUT, null, null, null)).build());

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("the certificate chain of " + origin() + " is not trusted:"
                + " unable to find valid certification path to requested target (issued by CN=Readiness Test Root CA);"
                + " add its CA to <http><trustCertificates> or serve a certificate from a publicly trusted CA");
    }

    @Test
    void reportsEveryProblemOfAnUntrustedCertificateThatAlsoExpiresSoon() throws Exception {
        HeldCertificate selfSigned = new HeldCertificate.Builder().commonName("localhost").addSubjectAlternativeName("localhost")
                .validityInterval(days(-1).toEpochMilli(), days(3).plus(Duration.ofHours(1)).toEpochMilli()).build();
        String url = serve(selfSigned);

        Result result = check.run(new TlsConfig(url, null), context(null));

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.findings()).extracting(f -> f.message()).containsExactly(
                result.summary(),
                "the certificate of " + origin() + " expires in 3 days (" + date(days(3).plus(Duration.ofHours(1))) + "), but expected at least 30");
    }

    @Test
    void failsWhenTheServerOffersOnlyTls11() throws Exception {
        assumeTrue(opensslAvailable(), "needs the openssl command to run a TLS 1.1 server: the JDK disables TLS 1.1"
                + " (jdk.tls.disabledAlgorithms) for servers too, and that cannot be undone for one test in a shared JVM");
        HeldCertificate leaf = leaf("localhost", days(-1), days(365));
        Path cert = Files.writeString(dir.resolve("server.pem"), leaf.certificatePem());
        Path key = Files.writeString(dir.resolve("server.key"), leaf.privateKeyPkcs8Pem());
        int port = startOpenssl(cert, key, "-tls1_1");
        String url = "https://localhost:" + port + "/";

        Result result = check.run(new TlsConfig(url, null), context(null));

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("https://localhost:" + port + " accepts neither TLS 1.3 nor TLS 1.2"
                + " (the server answered the handshake with protocol_version), but expected TLS 1.2 or newer");
        assertThat(result.measured()).isEqualTo("older than TLS 1.2");
        assertThat(result.remedy()).isEqualTo("Enable TLS 1.2 and TLS 1.3 on the server and turn off TLS 1.0 and 1.1.");
    }

    @Test
    void passesAServerThatOffersTls12() throws Exception {
        assumeTrue(opensslAvailable(), "needs the openssl command to run a TLS 1.2-only server");
        HeldCertificate leaf = leaf("localhost", days(-1), days(365));
        Path cert = Files.writeString(dir.resolve("server.pem"), leaf.certificatePem());
        Path key = Files.writeString(dir.resolve("server.key"), leaf.privateKeyPkcs8Pem());
        int port = startOpenssl(cert, key, "-tls1_2");

        Result result = check.run(new TlsConfig("https://localhost:" + port + "/", null), context(null));

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.evidence()).containsEntry("protocol", "TLSv1.2");
        assertThat((String) result.evidence().get("cipher")).startsWith("TLS_ECDHE_ECDSA_WITH_");
    }

    @Test
    void reportsErrorWhenTheUrlIsPlainHttp() throws Exception {
        Result result = check.run(new TlsConfig("http://localhost:8080/", null), context(null));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("tls needs an https:// URL, but http://localhost:8080/ is plain HTTP,"
                + " so there is no certificate to verify");
        assertThat(result.remedy()).startsWith("Set the tls <url> (or <target>) to the service's https:// URL");
    }

    @Test
    void reportsErrorWhenNeitherUrlNorTargetIsConfigured() throws Exception {
        Result result = check.run(new TlsConfig(null, null), context(null));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("tls has no url and no <target> is configured");
        assertThat(result.remedy()).isEqualTo("Set <target> to the deployed service's https:// base URL, or give the tls check a <url>.");
    }

    @Test
    void reportsErrorNamingHostPortAndTimeoutWhenTheConnectionIsRefused() throws Exception {
        int port = freePort();

        Result result = check.run(new TlsConfig("https://localhost:" + port + "/", null), context(null));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("could not connect to localhost:" + port + " within 2s: connection refused");
        assertThat(result.evidence()).containsEntry("host", "localhost").containsEntry("port", port).containsEntry("timeout", "2s");
        assertThat(result.remedy()).startsWith("Check that the service is running and reachable from this machine");
    }

    @Test
    @Timeout(10)
    void reportsErrorWhenTheServerAcceptsButNeverAnswersTheHandshake() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            Result result = check.run(new TlsConfig("https://localhost:" + silent.getLocalPort() + "/", null),
                    context(null, Duration.ofMillis(500)));

            assertThat(result.status()).isEqualTo(Status.ERROR);
            assertThat(result.summary()).isEqualTo("localhost:" + silent.getLocalPort() + " did not answer within 500ms");
        }
    }

    @Test
    @Timeout(10)
    void reportsErrorWhenThePortServesPlainHttp() throws Exception {
        try (ServerSocket plain = new ServerSocket(0)) {
            Thread answer = new Thread(() -> {
                try (Socket socket = plain.accept()) {
                    socket.getInputStream().read(new byte[512]);
                    socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException ignored) {
                    // the test asserts what the client saw
                }
            });
            answer.start();
            int port = plain.getLocalPort();

            Result result = check.run(new TlsConfig("https://localhost:" + port + "/", null), context(null));

            assertThat(result.status()).isEqualTo(Status.ERROR);
            assertThat(result.summary()).isEqualTo("the TLS handshake with localhost:" + port
                    + " failed: Unsupported or unrecognized SSL message");
            assertThat(result.remedy()).isEqualTo("Check that https://localhost:" + port
                    + " serves TLS (not plain HTTP) and accepts TLS 1.2 or newer.");
            answer.join(5000);
        }
    }

    @Test
    void bindsItsConfigurationWithDefaults() throws Exception {
        assertThat(ConfigBinder.bind("tls", TlsConfig.class, yaml("{}"), List.of("level")))
                .isEqualTo(new TlsConfig(null, 30));
        assertThat(ConfigBinder.bind("tls", TlsConfig.class, yaml("url: https://staging.example.com/\nminDaysLeft: 14"), List.of("level")))
                .isEqualTo(new TlsConfig("https://staging.example.com/", 14));
    }

    @Test
    void rejectsIllTypedAndUnknownParameters() {
        assertThatThrownBy(() -> ConfigBinder.bind("tls", TlsConfig.class, yaml("minDaysLeft: soon"), List.of("level")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("tls.minDaysLeft: 'soon' is not a whole number");
        assertThatThrownBy(() -> ConfigBinder.bind("tls", TlsConfig.class, yaml("minDaysLeft: -1"), List.of("level")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("tls: minDaysLeft is -1, but it counts days and cannot be negative");
        assertThatThrownBy(() -> ConfigBinder.bind("tls", TlsConfig.class, yaml("url: staging.example.com"), List.of("level")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("tls: url 'staging.example.com' is not an http(s) URL: write it as https://host[:port]/");
        assertThatThrownBy(() -> ConfigBinder.bind("tls", TlsConfig.class, yaml("minDays: 3"), List.of("level")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("unknown parameter 'minDays' of tls; known parameters: level, minDaysLeft, url");
    }

    private static Instant days(long n) {
        return NOW.plus(Duration.ofDays(n));
    }

    private static LocalDate date(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    private static HeldCertificate leaf(String host, Instant notBefore, Instant notAfter) {
        return leaf(host, notBefore, notAfter, ROOT);
    }

    private static HeldCertificate leaf(String host, Instant notBefore, Instant notAfter, HeldCertificate issuer) {
        return new HeldCertificate.Builder()
                .commonName(host)
                .addSubjectAlternativeName(host)
                .validityInterval(notBefore.toEpochMilli(), notAfter.toEpochMilli())
                .signedBy(issuer)
                .build();
    }

    /** An intermediate CA signed by the root, valid until {@code notAfter}. */
    private static HeldCertificate intermediate(Instant notAfter) {
        return new HeldCertificate.Builder()
                .certificateAuthority(0)
                .commonName("Readiness Test Intermediate CA")
                .validityInterval(days(-10).toEpochMilli(), notAfter.toEpochMilli())
                .signedBy(ROOT)
                .build();
    }

    /** Starts an HTTPS MockWebServer sending this certificate and the intermediates after it; returns its base URL. */
    private String serve(HeldCertificate certificate, X509Certificate... intermediates) throws IOException {
        server = new MockWebServer();
        server.useHttps(new HandshakeCertificates.Builder().heldCertificate(certificate, intermediates).build().sslSocketFactory());
        server.start();
        return server.url("/").toString();
    }

    private String origin() {
        return "https://localhost:" + server.getPort();
    }

    private CheckContext context(String target) throws IOException {
        return context(target, TIMEOUT);
    }

    /** A context trusting the private root CA through a PEM file, as users configure {@code trustCertificates}. */
    private CheckContext context(String target, Duration timeout) throws IOException {
        Path pem = Files.writeString(dir.resolve("ca.pem"), ROOT.certificatePem());
        HttpSettings http = new HttpSettings(target == null ? null : URI.create(target), timeout, pem, null, null);
        return CheckContext.builder(dir).clock(Clock.fixed(NOW, ZoneOffset.UTC)).http(http).build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static JsonNode yaml(String text) throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(text);
    }

    private static boolean opensslAvailable() {
        for (String dirName : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dirName, "openssl"))) {
                return true;
            }
        }
        return false;
    }

    /** Starts {@code openssl s_server} on a free loopback port with one protocol only; returns the port. */
    private int startOpenssl(Path cert, Path key, String protocol) throws IOException {
        openssl = new ProcessBuilder("openssl", "s_server", "-accept", "127.0.0.1:0", "-cert", cert.toString(),
                "-key", key.toString(), protocol, "-cipher", "DEFAULT@SECLEVEL=0")
                .redirectErrorStream(true)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(openssl.getInputStream(), StandardCharsets.UTF_8));
        Pattern accept = Pattern.compile("ACCEPT .*:(\\d+)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (String line = out.readLine(); line != null && System.nanoTime() < deadline; line = out.readLine()) {
            Matcher m = accept.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        throw new IOException("openssl s_server did not start");
    }
}

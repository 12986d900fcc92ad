package dev.readiness.checks.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readiness.check.HttpSettings;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** The shared client against real servers on loopback: where the configured headers (secrets) go, and where they do not. */
class HttpClientsTest {

    private static final String TOKEN = "Bearer s3cr3t-t0ken";

    @StartStop
    private final MockWebServer service = new MockWebServer();

    @StartStop
    private final MockWebServer elsewhere = new MockWebServer();

    @Test
    void sendsTheHeadersToTheTargetsOrigin() throws Exception {
        OkHttpClient client = client(service.url("/").toString());

        assertThat(authorization(client, service, service.url("/actuator/health"))).isEqualTo(TOKEN);
    }

    @Test
    void keepsTheHeadersFromAnotherPort() throws Exception {
        OkHttpClient client = client(service.url("/").toString());

        assertThat(authorization(client, elsewhere, elsewhere.url("/"))).isNull();
    }

    @Test
    void keepsTheHeadersFromAnotherHostName() throws Exception {
        HttpUrl sameServerOtherName = service.url("/").newBuilder().host("127.0.0.1").build();
        OkHttpClient client = client(service.url("/").newBuilder().host("localhost").build().toString());

        assertThat(authorization(client, service, sameServerOtherName)).isNull();
    }

    @Test
    void keepsTheHeadersFromPlainHttpOfAnHttpsTarget() throws Exception {
        OkHttpClient client = client("https://" + service.getHostName() + ":" + service.getPort() + "/");

        assertThat(authorization(client, service, service.url("/"))).isNull();
    }

    @Test
    void sendsTheHeadersWithoutATargetOnlyToTheOriginsThePomNames() throws Exception {
        OkHttpClient client = HttpClients.forSettings(new HttpSettings(null, Duration.ofSeconds(5), null, Map.of("Authorization", TOKEN),
                null, List.of(URI.create("http://" + service.getHostName() + ":" + service.getPort()))));

        assertThat(authorization(client, service, service.url("/actuator/health"))).isEqualTo(TOKEN);
        assertThat(authorization(client, elsewhere, elsewhere.url("/"))).as("a host a check reaches, such as a page's asset").isNull();
    }

    @Test
    void sendsTheHeadersNowhereWithoutATargetOrAnOriginThePomNames() throws Exception {
        OkHttpClient client = client(null);

        assertThat(authorization(client, service, service.url("/"))).isNull();
        assertThat(authorization(client, elsewhere, elsewhere.url("/"))).isNull();
    }

    @Test
    void goesThroughMavensProxyAndAnswersItsChallenge() throws Exception {
        MockWebServer proxy = elsewhere;
        proxy.enqueue(new MockResponse.Builder().code(407).addHeader("Proxy-Authenticate", "Basic realm=\"corp\"").build());
        proxy.enqueue(new MockResponse.Builder().body("via proxy").build());
        OkHttpClient client = HttpClients.forSettings(new HttpSettings(null, Duration.ofSeconds(5), null, Map.of(),
                new HttpSettings.Proxy(proxy.getHostName(), proxy.getPort(), "deployer", "pr0xy-pass", "nothing.example")));

        try (Response response = client.newCall(new Request.Builder().url("http://staging.example.invalid/health").build()).execute()) {
            assertThat(response.body().string()).isEqualTo("via proxy");
        }
        RecordedRequest challenged = proxy.takeRequest(5, TimeUnit.SECONDS);
        RecordedRequest answered = proxy.takeRequest(5, TimeUnit.SECONDS);
        assertThat(challenged.getRequestLine()).isEqualTo("GET http://staging.example.invalid/health HTTP/1.1");
        assertThat(challenged.getHeaders().get("Proxy-Authorization")).isNull();
        assertThat(answered.getHeaders().get("Proxy-Authorization")).isEqualTo(okhttp3.Credentials.basic("deployer", "pr0xy-pass"));
    }

    @Test
    void bypassesTheProxyForItsNonProxyHosts() throws Exception {
        MockWebServer proxy = elsewhere;
        OkHttpClient client = HttpClients.forSettings(new HttpSettings(null, Duration.ofSeconds(5), null, Map.of(),
                new HttpSettings.Proxy(proxy.getHostName(), proxy.getPort(), null, null, "*.example.com|" + service.getHostName())));

        assertThat(authorization(client, service, service.url("/direct"))).isNull();
        assertThat(proxy.getRequestCount()).isZero();
    }

    private static OkHttpClient client(String target) throws IOException {
        return HttpClients.forSettings(new HttpSettings(target == null ? null : URI.create(target), Duration.ofSeconds(5), null,
                Map.of("Authorization", TOKEN), null));
    }

    /** GETs {@code url} on {@code server} and returns the Authorization header the server received. */
    private static String authorization(OkHttpClient client, MockWebServer server, HttpUrl url) throws Exception {
        server.enqueue(new MockResponse.Builder().body("ok").build());
        try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
            assertThat(response.code()).isEqualTo(200);
        }
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).isNotNull();
        return request.getHeaders().get("Authorization");
    }
}

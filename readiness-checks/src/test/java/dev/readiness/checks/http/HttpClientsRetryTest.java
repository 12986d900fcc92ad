package dev.readiness.checks.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.readiness.check.HttpSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shared client against real servers on loopback that close their connections: a call safe to
 * repeat survives a pooled connection the server has closed; any other is sent once.
 */
class HttpClientsRetryTest {

    private static final RequestBody QUERY = RequestBody.create("{\"queries\":[]}", MediaType.get("application/json"));

    @StartStop
    private final MockWebServer server = new MockWebServer();

    /** Its own client: the pool of the shared one for these settings must not carry connections of other tests. */
    private OkHttpClient client() throws IOException {
        return HttpClients.forSettings(new HttpSettings(null, Duration.ofMillis(4321), null, Map.of(), null)).newBuilder()
                .connectionPool(new okhttp3.ConnectionPool()).build();
    }

    /** An answer after which the server closes the connection without saying so, as HTTP/1.0 servers and idle timeouts do. */
    private static MockResponse answerThenClose(String how) {
        MockResponse.Builder answer = new MockResponse.Builder().body("ok");
        return (how.equals("HTTP/1.0") ? answer.status("HTTP/1.0 200 OK").onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE)
                : answer.onResponseEnd(new SocketEffect.CloseSocket(true, false, false))).build();
    }

    private List<RecordedRequest> received(int count) throws InterruptedException {
        List<RecordedRequest> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            requests.add(server.takeRequest(5, TimeUnit.SECONDS));
        }
        assertThat(server.takeRequest(200, TimeUnit.MILLISECONDS)).as("no request beyond these").isNull();
        return requests;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"HTTP/1.0", "idle keep-alive timeout"})
    void sendsGetsAgainOnAFreshConnectionWhenTheServerClosedThePooledOne(String how) throws Exception {
        OkHttpClient client = client();
        for (int i = 0; i < 3; i++) {
            server.enqueue(answerThenClose(how));
        }

        for (int i = 0; i < 3; i++) {
            try (Response response = client.newCall(new Request.Builder().url(server.url("/health")).build()).execute()) {
                assertThat(response.code()).isEqualTo(200);
                assertThat(response.body().string()).isEqualTo("ok");
            }
            Thread.sleep(50); // the server's close has reached the client: the pooled connection is dead
        }

        assertThat(received(3)).extracting(RecordedRequest::getConnectionIndex).doesNotHaveDuplicates();
    }

    /**
     * A kept-alive connection that the server closes as the next request arrives, answering nothing:
     * the race of an idle timeout, which OkHttp's check of a pooled connection before a POST cannot see.
     */
    private OkHttpClient closedAsTheNextRequestArrives() throws Exception {
        server.enqueue(new MockResponse.Builder().body("warm").build());
        server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket(true, false, false)).build());
        OkHttpClient client = client();
        try (Response response = client.newCall(new Request.Builder().url(server.url("/warm")).build()).execute()) {
            assertThat(response.body().string()).isEqualTo("warm");
        }
        return client;
    }

    @Test
    void sendsAPostMarkedSafeToRepeatAgainOnAFreshConnection() throws Exception {
        OkHttpClient client = closedAsTheNextRequestArrives();
        server.enqueue(new MockResponse.Builder().body("{\"results\":[]}").build());

        Request post = HttpClients.safeToRepeat(new Request.Builder().url(server.url("/v1/querybatch")).post(QUERY).build());
        try (Response response = client.newCall(post).execute()) {
            assertThat(response.body().string()).isEqualTo("{\"results\":[]}");
        }

        List<RecordedRequest> requests = received(3);
        assertThat(requests).extracting(RecordedRequest::getMethod).containsExactly("GET", "POST", "POST");
        assertThat(requests.get(2).getBody().utf8()).isEqualTo("{\"queries\":[]}");
        assertThat(requests.get(2).getConnectionIndex()).isNotEqualTo(requests.get(1).getConnectionIndex());
    }

    @Test
    void sendsAnUnmarkedPostOnceAndReportsTheClosedConnection() throws Exception {
        OkHttpClient client = closedAsTheNextRequestArrives();
        server.enqueue(new MockResponse.Builder().body("charged twice").build());

        Request post = new Request.Builder().url(server.url("/orders")).post(QUERY).build();

        assertThatThrownBy(() -> client.newCall(post).execute()).isInstanceOf(IOException.class)
                .hasMessageStartingWith("unexpected end of stream on " + server.url("/"));
        assertThat(received(2)).extracting(RecordedRequest::getMethod).containsExactly("GET", "POST");
    }
}

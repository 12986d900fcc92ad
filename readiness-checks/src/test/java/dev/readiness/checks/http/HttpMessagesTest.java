package dev.readiness.checks.http;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.HttpUrl;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class HttpMessagesTest {

    private static final HttpUrl URL = HttpUrl.get("https://user:secret@shop.example.com/api/products?page=2");

    @Test
    void namesTheRedirectTargetResolvedAgainstTheUrlWithoutUserInfoOrQueryValues() {
        assertThat(HttpMessages.redirectTo(answer(302, "../login?next=/api"), URL)).isEqualTo(", a redirect to https://shop.example.com/login?…");
        assertThat(HttpMessages.redirectTo(answer(301, "https://admin:pw@other.example.com/"), URL))
                .isEqualTo(", a redirect to https://other.example.com/");
    }

    @Test
    void saysNothingOfAnAnswerThatIsNoRedirectOrHasNoLocation() {
        assertThat(HttpMessages.redirectTo(answer(302, null), URL)).isEmpty();
        assertThat(HttpMessages.redirectTo(answer(200, "/elsewhere"), URL)).isEmpty();
        assertThat(HttpMessages.redirectTo(answer(307, "http://[bad"), URL)).isEmpty();
    }

    @Test
    void displaysAUrlWithoutUserInfoAndHidesItsQuery() {
        assertThat(HttpMessages.display(URL)).isEqualTo("https://shop.example.com/api/products?…");
        assertThat(HttpMessages.display(HttpUrl.get("http://localhost:8080/actuator/health"))).isEqualTo("http://localhost:8080/actuator/health");
    }

    private static Response answer(int code, String location) {
        Response.Builder response = new Response.Builder().request(new Request.Builder().url(URL).build())
                .protocol(Protocol.HTTP_1_1).code(code).message("status");
        if (location != null) {
            response.header("Location", location);
        }
        return response.build();
    }
}

package dev.readiness.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactorTest {

    private static final String TOKEN = "ghp_s3cr3tT0kenValue1234567890";

    private final Redactor redactor = new Redactor(Set.of(TOKEN, "multi-line\nsecret-value-here"));

    @Test
    void masksASecretWholeAndEveryPartOfItOfEightCharactersOrMore() {
        assertThat(redactor.redact("Authorization: Bearer " + TOKEN)).isEqualTo("Authorization: Bearer ****");
        assertThat(redactor.redact("header value starts " + TOKEN.substring(0, 12) + "… (cut at 300)")).isEqualTo("header value starts ****… (cut at 300)");
        assertThat(redactor.redact("ends with " + TOKEN.substring(TOKEN.length() - 9))).isEqualTo("ends with ****");
        assertThat(redactor.redact("first line only: multi-line")).isEqualTo("first line only: ****");
        assertThat(redactor.redact("seven: ghp_s3c")).isEqualTo("seven: ghp_s3c");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "https://user:pa55word@staging.example.com/health|https://****@staging.example.com/health",
            "GET https://shop.test/?token=abc123&page=2 failed|GET https://shop.test/?token=****&page=2 failed",
            "https://x.vercel.app/?x-vercel-protection-bypass=Zq9#top|https://x.vercel.app/?x-vercel-protection-bypass=****#top",
            "see \"https://api.test/v1?Signature=AbC&X-Amz-Credential=k\" now|see \"https://api.test/v1?Signature=****&X-Amz-Credential=k\" now",
            "http://host:8080/path?sort=asc|http://host:8080/path?sort=asc",
            "no url here: a://|no url here: a://"})
    void masksUserInfoAndCredentialQueryValuesInEveryUrl(String text, String masked) {
        assertThat(Redactor.none().redact(text)).isEqualTo(masked);
    }

    @Test
    void masksEvidenceKeysAndNestedValuesToo() {
        Result result = Result.fail("sent " + TOKEN).evidence(TOKEN, Map.of("nested", List.of(TOKEN.substring(3, 20))))
                .finding(Finding.of("at " + TOKEN).at("https://shop.test/?auth=" + "x").with("k", TOKEN).build())
                .remedy("rotate " + TOKEN).build();

        Result redacted = redactor.redact(result);

        assertThat(redacted.toString()).doesNotContain(TOKEN.substring(0, 8)).doesNotContain(TOKEN.substring(10, 18));
        assertThat(redacted.evidence()).containsOnlyKeys("****");
        assertThat(redacted.findings().get(0).location()).isEqualTo("https://shop.test/?auth=****");
    }
}

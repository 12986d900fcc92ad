package dev.readiness.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which environment variables hold secrets the gate never prints: by their names, and the user info of addresses. */
class SecretsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            GITHUB_TOKEN           | ghp_0123456789abcdef
            AWS_SECRET_ACCESS_KEY  | wJalrXUtnFEMIK7MDENG
            DB_PASSWORD            | db-pa55word-0
            PASSPHRASE             | gpg-pa55phrase-value
            GPG_PASSPHRASE         | gpg-pa55phrase-value
            PRIVATE_KEY            | MIIEvQIBADANBgkqhkiG9w0
            SIGNING_PRIVATE_KEY    | MIIEvQIBADANBgkqhkiG9w0
            GOOGLE_CREDENTIALS     | {"type":"service_account"}
            SENDGRID_API_KEY_PROD  | SG.0123456789abcdef
            """)
    void masksTheValueOfAVariableNamedLikeASecret(String name, String value) {
        assertThat(Secrets.of(null, null, Map.of(name, value))).containsExactly(value);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            DATABASE_URL  | postgres://app:db-pa55word-0@db.example.com/shop  | app:db-pa55word-0, db-pa55word-0
            REPOSITORY_URL | https://deployer:p%40ss-w0rd-99@repo.example.com/ | deployer:p%40ss-w0rd-99, deployer:p@ss-w0rd-99, p%40ss-w0rd-99, p@ss-w0rd-99
            """)
    void masksTheUserInfoOfAnAddressInAVariableNamedUrl(String name, String value, String masked) {
        assertThat(Secrets.of(null, null, Map.of(name, value))).containsExactlyInAnyOrder(masked.split(", "));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            HOME          | /home/builder-account
            SERVICE_URL   | https://staging.example.com/health
            TOKEN_ENABLED | true
            SHORT_TOKEN   | abc1234
            DATABASE_URL  | postgres://ci:pw@db.example.com/shop
            """)
    void leavesOtherVariablesAndShortValuesAlone(String name, String value) {
        assertThat(Secrets.of(null, null, Map.of(name, value))).isEmpty();
    }
}

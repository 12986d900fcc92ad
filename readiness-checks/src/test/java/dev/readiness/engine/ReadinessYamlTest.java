package dev.readiness.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReadinessYamlTest {

    @TempDir
    Path dir;

    @Test
    void readsTheSameSettingsAsThePomInFileOrder() throws Exception {
        Path file = Files.writeString(dir.resolve(ReadinessYaml.FILE), """
                checklist: READY.md
                http: {timeout: 5s}
                checkTimeout: 2m
                failOnWarnings: true
                checks:
                  tests: {}
                  coverage: {minimum: 80%}
                """);

        ReadinessYaml yaml = ReadinessYaml.read(file);

        assertThat(yaml.checklist()).isEqualTo("READY.md");
        assertThat(yaml.http().get("timeout").asText()).isEqualTo("5s");
        assertThat(yaml.checkTimeout()).isEqualTo("2m");
        assertThat(yaml.failOnWarnings()).isTrue();
        assertThat(yaml.checks().keySet()).containsExactly("tests", "coverage");
        assertThat(yaml.checks().get("coverage").get("minimum").asText()).isEqualTo("80%");
    }

    @Test
    void isAbsentWhenThereIsNoFile() throws Exception {
        assertThat(ReadinessYaml.read(dir.resolve(ReadinessYaml.FILE))).isNull();
    }

    @Test
    void rejectsAnUnknownKeyListingTheKnownOnes() throws Exception {
        Path file = Files.writeString(dir.resolve(ReadinessYaml.FILE), "chekcs: {}\n");

        assertThatThrownBy(() -> ReadinessYaml.read(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("readiness.yaml: unknown key 'chekcs' (did you mean 'checks'?); known keys: "
                        + "checklist, http, checkTimeout, failOnWarnings, checks, requireAttestation, maxWaiverDays, stage, environment, attestations, waivers");
    }

    @Test
    void rejectsAnUnknownKeyHoldingALineBreakInOneLine() throws Exception {
        Path file = Files.writeString(dir.resolve(ReadinessYaml.FILE), "\"chec\\nks\": {}\n");

        assertThatThrownBy(() -> ReadinessYaml.read(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("readiness.yaml: unknown key 'chec\\nks' (did you mean 'checks'?); known keys: "
                        + "checklist, http, checkTimeout, failOnWarnings, checks, requireAttestation, maxWaiverDays, stage, environment, attestations, waivers");
    }

    @Test
    void rejectsAFileLargerThanOneMebibyteSayingSo() throws Exception {
        Path file = Files.writeString(dir.resolve(ReadinessYaml.FILE), "# generated\n".repeat(100_000) + "checks:\n  tests: {}\n");

        assertThatThrownBy(() -> ReadinessYaml.read(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("readiness.yaml is larger than 1 MiB, the most it may be: keep only the readiness configuration in it");
    }

    /** A file in the repository must not say where credentials go: DESIGN's rule, one row per key it names. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            target                 | 'target: https://attacker.example/'                  | <target>
            http.server            | 'http: {server: ci-deploy}'                          | <http><server>
            http.headers           | 'http: {headers: {Authorization: Bearer abc}}'       | <http><headers>
            http.trustCertificates | 'http: {timeout: 5s, trustCertificates: evil.pem}'   | <http><trustCertificates>
            """)
    void rejectsWhatDecidesWhereCredentialsGoNamingThePomElement(String key, String yaml, String element) throws Exception {
        Path file = Files.writeString(dir.resolve(ReadinessYaml.FILE), yaml + "\nchecks: {health: {}}\n");

        assertThatThrownBy(() -> ReadinessYaml.read(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("readiness.yaml: " + key + " decides where credentials go, so only the POM (or settings.xml) may set it:"
                        + " move it to " + element + " in the plugin's <configuration>");
    }

    @Test
    void readsTheHttpTimeoutWithoutWhereCredentialsGo() throws Exception {
        Path file = Files.writeString(dir.resolve(ReadinessYaml.FILE), "http: {timeout: 5s}\n");

        assertThat(ReadinessYaml.read(file).http().fieldNames()).toIterable().containsExactly("timeout");
    }

    @Test
    void rejectsFailOnWarningsThatIsNotTrueOrFalse() throws Exception {
        Path file = Files.writeString(dir.resolve(ReadinessYaml.FILE), "failOnWarnings: sometimes\n");

        assertThatThrownBy(() -> ReadinessYaml.read(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("readiness.yaml: failOnWarnings: 'sometimes' is not true or false");
    }

    /** Every key that takes one value, given a list or a mapping: an error naming the key and what it takes, never "" or false. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            'checklist: [READY.md]'    | checklist: expects the checklist's path, such as PRODUCTION_READINESS.md, not a list
            'checklist: {file: a.md}'  | checklist: expects the checklist's path, such as PRODUCTION_READINESS.md, not a mapping
            'checkTimeout: [1]'        | checkTimeout: expects a duration such as 10s, 500ms, 2m or 1h, not a list
            'checkTimeout: {m: 5}'     | checkTimeout: expects a duration such as 10s, 500ms, 2m or 1h, not a mapping
            'failOnWarnings: [true]'   | failOnWarnings: expects true or false, not a list
            'failOnWarnings: {a: yes}' | failOnWarnings: expects true or false, not a mapping
            'http: [timeout: 5s]'      | http: expects a mapping such as {timeout: 10s}, not a list
            'http: 5s'                 | http: expects a mapping such as {timeout: 10s}, not the value '5s'
            'target: [https://a.example/]' | target decides where credentials go, so only the POM (or settings.xml) may set it: move it to <target> in the plugin's <configuration>
            """)
    void rejectsAListOrAMappingWhereOneValueBelongs(String yaml, String message) throws Exception {
        Path file = Files.writeString(dir.resolve(ReadinessYaml.FILE), yaml + "\nchecks: {tests: {}}\n");

        assertThatThrownBy(() -> ReadinessYaml.read(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("readiness.yaml: " + message);
    }

    /** YAML 1.1 reads yes, on and 1 as true (and no, off, 0 as false): the gate takes only true and false, as the POM does. */
    @ParameterizedTest(name = "failOnWarnings: {0}")
    @CsvSource({"yes", "no", "on", "off", "y", "1", "0"})
    void rejectsFailOnWarningsOtherThanTrueOrFalse(String value) throws Exception {
        Path file = Files.writeString(dir.resolve(ReadinessYaml.FILE), "failOnWarnings: " + value + "\n");

        assertThatThrownBy(() -> ReadinessYaml.read(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("readiness.yaml: failOnWarnings: '" + value + "' is not true or false");
    }

    @Test
    void readsTrueAndFalseInAnyCaseAndOtherSpellingsAsTheTextWritten() throws Exception {
        Path file = Files.writeString(dir.resolve(ReadinessYaml.FILE), """
                failOnWarnings: TRUE
                checks:
                  custom: {country: NO, enabled: false, flag: on}
                """);

        ReadinessYaml yaml = ReadinessYaml.read(file);

        assertThat(yaml.failOnWarnings()).isTrue();
        assertThat(yaml.checks().get("custom").toString()).isEqualTo("{\"country\":\"NO\",\"enabled\":false,\"flag\":\"on\"}");
    }

    @Test
    void rejectsYamlThatDoesNotParse() throws Exception {
        Path file = Files.writeString(dir.resolve(ReadinessYaml.FILE), "checks: [unclosed\n");

        assertThatThrownBy(() -> ReadinessYaml.read(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("readiness.yaml is not valid YAML: ");
    }

    @Test
    void doesNotExpandAnAliasBomb() throws Exception {
        StringBuilder bomb = new StringBuilder("checks:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'z'; c++) {
            char p = (char) (c - 1);
            bomb.append("  ").append(c).append(": &").append(c).append(" [*").append(p).append(", *").append(p).append(", *").append(p).append("]\n");
        }
        Path file = Files.writeString(dir.resolve(ReadinessYaml.FILE), bomb.toString());

        ReadinessYaml yaml = ReadinessYaml.read(file);

        int nodes = yaml.checks().values().stream().mapToInt(ReadinessYamlTest::size).sum();
        assertThat(nodes).as("3^25 expanded; the tree must stay the size of the text").isLessThan(200);
    }

    private static int size(com.fasterxml.jackson.databind.JsonNode node) {
        int n = 1;
        for (com.fasterxml.jackson.databind.JsonNode child : node) {
            n += size(child);
        }
        return n;
    }

    @Test
    void rejectsChecksThatAreNotAMapping() throws Exception {
        Path file = Files.writeString(dir.resolve(ReadinessYaml.FILE), "checks: [tests, coverage]\n");

        assertThatThrownBy(() -> ReadinessYaml.read(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("readiness.yaml: checks must map each check id to its parameters, e.g. 'coverage: {minimum: 80%}'");
    }
}

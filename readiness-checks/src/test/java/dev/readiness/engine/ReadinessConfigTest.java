package dev.readiness.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.readiness.check.Check;
import dev.readiness.check.CheckContext;
import dev.readiness.check.CheckLog;
import dev.readiness.check.HttpSettings;
import dev.readiness.check.Result;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * How the configuration's sources become one configuration and reach the checks: the POM and -D
 * properties win over readiness.yaml key by key, POM elements are shaped by the records they configure
 * (claims too), and a settings.xml server's headers and the proxy reach the HTTP settings once.
 */
class ReadinessConfigTest {

    @TempDir
    Path dir;

    private static final HttpSettings.Proxy PROXY = new HttpSettings.Proxy("proxy.example.com", 3128, "ci", "pr0xy-pa55word", null);

    private final Engine engine = Engine.of(List.of(FixedCheck.returning("tests", Result.pass("ran").build()),
            FixedCheck.returning("coverage", Result.pass("covered").build())));

    @Test
    void thePomAndItsPropertiesWinOverTheFileKeyByKey() throws Exception {
        ReadinessYaml yaml = yaml("""
                checklist: FROM-YAML.md
                checkTimeout: 2m
                failOnWarnings: true
                http: {timeout: 5s}
                checks:
                  tests: {count: 3}
                  coverage: {count: 4}
                """);
        ReadinessConfig.Pom pom = new ReadinessConfig.Pom("FROM-POM.md", List.of(xml("<tests><count>1</count></tests>")), null,
                xml("<http><timeout>7s</timeout></http>"), "1m", "false", Set.of(), Set.of());

        ReadinessConfig config = engine.config(sources(pom, yaml));

        assertThat(config.checklistShown()).isEqualTo("FROM-POM.md");
        assertThat(config.checklist()).isEqualTo(dir.resolve("FROM-POM.md"));
        assertThat(config.checkTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.failOnWarnings()).as("-Dreadiness.failOnWarnings=false over failOnWarnings: true").isFalse();
        assertThat(config.http().get("timeout").asText()).isEqualTo("7s");
        assertThat(config.checks().keySet()).containsExactly("tests", "coverage");
        assertThat(config.checks().get("tests").get("count").asText()).as("the POM's check replaces the file's").isEqualTo("1");
        assertThat(config.checks().get("coverage").get("count").asInt()).isEqualTo(4);
    }

    @Test
    void theFileFillsWhatThePomLeavesUnset() throws Exception {
        ReadinessYaml yaml = yaml("""
                checklist: READY.md
                checkTimeout: 2m
                failOnWarnings: true
                http: {timeout: 5s}
                """);
        ReadinessConfig.Pom pom = new ReadinessConfig.Pom(null, List.of(xml("<tests/>")), "https://staging.example.com/",
                xml("<http><headers><X-Api-Key>k3y-0123456</X-Api-Key></headers></http>"), null, null, Set.of(), Set.of());

        ReadinessConfig config = engine.config(sources(pom, yaml));

        assertThat(config.checklistShown()).isEqualTo("READY.md");
        assertThat(config.checkTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.failOnWarnings()).isTrue();
        assertThat(config.target()).isEqualTo("https://staging.example.com/");
        assertThat(config.http().get("timeout").asText()).as("the file's timeout beside the POM's headers").isEqualTo("5s");
        assertThat(config.http().at("/headers/X-Api-Key").asText()).isEqualTo("k3y-0123456");
    }

    @Test
    void failsOnWarningsOnlyWhenTheFileOrThePomSaysSo() throws Exception {
        ReadinessConfig.Pom pom = new ReadinessConfig.Pom(null, List.of(xml("<tests/>")), null, null, null, null, Set.of(), Set.of());

        assertThat(engine.config(sources(pom, null)).failOnWarnings()).isFalse();
        assertThat(engine.config(sources(pom, yaml("failOnWarnings: false"))).failOnWarnings()).isFalse();
        assertThat(engine.config(sources(pom, yaml("failOnWarnings: true"))).failOnWarnings()).isTrue();
    }

    @Test
    void shapesClaimsOfThePomWithTheirItemsAsLists() throws Exception {
        ReadinessConfig.Pom pom = new ReadinessConfig.Pom(null, List.of(xml("""
                <tests>
                  <claims>
                    <integration>
                      <level>RECOMMENDED</level>
                      <items><item>integration-tests-pass</item><item>Smoke tests pass on staging</item></items>
                    </integration>
                    <tests><items><item>unit-tests-pass</item></items></tests>
                  </claims>
                </tests>""")), null, null, null, null, Set.of(), Set.of());

        JsonNode tests = engine.config(sources(pom, null)).checks().get("tests");

        assertThat(tests.toString()).isEqualTo("{\"claims\":{\"integration\":{\"level\":\"RECOMMENDED\",\"items\":"
                + "[\"integration-tests-pass\",\"Smoke tests pass on staging\"]},\"tests\":{\"items\":[\"unit-tests-pass\"]}}}");
    }

    @Test
    void rejectsClaimsGivenAsAValueInThePom() throws Exception {
        ReadinessConfig.Pom pom = new ReadinessConfig.Pom(null, List.of(xml("<tests><claims>RECOMMENDED</claims></tests>")),
                null, null, null, null, Set.of(), Set.of());

        assertThatThrownBy(() -> engine.plan(engine.config(sources(pom, null)), dir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("tests.claims: name each claim with its settings, e.g. "
                        + "<claims><integration><level>RECOMMENDED</level></integration></claims>");
    }

    @Test
    void sendsTheHeadersWithoutATargetToTheUrlsOfThePomNeverToOnesOfReadinessYaml() throws Exception {
        ReadinessYaml yaml = yaml("""
                checks:
                  metrics: {url: 'https://collector.attacker.example/steal'}
                  smoke: {urls: ['https://shop.example.com:8443/', 'http://other.attacker.example/']}
                """);
        ReadinessConfig.Pom pom = new ReadinessConfig.Pom(null, List.of(xml("<health><url>https://Status.Example.com/actuator/health</url></health>"),
                xml("<smoke><url>https://shop.example.com:8443/cart</url><path>/relative/path</path></smoke>")), null,
                xml("<http><headers><Authorization>Bearer s3cr3t-0001</Authorization></headers></http>"), null, null, Set.of(), Set.of());

        ReadinessConfig config = engine.config(sources(pom, yaml));

        assertThat(config.headerOrigins()).containsExactly(URI.create("https://status.example.com"), URI.create("https://shop.example.com:8443"));
        assertThat(config.checks()).containsKey("metrics");
    }

    @Test
    void givesTheHeadersTheOriginsThePomNamesOnlyWhenNoTargetIsSet() throws Exception {
        JsonNode http = ConfigBinder.mapper().readTree("{\"headers\": {\"X-Api-Key\": \"k3y-0123456\"}}");
        List<URI> named = List.of(URI.create("https://status.example.com"));

        Plan withTarget = engine.plan(config("https://staging.example.com/", http, named), dir);
        Plan withoutTarget = engine.plan(config(null, http, named), dir);

        assertThat(withTarget.http().headerOrigins()).as("the headers go to the target's origin only").isEmpty();
        assertThat(withoutTarget.http().headerOrigins()).isEqualTo(named);
    }

    private static ReadinessConfig config(String target, JsonNode http, List<URI> headerOrigins) {
        return new ReadinessConfig(null, null, Map.of("tests", JsonNodeFactory.instance.objectNode()), target, http, null, Set.of(),
                Set.of(), false, null, null, List.of(), Ledger.DEFAULT_MAX_WAIVER_DAYS, null, null, headerOrigins);
    }

    @Test
    void sendsTheServersHeadersThenTheConfiguredOnesThroughTheProxy() throws Exception {
        ReadinessConfig.Pom pom = new ReadinessConfig.Pom(null, List.of(xml("<tests/>")), "https://staging.example.com/",
                xml("<http><server>staging</server><headers><X-Trace>on</X-Trace><X-Tenant>shop</X-Tenant></headers></http>"),
                null, null, Set.of(), Set.of());
        Map<String, String> serverHeaders = Map.of("Authorization", "Bearer s3rv3r-t0ken", "X-Tenant", "from-server");

        Plan plan = engine.plan(engine.config(new ReadinessConfig.Sources(dir, pom, null, serverHeaders, PROXY, Set.of())), dir);

        assertThat(plan.http().headers()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Authorization", "Bearer s3rv3r-t0ken", "X-Trace", "on", "X-Tenant", "shop"));
        assertThat(plan.http().proxy()).isEqualTo(PROXY);
        assertThat(plan.http().target()).hasToString("https://staging.example.com/");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            CR LF and a second header | Bearer s3cr3t-0001\\r\\nX-Forwarded-For: 127.0.0.1 | http.headers: the value of Authorization holds a carriage return at character 19, which a header cannot carry (the value is not shown): write it on one line of printable ASCII
            a bare line feed          | s3cr3t-0001\\n                                  | http.headers: the value of Authorization holds a line feed at character 12, which a header cannot carry (the value is not shown): write it on one line of printable ASCII
            a character outside ASCII | s3cr3t-ü-0001                                  | http.headers: the value of Authorization holds a character outside ASCII at character 8, which a header cannot carry (the value is not shown): write it on one line of printable ASCII
            """)
    void rejectsAHeaderValueTheClientCouldNotSendWithoutShowingIt(String what, String value, String message) throws Exception {
        String sent = value.replace("\\r", "\r").replace("\\n", "\n");
        ReadinessConfig.Pom pom = new ReadinessConfig.Pom(null, List.of(xml("<tests/>")), "https://staging.example.com/",
                new ConfigElement("http", null, List.of(new ConfigElement("headers", null, List.of(ConfigElement.text("Authorization", sent))))),
                null, null, Set.of(), Set.of());

        assertThatThrownBy(() -> engine.plan(engine.config(sources(pom, null)), dir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(message);
        assertThatThrownBy(() -> new Request.Builder().url("https://staging.example.com/").header("Authorization", sent))
                .as("OkHttp refuses it too, at the first request").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsAServerHeaderTheClientCouldNotSend() throws Exception {
        ReadinessConfig.Pom pom = new ReadinessConfig.Pom(null, List.of(xml("<tests/>")), "https://staging.example.com/",
                xml("<http><server>staging</server></http>"), null, null, Set.of(), Set.of());
        Map<String, String> serverHeaders = Map.of("Authorization", "Bearer s3rv3r\t0ken\u0000");

        assertThatThrownBy(() -> engine.plan(engine.config(new ReadinessConfig.Sources(dir, pom, null, serverHeaders, PROXY, Set.of())), dir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("http.server 'staging': the value of Authorization holds a control character at character 19, which a header"
                        + " cannot carry (the value is not shown): write it on one line of printable ASCII");
    }

    @Test
    void rejectsAServerThatTheBuildToolDidNotResolve() throws Exception {
        ReadinessConfig config = new ReadinessConfig(null, null, Map.of("tests", JsonNodeFactory.instance.objectNode()), null,
                ConfigBinder.toTree(xml("<http><server>staging</server></http>"), HttpConfig.class), null, Set.of(), Set.of(), false);

        assertThatThrownBy(() -> engine.plan(config, dir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("http.server: 'staging' names a settings.xml server, whose credentials only the Maven plugin reads;"
                        + " set http.headers instead");
    }

    /** The checks get the whole HTTP settings, and neither their log nor their results show a secret, whoever knew it. */
    @Test
    void runsWithTheWholeHttpSettingsAndMasksEverySecretInTheLogAndTheResults() throws Exception {
        List<String> logged = new ArrayList<>();
        List<HttpSettings> seen = new ArrayList<>();
        Check<FixedCheck.Config> probe = new Probe(seen);
        ReadinessConfig.Pom pom = new ReadinessConfig.Pom(null, List.of(xml("<probe/>")), "https://ci:t4rget-pa55@staging.example.com/",
                xml("<http><server>staging</server><headers><X-Api-Key>c0nfigured-k3y</X-Api-Key></headers></http>"),
                null, null, Set.of(), Set.of());
        ReadinessConfig.Sources sources = new ReadinessConfig.Sources(dir, pom, null, Map.of("Authorization", "Bearer s3rv3r-t0ken"),
                PROXY, Set.of("env-s3cret-value"));

        Outcome outcome = Engine.of(List.of(probe)).verify(sources, CheckContext.builder(dir), recording(logged));

        assertThat(seen).singleElement().satisfies(http -> {
            assertThat(http.headers()).containsOnlyKeys("Authorization", "X-Api-Key");
            assertThat(http.proxy()).isEqualTo(PROXY);
        });
        assertThat(logged).containsExactly("info: sent ****, ****, ****, **** via ****");
        assertThat(outcome.check("probe").result().summary()).isEqualTo("sent ****, ****, ****, **** via ****");
    }

    /** A check's time limit is at most a day, from the POM or the file: 200000d would overflow the deadline it sets. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            200000d               | '200000d' is longer than 24h, the longest time limit a check may have: write 24h or less, such as 5m
            25h                   | '25h' is longer than 24h, the longest time limit a check may have: write 24h or less, such as 5m
            0s                    | '0s' gives a check no time: write a time limit longer than 0 and at most 24h, such as 5m
            PT-5M                 | 'PT-5M' gives a check no time: write a time limit longer than 0 and at most 24h, such as 5m
            99999999999999999999d | '99999999999999999999d' is too long to be a duration: write it as 10s, 500ms, 2m or 1h
            9999999999999999d     | '9999999999999999d' is too long to be a duration: write it as 10s, 500ms, 2m or 1h
            """)
    void rejectsACheckTimeoutOutsideZeroToADay(String timeout, String message) throws Exception {
        ReadinessConfig.Pom fromPom = new ReadinessConfig.Pom(null, List.of(xml("<tests/>")), null, null, timeout, null, Set.of(), Set.of());
        ReadinessConfig.Pom none = new ReadinessConfig.Pom(null, List.of(xml("<tests/>")), null, null, null, null, Set.of(), Set.of());

        assertThatThrownBy(() -> engine.config(sources(fromPom, null)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("checkTimeout: " + message);
        assertThatThrownBy(() -> engine.config(sources(none, yaml("checkTimeout: " + timeout))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("readiness.yaml: checkTimeout: " + message);
    }

    @Test
    void takesACheckTimeoutOfADay() throws Exception {
        ReadinessConfig.Pom pom = new ReadinessConfig.Pom(null, List.of(xml("<tests/>")), null, null, "24h", null, Set.of(), Set.of());

        assertThat(engine.config(sources(pom, null)).checkTimeout()).isEqualTo(Duration.ofDays(1));
    }

    /** An HTTP call waits at most an hour; OkHttp itself refuses more than about 24 days, and a crash is no answer. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            <http><timeout>200000d</timeout></http> | | timeout is 4800000h, but a call may wait at most 1h: write 1h or less, such as 10s
            | 'http: {timeout: 61m}'                  | timeout is 61m, but a call may wait at most 1h: write 1h or less, such as 10s
            | 'http: {timeout: [10s]}'                | .timeout: expects a duration such as 10s, 500ms, 2m or 1h, not a list
            <http><timeout>99999999999999999999d</timeout></http> | | .timeout: '99999999999999999999d' is too long to be a duration: write it as 10s, 500ms, 2m or 1h
            """)
    void rejectsAnHttpTimeoutLongerThanAnHour(String pomHttp, String yamlHttp, String message) throws Exception {
        ReadinessConfig.Pom pom = new ReadinessConfig.Pom(null, List.of(xml("<tests/>")), null, pomHttp == null ? null : xml(pomHttp),
                null, null, Set.of(), Set.of());
        ReadinessConfig config = engine.config(sources(pom, yamlHttp == null ? null : yaml(yamlHttp)));

        assertThatThrownBy(() -> engine.plan(config, dir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("http" + (message.startsWith(".") ? "" : ": ") + message);
    }

    /** Maven reads any word but "true" as false; the gate does not let a misspelling turn failOnWarnings off. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"yes", "1", "on", "ture"})
    void rejectsFailOnWarningsOfThePomOtherThanTrueOrFalse(String value) throws Exception {
        ReadinessConfig.Pom pom = new ReadinessConfig.Pom(null, List.of(xml("<tests/>")), null, null, null, value, Set.of(), Set.of());

        assertThatThrownBy(() -> engine.config(sources(pom, yaml("failOnWarnings: true"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("failOnWarnings: '" + value + "' is not true or false");
    }

    /** The common keys of a check and its own parameters, given the wrong shape in readiness.yaml: errors, never "" or a guess. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            'tests: [count]'                        | check 'tests' takes its parameters as a mapping (as elements in the POM), not a list
            'tests: {level: [REQUIRED]}'            | tests.level: expects one of REQUIRED, RECOMMENDED, INFO, not a list
            'tests: {level: {is: INFO}}'            | tests.level: expects one of REQUIRED, RECOMMENDED, INFO, not a mapping
            'tests: {items: {key: unit-tests}}'     | tests.items: expects a list of items' keys or texts, not a mapping
            'tests: {items: [[unit-tests]]}'        | tests.items[0]: expects an item's key or text, not a list
            'tests: {claims: {tests: {level: [INFO]}}}' | tests.claims.tests.level: expects a single value, not a list
            'tests: {count: [3]}'                   | tests.count: expects a whole number, not a list
            'tests: {count: 1.5}'                   | tests.count: '1.5' is not a whole number
            'tests: {delay: [1s]}'                  | tests.delay: expects a duration such as 10s, 500ms, 2m or 1h, not a list
            'tests: {delay: 99999999999999999999d}' | tests.delay: '99999999999999999999d' is too long to be a duration: write it as 10s, 500ms, 2m or 1h
            """)
    void rejectsACheckSettingOfTheWrongShape(String check, String message) throws Exception {
        Engine fixed = Engine.of(List.of(FixedCheck.returning("tests", Result.pass("ran").build())));
        ReadinessConfig.Pom pom = new ReadinessConfig.Pom(null, List.of(), null, null, null, null, Set.of(), Set.of());
        ReadinessConfig config = fixed.config(sources(pom, yaml("checks: {" + check + "}")));

        assertThatThrownBy(() -> fixed.plan(config, dir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(message);
    }

    /** A configuration error quotes what was written; a secret written in the wrong place is masked there too. */
    @Test
    void masksSecretsInAConfigurationError() throws Exception {
        ReadinessConfig.Pom pom = new ReadinessConfig.Pom(null, List.of(xml("<tests><count>env-s3cret-value</count></tests>")), null,
                null, null, null, Set.of(), Set.of());
        ReadinessConfig.Sources sources = new ReadinessConfig.Sources(dir, pom, null, null, null, Set.of("env-s3cret-value"));

        assertThatThrownBy(() -> engine.verify(sources, CheckContext.builder(dir), recording(new ArrayList<>())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("tests.count: '****' is not a whole number")
                .hasNoCause();
    }

    private ReadinessConfig.Sources sources(ReadinessConfig.Pom pom, ReadinessYaml yaml) {
        return new ReadinessConfig.Sources(dir, pom, yaml, null, null, Set.of());
    }

    private ReadinessYaml yaml(String text) throws Exception {
        return ReadinessYaml.read(Files.writeString(dir.resolve(ReadinessYaml.FILE), text));
    }

    /** A POM element as the plugin hands it over: its name and either trimmed text or child elements. */
    static ConfigElement xml(String text) throws Exception {
        Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        return element(root);
    }

    private static ConfigElement element(Element element) {
        List<ConfigElement> children = new ArrayList<>();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                children.add(element(e));
            }
        }
        String text = element.getTextContent().trim();
        return new ConfigElement(element.getTagName(), children.isEmpty() && !text.isEmpty() ? text : null, children);
    }

    private static CheckLog recording(List<String> lines) {
        return new CheckLog() {
            @Override
            public void info(String message) {
                lines.add("info: " + message);
            }

            @Override
            public void warn(String message) {
                lines.add("warn: " + message);
            }

            @Override
            public void debug(String message) {
                lines.add("debug: " + message);
            }
        };
    }

    /** Records the HTTP settings it is given, and logs and returns every secret it can reach. */
    private record Probe(List<HttpSettings> seen) implements Check<FixedCheck.Config> {
        @Override
        public String id() {
            return "probe";
        }

        @Override
        public String description() {
            return "echoes secrets";
        }

        @Override
        public List<String> phrases() {
            return List.of();
        }

        @Override
        public Class<FixedCheck.Config> configType() {
            return FixedCheck.Config.class;
        }

        @Override
        public Result run(FixedCheck.Config config, CheckContext context) {
            HttpSettings http = context.http();
            seen.add(http);
            String echo = "sent " + http.headers().get("Authorization") + ", " + http.headers().get("X-Api-Key") + ", "
                    + http.target().getUserInfo().substring(3) + ", env-s3cret-value via " + http.proxy().password();
            context.log().info(echo);
            return Result.pass(echo).build();
        }
    }
}

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
                xml("<http><timeout>7s</timeout></http>"), "1m", false, Set.of(), Set.of());

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

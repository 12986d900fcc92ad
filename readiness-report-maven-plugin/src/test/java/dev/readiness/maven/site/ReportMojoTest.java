package dev.readiness.maven.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.readiness.maven.RecordingLog;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.inject.Inject;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.doxia.module.xhtml5.Xhtml5SinkFactory;
import org.apache.maven.model.Build;
import org.apache.maven.project.MavenProject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * readiness-report:report configured by the plugin testing harness and rendered as the site plugin renders a report: through
 * {@code generate} into a real Doxia XHTML5 sink, read back with jsoup. Its input is the {@code readiness.json} a real gate
 * run wrote (see README.txt).
 */
@MojoTest
class ReportMojoTest {

    /** A project whose only plugin is this one, unconfigured. */
    private static final String POM = """
            <project>
              <build>
                <plugins>
                  <plugin>
                    <groupId>dev.readiness</groupId>
                    <artifactId>readiness-report-maven-plugin</artifactId>
                  </plugin>
                </plugins>
              </build>
            </project>
            """;

    /** Outside text that would become an element, or a link through the report renderer's {@code {text, url}} pattern. */
    private static final String HOSTILE = "<script>alert(1)</script> {click, javascript:alert(2)} \"><img src=x onerror=alert(3)>";

    @TempDir
    Path projectDir;

    @Inject
    MavenProject project;

    private final RecordingLog log = new RecordingLog();

    @BeforeEach
    void projectInTemporaryFolder() {
        project.setFile(projectDir.resolve("pom.xml").toFile());
        Build build = project.getBuild();
        build.setDirectory(projectDir.resolve("target").toString());
    }

    private Path resultFile() throws Exception {
        return Files.createDirectories(projectDir.resolve("target/readiness")).resolve("readiness.json");
    }

    private ObjectNode failingResult() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("failing-readiness.json")) {
            return (ObjectNode) new ObjectMapper().readTree(in);
        }
    }

    private Document render(ReportMojo mojo) throws Exception {
        mojo.setLog(log);
        ByteArrayOutputStream page = new ByteArrayOutputStream();
        mojo.generate(new Xhtml5SinkFactory().createSink(page, "UTF-8"), Locale.ENGLISH);
        return Jsoup.parse(page.toString(StandardCharsets.UTF_8));
    }

    private static List<List<String>> rows(Element table) {
        return table.select("tr").stream().map(tr -> tr.select("th, td").stream().map(Element::text).toList()).toList();
    }

    @Test
    @InjectMojo(goal = "report", pom = POM)
    void rendersTheVerdictTheCountsEachSectionsItemsAndTheFindingsOfTheLastGateRun(ReportMojo mojo) throws Exception {
        Files.copy(getClass().getResourceAsStream("failing-readiness.json"), resultFile());

        Document page = render(mojo);

        assertThat(page.select("h1").eachText()).containsExactly("Readiness FAIL", "Code Quality and Testing", "Findings");
        assertThat(page.select("h2").eachText()).containsExactly("tests (FAIL)");
        assertThat(page.select("p").first().text()).isEqualTo(
                "Project dev.readiness.it:site-report:1.0 · stage build · checklist PRODUCTION_READINESS.md · 2 items · 1 check");
        List<Element> tables = page.select("table");
        assertThat(rows(tables.get(0))).containsExactly(List.of("PASS", "FAIL", "ERROR", "SKIPPED", "MANUAL", "ATTESTED", "WAIVED"),
                List.of("0", "1", "0", "0", "1", "0", "0"));
        assertThat(page.select("ul li").eachText()).containsExactly(
                "FAIL All unit tests pass: 1 of 4 tests failed (1 failure, 0 errors) in target/surefire-reports");
        assertThat(rows(tables.get(1))).containsExactly(List.of("Item", "Status", "Level", "Checks and claims", "Evidence"),
                List.of("All unit tests pass", "FAIL", "REQUIRED", "tests (settles, FAIL)",
                        "1 of 4 tests failed (1 failure, 0 errors) in target/surefire-reports"),
                List.of("Code review completed", "MANUAL", "INFO", "", "verified by a person, not by a check"));
        assertThat(rows(tables.get(2))).containsExactly(List.of("Finding", "Location", "Key"),
                List.of("InventoryTest.countsWhatWasNeverAdded: an unknown sku has no stock ==> expected: <1> but was: <0>",
                        "target/surefire-reports/TEST-demo.InventoryTest.xml", "demo.InventoryTest#countsWhatWasNeverAdded"));
        assertThat(page.select("p").last().text()).startsWith("Fix: Fix the failing tests listed and run mvn verify again");
        assertThat(log.lines()).isEmpty();
    }

    @Test
    @InjectMojo(goal = "report", pom = POM)
    void saysInThePageHowToProduceAResultWhenTheGateHasNotRunWithoutFailing(ReportMojo mojo) throws Exception {
        Document page = render(mojo);

        assertThat(page.select("h1").eachText()).containsExactly("Readiness");
        assertThat(page.select("p").eachText()).containsExactly("No verdict to show: no readiness result at target/readiness/readiness.json:"
                + " run mvn verify first (the gate writes it), then this report.");
        assertThat(page.select("table")).isEmpty();
        assertThat(log.lines()).containsExactly("[WARNING] Readiness report: no readiness result at target/readiness/readiness.json:"
                + " run mvn verify first (the gate writes it), then this report");
    }

    @Test
    @InjectMojo(goal = "report", pom = POM)
    void showsAResultItCannotReadAsSuchInsteadOfAVerdict(ReportMojo mojo) throws Exception {
        Files.writeString(resultFile(), "{\"schema\": \"readiness/v1\", \"verdict\": \"PASS\", \"items\": [");

        Document page = render(mojo);

        assertThat(page.select("p").eachText()).singleElement().asString()
                .startsWith("No verdict to show: target/readiness/readiness.json is not JSON (line 1): ");
        assertThat(page.text()).doesNotContain("PASS");
    }

    @Test
    @InjectMojo(goal = "report", pom = POM)
    void quotesWhatTheResultHoldsAsTextNeverAsMarkupOrLinks(ReportMojo mojo) throws Exception {
        ObjectNode result = failingResult();
        ((ObjectNode) result.path("items").get(0)).put("text", HOSTILE + "\nsecond line").put("section", HOSTILE);
        ((ObjectNode) result.path("checks").get(0).path("claims").get(0).path("findings").get(0)).put("message", HOSTILE);
        result.putArray("modules").addObject().put("artifactId", HOSTILE).put("verdict", "FAIL").putObject("summary").put("FAIL", 1);
        Files.writeString(resultFile(), result.toString());

        Document page = render(mojo);

        assertThat(page.select("script, img, a[href]")).isEmpty();
        assertThat(page.select("td").eachText()).contains(HOSTILE + " second line", HOSTILE);
        assertThat(page.select("h1").eachText()).containsExactly("Readiness FAIL", HOSTILE, "Code Quality and Testing", "Findings",
                "Modules");
        assertThat(rows(page.select("table").last())).containsExactly(
                List.of("Module", "Verdict", "PASS", "FAIL", "ERROR", "SKIPPED", "MANUAL", "ATTESTED", "WAIVED"),
                List.of(HOSTILE, "FAIL", "0", "1", "0", "0", "0", "0", "0"));
    }
}

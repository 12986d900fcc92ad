package dev.readiness.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.readiness.engine.ConfigElement;
import dev.readiness.engine.ConfigurationException;
import dev.readiness.engine.Engine;
import dev.readiness.engine.ReadinessConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** readiness:list run by the plugin testing harness, with the checks the plugin's class path really holds. */
@MojoTest
class ListMojoTest {

    private static final String TESTS_HEADING = "tests — Reads the test reports, one claim per kind of test: Surefire's "
            + "for unit tests, Failsafe's for integration tests, an end-to-end suite's JUnit XML for end-to-end tests.";

    private static final String UNIT_CLAIM = "  claim tests (settles): No unit test failed in Surefire's reports, at least "
            + "minimumTests ran, and every report is newer than the compiled classes. Phrases: \"All unit tests pass\", \"All pre-deployment tests passed\".";

    private static final String INTEGRATION_CLAIM = "  claim tests.integration (settles): No integration test failed in "
            + "Failsafe's reports, at least one ran, and every report is newer than the compiled classes. "
            + "Phrases: \"Integration tests pass\", \"All pre-deployment tests passed\".";

    private static final String END_TO_END_CLAIM = "  claim tests.endToEnd (settles): No end-to-end test failed in the JUnit "
            + "XML its suite (Playwright, Cypress, Selenium) writes to endToEndReports, and at least one ran. "
            + "Phrases: \"End-to-end tests pass\", \"All pre-deployment tests passed\".";

    private static final List<String> TESTS_PARAMETERS = List.of(
            "  <minimumTests> Integer — how many unit tests must have run, skipped ones not counted; default 1",
            "  <reports> List<String> — folders of Surefire's TEST-*.xml reports (unit tests), relative to the project "
                    + "folder; each must hold reports; default: <build directory>/surefire-reports",
            "  <integrationReports> List<String> — folders of Failsafe's TEST-*.xml reports (integration tests), relative "
                    + "to the project folder; each must hold reports, and at least one test must have run; default: "
                    + "<build directory>/failsafe-reports, read when it holds reports or a checklist item asks for integration tests",
            "  <endToEndReports> List<String> — folders of the JUnit XML (*.xml) an end-to-end suite writes (Playwright, "
                    + "Cypress, Selenium), relative to the project folder; each must hold reports, and at least one test "
                    + "must have run; not held to the compiled tests' time; default: none (a checklist item asking for "
                    + "end-to-end tests is then SKIPPED, saying why)",
            "  <level> Level — REQUIRED (unmet fails the build), RECOMMENDED (unmet warns) or INFO; default REQUIRED",
            "  <items> List<String> — keys or texts of checklist items the main claim decides, besides markers and phrases; default none",
            "  <claims> Map<String, {level, items}> — a claim's own level and items, by its name: integration: {level: RECOMMENDED}; "
                    + "default: the check's level");

    @TempDir
    Path projectDir;

    @Inject
    MavenProject project;

    private final RecordingLog log = new RecordingLog();

    /** The plugin's own class path, as in a build, lacks the libraries a project adds for some inputs: the list says which. */
    @Test
    @InjectMojo(goal = "list")
    void saysWhichLibraryACheckNeedsForAnInputWhenThePluginLacksIt(ListMojo mojo) throws Exception {
        mojo.setLog(log);

        mojo.execute();

        List<String> info = log.info();
        int openApi = info.indexOf(info.stream().filter(line -> line.startsWith("openApi — ")).findFirst().orElseThrow());
        assertThat(info.get(openApi + 1)).isEqualTo("  reading an OpenAPI spec needs <dependency><groupId>io.swagger.parser.v3"
                + "</groupId><artifactId>swagger-parser-v3</artifactId><version>2.1.48</version></dependency> under the plugin's"
                + " <dependencies> (not on the plugin's class path now)");
        int tests = info.indexOf(TESTS_HEADING);
        assertThat(info.get(tests + 1)).startsWith("  claim tests ");
    }

    @Test
    @InjectMojo(goal = "list")
    void listsTheTestsCheckWithItsClaimsParametersAndDefaults(ListMojo mojo) throws Exception {
        mojo.setLog(log);

        mojo.execute();

        List<String> info = log.info();
        assertThat(log.lines()).allMatch(line -> line.startsWith("[INFO] "));
        assertThat(info).containsSubsequence(block());
    }

    @Test
    @InjectMojo(goal = "list")
    @MojoParameter(name = "checklist", value = "docs/CHECKLIST.md")
    void showsWhichItemsOfTheChecklistTheTestsCheckBinds(ListMojo mojo) throws Exception {
        project.setFile(projectDir.resolve("pom.xml").toFile());
        Files.createDirectories(projectDir.resolve("docs"));
        Files.writeString(projectDir.resolve("docs/CHECKLIST.md"), """
                # Production readiness

                ## Quality
                - [ ] All unit tests pass
                - [ ] Logs are shipped to the central store
                - [ ] Integration tests pass against staging
                - [ ] End-to-end tests pass
                """);
        mojo.setLog(log);

        mojo.execute();

        assertThat(log.info()).containsSubsequence(Stream.concat(Stream.of(TESTS_HEADING,
                UNIT_CLAIM, "    binds: All unit tests pass",
                INTEGRATION_CLAIM, "    binds: Integration tests pass against staging",
                END_TO_END_CLAIM, "    binds: End-to-end tests pass"), TESTS_PARAMETERS.stream()).toList());
        assertThat(log.info()).contains("Checklist docs/CHECKLIST.md: 3 items settled, 0 supported, 1 manual, with every check above configured");
    }

    /** The lines readiness:list prints for the tests check, in order, without a checklist. */
    private static List<String> block() {
        return Stream.concat(Stream.of(TESTS_HEADING, UNIT_CLAIM, INTEGRATION_CLAIM, END_TO_END_CLAIM), TESTS_PARAMETERS.stream()).toList();
    }

    private static final String CONFIGURED_POM = Fixtures.POM_HEAD + """
            <checklist>CHECKLIST.md</checklist>
            <requireAttestation><section>Final Sign-Off</section></requireAttestation>
            <checks>
              <tests/>
            </checks>
            """ + Fixtures.POM_TAIL;

    /** The items no configured claim settles, each as an entry to paste, its by and evidence left empty; attested ones say so. */
    @Test
    @InjectMojo(goal = "list", pom = CONFIGURED_POM)
    void printsAnAttestationEntryForEachItemNoConfiguredCheckSettles(ListMojo mojo) throws Exception {
        project.setFile(projectDir.resolve("pom.xml").toFile());
        Files.writeString(projectDir.resolve("CHECKLIST.md"), """
                # Production readiness
                ## Quality
                - [ ] All unit tests pass
                - [ ] Code review completed
                ## Final Sign-Off
                - [ ] Engineering sign-off
                - [ ] Product sign-off
                """);
        Files.writeString(projectDir.resolve("readiness-attestations.yaml"), """
                attestations:
                  - {item: product-sign-off, by: Pat, date: 2026-11-20, validFor: 90d, evidence: "https://tracker.example.com/REL-43"}
                """);
        mojo.clock = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);
        mojo.setLog(log);

        mojo.execute();

        assertThat(log.info()).containsSubsequence(
                "3 items of CHECKLIST.md no configured check settles (1 attested): a person attests each with mvn readiness:attest"
                        + " -Ditem=<key> -Dby=<who> -Devidence=<https URL or path>, or under attestations: in readiness-attestations.yaml:",
                "  # Quality",
                "  - {item: code-review-completed, by: , date: 2026-12-02, evidence: , validFor: 90d}  # Code review completed",
                "  # Final Sign-Off",
                "  - {item: engineering-sign-off, by: , date: 2026-12-02, evidence: , validFor: 90d}  # Engineering sign-off (required)",
                "  - {item: product-sign-off, by: , date: 2026-12-02, evidence: , validFor: 90d}  # Product sign-off (required);"
                        + " attested by Pat on 2026-11-20, until 2027-02-17 (https://tracker.example.com/REL-43)");
        assertThat(log.info()).noneMatch(line -> line.contains("item: all-unit-tests-pass"));
    }

    /** An entry printed by readiness:list, pasted as it is, does not load: by and evidence are left to fill in. */
    @Test
    void anEntryPastedWithoutByOrEvidenceIsRefused() throws Exception {
        Files.writeString(projectDir.resolve("CHECKLIST.md"), "# R\n## Quality\n- [ ] Code review completed\n");
        Files.writeString(projectDir.resolve("readiness-attestations.yaml"), "attestations:\n"
                + "  - {item: code-review-completed, by: , date: 2026-12-02, evidence: , validFor: 90d}  # Code review completed\n");
        Engine engine = Engine.discover(getClass().getClassLoader());
        ReadinessConfig.Pom pom = new ReadinessConfig.Pom("CHECKLIST.md", List.of(new ConfigElement("tests", null, List.of())), null,
                null, null, null, Set.of(), Set.of());

        assertThatThrownBy(() -> engine.plan(new ReadinessConfig.Sources(projectDir, pom, null, null, null, Set.of()), Clock.systemUTC()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("readiness-attestations.yaml:2: by is missing: write a name or an e-mail");
    }
}

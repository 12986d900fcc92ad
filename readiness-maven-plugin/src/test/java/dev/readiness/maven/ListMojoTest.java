package dev.readiness.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    private static final String TESTS_HEADING = "tests — Reads the Surefire and Failsafe reports: no test failed, "
            + "at least the minimum number ran, and the reports are newer than the compiled tests.";

    private static final String TESTS_CLAIM = "  claim tests (settles): Reads the Surefire and Failsafe reports: no test failed, "
            + "at least the minimum number ran, and the reports are newer than the compiled tests. "
            + "Phrases: \"All unit tests pass\", \"Integration tests pass\".";

    private static final List<String> TESTS_PARAMETERS = List.of(
            "  <minimumTests> Integer — how many tests must have run, skipped ones not counted; default 1",
            "  <reports> List<String> — folders of TEST-*.xml reports, relative to the project folder; "
                    + "each must hold reports; default: <build directory>/surefire-reports and "
                    + "<build directory>/failsafe-reports, at least one of them holding reports",
            "  <level> Level — REQUIRED (unmet fails the build), RECOMMENDED (unmet warns) or INFO; default REQUIRED",
            "  <items> List<String> — keys or texts of checklist items the main claim decides, besides markers and phrases; default none",
            "  <claims> Map<String, {level, items}> — a claim's own level and items, by its name: integration: {level: RECOMMENDED}; "
                    + "default: the check's level");

    @TempDir
    Path projectDir;

    @Inject
    MavenProject project;

    private final RecordingLog log = new RecordingLog();

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
                """);
        mojo.setLog(log);

        mojo.execute();

        assertThat(log.info()).containsSubsequence(Stream.concat(
                Stream.of(TESTS_HEADING, TESTS_CLAIM, "    binds: All unit tests pass; Integration tests pass against staging"),
                TESTS_PARAMETERS.stream()).toList());
        assertThat(log.info()).contains("Checklist docs/CHECKLIST.md: 2 items settled, 0 supported, 1 manual, with every check above configured");
    }

    /** The lines readiness:list prints for the tests check, in order, without a checklist. */
    private static List<String> block() {
        return Stream.concat(Stream.of(TESTS_HEADING, TESTS_CLAIM), TESTS_PARAMETERS.stream()).toList();
    }
}

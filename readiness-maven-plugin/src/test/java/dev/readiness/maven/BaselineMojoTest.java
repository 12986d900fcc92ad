package dev.readiness.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.inject.Inject;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.model.Build;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** readiness:baseline run by the plugin testing harness on real Surefire reports in a temporary project. */
@MojoTest
class BaselineMojoTest {

    private static final String TESTS_POM = Fixtures.POM_HEAD + """
            <checks>
              <tests/>
            </checks>
            """ + Fixtures.POM_TAIL;

    @TempDir
    Path projectDir;

    @Inject
    MavenProject project;

    private final RecordingLog log = new RecordingLog();

    @BeforeEach
    void projectInTemporaryFolder() throws Exception {
        project.setFile(projectDir.resolve("pom.xml").toFile());
        Build build = project.getBuild();
        build.setDirectory(projectDir.resolve("target").toString());
        build.setOutputDirectory(projectDir.resolve("target/classes").toString());
        build.setTestOutputDirectory(projectDir.resolve("target/test-classes").toString());
        Fixtures.copyReports(projectDir, "failing", "target/surefire-reports");
    }

    @Test
    @InjectMojo(goal = "baseline", pom = TESTS_POM)
    void recordsTheFindingsOfTodaysFailuresWithoutFailingTheBuildOrWritingReports(BaselineMojo mojo) throws Exception {
        mojo.clock = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);
        mojo.setLog(log);

        mojo.execute();

        String baseline = Files.readString(projectDir.resolve("readiness-baseline.json"));
        assertThat(baseline).startsWith("{\n  \"schema\" : \"readiness-baseline/v1\",\n  \"date\" : \"2026-12-02\",\n")
                .contains("\"key\" : \"com.example.AveragingTest#averagesNothing\"", "\"key\" : \"com.example.AveragingTest#averagesRoundedUp\"");
        assertThat(log.lines()).contains("[INFO] Recorded 2 findings in readiness-baseline.json (tests: 2); this run's verdict,"
                + " before the new baseline: FAIL, 1 required item unmet");
        assertThat(projectDir.resolve("target/readiness")).doesNotExist();
    }

    @Test
    @InjectMojo(goal = "baseline", pom = TESTS_POM)
    @MojoParameter(name = "prune", value = "true")
    void prunesOnlyTheEntriesThatNoLongerOccur(BaselineMojo mojo) throws Exception {
        Files.writeString(projectDir.resolve("readiness-baseline.json"), """
                {"schema": "readiness-baseline/v1", "date": "2026-10-01", "findings": [
                  {"claim": "tests", "key": "com.example.AveragingTest#averagesNothing", "message": "fails"},
                  {"claim": "tests", "key": "com.example.LegacyTest#fixedSince", "message": "fixed since"}]}
                """);
        mojo.setLog(log);

        mojo.execute();

        String baseline = Files.readString(projectDir.resolve("readiness-baseline.json"));
        assertThat(baseline).contains("\"date\" : \"2026-10-01\"", "com.example.AveragingTest#averagesNothing")
                .doesNotContain("LegacyTest", "averagesRoundedUp");
        assertThat(log.lines()).contains("[INFO] Removed 1 finding that no longer occurs from readiness-baseline.json; 1 remains");
    }

    @Test
    @InjectMojo(goal = "baseline", pom = TESTS_POM)
    @MojoParameter(name = "prune", value = "true")
    void refusesToPruneWithoutABaseline(BaselineMojo mojo) {
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage("No readiness-baseline.json to prune: record one first with mvn readiness:baseline");
    }
}

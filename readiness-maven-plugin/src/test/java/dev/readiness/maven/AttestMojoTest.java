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
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** readiness:attest run by the plugin testing harness in a temporary project with its own checklist. */
@MojoTest
class AttestMojoTest {

    private static final String CHECKLIST_POM = Fixtures.POM_HEAD + """
            <checklist>CHECKLIST.md</checklist>
            """ + Fixtures.POM_TAIL;

    @TempDir
    Path projectDir;

    @Inject
    MavenProject project;

    private final RecordingLog log = new RecordingLog();

    @BeforeEach
    void projectWithAChecklist() throws Exception {
        project.setFile(projectDir.resolve("pom.xml").toFile());
        Files.writeString(projectDir.resolve("CHECKLIST.md"), """
                # Production readiness
                ## Final Sign-Off
                - [ ] Engineering sign-off
                - [ ] Product sign-off
                """);
    }

    @Test
    @InjectMojo(goal = "attest", pom = CHECKLIST_POM)
    @MojoParameter(name = "item", value = "Engineering sign-off")
    @MojoParameter(name = "by", value = "Dana Reyes <dana@example.com>")
    @MojoParameter(name = "evidence", value = "https://tracker.example.com/REL-42")
    void recordsTheAttestationDatedTodayInTheAttestationsFile(AttestMojo mojo) throws Exception {
        mojo.clock = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);
        mojo.setLog(log);

        mojo.execute();

        assertThat(Files.readString(projectDir.resolve("readiness-attestations.yaml"))).isEqualTo("""
                attestations:
                  - item: engineering-sign-off
                    by: Dana Reyes <dana@example.com>
                    date: 2026-12-02
                    evidence: https://tracker.example.com/REL-42
                    validFor: 90d
                """);
        assertThat(log.lines()).containsExactly("[INFO] Attested engineering-sign-off by Dana Reyes <dana@example.com>, until 2027-03-01"
                + " (https://tracker.example.com/REL-42) in readiness-attestations.yaml");
    }

    @Test
    @InjectMojo(goal = "attest", pom = CHECKLIST_POM)
    @MojoParameter(name = "item", value = "product-sign-off")
    @MojoParameter(name = "evidence", value = "https://tracker.example.com/REL-43")
    void refusesAnAttestationWithoutByInOneLine(AttestMojo mojo) {
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage("Readiness attestation not recorded: by is missing: say who attests, a name or an e-mail"
                        + " (-Dby=\"Dana Reyes <dana@example.com>\")");
        assertThat(projectDir.resolve("readiness-attestations.yaml")).doesNotExist();
    }

    @Test
    @InjectMojo(goal = "attest")
    @MojoParameter(name = "item", value = "product-sign-off")
    @MojoParameter(name = "by", value = "Pat")
    @MojoParameter(name = "evidence", value = "https://tracker.example.com/REL-43")
    void refusesAProjectWithoutAChecklist(AttestMojo mojo) {
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage("Readiness attestation not recorded: no checklist is configured (<checklist> or checklist: in readiness.yaml):"
                        + " the built-in catalog holds only items that checks settle, so there is nothing for a person to attest");
    }
}

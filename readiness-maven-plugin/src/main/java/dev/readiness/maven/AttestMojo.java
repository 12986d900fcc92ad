package dev.readiness.maven;

import dev.readiness.engine.AttestationFile;
import dev.readiness.engine.Checklist;
import dev.readiness.engine.ChecklistParser;
import dev.readiness.engine.ConfigurationException;
import dev.readiness.engine.Ledger;
import dev.readiness.engine.ReadinessYaml;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Records a person's attestation of a checklist item in {@code readiness-attestations.yaml} at the
 * project root, dated today: {@code mvn readiness:attest -Ditem=engineering-sign-off -Dby="Dana Reyes"
 * -Devidence=https://tracker.example.com/REL-42 [-DvalidFor=90d] [-Dnote=...]}. An earlier entry for the
 * same item is replaced (a renewal); the others are kept. The file is rewritten as YAML: its comments are
 * not kept.
 *
 * <p>BUILD ERROR ({@code MojoExecutionException}), with nothing written, for an item the checklist does
 * not have (naming the nearest key), a missing {@code by}, evidence that is neither an https URL nor a file
 * of the repository, a {@code validFor} that is not whole days, or a project without a checklist.
 */
@Mojo(name = "attest", threadSafe = true)
public class AttestMojo extends AbstractMojo {

    /** The team's Markdown checklist, relative to the project folder, as {@code verify} reads it. Default: {@code checklist} of readiness.yaml. */
    @Parameter
    private String checklist;

    /** The item attested: its key ({@code mvn readiness:list} prints them) or its exact text. */
    @Parameter(property = "item")
    private String item;

    /** Who attests: a name or an e-mail. */
    @Parameter(property = "by")
    private String by;

    /** The evidence: an https URL (a ticket, a review) or a path in the repository. */
    @Parameter(property = "evidence")
    private String evidence;

    /** How long the attestation counts from today, in whole days. Default 90d. */
    @Parameter(property = "validFor", defaultValue = AttestationFile.DEFAULT_VALID_FOR)
    private String validFor;

    /** A remark kept with the attestation. Default none. */
    @Parameter(property = "note")
    private String note;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /** "Today": the attestation's date. */
    Clock clock = Clock.systemUTC();

    @Override
    public void execute() throws MojoExecutionException {
        Path basedir = project.getBasedir().toPath();
        try {
            AttestationFile.Recorded recorded = AttestationFile.attest(basedir, checklist(basedir), item, by, evidence, validFor, note,
                    LocalDate.now(clock));
            getLog().info((recorded.renewed() == null ? "Attested " : "Renewed the attestation of ") + recorded.item() + " by "
                    + recorded.entry().get("by").asText() + ", until " + recorded.expires() + " (" + recorded.entry().get("evidence").asText()
                    + ") in " + basedir.relativize(recorded.file()) + (recorded.renewed() == null ? "" : ", replacing " + recorded.renewed()));
        } catch (ConfigurationException e) {
            throw new MojoExecutionException("Readiness attestation not recorded: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write " + basedir.resolve(Ledger.ATTESTATIONS_FILE) + ": " + e.getMessage(), e);
        }
    }

    /** The checklist verify reads: the POM's, else readiness.yaml's; the built-in catalog has no item a person attests. */
    private Checklist checklist(Path basedir) throws ConfigurationException {
        String path = checklist;
        if (path == null) {
            ReadinessYaml yaml = ReadinessYaml.read(basedir.resolve(ReadinessYaml.FILE));
            path = yaml == null ? null : yaml.checklist();
        }
        if (path == null || path.isBlank()) {
            throw new ConfigurationException("no checklist is configured (<checklist> or checklist: in readiness.yaml): the built-in"
                    + " catalog holds only items that checks settle, so there is nothing for a person to attest");
        }
        return new ChecklistParser().parse(basedir.resolve(path), path);
    }
}

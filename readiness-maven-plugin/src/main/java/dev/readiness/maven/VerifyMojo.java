package dev.readiness.maven;

import dev.readiness.engine.Outcome;
import dev.readiness.report.Reports;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Verifies the project's production readiness: runs the configured checks, decides each checklist
 * item (with the attestations, waivers and baseline that account for the rest), writes
 * {@code target/readiness/readiness.json}, {@code readiness.md} and {@code TEST-readiness.xml}, and
 * fails the build when a required item is unmet.
 *
 * <p>BUILD FAILURE ({@code MojoFailureException}) when a REQUIRED item is FAIL or ERROR; BUILD
 * ERROR ({@code MojoExecutionException}) for broken configuration, before any check runs.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyMojo extends GateMojo {

    /**
     * Runs the gate on this module; in a reactor, the last module to run it also decides the reactor's aggregate. Fails
     * on this module's unmet items first, then on the aggregate's.
     */
    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Outcome outcome = runGate(true);
        Outcome aggregate = completeReactor(outcome);
        if (outcome != null && !outcome.passed()) {
            throw failed("Readiness gate failed", outcome, outputDirectory());
        }
        if (aggregate != null && !aggregate.passed()) {
            throw failed("Readiness gate failed for the reactor", aggregate, aggregateDirectory());
        }
    }

    private static MojoFailureException failed(String what, Outcome outcome, Path reports) {
        return new MojoFailureException(what + ": " + outcome.failures().size() + " required item"
                + (outcome.failures().size() == 1 ? "" : "s") + " unmet\n  " + String.join("\n  ", outcome.failures())
                + "\nSee " + reports.resolve(Reports.MARKDOWN));
    }
}

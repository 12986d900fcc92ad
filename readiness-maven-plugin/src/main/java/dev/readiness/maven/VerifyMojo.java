package dev.readiness.maven;

import dev.readiness.engine.Level;
import dev.readiness.engine.Outcome;
import dev.readiness.report.Reports;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        return new MojoFailureException(what + ": " + reasons(outcome) + "\n  " + String.join("\n  ", outcome.failures())
                + "\nSee " + reports.resolve(Reports.MARKDOWN));
    }

    /**
     * "2 required items unmet", and how many of the failures are something else ({@code failOnWarnings}' unmet RECOMMENDED
     * items and stale waivers, an aggregate's missing modules): "1 required item unmet and 1 more reason", "2 reasons".
     */
    private static String reasons(Outcome outcome) {
        long required = outcome.items().stream().filter(i -> i.unmet() && i.level() == Level.REQUIRED).count();
        long others = Math.max(0, outcome.failures().size() - required);
        List<String> parts = new ArrayList<>();
        if (required > 0) {
            parts.add(required + " required item" + (required == 1 ? "" : "s") + " unmet");
        }
        if (others > 0 || parts.isEmpty()) {
            parts.add(others + (required > 0 ? " more reason" : " reason") + (others == 1 ? "" : "s"));
        }
        return String.join(" and ", parts);
    }
}

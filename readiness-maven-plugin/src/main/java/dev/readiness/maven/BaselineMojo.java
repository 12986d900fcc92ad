package dev.readiness.maven;

import dev.readiness.engine.Baseline;
import dev.readiness.engine.ConfigurationException;
import dev.readiness.engine.Outcome;
import dev.readiness.text.Words;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Records the findings the project fails on today in {@code readiness-baseline.json} at the project
 * root, so that later runs of {@code verify} fail only on new ones (a legacy project adopting the gate).
 * It runs the same checks as {@code verify} and logs the same lines, but writes no report (the gate's last
 * reports stay as they were) and never fails the build for the gate's verdict: it records it. With {@code -Dreadiness.prune=true} it records nothing new and only
 * removes the baseline's entries that no longer occur.
 *
 * <p>BUILD ERROR ({@code MojoExecutionException}) for broken configuration, before any check runs, for
 * a baseline that cannot be written, and for {@code readiness.prune} without a baseline.
 */
@Mojo(name = "baseline", threadSafe = true)
public class BaselineMojo extends GateMojo {

    /** Only removes the entries of the existing baseline that no longer occur, instead of recording today's findings. Default false. */
    @Parameter(property = "readiness.prune", defaultValue = "false")
    private String prune;

    @Override
    public void execute() throws MojoExecutionException {
        boolean prune = flag("prune", this.prune, false);
        Path file = basedir().resolve(Baseline.FILE);
        Baseline existing;
        try {
            existing = Baseline.read(file);
        } catch (ConfigurationException e) {
            throw new MojoExecutionException("Readiness configuration error: " + e.getMessage(), e);
        }
        if (prune && existing == null) {
            throw new MojoExecutionException("No " + Baseline.FILE + " to prune: record one first with mvn readiness:baseline");
        }
        Outcome outcome = runGate(false);
        if (outcome == null) {
            return;
        }
        Baseline baseline = prune ? existing.pruned(outcome) : Baseline.of(outcome, LocalDate.now(clock));
        try {
            baseline.write(file);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write " + file + ": " + e.getMessage(), e);
        }
        if (prune) {
            int removed = existing.entries().size() - baseline.entries().size();
            getLog().info("Removed " + Words.plural(removed, "finding") + " that no longer occur" + (removed == 1 ? "s" : "")
                    + " from " + Baseline.FILE + "; " + baseline.entries().size() + " remain" + (baseline.entries().size() == 1 ? "s" : ""));
        } else {
            Map<String, Long> byClaim = baseline.entries().stream()
                    .collect(Collectors.groupingBy(Baseline.Entry::claim, TreeMap::new, Collectors.counting()));
            getLog().info("Recorded " + Words.plural(baseline.entries().size(), "finding") + " in " + Baseline.FILE
                    + (byClaim.isEmpty() ? "" : " (" + byClaim.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining(", ")) + ")") + "; this run's verdict, before the new baseline: "
                    + (outcome.passed() ? "PASS" : "FAIL, " + Words.plural(outcome.failures().size(), "required item") + " unmet"));
        }
    }
}

package dev.readiness.maven.site;

import dev.readiness.report.ResultDocument;
import java.io.File;
import java.util.Locale;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.reporting.AbstractMavenReport;

/**
 * The readiness gate's last verdict as a page of the Maven site ({@code mvn site}, with the plugin under
 * {@code <reporting>}), or alone with {@code mvn readiness-report:report}. It runs no check: it renders the
 * {@code readiness.json} that the last {@code verify} wrote (verdict and counts, one table per checklist
 * section, the findings). Without that file, or with one it cannot read, the page says so and how to
 * produce it; {@code mvn site} does not fail for it.
 */
@Mojo(name = "report", threadSafe = true)
public class ReportMojo extends AbstractMavenReport {

    /** The result to render: the {@code readiness.json} of the last {@code verify}. */
    @Parameter(defaultValue = "${project.build.directory}/readiness/readiness.json", required = true)
    private File resultFile;

    @Override
    public String getOutputName() {
        return "readiness";
    }

    @Override
    public String getName(Locale locale) {
        return "Readiness";
    }

    @Override
    public String getDescription(Locale locale) {
        return "The production-readiness gate's last verdict: every checklist item with its status and evidence, and the findings.";
    }

    @Override
    protected void executeReport(Locale locale) {
        ResultDocument result = ResultDocument.read(resultFile.toPath(), project.getBasedir().toPath());
        if (result.problem() != null) {
            getLog().warn("Readiness report: " + result.problem());
        }
        new SiteReport(getSink(), result).render();
    }
}

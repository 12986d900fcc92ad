package dev.readiness.report;

import dev.readiness.engine.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes every report of a run into {@code target/readiness/}, and the step summary when asked. */
public final class Reports {

    public static final String JSON = "readiness.json";
    public static final String MARKDOWN = "readiness.md";
    public static final String JUNIT = "TEST-readiness.xml";
    public static final String SARIF = "readiness.sarif";
    public static final String HTML = "readiness.html";

    private Reports() {
    }

    /**
     * @param stepSummary the {@code $GITHUB_STEP_SUMMARY} file, or {@code null}
     */
    public static void writeAll(Outcome outcome, Path directory, Path stepSummary) throws IOException {
        Files.createDirectories(directory);
        JsonReport.write(outcome, directory.resolve(JSON));
        MarkdownReport.write(outcome, directory.resolve(MARKDOWN));
        JUnitReport.write(outcome, directory.resolve(JUNIT));
        SarifReport.write(outcome, directory.resolve(SARIF));
        HtmlReport.write(outcome, directory.resolve(HTML));
        if (stepSummary != null) {
            MarkdownReport.appendTo(outcome, stepSummary);
        }
    }
}

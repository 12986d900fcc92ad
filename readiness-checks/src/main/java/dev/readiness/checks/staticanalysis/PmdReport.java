package dev.readiness.checks.staticanalysis;

import dev.readiness.checks.staticanalysis.StaticAnalysisConfig.Severity;
import dev.readiness.io.UnreadableFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * PMD's XML report ({@code pmd.xml} of maven-pmd-plugin, root {@code pmd}). A violation's priority 1 (High) or 2
 * (Medium High) is HIGH, 3 (Medium) MEDIUM, 4 (Medium Low) or 5 (Low) LOW; rules of the rule set "Security" are
 * security issues. The report lists only files with violations, so how many were analysed is not known.
 */
final class PmdReport {

    static final String TOOL = "pmd";

    private PmdReport() {
    }

    static Report read(Path file, String name, SourceFiles sources) throws UnreadableFileException {
        Element root = ReportFiles.xml(file, "pmd", "a PMD XML report (pmd.xml)");
        List<Issue> issues = new ArrayList<>();
        for (Element source : ReportFiles.children(root, "file")) {
            String shown = sources.shown(source.getAttribute("name"));
            for (Element violation : ReportFiles.children(source, "violation")) {
                int priority = ReportFiles.integer(violation.getAttribute("priority"), 3);
                Severity severity = priority <= 2 ? Severity.HIGH : priority == 3 ? Severity.MEDIUM : Severity.LOW;
                String rule = ReportFiles.oneLine(violation.getAttribute("rule"));
                String ruleset = ReportFiles.oneLine(violation.getAttribute("ruleset"));
                String url = ReportFiles.oneLine(violation.getAttribute("externalInfoUrl"));
                issues.add(new Issue(TOOL, rule, shown, Math.max(0, ReportFiles.integer(violation.getAttribute("beginline"), 0)),
                        severity, "priority " + priority, ReportFiles.oneLine(violation.getTextContent()),
                        ruleset.equalsIgnoreCase("Security"), Set.of(),
                        "See the rule " + rule + (ruleset.isEmpty() ? "" : " (" + ruleset + ")")
                                + (url.isEmpty() ? " in PMD's rule reference" : ": " + url)));
            }
        }
        return new Report("PMD", name, issues, -1, false, false, false);
    }
}

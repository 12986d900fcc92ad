package dev.readiness.checks.staticanalysis;

import dev.readiness.checks.staticanalysis.StaticAnalysisConfig.Severity;
import dev.readiness.io.UnreadableFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * Checkstyle's XML report ({@code checkstyle-result.xml} of maven-checkstyle-plugin, root {@code checkstyle}).
 * Severity error is HIGH, warning MEDIUM, info LOW; ignore is left out, as Checkstyle leaves it out. Every file
 * analysed has its {@code file} element, with or without errors.
 */
final class CheckstyleReport {

    static final String TOOL = "checkstyle";

    private CheckstyleReport() {
    }

    static Report read(Path file, String name, SourceFiles sources) throws UnreadableFileException {
        Element root = ReportFiles.xml(file, "checkstyle", "a Checkstyle XML report (checkstyle-result.xml)");
        List<Issue> issues = new ArrayList<>();
        List<Element> files = ReportFiles.children(root, "file");
        for (Element source : files) {
            String shown = sources.shown(source.getAttribute("name"));
            for (Element error : ReportFiles.children(source, "error")) {
                String level = error.getAttribute("severity").strip().toLowerCase(Locale.ROOT);
                Severity severity = switch (level) {
                    case "error" -> Severity.HIGH;
                    case "warning" -> Severity.MEDIUM;
                    case "info" -> Severity.LOW;
                    default -> null;
                };
                if (severity == null) {
                    continue;
                }
                String check = ReportFiles.oneLine(error.getAttribute("source"));
                issues.add(new Issue(TOOL, rule(check), shown, Math.max(0, ReportFiles.integer(error.getAttribute("line"), 0)),
                        severity, level, ReportFiles.oneLine(error.getAttribute("message")), false, Set.of(), fix(check)));
            }
        }
        return new Report("Checkstyle", name, issues, files.size(), false, false, false);
    }

    /** "LineLength" for com.puppycrawl.tools.checkstyle.checks.sizes.LineLengthCheck: the module's name in a configuration. */
    private static String rule(String check) {
        String simple = check.substring(check.lastIndexOf('.') + 1);
        return simple.endsWith("Check") && simple.length() > "Check".length() ? simple.substring(0, simple.length() - 5) : simple;
    }

    /** Checkstyle's page of a built-in check (checks/sizes/linelength.html), else the check named. */
    private static String fix(String check) {
        String prefix = "com.puppycrawl.tools.checkstyle.checks.";
        String module = rule(check);
        if (check.startsWith(prefix)) {
            String rest = check.substring(prefix.length());
            String group = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : "";
            return "See " + module + " at https://checkstyle.org/checks/" + (group.isEmpty() ? "" : group + "/")
                    + module.toLowerCase(Locale.ROOT) + ".html, or change the code as the message says";
        }
        return "Change the code as the message of the check " + (check.isEmpty() ? "" : check + " ") + "says";
    }
}

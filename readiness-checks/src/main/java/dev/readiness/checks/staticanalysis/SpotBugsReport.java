package dev.readiness.checks.staticanalysis;

import dev.readiness.checks.staticanalysis.StaticAnalysisConfig.Severity;
import dev.readiness.io.UnreadableFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * SpotBugs' XML report ({@code spotbugsXml.xml} of spotbugs-maven-plugin, root {@code BugCollection}). A
 * {@code BugInstance}'s priority is SpotBugs' confidence, the figure spotbugs-maven-plugin's {@code threshold} and
 * {@code failThreshold} use: 1 (High) is HIGH, 2 (Normal) MEDIUM, 3 (Low) LOW. Find Security Bugs files its
 * detectors under the category SECURITY; its presence among the {@code Project}'s {@code Plugin} elements
 * means its SQL-injection and XSS detectors ran.
 */
final class SpotBugsReport {

    static final String TOOL = "spotbugs";

    /** The plugin id of Find Security Bugs in SpotBugs' report. */
    static final String FIND_SEC_BUGS = "com.h3xstream.findsecbugs";

    /** The bug types that say SQL is built from data: CWE-89 whatever {@code cweid} the report gives. */
    private static final Set<String> SQL_TYPES = Set.of("SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE",
            "SQL_PREPARED_STATEMENT_GENERATED_FROM_NONCONSTANT_STRING");

    private SpotBugsReport() {
    }

    static Report read(Path file, String name, SourceFiles sources) throws UnreadableFileException {
        Element root = ReportFiles.xml(file, "BugCollection", "a SpotBugs XML report (spotbugsXml.xml)");
        boolean findSecBugs = false;
        for (Element project : ReportFiles.children(root, "Project")) {
            for (Element src : ReportFiles.children(project, "SrcDir")) {
                sources.root(src.getTextContent().strip());
            }
            for (Element plugin : ReportFiles.children(project, "Plugin")) {
                findSecBugs |= FIND_SEC_BUGS.equals(plugin.getAttribute("id")) && !"false".equals(plugin.getAttribute("enabled"));
            }
        }
        List<Issue> issues = new ArrayList<>();
        for (Element bug : ReportFiles.children(root, "BugInstance")) {
            issues.add(issue(bug, findSecBugs, sources));
        }
        int analysed = -1;
        for (Element summary : ReportFiles.children(root, "FindBugsSummary")) {
            analysed = ReportFiles.integer(summary.getAttribute("total_classes"), -1);
        }
        return new Report("SpotBugs", name, issues, analysed, findSecBugs, findSecBugs, findSecBugs);
    }

    private static Issue issue(Element bug, boolean findSecBugs, SourceFiles sources) {
        String type = ReportFiles.oneLine(bug.getAttribute("type"));
        int priority = ReportFiles.integer(bug.getAttribute("priority"), 2);
        Severity severity = priority <= 1 ? Severity.HIGH : priority == 2 ? Severity.MEDIUM : Severity.LOW;
        Element line = primarySourceLine(bug);
        String file = line == null ? "" : sources.shown(line.getAttribute("sourcepath"));
        if (file.isEmpty()) {
            file = ReportFiles.oneLine(bug.getAttribute("classname"));
        }
        Set<Integer> cwes = new HashSet<>();
        int cwe = ReportFiles.integer(bug.getAttribute("cweid"), 0);
        if (cwe > 0) {
            cwes.add(cwe);
        }
        if (type.startsWith("SQL_INJECTION") || SQL_TYPES.contains(type)) {
            cwes.add(89);
        }
        if (type.startsWith("XSS_")) {
            cwes.add(79);
        }
        String message = ReportFiles.children(bug, "LongMessage").stream().findFirst().map(m -> ReportFiles.oneLine(m.getTextContent()))
                .orElse(type);
        boolean security = "SECURITY".equals(bug.getAttribute("category"));
        return new Issue(TOOL, type, file, line == null ? 0 : Math.max(0, ReportFiles.integer(line.getAttribute("start"), 0)),
                severity, "priority " + priority + (bug.hasAttribute("rank") ? ", rank " + ReportFiles.oneLine(bug.getAttribute("rank")) : ""),
                message, security, cwes, fix(type, cwes, findSecBugs && security));
    }

    /** The bug's primary SourceLine (a direct child), else the first one of its primary class or method. */
    private static Element primarySourceLine(Element bug) {
        Element first = null;
        for (Element line : ReportFiles.children(bug, "SourceLine")) {
            if ("true".equals(line.getAttribute("primary"))) {
                return line;
            }
            first = first == null ? line : first;
        }
        if (first != null) {
            return first;
        }
        for (String holder : List.of("Method", "Class")) {
            for (Element element : ReportFiles.children(bug, holder)) {
                List<Element> lines = ReportFiles.children(element, "SourceLine");
                if (!lines.isEmpty()) {
                    return lines.get(0);
                }
            }
        }
        return null;
    }

    private static String fix(String type, Set<Integer> cwes, boolean findSecBugs) {
        String page = findSecBugs ? "https://find-sec-bugs.github.io/bugs.htm#" + type
                : type + " in https://spotbugs.readthedocs.io/en/latest/bugDescriptions.html";
        if (cwes.contains(89)) {
            return "Pass the values as bind parameters of a PreparedStatement (\"... WHERE owner = ?\" and setString) instead of "
                    + "building the SQL from them; see " + page;
        }
        if (cwes.contains(79)) {
            return "Encode the value for the context it is written into (OWASP Java Encoder: Encode.forHtml) before it "
                    + "reaches the response; see " + page;
        }
        return "See " + page;
    }
}

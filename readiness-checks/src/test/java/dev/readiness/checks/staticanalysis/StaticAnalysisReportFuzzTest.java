package dev.readiness.checks.staticanalysis;

import static dev.readiness.fuzz.FuzzContract.check;
import static dev.readiness.fuzz.FuzzContract.checkOneLine;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.readiness.io.UnreadableFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the four readers of static-analysis reports with any bytes as the report file. Seeds (in
 * {@code StaticAnalysisReportFuzzTestInputs/<method>/}): the reports the real tools wrote for the sample
 * projects of this package's fixtures, and hostile shapes (a DOCTYPE with an entity, another root, deep
 * nesting). A normal build replays them and every kept finding;
 * {@code ./mvnw -pl readiness-checks test -Dfuzz=StaticAnalysisReportFuzzTest#<method>} fuzzes one.
 */
class StaticAnalysisReportFuzzTest {

    @TempDir
    Path project;

    /** SpotBugs' {@code spotbugsXml.xml}: read, or refused in one line; nothing else thrown. */
    @FuzzTest(maxDuration = "10m")
    void readsASpotBugsReportOrRefusesItInOneLine(byte[] bytes) throws IOException {
        readsOrRefuses(bytes, "spotbugsXml.xml", SpotBugsReport::read);
    }

    /** PMD's {@code pmd.xml}: read, or refused in one line; nothing else thrown. */
    @FuzzTest(maxDuration = "10m")
    void readsAPmdReportOrRefusesItInOneLine(byte[] bytes) throws IOException {
        readsOrRefuses(bytes, "pmd.xml", PmdReport::read);
    }

    /** Checkstyle's {@code checkstyle-result.xml}: read, or refused in one line; nothing else thrown. */
    @FuzzTest(maxDuration = "10m")
    void readsACheckstyleReportOrRefusesItInOneLine(byte[] bytes) throws IOException {
        readsOrRefuses(bytes, "checkstyle-result.xml", CheckstyleReport::read);
    }

    /** A SARIF 2.1.0 log: read, or refused in one line; nothing else thrown. */
    @FuzzTest(maxDuration = "10m")
    void readsASarifLogOrRefusesItInOneLine(byte[] bytes) throws IOException {
        readsOrRefuses(bytes, "spotbugsSarif.json", SarifReport::read);
    }

    /** One reader's signature. */
    private interface Reader {
        Report read(Path file, String name, SourceFiles sources) throws UnreadableFileException;
    }

    /**
     * The contract every reader keeps: an {@link UnreadableFileException} with a one-line reason, or a report whose
     * every issue has a one-line rule, file, message, tool word and fix, a line of 0 or more, a severity, and CWEs
     * that are positive numbers; a count of analysed files of -1 (not said) or more.
     */
    private void readsOrRefuses(byte[] bytes, String name, Reader reader) throws IOException {
        Path file = project.resolve("target").resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        Report report;
        try {
            report = reader.read(file, "target/" + name, new SourceFiles(project));
        } catch (UnreadableFileException e) {
            checkOneLine(e.getMessage(), "the reason");
            check(!e.getMessage().isBlank(), () -> "a refusal without a reason");
            return;
        }
        checkOneLine(report.tool(), "the tool");
        check(report.analysed() >= -1, () -> "analysed " + report.analysed());
        for (Issue issue : report.issues()) {
            checkOneLine(issue.rule(), "the rule");
            checkOneLine(issue.file(), "the file");
            checkOneLine(issue.message(), "the message");
            checkOneLine(issue.native_(), "the tool's severity");
            checkOneLine(issue.fix(), "the fix");
            check(issue.line() >= 0, () -> "line " + issue.line());
            check(issue.severity() != null, () -> "no severity: " + issue.key());
            check(issue.cwes().stream().allMatch(cwe -> cwe > 0), () -> "CWEs " + issue.cwes());
        }
    }
}

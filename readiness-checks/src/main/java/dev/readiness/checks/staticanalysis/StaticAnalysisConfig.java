package dev.readiness.checks.staticanalysis;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.readiness.check.Param;
import java.util.List;
import java.util.Locale;

/**
 * The configuration of {@link StaticAnalysisCheck}. Paths are relative to the project's base folder, or absolute.
 *
 * @param failOn     the lowest severity that fails the check; default HIGH
 * @param spotbugs   SpotBugs' XML report; default {@code <build directory>/spotbugsXml.xml}, read when it exists
 * @param pmd        PMD's XML report; default {@code <build directory>/pmd.xml}, read when it exists
 * @param checkstyle Checkstyle's XML report; default {@code <build directory>/checkstyle-result.xml}, read when it exists
 * @param sarif      SARIF 2.1.0 logs of other tools, each of which must exist; default none
 */
public record StaticAnalysisConfig(
        @Param("the lowest severity that fails the check, on the scale every tool's priority or severity maps onto: HIGH, "
                + "MEDIUM or LOW; issues below it are listed, not failed; default HIGH")
        Severity failOn,
        @Param("SpotBugs' XML report, relative to the project folder; set, it must exist; default: <build "
                + "directory>/spotbugsXml.xml, read when it exists")
        String spotbugs,
        @Param("PMD's XML report, relative to the project folder; set, it must exist; default: <build directory>/pmd.xml, "
                + "read when it exists")
        String pmd,
        @Param("Checkstyle's XML report, relative to the project folder; set, it must exist; default: <build "
                + "directory>/checkstyle-result.xml, read when it exists")
        String checkstyle,
        @Param("SARIF 2.1.0 logs of other tools (CodeQL, Semgrep, SpotBugs' sarifOutput), relative to the project folder; "
                + "each must exist; never the gate's own readiness.sarif; default none")
        List<String> sarif) {

    public StaticAnalysisConfig {
        failOn = failOn == null ? Severity.HIGH : failOn;
        spotbugs = path("spotbugs", spotbugs);
        pmd = path("pmd", pmd);
        checkstyle = path("checkstyle", checkstyle);
        sarif = sarif == null ? List.of() : sarif.stream().map(s -> {
            if (s == null || s.isBlank()) {
                throw new IllegalArgumentException("sarif holds an empty file name");
            }
            return s.strip();
        }).toList();
    }

    /** The defaults: fail on HIGH, the plugins' default report paths, no SARIF. */
    public static StaticAnalysisConfig defaults() {
        return new StaticAnalysisConfig(null, null, null, null, null);
    }

    private static String path(String parameter, String value) {
        if (value == null) {
            return null;
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(parameter + " is empty: name the report file, or leave " + parameter + " out");
        }
        return value.strip();
    }

    /**
     * The one scale every tool's priority or severity maps onto, in decreasing order: SpotBugs priority 1, 2, 3;
     * PMD priority 1-2, 3, 4-5; Checkstyle error, warning, info; SARIF error, warning, note.
     */
    public enum Severity {
        HIGH, MEDIUM, LOW;

        /** Reads {@code high}, {@code medium}, {@code low} in any case. */
        @JsonCreator
        public static Severity parse(String text) {
            String s = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
            for (Severity severity : values()) {
                if (severity.name().equals(s)) {
                    return severity;
                }
            }
            throw new IllegalArgumentException("'" + text + "' is not a severity: write HIGH, MEDIUM or LOW");
        }

        /** Whether this is {@code threshold} or more severe. */
        boolean atLeast(Severity threshold) {
            return ordinal() <= threshold.ordinal();
        }
    }
}

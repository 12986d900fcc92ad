package dev.readiness.checks.staticanalysis;

import dev.readiness.checks.staticanalysis.StaticAnalysisConfig.Severity;
import java.util.Set;

/**
 * One issue a static-analysis tool reported, on the gate's one severity scale.
 *
 * @param tool     the tool, lower case: {@code spotbugs}, {@code pmd}, {@code checkstyle}, or a SARIF driver's name
 * @param rule     the tool's rule id: {@code SQL_INJECTION_JDBC}, {@code UnusedPrivateField}, {@code LineLength}
 * @param file     the source file as shown to people (relative to the project folder where it can be found there)
 * @param line     the first line, or 0 when the tool gave none
 * @param severity the tool's priority or severity mapped onto HIGH, MEDIUM, LOW
 * @param native_  the tool's own word for it: "priority 1", "error", "level warning"
 * @param message  the tool's message, one line
 * @param security whether the tool files it under security (SpotBugs' SECURITY category, PMD's Security rule set,
 *                 a SARIF rule tagged security or carrying a security-severity)
 * @param cwes     the CWE numbers it is related to
 * @param fix      how to fix it: the rule's documentation, or the fix itself
 */
record Issue(String tool, String rule, String file, int line, Severity severity, String native_, String message,
             boolean security, Set<Integer> cwes, String fix) {

    Issue {
        cwes = Set.copyOf(cwes);
    }

    /** "src/main/java/shop/Accounts.java:33:spotbugs/SQL_INJECTION_JDBC": the same on every run and machine. */
    String key() {
        return file + ":" + line + ":" + tool + "/" + rule;
    }
}

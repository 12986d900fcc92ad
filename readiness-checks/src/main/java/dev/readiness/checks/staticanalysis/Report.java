package dev.readiness.checks.staticanalysis;

import java.util.List;

/**
 * What one static-analysis report holds.
 *
 * @param tool           the tool that wrote it, as shown to people: SpotBugs, PMD, Checkstyle, or a SARIF driver's name
 * @param file           the report as shown to people
 * @param issues         every issue it lists (those a tool marks ignored or suppressed left out)
 * @param analysed       how many files or classes the tool says it analysed; -1 when the format does not say (PMD, SARIF)
 * @param securityRan    whether security detectors are known to have run (Find Security Bugs, security-tagged SARIF rules)
 * @param sqlInjectionRan whether detectors of SQL injection (CWE-89) are known to have run
 * @param xssRan         whether detectors of cross-site scripting (CWE-79) are known to have run
 */
record Report(String tool, String file, List<Issue> issues, int analysed, boolean securityRan, boolean sqlInjectionRan,
              boolean xssRan) {

    Report {
        issues = List.copyOf(issues);
    }
}

package dev.readiness.checks.tests;

import dev.readiness.check.Param;
import java.util.List;

/**
 * Configuration of the {@code tests} check. Folders are relative to the project's base folder, or absolute.
 *
 * @param minimumTests       how many unit tests must have run (skipped ones do not count); default 1
 * @param reports            the folders of Surefire's {@code TEST-*.xml} reports (unit tests), each of which
 *                           must hold reports; default (empty) the build directory's {@code surefire-reports}
 * @param integrationReports the folders of Failsafe's {@code TEST-*.xml} reports (integration tests), each of
 *                           which must hold reports; default (empty) the build directory's
 *                           {@code failsafe-reports}, read when it holds reports or an item asks for
 *                           integration tests
 * @param endToEndReports    the folders of the JUnit XML ({@code *.xml}) an end-to-end suite writes
 *                           (Playwright, Cypress, Selenium); default (empty) none: end-to-end tests are
 *                           read only when set, and an item asking for them is SKIPPED, saying so
 */
public record TestsConfig(
        @Param("how many unit tests must have run, skipped ones not counted; default 1")
        Integer minimumTests,
        @Param("folders of Surefire's TEST-*.xml reports (unit tests), relative to the project folder; each must hold "
                + "reports; default: <build directory>/surefire-reports")
        List<String> reports,
        @Param("folders of Failsafe's TEST-*.xml reports (integration tests), relative to the project folder; each must "
                + "hold reports, and at least one test must have run; default: <build directory>/failsafe-reports, read "
                + "when it holds reports or a checklist item asks for integration tests")
        List<String> integrationReports,
        @Param("folders of the JUnit XML (*.xml) an end-to-end suite writes (Playwright, Cypress, Selenium), relative "
                + "to the project folder; each must hold reports, and at least one test must have run; not held to the "
                + "compiled tests' time; default: none (a checklist item asking for end-to-end tests is then SKIPPED, saying why)")
        List<String> endToEndReports) {

    public TestsConfig {
        minimumTests = minimumTests == null ? 1 : minimumTests;
        if (minimumTests < 0) {
            throw new IllegalArgumentException("minimumTests must be 0 or more, but was " + minimumTests);
        }
        reports = folders("reports", reports);
        integrationReports = folders("integrationReports", integrationReports);
        endToEndReports = folders("endToEndReports", endToEndReports);
    }

    /** The defaults: at least one unit test, the default report folders, no end-to-end suite. */
    public static TestsConfig defaults() {
        return new TestsConfig(null, null, null, null);
    }

    private static List<String> folders(String parameter, List<String> folders) {
        if (folders == null) {
            return List.of();
        }
        if (folders.stream().anyMatch(f -> f == null || f.isBlank())) {
            throw new IllegalArgumentException(parameter + " holds an empty folder name");
        }
        return List.copyOf(folders);
    }
}

package dev.readiness.checks.tests;

import dev.readiness.check.Param;
import java.util.List;

/**
 * Configuration of the {@code tests} check.
 *
 * @param minimumTests how many tests must have run (skipped ones do not count); default 1
 * @param reports      the folders of {@code TEST-*.xml} reports, relative to the project's base folder
 *                     or absolute; default (empty) the build directory's {@code surefire-reports} and
 *                     {@code failsafe-reports}, of which at least one must hold reports; each folder
 *                     listed here must hold reports
 */
public record TestsConfig(
        @Param("how many tests must have run, skipped ones not counted; default 1")
        Integer minimumTests,
        @Param("folders of TEST-*.xml reports, relative to the project folder; each must hold reports; "
                + "default: <build directory>/surefire-reports and <build directory>/failsafe-reports, "
                + "at least one of them holding reports")
        List<String> reports) {

    public TestsConfig {
        minimumTests = minimumTests == null ? 1 : minimumTests;
        if (minimumTests < 0) {
            throw new IllegalArgumentException("minimumTests must be 0 or more, but was " + minimumTests);
        }
        reports = reports == null ? List.of() : reports;
        if (reports.stream().anyMatch(r -> r == null || r.isBlank())) {
            throw new IllegalArgumentException("reports holds an empty folder name");
        }
        reports = List.copyOf(reports);
    }

    /** The defaults: at least one test, the two default report folders. */
    public static TestsConfig defaults() {
        return new TestsConfig(null, null);
    }
}

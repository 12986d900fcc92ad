package dev.readiness.checks.dependencies;

import static dev.readiness.fuzz.FuzzContract.check;
import static dev.readiness.fuzz.FuzzContract.isOneLine;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the offline OSV database as a zip archive ({@code osvDatabase} pointing at OSV's
 * {@code all.zip}) with any bytes. Seeds: zips of the advisories beside the dependency scan's tests,
 * stored and deflated, and hostile archives (an entry outside the archive, a malformed record, no
 * record). A normal build replays them and every kept finding in {@code OfflineDatabaseFuzzTestInputs};
 * {@code ./mvnw -pl readiness-checks test -Dfuzz=OfflineDatabaseFuzzTest} fuzzes.
 */
class OfflineDatabaseFuzzTest {

    @TempDir
    Path project;

    /**
     * The archive is read, holding at least one record; or it is refused as a whole (a malformed entry
     * among them) with a one-line message naming it. Nothing else is thrown.
     */
    @FuzzTest(maxDuration = "10m")
    void readsAZipOfRecordsOrRefusesItInOneLine(byte[] bytes) throws IOException {
        Path zip = project.resolve("all.zip");
        Files.write(zip, bytes);
        OfflineDatabase database;
        try {
            database = OfflineDatabase.load(zip, "osv/all.zip", Set.of("org.apache.logging.log4j:log4j-core"), OfflineDatabase.Limits.DEFAULT);
        } catch (OfflineDatabase.DatabaseException e) {
            check(e.getMessage().startsWith("osvDatabase osv/all.zip") && isOneLine(e.getMessage()), () -> "message: " + e.getMessage());
            return;
        }
        check(database.records() >= 1, () -> "a database holds a record");
    }

}

package dev.readiness.checks.tests;

import dev.readiness.checks.tests.SurefireReport.Disagreement;
import dev.readiness.checks.tests.SurefireReport.FailedTest;
import dev.readiness.checks.tests.SurefireReport.UnreadableReportException;
import dev.readiness.io.NewestFile;
import dev.readiness.text.Words;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The test reports of one claim: the files matching a glob ({@code TEST-*.xml}) in a set of folders,
 * found once, then read and counted together.
 */
final class TestReports {

    /** A failing test and the report it is in, as shown in messages. */
    record Failed(FailedTest test, String file) {
    }

    /** A report whose declared counts disagree with its testcases, as shown in messages. */
    record Contradiction(Disagreement disagreement, String file) {
    }

    /** The counts of every report read, and the first failing tests. */
    static final class Tally {
        int tests;
        int failures;
        int errors;
        int skipped;
        int flaky;
        /** The first failing tests, at most the limit given to {@link #read}; the counts give the total. */
        final List<Failed> listed = new ArrayList<>();
        /** The first report counting failing tests it does not name, else the first that contradicts itself; {@code null} when none. */
        Contradiction contradiction;

        int ran() {
            return tests - skipped;
        }

        int failed() {
            return failures + errors;
        }
    }

    private final Path basedir;
    private final Map<Path, List<Path>> filesByFolder;

    private TestReports(Path basedir, Map<Path, List<Path>> filesByFolder) {
        this.basedir = basedir;
        this.filesByFolder = filesByFolder;
    }

    /** The report files of these folders, by name; a folder that does not exist holds none. */
    static TestReports find(Path basedir, List<Path> folders, String glob) throws IOException {
        Map<Path, List<Path>> filesByFolder = new LinkedHashMap<>();
        for (Path folder : folders) {
            List<Path> files = new ArrayList<>();
            if (Files.isDirectory(folder)) {
                try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, glob)) {
                    for (Path file : stream) {
                        if (Files.isRegularFile(file)) {
                            files.add(file);
                        }
                    }
                }
                files.sort(null);
            }
            filesByFolder.put(folder, files);
        }
        return new TestReports(basedir, filesByFolder);
    }

    /** Whether no folder holds a report. */
    boolean isEmpty() {
        return files().isEmpty();
    }

    /** The folders, as shown in messages. */
    List<String> folders() {
        return shown(List.copyOf(filesByFolder.keySet()));
    }

    /** The folders that hold no report, as shown in messages. */
    List<String> foldersWithoutReports() {
        return shown(filesByFolder.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).toList());
    }

    List<Path> files() {
        return filesByFolder.values().stream().flatMap(List::stream).toList();
    }

    /** The report written first: every report must be newer than the classes it tested, not only the last one written. */
    Dated oldest() throws IOException {
        Dated oldest = null;
        for (Path file : files()) {
            Instant modified = NewestFile.modified(file);
            if (oldest == null || modified.isBefore(oldest.time())) {
                oldest = new Dated(file, modified);
            }
        }
        return oldest;
    }

    /**
     * Reads every report and counts its tests, listing at most {@code maxListed} failing tests.
     *
     * @throws UnreadableReportException at the first report that cannot be read
     */
    Tally read(long maxBytes, int maxListed) throws UnreadableReportException {
        Tally tally = new Tally();
        for (Path file : files()) {
            String name = Words.path(basedir, file);
            SurefireReport report = SurefireReport.read(file, name, maxBytes);
            tally.tests += report.tests;
            tally.failures += report.failures;
            tally.errors += report.errors;
            tally.skipped += report.skipped;
            tally.flaky += report.flaky;
            if (report.disagreement != null && (tally.contradiction == null
                    || report.disagreement.hidesFailure() && !tally.contradiction.disagreement().hidesFailure())) {
                tally.contradiction = new Contradiction(report.disagreement, name);
            }
            for (FailedTest test : report.failed) {
                if (tally.listed.size() < maxListed) {
                    tally.listed.add(new Failed(test, name));
                }
            }
        }
        return tally;
    }

    private List<String> shown(List<Path> paths) {
        return paths.stream().map(p -> Words.path(basedir, p)).toList();
    }

    /** A file and when it was last modified, cut to milliseconds. */
    record Dated(Path file, Instant time) {
    }
}

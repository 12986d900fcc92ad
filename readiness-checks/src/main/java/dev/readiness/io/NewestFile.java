package dev.readiness.io;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The most recently modified regular file below a folder, its time cut to milliseconds (the
 * precision every file system here keeps): what stale evidence is judged against.
 *
 * @param file the file
 * @param time when it was last modified
 */
public record NewestFile(Path file, Instant time) {

    /** The newest regular file below {@code folder}, or {@code null} when there is none (or no folder). */
    public static NewestFile in(Path folder) throws IOException {
        return in(folder, "");
    }

    /**
     * The newest regular file below {@code folder} whose name ends with {@code suffix} ({@code .class}: what the compiler
     * wrote, not the resources other plugins may write there later), or {@code null} when there is none (or no folder).
     */
    public static NewestFile in(Path folder, String suffix) throws IOException {
        if (folder == null || !Files.isDirectory(folder)) {
            return null;
        }
        NewestFile[] newest = {null};
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                Instant at = attributes.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.MILLIS);
                if (attributes.isRegularFile() && file.getFileName().toString().endsWith(suffix)
                        && (newest[0] == null || at.isAfter(newest[0].time))) {
                    newest[0] = new NewestFile(file, at);
                }
                return Thread.currentThread().isInterrupted() ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
            }
        });
        return newest[0];
    }

    /**
     * The newest compiled class, what test results and execution data must be newer than: any file under the test output
     * folder, a {@code .class} file under the main one (other tools may write resources there after the tests ran);
     * {@code null} when there is none.
     */
    public static NewestFile compiled(Path testClasses, Path classes) throws IOException {
        NewestFile test = in(testClasses);
        NewestFile main = in(classes, ".class");
        return test == null ? main : main == null || !main.time.isAfter(test.time) ? test : main;
    }

    /** When {@code file} was last modified, cut to milliseconds. */
    public static Instant modified(Path file) throws IOException {
        return Files.getLastModifiedTime(file).toInstant().truncatedTo(ChronoUnit.MILLIS);
    }
}

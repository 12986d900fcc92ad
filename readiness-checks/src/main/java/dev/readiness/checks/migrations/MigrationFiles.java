package dev.readiness.checks.migrations;

import dev.readiness.text.Words;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The project's versioned Flyway migrations: the files named {@code V<version>__<description>.sql} under the configured
 * folders, read recursively as Flyway scans them, without following symbolic links and never outside the project folder.
 */
final class MigrationFiles {

    /** The most files looked at in all. */
    static final int MAX_FILES = 10_000;
    private static final int MAX_DEPTH = 20;
    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9._]*)__(.+)\\.sql");

    /** One migration file: its normalised version and its path as shown. */
    record Migration(String version, String script, String path) {
    }

    private MigrationFiles() {
    }

    /**
     * @throws IOException when a folder cannot be read, or lies outside the project folder
     */
    static List<Migration> read(Path basedir, List<String> locations) throws IOException {
        Path base = basedir.toAbsolutePath().normalize();
        List<Migration> found = new ArrayList<>();
        int seen = 0;
        for (String location : locations) {
            Path folder = base.resolve(location).normalize();
            if (!folder.startsWith(base) || (Files.exists(folder) && !folder.toRealPath().startsWith(base.toRealPath()))) {
                throw new IOException("the migration folder '" + Words.oneLine(location, 200) + "' lies outside the project folder");
            }
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(folder, MAX_DEPTH)) {
                for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted(Comparator.naturalOrder())::iterator) {
                    if (++seen > MAX_FILES) {
                        throw new IOException("the migration folders hold more than " + MAX_FILES + " files: name the folders"
                                + " of the Flyway migrations alone in locations");
                    }
                    Matcher name = VERSIONED.matcher(file.getFileName().toString());
                    String version = name.matches() ? FlywayVersion.normalise(name.group(1)) : null;
                    if (version != null) {
                        found.add(new Migration(version, Words.oneLine(file.getFileName().toString(), 200), Words.path(base, file)));
                    }
                }
            }
        }
        return found;
    }
}

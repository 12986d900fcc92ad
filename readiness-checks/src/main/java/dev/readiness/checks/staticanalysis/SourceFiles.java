package dev.readiness.checks.staticanalysis;

import dev.readiness.text.Words;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Names the source files that reports point at the same way on every machine: relative to the project
 * folder. Tools write them absolute (PMD, Checkstyle: the path on the machine that ran them) or relative to
 * a source folder (SpotBugs' {@code sourcepath}, SARIF's {@code uri}); a report made in another checkout is
 * matched by the longest tail of its path that names a file of this project.
 */
final class SourceFiles {

    private final Path basedir;
    private final List<Path> roots = new ArrayList<>();

    SourceFiles(Path basedir) {
        this.basedir = basedir.toAbsolutePath().normalize();
        roots.add(this.basedir.resolve("src/main/java"));
        roots.add(this.basedir);
    }

    /** Adds a source folder the tool names (SpotBugs' {@code SrcDir}), tried first. */
    void root(String folder) {
        try {
            Path root = basedir.resolve(folder).normalize();
            if (root.startsWith(basedir) && !roots.contains(root)) {
                roots.add(0, root);
            }
        } catch (InvalidPathException e) {
            // a folder of another machine's file system: not a root here
        }
    }

    /**
     * The file as shown, on one line: relative to the project folder when it is found there, else as written (a
     * report's file name may hold a line break, written as a character reference in XML or an escape in JSON).
     */
    String shown(String written) {
        return ReportFiles.oneLine(located(written));
    }

    private String located(String written) {
        String text = written.replace('\\', '/');
        if (text.startsWith("file://")) {
            text = text.substring("file://".length());
        }
        try {
            Path path = Path.of(text).normalize();
            if (path.isAbsolute()) {
                if (path.startsWith(basedir)) {
                    return Words.path(basedir, path);
                }
                for (int i = 1; i < path.getNameCount(); i++) {
                    Path tail = path.subpath(i, path.getNameCount());
                    if (Files.isRegularFile(basedir.resolve(tail))) {
                        return Words.path(basedir, basedir.resolve(tail));
                    }
                }
                return text;
            }
            for (Path root : roots) {
                if (Files.isRegularFile(root.resolve(path))) {
                    return Words.path(basedir, root.resolve(path));
                }
            }
        } catch (InvalidPathException e) {
            // shown as written
        }
        return text;
    }
}

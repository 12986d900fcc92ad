package dev.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The project's own Java sources keep their imports sorted as text: static imports first, then the others. */
class SourceImportsTest {

    /** This module's sources and the two Maven plugins' beside it (surefire runs in the module's folder). */
    private static final List<Path> ROOTS = List.of(
            Path.of("src"), Path.of("../readiness-maven-plugin/src"), Path.of("../readiness-report-maven-plugin/src"));

    @Test
    void everySourceFileHasItsImportsSorted() throws IOException {
        List<String> unsorted = new ArrayList<>();
        int files = 0;
        for (Path root : ROOTS) {
            try (Stream<Path> sources = Files.walk(root)) {
                for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                    files++;
                    if (!importsSorted(source)) {
                        unsorted.add(source.toString());
                    }
                }
            }
        }
        assertThat(files).as("Java sources found under " + ROOTS).isGreaterThan(100);
        assertThat(unsorted).as("files whose imports are not sorted").isEmpty();
    }

    private static boolean importsSorted(Path source) {
        List<String> imports;
        try (Stream<String> lines = Files.lines(source)) {
            imports = lines.filter(line -> line.startsWith("import ")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> sorted = new ArrayList<>(imports);
        sorted.sort((a, b) -> a.startsWith("import static ") == b.startsWith("import static ") ? a.compareTo(b)
                : a.startsWith("import static ") ? -1 : 1);
        return imports.equals(sorted);
    }
}

package dev.readiness.checks.metrics;

import static dev.readiness.fuzz.FuzzContract.check;
import static dev.readiness.fuzz.FuzzContract.checkOneLine;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Fuzzes the exposition parser on any text: it reads it or names the first line it cannot read (a line that
 * exists, in one line of text), never throws anything else, and keeps only the samples asked for. Seeds in
 * {@code ExpositionFuzzTestInputs}; {@code ./mvnw -pl readiness-checks test -Dfuzz=ExpositionFuzzTest} fuzzes it.
 */
class ExpositionFuzzTest {

    private static final Set<String> KEEP = Set.of("hikaricp_connections_max", "jdbc_connections_max");

    @FuzzTest(maxDuration = "10m")
    void readsAnyTextOrNamesTheLineItCannotRead(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        try {
            Exposition exposition = Exposition.parse(text, KEEP);
            check(exposition.kept().stream().allMatch(s -> KEEP.contains(s.name())), () -> "kept a sample not asked for: " + exposition);
            check(exposition.samplesByName().values().stream().allMatch(n -> n > 0), () -> "a name without samples: " + exposition);
        } catch (Exposition.InvalidException e) {
            long lines = text.chars().filter(c -> c == '\n').count() + 1;
            check(e.line >= 1 && e.line <= lines, () -> "line " + e.line + " of " + lines + " lines");
            checkOneLine(e.getMessage(), "the problem");
            check(e.getMessage().startsWith("line " + e.line + ": "), () -> "not naming its line: " + e.getMessage());
        }
    }
}

package dev.readiness.engine;

import static dev.readiness.fuzz.FuzzContract.check;
import static dev.readiness.fuzz.FuzzContract.isOneLine;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the checklist parser with any bytes as the team's Markdown file. A normal build replays the
 * seeds (real checklists) and every kept finding in {@code ChecklistParserFuzzTestInputs};
 * {@code ./mvnw -pl readiness-checks test -Dfuzz=ChecklistParserFuzzTest} fuzzes.
 */
class ChecklistParserFuzzTest {

    private static final Pattern KEY = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern MARKER = Pattern.compile("[^\\s,]+");
    private static final Pattern LINE_END = Pattern.compile("\\r\\n|\\r|\\n");

    private final ChecklistParser parser = new ChecklistParser();

    @TempDir
    Path dir;

    /**
     * The file either reads as a checklist of well-formed items or is refused with a one-line
     * {@link ConfigurationException}; the text entry point reads the same checklist from the decoded text.
     */
    @FuzzTest(maxDuration = "10m")
    void readsAChecklistOrRefusesItInOneLine(byte[] bytes) throws IOException {
        Path file = dir.resolve("checklist.md");
        Files.write(file, bytes);
        String text = new String(bytes, StandardCharsets.UTF_8);

        Checklist fromText;
        try {
            fromText = parser.parse(text, "checklist.md");
            assertWellFormed(fromText, text);
        } catch (ConfigurationException e) {
            assertRefusal(e);
            fromText = null;
        }
        Checklist fromFile;
        try {
            fromFile = parser.parse(file, "checklist.md");
        } catch (ConfigurationException e) {
            assertRefusal(e);
            return;
        }
        check(!fromFile.items().isEmpty(), () -> "a checklist read from a file has items");
        check(fromFile.equals(fromText), () -> "the file and its text read alike");
    }

    private static void assertRefusal(ConfigurationException e) {
        check(e.getMessage().startsWith("checklist checklist.md ") && isOneLine(e.getMessage()), () -> "message: " + e.getMessage());
    }

    private static void assertWellFormed(Checklist checklist, String text) {
        check(checklist.source().equals("checklist.md"), () -> "source");
        check(isOneLine(checklist.title()), () -> "title is one line: " + checklist.title());
        // Markdown ends a line at \n, \r\n or a lone \r, as editors do.
        int lines = LINE_END.split(text, -1).length;
        Set<String> keys = new HashSet<>();
        for (Item item : checklist.items()) {
            check(KEY.matcher(item.key()).matches(), () -> "key is a slug: " + item.key());
            check(keys.add(item.key()), () -> "key is unique: " + item.key());
            check(!item.text().isEmpty() && item.text().equals(item.text().strip()) && isOneLine(item.text())
                    && !item.text().contains("  "), () -> "text is one trimmed line: " + item.text());
            check(isOneLine(item.section()), () -> "section is one line: " + item.section());
            check(item.markers().stream().allMatch(m -> MARKER.matcher(m).matches()), () -> "markers are ids: " + item.markers());
            check(item.line() >= 1 && item.line() <= lines, () -> "line " + item.line() + " of " + lines);
        }
    }

}

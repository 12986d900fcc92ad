package dev.readiness.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecklistParserTest {

    private final ChecklistParser parser = new ChecklistParser();

    static Path realChecklist() throws URISyntaxException {
        return Path.of(ChecklistParserTest.class.getResource("production-readiness-checklist.md").toURI());
    }

    @Test
    void readsEveryItemOfARealChecklistWithItsSection() throws Exception {
        Checklist checklist = parser.parse(realChecklist(), "checklist.md");

        assertThat(checklist.items()).hasSize(129);
        assertThat(checklist.title()).isEqualTo("Production Readiness Checklist");
        Item first = checklist.items().get(0);
        assertThat(first).isEqualTo(new Item("all-unit-tests-pass", "Code Quality and Testing", "All unit tests pass", false, List.of(), 11,
                List.of("Pre-Deployment Checklist", "Code Quality and Testing")));
        assertThat(checklist.items()).filteredOn(i -> i.headings().get(0).equals("Final Sign-Off")).extracting(Item::key)
                .containsExactly("engineering-sign-off", "product-sign-off", "security-sign-off", "operations-sign-off", "business-sign-off");
        assertThat(checklist.items()).extracting(Item::text).contains("Test coverage meets minimum threshold (>80%)", "SSL/TLS certificates verified");
        assertThat(new HashSet<>(checklist.items().stream().map(Item::key).toList())).hasSize(129);
    }

    @Test
    void readsMarkersTicksAndInlineMarkup() throws Exception {
        Checklist checklist = parser.parse("""
                # Ours
                ## Quality
                - [x] Coverage is **high** <!-- readiness: coverage -->
                - [ ] Tests `pass` <!-- readiness: tests, coverage -->
                - not a task
                * [ ] Starred item
                """, "ours.md");

        assertThat(checklist.items()).containsExactly(
                new Item("coverage-is-high", "Quality", "Coverage is high", true, List.of("coverage"), 3),
                new Item("tests-pass", "Quality", "Tests pass", false, List.of("tests", "coverage"), 4),
                new Item("starred-item", "Quality", "Starred item", false, List.of(), 6));
    }

    @Test
    void keepsTheFirstItemOfAFileThatStartsWithAByteOrderMark(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("c.md"), "\uFEFF- [ ] All unit tests pass\n- [ ] Docs written\n");

        assertThat(parser.parse(file, "c.md").items()).extracting(Item::text).containsExactly("All unit tests pass", "Docs written");
    }

    @Test
    void readsClaimMarkersInLinearTimeWhateverTheirLength() throws Exception {
        String padded = "- [ ] Fast <!-- readiness:" + " ".repeat(200_000) + "> -->\n- [ ] Slow <!-- readiness: tests, tests.integration -->\n";

        long start = System.nanoTime();
        Checklist checklist = parser.parse(padded, "c.md");

        assertThat(checklist.items().get(1).markers()).containsExactly("tests", "tests.integration");
        assertThat(ChecklistParser.markerIds("<!--   readiness :  a,b  c -->")).containsExactly("a", "b", "c");
        assertThat(ChecklistParser.markerIds("<!-- other: a -->")).isNull();
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).as("parse time").isLessThan(java.time.Duration.ofSeconds(5));
    }

    @Test
    void givesRepeatedItemsDistinctKeys() throws Exception {
        Checklist checklist = parser.parse("- [ ] Backups tested\n\n## Later\n- [ ] Backups tested\n", "c.md");

        assertThat(checklist.items()).extracting(Item::key).containsExactly("backups-tested", "backups-tested-2");
    }

    @Test
    void readsItemsNestedAHundredBlockQuotesOrFiftyListsDeep() throws Exception {
        Checklist checklist = parser.parse("- [ ] Docs written\n\n" + "> ".repeat(100) + "- [ ] All unit tests pass\n\n"
                + nestedList(50), "c.md");

        assertThat(checklist.items()).hasSize(52).extracting(Item::text)
                .startsWith("Docs written", "All unit tests pass", "Level 0").endsWith("Level 49");
    }

    @Test
    void rejectsAChecklistNestedDeeperThanItIsRead() {
        assertThatThrownBy(() -> parser.parse("# Release\n\n- [ ] Docs written\n\n" + "> ".repeat(100_000) + "- [ ] All unit tests pass\n", "c.md"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("checklist c.md nests block quotes and lists too deep at line 5: 256 blocks open at once, more than the 255"
                        + " the Markdown reader follows, so a task item there would be lost; nest it less");
    }

    @Test
    void rejectsAChecklistNestingListsDeeperThanItIsRead() {
        assertThatThrownBy(() -> parser.parse(nestedList(200), "c.md"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("checklist c.md nests block quotes and lists too deep at line 127: ");
    }

    /** A list nesting a task item in each of its levels, each indented two spaces deeper. */
    private static String nestedList(int levels) {
        StringBuilder markdown = new StringBuilder();
        for (int level = 0; level < levels; level++) {
            markdown.append("  ".repeat(level)).append("- [ ] Level ").append(level).append('\n');
        }
        return markdown.toString();
    }

    @Test
    void rejectsAMissingChecklist(@TempDir Path dir) {
        assertThatThrownBy(() -> parser.parse(dir.resolve("READY.md"), "READY.md"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("checklist READY.md does not exist: create it or point <checklist> at your checklist");
    }

    @Test
    void rejectsAChecklistWithoutTaskItems(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("c.md"), "# Notes\n\nJust prose, and - a dash.\n");

        assertThatThrownBy(() -> parser.parse(file, "c.md"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("checklist c.md has no task items: write each item as '- [ ] text'");
    }

    @Test
    void rejectsAChecklistThatIsNotUtf8(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("c.md"), new byte[] {'-', ' ', '[', ' ', ']', ' ', (byte) 0xE9, 't', 'e'});

        assertThatThrownBy(() -> parser.parse(file, "c.md"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("checklist c.md is not UTF-8 text: save it as UTF-8 Markdown");
    }

    @Test
    void rejectsAnOversizedChecklist(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("c.md"), "- [ ] x\n".repeat((int) (ChecklistParser.MAX_BYTES / 8) + 1));

        assertThatThrownBy(() -> parser.parse(file, "c.md"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("checklist c.md cannot be read: checklist c.md is larger than 4194304 bytes");
    }
}

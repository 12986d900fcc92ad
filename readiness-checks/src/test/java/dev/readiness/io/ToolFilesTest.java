package dev.readiness.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Another tool's file read as outside input: the bounds and the strict JSON that every reader of such files shares. */
class ToolFilesTest {

    @TempDir
    Path dir;

    private Path file(String text) throws Exception {
        return Files.writeString(dir.resolve("results.json"), text);
    }

    @Test
    void readsAJsonFile() throws Exception {
        assertThat(ToolFiles.json(file("{\"mode\": \"thrpt\", \"score\": [1, 2]}")).path("score").get(1).asInt()).isEqualTo(2);
    }

    @Test
    void refusesAnEmptyFile() throws Exception {
        Path empty = file("");
        assertThatThrownBy(() -> ToolFiles.open(empty)).isInstanceOf(UnreadableFileException.class).hasMessage("the file is empty");
    }

    @Test
    void refusesAFileLargerThanTheBoundBeforeReadingIt() throws Exception {
        Path large = dir.resolve("large.json");
        try (RandomAccessFile sparse = new RandomAccessFile(large.toFile(), "rw")) {
            sparse.setLength(ToolFiles.MAX_BYTES + 1);
        }
        assertThatThrownBy(() -> ToolFiles.json(large)).isInstanceOf(UnreadableFileException.class)
                .hasMessage("the file is 67108865 bytes, more than the 67108864 bytes a report may have");
    }

    @Test
    void refusesAKeyGivenTwiceSoTheLaterCannotHideTheFormer() throws Exception {
        Path twice = file("{\"errors\": 3, \"errors\": 0}");
        assertThatThrownBy(() -> ToolFiles.json(twice)).isInstanceOf(UnreadableFileException.class)
                .hasMessageStartingWith("not well-formed JSON: Duplicate field 'errors'");
    }

    @Test
    void refusesNestingDeeperThanTheBoundInOneLine() throws Exception {
        Path deep = file("[".repeat(ToolFiles.MAX_JSON_DEPTH + 1) + "]".repeat(ToolFiles.MAX_JSON_DEPTH + 1));
        assertThatThrownBy(() -> ToolFiles.json(deep)).isInstanceOf(UnreadableFileException.class)
                .hasMessageStartingWith("not well-formed JSON: Document nesting depth (101) exceeds the maximum allowed")
                .hasMessageNotContaining("\n");
    }
}

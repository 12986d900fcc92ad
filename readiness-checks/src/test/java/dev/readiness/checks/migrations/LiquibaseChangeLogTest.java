package dev.readiness.checks.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real Liquibase changelogs (XML, YAML, formatted SQL) under a project's {@code src/main/resources}, and hostile ones. */
class LiquibaseChangeLogTest {

    static final String MASTER = "src/main/resources/db/changelog/db.changelog-master.yaml";

    @TempDir
    Path dir;

    /** Copies the fixture changelog under {@code liquibase/} to the project's {@code src/main/resources}. */
    static void copyChangeLog(Path project) throws IOException {
        try {
            Path from = Path.of(LiquibaseChangeLogTest.class.getResource("liquibase").toURI());
            Path to = project.resolve("src/main/resources");
            try (Stream<Path> files = Files.walk(from)) {
                files.forEach(file -> {
                    try {
                        Files.createDirectories(to.resolve(from.relativize(file).toString()).getParent());
                        if (Files.isRegularFile(file)) {
                            Files.copy(file, to.resolve(from.relativize(file).toString()));
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void changeLog() throws IOException {
        copyChangeLog(dir);
    }

    private Path changes() {
        return dir.resolve("src/main/resources/db/changelog/changes");
    }

    @Test
    void readsEveryChangeSetThroughIncludesAsLiquibaseNamesThem() throws IOException {
        assertThat(LiquibaseChangeLog.read(dir, MASTER)).extracting(LiquibaseChangeLog.ChangeSet::identity).containsExactly(
                "1::nvoxland::db/changelog/changes/001-create-person.xml",
                "1.1::nvoxland::db/changelog/changes/001-create-person.xml",
                "2::jane::db/changelog/changes/002-create-orders.yaml",
                "3::jane::db/changelog/sql/003-audit.sql",
                "3.1::jane::db/changelog/sql/003-audit.sql");
        assertThat(LiquibaseChangeLog.read(dir, MASTER).get(2).file()).isEqualTo("src/main/resources/db/changelog/changes/002-create-orders.yaml");
    }

    @Test
    void namesAChangeSetByItsLogicalFilePath() throws IOException {
        Files.writeString(changes().resolve("001-create-person.xml"), Files.readString(changes().resolve("001-create-person.xml"))
                .replace("<changeSet id=\"1.1\" author=\"nvoxland\">", "<changeSet id=\"1.1\" author=\"nvoxland\" logicalFilePath=\"legacy/person.xml\">"));

        assertThat(LiquibaseChangeLog.read(dir, MASTER).get(1).identity()).isEqualTo("1.1::nvoxland::legacy/person.xml");
    }

    @Test
    void readsAnXmlMasterWithIncludeAll() throws IOException {
        Files.writeString(dir.resolve("src/main/resources/db/changelog/db.changelog-master.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">
                    <includeAll path="changes/" relativeToChangelogFile="true"/>
                </databaseChangeLog>
                """);

        assertThat(LiquibaseChangeLog.read(dir, "src/main/resources/db/changelog/db.changelog-master.xml"))
                .extracting(LiquibaseChangeLog.ChangeSet::id).containsExactly("1", "1.1", "2");
    }

    @Test
    void refusesAnIncludeOutsideTheProject() {
        assertThatThrownBy(() -> read("  - include:\n      file: ../../../../../outside.xml\n"))
                .isInstanceOf(IOException.class).hasMessage("the changelog 'src/main/resources/db/changelog/db.changelog-master.yaml'"
                        + " includes '../../../../../outside.xml', which lies outside the project folder");
    }

    @Test
    void refusesASymbolicLinkOutOfTheProject(@TempDir Path elsewhere) throws IOException {
        Files.writeString(elsewhere.resolve("secret.xml"), "<databaseChangeLog/>");
        Files.createSymbolicLink(changes().resolve("link.xml"), elsewhere.resolve("secret.xml"));

        assertThatThrownBy(() -> read("  - include:\n      file: db/changelog/changes/link.xml\n"))
                .isInstanceOf(IOException.class).hasMessageContaining("lies outside the project folder");
    }

    @Test
    void refusesAnIncludeCycle() throws IOException {
        Files.writeString(changes().resolve("002-create-orders.yaml"), "databaseChangeLog:\n  - include:\n"
                + "      file: db/changelog/db.changelog-master.yaml\n");

        assertThatThrownBy(() -> LiquibaseChangeLog.read(dir, MASTER)).isInstanceOf(IOException.class).hasMessage("include cycle:"
                + " src/main/resources/db/changelog/db.changelog-master.yaml -> src/main/resources/db/changelog/changes/002-create-orders.yaml"
                + " -> src/main/resources/db/changelog/db.changelog-master.yaml");
    }

    @Test
    void refusesADoctype() throws IOException {
        Files.writeString(changes().resolve("001-create-person.xml"), """
                <?xml version="1.0"?>
                <!DOCTYPE databaseChangeLog [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <databaseChangeLog><changeSet id="&xxe;" author="x"/></databaseChangeLog>
                """);

        assertThatThrownBy(() -> LiquibaseChangeLog.read(dir, MASTER)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("the changelog 'src/main/resources/db/changelog/changes/001-create-person.xml' is not well-formed XML:")
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void refusesAFileLargerThanItReads() throws IOException {
        Files.write(changes().resolve("002-create-orders.yaml"), new byte[(int) LiquibaseChangeLog.MAX_BYTES + 1]);

        assertThatThrownBy(() -> LiquibaseChangeLog.read(dir, MASTER)).isInstanceOf(IOException.class).hasMessage("the changelog"
                + " 'src/main/resources/db/changelog/changes/002-create-orders.yaml' is " + (LiquibaseChangeLog.MAX_BYTES + 1)
                + " bytes, more than the " + LiquibaseChangeLog.MAX_BYTES + " this reads");
    }

    @Test
    void refusesYamlThatIsNoChangeLog() throws IOException {
        Files.writeString(changes().resolve("002-create-orders.yaml"), "spring:\n  liquibase:\n    enabled: true\n");

        assertThatThrownBy(() -> LiquibaseChangeLog.read(dir, MASTER)).isInstanceOf(IOException.class).hasMessage("the changelog"
                + " 'src/main/resources/db/changelog/changes/002-create-orders.yaml' has no databaseChangeLog list, which Liquibase's"
                + " changelogs hold");
    }

    @Test
    void refusesABinaryFileInAnIncludedFolder() throws IOException {
        Files.write(dir.resolve("src/main/resources/db/changelog/sql/004-dump.sql"), new byte[] {(byte) 0xC3, 0x28, 0x00, (byte) 0xFF});

        assertThatThrownBy(() -> LiquibaseChangeLog.read(dir, MASTER)).isInstanceOf(IOException.class)
                .hasMessage("the changelog 'src/main/resources/db/changelog/sql/004-dump.sql' is not UTF-8 text");
    }

    @Test
    void refusesAChangeSetWithoutAuthor() throws IOException {
        Files.writeString(changes().resolve("002-create-orders.yaml"), "databaseChangeLog:\n  - changeSet:\n      id: 2\n");

        assertThatThrownBy(() -> LiquibaseChangeLog.read(dir, MASTER)).isInstanceOf(IOException.class).hasMessage("the changelog"
                + " 'src/main/resources/db/changelog/changes/002-create-orders.yaml' holds a changeSet without an id or author, which"
                + " Liquibase requires");
    }

    @Test
    void refusesAMissingInclude() {
        assertThatThrownBy(() -> read("  - include:\n      file: db/changelog/changes/999-gone.yaml\n")).isInstanceOf(IOException.class)
                .hasMessage("the changelog 'src/main/resources/db/changelog/changes/999-gone.yaml' does not exist");
    }

    private void read(String entries) throws IOException {
        Files.writeString(dir.resolve(MASTER), "databaseChangeLog:\n" + entries);
        LiquibaseChangeLog.read(dir, MASTER);
    }
}

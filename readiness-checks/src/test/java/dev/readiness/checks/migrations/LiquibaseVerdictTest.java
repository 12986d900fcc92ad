package dev.readiness.checks.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The repository's changeSets held to Spring Boot 3's real {@code /actuator/liquibase} answer. */
class LiquibaseVerdictTest {

    private static final String SHOWN = "https://shop.example.com/actuator/liquibase";

    private static List<LiquibaseChangeLog.ChangeSet> repository(String... ids) {
        List<LiquibaseChangeLog.ChangeSet> changeSets = new ArrayList<>();
        for (String id : ids) {
            changeSets.add(new LiquibaseChangeLog.ChangeSet(id, "nvoxland", "db/changelog/changes/001-create-person.xml",
                    "src/main/resources/db/changelog/changes/001-create-person.xml"));
        }
        return changeSets;
    }

    /** The fixture's beans with {@code from} replaced by {@code to} (3.1 by jane is FAILED in the fixture). */
    private static List<JsonNode> beans(String from, String to) throws IOException {
        try (InputStream in = LiquibaseVerdictTest.class.getResourceAsStream("spring-boot-3-liquibase.json")) {
            JsonNode root = new ObjectMapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8).replace(from, to));
            return List.of(root.path("contexts").path("application").path("liquibaseBeans").path("liquibase"));
        }
    }

    @Test
    void failsOnAChangeSetThatFailedOnTheServiceThoughTheRepositoryNoLongerHoldsIt() throws IOException {
        Result result = LiquibaseVerdict.judge(SHOWN, repository("1", "1.1"), beans("\"FAILED\"", "\"FAILED\""));

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.measured()).isEqualTo("2 of 2 repository changeSets executed");
        assertThat(result.findings()).extracting(Finding::key).containsExactly("migrations:liquibase:3.1::jane::db/changelog/sql/003-audit.sql");
        assertThat(result.findings().get(0).location()).isEqualTo(SHOWN);
    }

    @Test
    void countsARerunChangeSetAsExecuted() throws IOException {
        Result result = LiquibaseVerdict.judge(SHOWN, repository("1", "1.1"), beans("\"FAILED\"", "\"RERAN\""));

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.expected()).isEqualTo("all 2 repository changeSets executed, none failed");
    }

    @Test
    void failsOnAChangeSetTheServiceSkipped() throws IOException {
        Result result = LiquibaseVerdict.judge(SHOWN, repository("1", "1.1"), beans("\"execType\" : \"EXECUTED\"", "\"execType\" : \"SKIPPED\""));

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo(SHOWN + ": 0 of 2 repository changeSets executed; not as expected:"
                + " 1::nvoxland::db/changelog/changes/001-create-person.xml (SKIPPED),"
                + " 1.1::nvoxland::db/changelog/changes/001-create-person.xml (SKIPPED),"
                + " 3.1::jane::db/changelog/sql/003-audit.sql (FAILED)");
    }

    @Test
    void readsAChangeLogPathWithAClasspathPrefixAsLiquibase3RecordedIt() throws IOException {
        Result result = LiquibaseVerdict.judge(SHOWN, repository("1"), beans("\"db/changelog/changes/001-create-person.xml\"",
                "\"classpath:/db/changelog/changes/001-create-person.xml\""));

        assertThat(result.findings()).extracting(Finding::key).containsExactly("migrations:liquibase:3.1::jane::db/changelog/sql/003-audit.sql");
    }
}

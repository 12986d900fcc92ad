package dev.readiness.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readiness.check.ProjectId;
import dev.readiness.check.Status;
import dev.readiness.engine.Checklist;
import dev.readiness.engine.Item;
import dev.readiness.engine.ItemResult;
import dev.readiness.engine.Level;
import dev.readiness.engine.Outcome;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultDocumentTest {

    @TempDir
    Path basedir;

    private Path file() throws Exception {
        return Files.createDirectories(basedir.resolve("target/readiness")).resolve(Reports.JSON);
    }

    @Test
    void readsWhatTheJsonReportWrote() throws Exception {
        Item review = new Item("code-review-completed", "Code Quality", "Code review completed", false, List.of(), 4);
        ItemResult manual = new ItemResult(review, Level.INFO, Status.MANUAL, List.of(), List.of(), "verified by a person, not by a check");
        JsonReport.write(new Outcome(new ProjectId("dev.demo", "shop", "1.0"), new Checklist("READY.md", "Ready", List.of(review)),
                List.of(manual), List.of(), true, List.of(), List.of()), file());

        ResultDocument result = ResultDocument.read(file(), basedir);

        assertThat(result.problem()).isNull();
        assertThat(result.root().path("verdict").asText()).isEqualTo("PASS");
        assertThat(result.root().path("items").get(0).path("text").asText()).isEqualTo("Code review completed");
    }

    @Test
    void saysHowToProduceAMissingResult() {
        ResultDocument result = ResultDocument.read(basedir.resolve("target/readiness/readiness.json"), basedir);

        assertThat(result.root()).isNull();
        assertThat(result.problem()).isEqualTo("no readiness result at target/readiness/readiness.json: run mvn verify first"
                + " (the gate writes it), then this report");
    }

    @Test
    void namesTheLineOfATruncatedResult() throws Exception {
        Files.writeString(file(), "{\"schema\": \"readiness/v1\",\n\"verdict\": \"PA");

        assertThat(ResultDocument.read(file(), basedir).problem())
                .startsWith("target/readiness/readiness.json is not JSON (line 2): ")
                .endsWith("; run mvn verify to write it again")
                .doesNotContain("\n");
    }

    @Test
    void refusesADocumentOfAnotherSchema() throws Exception {
        Files.writeString(file(), "{\"schema\": \"sarif/2.1.0\", \"verdict\": \"PASS\"}");

        ResultDocument result = ResultDocument.read(file(), basedir);

        assertThat(result.root()).isNull();
        assertThat(result.problem()).isEqualTo("target/readiness/readiness.json is not a readiness/v1 result (schema \"sarif/2.1.0\");"
                + " run mvn verify to write it again");
    }

    @Test
    void refusesAJsonValueThatIsNoDocument() throws Exception {
        Files.writeString(file(), "\"PASS\"");

        assertThat(ResultDocument.read(file(), basedir).problem())
                .isEqualTo("target/readiness/readiness.json is not a readiness/v1 result (schema missing); run mvn verify to write it again");
    }

    @Test
    void stopsReadingPastTheSizeLimit() throws Exception {
        try (OutputStream out = Files.newOutputStream(file())) {
            out.write("{\"schema\": \"readiness/v1\", \"pad\": \"".getBytes());
            out.write(new byte[ResultDocument.MAX_BYTES]);
        }

        assertThat(ResultDocument.read(file(), basedir).problem())
                .isEqualTo("target/readiness/readiness.json is larger than 64 MiB, more than a readiness result holds;"
                        + " run mvn verify to write it again");
    }

    @Test
    void reportsAFolderInPlaceOfTheResultAsUnreadable() throws Exception {
        Files.createDirectories(file());

        assertThat(ResultDocument.read(file(), basedir).problem()).startsWith("cannot read target/readiness/readiness.json: ")
                .endsWith("; run mvn verify to write it again");
    }
}

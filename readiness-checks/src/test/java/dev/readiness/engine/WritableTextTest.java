package dev.readiness.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import dev.readiness.io.SafeXml;
import dev.readiness.report.Reports;
import dev.readiness.text.Words;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text from outside that Java strings hold but UTF-8 cannot (unpaired surrogates) never stops the reports. */
class WritableTextTest {

    @TempDir
    Path dir;

    @Test
    void writesEveryReportWhenAResultQuotesUnpairedSurrogates() throws Exception {
        String emoji = "\uD83D\uDE00";
        String cutThroughTheEmoji = ("x".repeat(9) + emoji).substring(0, 10);
        Result broken = Result.fail("status \uD800 from the health endpoint")
                .evidence("body", Map.of("key\uDC00", List.of("value \uDBFF")))
                .finding(Finding.of(cutThroughTheEmoji).at("https://shop.test/\uD800").build())
                .remedy("fix " + emoji).build();
        Engine engine = Engine.of(List.of(FixedCheck.returning("health", broken, "Health checks verified")));
        ReadinessConfig config = new ReadinessConfig(null, null, Map.of("health", new ObjectMapper().createObjectNode()), null, null, null,
                Set.of(), Set.of(), false);

        Outcome outcome = engine.run(engine.plan(config, dir), CheckContext.builder(dir).build(), Redactor.none());
        Reports.writeAll(outcome, dir.resolve("out"), null);

        JsonNode json = new ObjectMapper().readTree(dir.resolve("out/readiness.json").toFile());
        JsonNode check = json.get("checks").get(0);
        assertThat(check.get("summary").asText()).isEqualTo("status \uFFFD from the health endpoint");
        assertThat(check.get("evidence").get("body").get("key\uFFFD").get(0).asText()).isEqualTo("value \uFFFD");
        assertThat(check.get("findings").get(0).get("message").asText()).isEqualTo("x".repeat(9) + "\uFFFD");
        assertThat(check.get("remedy").asText()).isEqualTo("fix " + emoji);
        assertThat(Files.readString(dir.resolve("out/readiness.md"))).contains("status \uFFFD from the health endpoint");
        assertThat(SafeXml.parse(dir.resolve("out/TEST-readiness.xml"), 1 << 20).getElementsByTagName("testcase").getLength()).isEqualTo(1);
    }

    @Test
    void cutsTextOnCodePointsNeverThroughAnEmoji() {
        String text = "x".repeat(9) + "\uD83D\uDE00" + "tail";

        assertThat(Words.cut(text, 11)).isEqualTo("x".repeat(9) + "…");
        assertThat(Words.cut(text, 12)).isEqualTo("x".repeat(9) + "\uD83D\uDE00" + "…");
        assertThat(Words.cut("short", 11)).isEqualTo("short");
    }
}

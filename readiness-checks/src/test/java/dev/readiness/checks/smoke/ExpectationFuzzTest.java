package dev.readiness.checks.smoke;

import static dev.readiness.fuzz.FuzzContract.check;
import static dev.readiness.fuzz.FuzzContract.checkOneLine;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.readiness.checks.http.StrictJson;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the smoke probes' expectations: any text either parses or is refused with one line saying how an
 * expectation is written, never another exception; a parsed expectation evaluates on a JSON document without
 * throwing, and says in one line what it found when unmet. The input is the expectation, a line feed, then the
 * document. Seeds in {@code ExpectationFuzzTestInputs}; {@code ./mvnw -pl readiness-checks test -Dfuzz=ExpectationFuzzTest}.
 */
class ExpectationFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void parsesOrRefusesAnyExpectationAndEvaluatesWithoutThrowing(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int split = text.indexOf('\n');
        String expectation = split < 0 ? text : text.substring(0, split);
        Expectation parsed;
        try {
            parsed = Expectation.parse(expectation);
        } catch (IllegalArgumentException e) {
            checkOneLine(e.getMessage(), "the refusal");
            check(e.getMessage().contains("/pointer exists"), () -> "a refusal that does not say how to write it: " + e.getMessage());
            return;
        }
        JsonNode document;
        try {
            document = StrictJson.MAPPER.readTree(split < 0 ? "{}" : text.substring(split + 1));
        } catch (java.io.IOException e) {
            return;
        }
        if (document == null || document.isMissingNode()) {
            return;
        }
        String unmet = parsed.unmetBy(document);
        if (unmet != null) {
            checkOneLine(unmet, "what was found");
        }
    }
}

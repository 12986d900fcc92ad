package dev.readiness.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.readiness.check.Claim;
import dev.readiness.check.Finding;
import dev.readiness.check.ProjectId;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import dev.readiness.check.Waiver;
import dev.readiness.engine.CheckRun;
import dev.readiness.engine.Checklist;
import dev.readiness.engine.ClaimAccount;
import dev.readiness.engine.ClaimVerdict;
import dev.readiness.engine.Item;
import dev.readiness.engine.ItemResult;
import dev.readiness.engine.Level;
import dev.readiness.engine.Outcome;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** readiness.sarif: valid SARIF 2.1.0, a rule per claim, a result per failing finding, stable fingerprints, waivers as suppressions. */
class SarifReportTest {

    @TempDir
    Path dir;

    private static final Finding CART = Finding.of("CartTest.totals: expected 3").key("com.shop.CartTest#totals")
            .at("target/surefire-reports/TEST-com.shop.CartTest.xml").with("file", "src/test/java/com/shop/CartTest.java").with("line", 42)
            .build();
    private static final Finding PAY = Finding.of("PayTest.charges: timeout").key("com.shop.PayTest#charges")
            .at("target/surefire-reports/TEST-com.shop.PayTest.xml").build();
    private static final Finding HSTS = Finding.of("HSTS header not implemented (hsts-not-implemented, -20)").key("hsts-not-implemented")
            .at("https://shop.example.com/").build();

    private static Outcome outcome() {
        Result tests = Result.fail("2 of 9 tests failed").finding(CART).finding(PAY).build();
        Result https = Result.fail("https://shop.example.com/ sends no HSTS").finding(HSTS).build();
        Result coverage = Result.error("no JaCoCo execution data at target/jacoco.exec").build();
        ClaimVerdict unit = new ClaimVerdict(Claim.settles("tests", "unit tests pass", List.of("All unit tests pass")), Level.REQUIRED, tests);
        ClaimVerdict hsts = new ClaimVerdict(Claim.settles("securityHeaders.https", "HTTPS enforced", List.of("HTTPS enforced")),
                Level.RECOMMENDED, https);
        ClaimVerdict lines = new ClaimVerdict(Claim.settles("coverage", "line coverage", List.of()), Level.REQUIRED, coverage);
        Waiver waiver = new Waiver(Waiver.Scope.FINDING, "com.shop.CartTest#totals", "flaky on CI", "Sam Ortiz", null,
                LocalDate.of(2026, 12, 31), "readiness-waivers.yaml:2");
        Item item = new Item("all-unit-tests-pass", "Quality", "All unit tests pass", false, List.of(), 3);
        return new Outcome(new ProjectId("dev.shop", "shop", "1.0"), new Checklist("READY.md", "Ready", List.of(item)),
                List.of(new ItemResult(item, Level.REQUIRED, Status.FAIL, List.of(unit), List.of(), tests.summary())),
                List.of(new CheckRun("tests", Level.REQUIRED, tests, 3, List.of(unit)),
                        new CheckRun("securityHeaders", Level.RECOMMENDED, https, 3, List.of(hsts)),
                        new CheckRun("coverage", Level.REQUIRED, coverage, 3, List.of(lines))),
                false, List.of(), List.of(), List.of(),
                Map.of("tests", new ClaimAccount(Status.FAIL, null, null, Map.of("com.shop.CartTest#totals", waiver), Map.of()),
                        "securityHeaders.https", new ClaimAccount(Status.WAIVED, null, null, Map.of(),
                                Map.of("hsts-not-implemented", LocalDate.of(2026, 11, 1)))));
    }

    private JsonNode written() throws Exception {
        SarifReport.write(outcome(), dir.resolve(Reports.SARIF));
        return new ObjectMapper().readTree(dir.resolve(Reports.SARIF).toFile());
    }

    @Test
    void isValidAgainstTheSarif210Schema() throws Exception {
        SarifReport.write(outcome(), dir.resolve(Reports.SARIF));
        Schema schema;
        try (InputStream in = getClass().getResourceAsStream("sarif-2.1.0-rtm.5.json")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
        }

        assertThat(schema.validate(Files.readString(dir.resolve(Reports.SARIF)), InputFormat.JSON)).isEmpty();
    }

    @Test
    void hasARulePerClaimAndAResultPerFindingThatFailsAClaimAtTheClaimsLevel() throws Exception {
        JsonNode run = written().at("/runs/0");

        assertThat(run.at("/tool/driver/rules").findValuesAsText("id")).containsExactly("tests", "securityHeaders.https", "coverage");
        assertThat(run.at("/results").findValuesAsText("ruleId")).containsExactly("tests", "tests", "securityHeaders.https", "coverage");
        assertThat(run.at("/results").findValuesAsText("level")).containsExactly("error", "error", "warning", "error");
        assertThat(run.at("/results/3/message/text").asText()).isEqualTo("ERROR: no JaCoCo execution data at target/jacoco.exec");
    }

    @Test
    void placesAFindingInItsFileAndLineWhereItNamesThem() throws Exception {
        JsonNode results = written().at("/runs/0/results");

        assertThat(results.at("/0/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("src/test/java/com/shop/CartTest.java");
        assertThat(results.at("/0/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(42);
        assertThat(results.at("/1/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("target/surefire-reports/TEST-com.shop.PayTest.xml");
        assertThat(results.at("/2/locations").isMissingNode()).as("a URL is no file of the project").isTrue();
    }

    @Test
    void fingerprintsAFindingByItsClaimAndKeySoThatItIsTheSameOnEveryRun() throws Exception {
        JsonNode results = written().at("/runs/0/results");

        assertThat(results.at("/0/partialFingerprints").get(SarifReport.FINGERPRINT).asText())
                .isEqualTo(SarifReport.fingerprint("tests", "com.shop.CartTest#totals"))
                .isNotEqualTo(SarifReport.fingerprint("tests", "com.shop.PayTest#charges"))
                .hasSize(32);
        String first = Files.readString(dir.resolve(Reports.SARIF));
        SarifReport.write(outcome(), dir.resolve("again.sarif"));
        assertThat(Files.readString(dir.resolve("again.sarif"))).isEqualTo(first);
    }

    @Test
    void suppressesWhatAWaiverOrTheBaselineAccountsFor() throws Exception {
        JsonNode results = written().at("/runs/0/results");

        assertThat(results.at("/0/suppressions/0/justification").asText())
                .isEqualTo("flaky on CI (waived by Sam Ortiz until 2026-12-31, readiness-waivers.yaml:2)");
        assertThat(results.at("/1/suppressions").isMissingNode()).isTrue();
        assertThat(results.at("/2/suppressions/0/justification").asText()).isEqualTo("known since 2026-11-01 (readiness-baseline.json)");
    }
}

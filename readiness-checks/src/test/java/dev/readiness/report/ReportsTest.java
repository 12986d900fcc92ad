package dev.readiness.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.readiness.check.Claim;
import dev.readiness.check.Finding;
import dev.readiness.check.ProjectId;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import dev.readiness.check.Waiver;
import dev.readiness.engine.Attestation;
import dev.readiness.engine.CheckRun;
import dev.readiness.engine.Checklist;
import dev.readiness.engine.ClaimAccount;
import dev.readiness.engine.ClaimVerdict;
import dev.readiness.engine.Item;
import dev.readiness.engine.ItemResult;
import dev.readiness.engine.Level;
import dev.readiness.engine.Outcome;
import dev.readiness.io.SafeXml;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ReportsTest {

    @TempDir
    Path dir;

    private static final String HOSTILE = "@everyone evil <script>alert(1)</script> *bold* [link](http://x) | pipe \u0000 & \"quotes\"\nsecond line";

    private static Outcome outcome() {
        Item tests = new Item("all-unit-tests-pass", "Code Quality", "All unit tests pass", false, List.of(), 3);
        Item review = new Item("code-review-completed", "Code Quality", "Code review completed", false, List.of(), 4);
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            findings.add(Finding.of("demo.Test" + i + ".fails: " + HOSTILE).at("target/surefire-reports/TEST-demo.Test" + i + ".xml")
                    .with("class", "demo.Test" + i).build());
        }
        Result failed = Result.fail("23 of 40 tests failed").measured("23 failed").expected("0 failed")
                .evidence("tests", 40).evidence("failures", 23).findings(findings).remedy("fix the named tests").build();
        ClaimVerdict unitTests = new ClaimVerdict(Claim.settles("tests", "unit tests pass", List.of("All unit tests pass")),
                Level.REQUIRED, failed);
        CheckRun run = new CheckRun("tests", Level.REQUIRED, failed, 12, List.of(unitTests));
        ItemResult testsItem = new ItemResult(tests, Level.REQUIRED, Status.FAIL, List.of(unitTests), List.of(), failed.summary());
        ItemResult reviewItem = new ItemResult(review, Level.INFO, Status.MANUAL, List.of(), List.of(), "verified by a person, not by a check");
        return new Outcome(new ProjectId("dev.demo", "shop", "1.0"), new Checklist("READY.md", "Ready", List.of(tests, review)),
                List.of(testsItem, reviewItem), List.of(run), false, List.of("FAIL All unit tests pass: 23 of 40 tests failed"), List.of());
    }

    @Test
    void writesTheJsonContract() throws Exception {
        Reports.writeAll(outcome(), dir, null);

        JsonNode json = new ObjectMapper().readTree(dir.resolve("readiness.json").toFile());
        assertThat(json.get("schema").asText()).isEqualTo("readiness/v1");
        assertThat(json.get("project").toString()).isEqualTo("{\"groupId\":\"dev.demo\",\"artifactId\":\"shop\",\"version\":\"1.0\"}");
        assertThat(json.get("verdict").asText()).isEqualTo("FAIL");
        assertThat(json.get("summary").get("FAIL").asInt()).isEqualTo(1);
        assertThat(json.get("summary").get("MANUAL").asInt()).isEqualTo(1);
        JsonNode item = json.get("items").get(0);
        assertThat(item.get("key").asText()).isEqualTo("all-unit-tests-pass");
        assertThat(item.get("section").asText()).isEqualTo("Code Quality");
        assertThat(item.get("level").asText()).isEqualTo("REQUIRED");
        assertThat(item.get("checks").toString()).isEqualTo("[\"tests\"]");
        JsonNode check = json.get("checks").get(0);
        assertThat(check.get("evidence").get("failures").asInt()).isEqualTo(23);
        assertThat(check.get("findings").get(0).get("location").asText()).isEqualTo("target/surefire-reports/TEST-demo.Test0.xml");
        assertThat(check.get("findings").get(0).get("evidence").get("class").asText()).isEqualTo("demo.Test0");
        assertThat(check.get("remedy").asText()).isEqualTo("fix the named tests");
        assertThat(check.get("durationMs").asLong()).isEqualTo(12);
        assertThat(check.fieldNames()).toIterable().contains("measured", "expected", "summary", "status", "id");
    }

    /** An outcome whose CSRF item only a supporting claim speaks to, and whose scan item is not configured. */
    private static Outcome supportedOutcome() {
        Item csrf = new Item("csrf-protection-enabled", "Security", "CSRF protection enabled", false, List.of(), 7);
        Item audit = new Item("security-audit-completed", "Security", "Security audit completed", false, List.of(), 8);
        Claim csrfClaim = Claim.supports("securityHeaders.csrf", "session cookies are SameSite", List.of("CSRF protection enabled"));
        Claim mainClaim = Claim.settles("securityHeaders", "grade", List.of("Secure headers configured"));
        Result grade = Result.pass("security headers grade is A for https://shop.test/").evidence("grade", "A").build();
        Result cookies = Result.pass("the session cookie SID is Secure, HttpOnly and SameSite=Lax").build();
        ClaimVerdict csrfVerdict = new ClaimVerdict(csrfClaim, Level.REQUIRED, cookies);
        CheckRun run = new CheckRun("securityHeaders", Level.REQUIRED, grade.withClaim(csrfClaim.id(), cookies), 5,
                List.of(new ClaimVerdict(mainClaim, Level.REQUIRED, grade), csrfVerdict));
        String supported = "supported by securityHeaders.csrf (the session cookie SID is Secure, HttpOnly and SameSite=Lax): "
                + "needs a person's attestation";
        ItemResult csrfItem = new ItemResult(csrf, Level.INFO, Status.MANUAL, List.of(csrfVerdict), List.of(), supported);
        ItemResult auditItem = new ItemResult(audit, Level.INFO, Status.MANUAL, List.of(),
                List.of(Claim.supports("dependencyScan.audit", "no advisory", List.of("Security audit completed"))),
                "verified by a person; the check dependencyScan (dependencyScan.audit) could support it if configured");
        return new Outcome(new ProjectId("dev.demo", "shop", "1.0"), new Checklist("READY.md", "Ready", List.of(csrf, audit)),
                List.of(csrfItem, auditItem), List.of(run), true, List.of(), List.of());
    }

    @Test
    void reportsEachItemsClaimsWithTheirStrengthAndEachChecksClaimVerdicts() throws Exception {
        Reports.writeAll(supportedOutcome(), dir, null);

        JsonNode json = new ObjectMapper().readTree(dir.resolve("readiness.json").toFile());
        JsonNode csrf = json.get("items").get(0);
        assertThat(csrf.get("status").asText()).isEqualTo("MANUAL");
        assertThat(csrf.get("checks").toString()).isEqualTo("[\"securityHeaders\"]");
        assertThat(csrf.get("claims").toString()).isEqualTo("[{\"id\":\"securityHeaders.csrf\",\"strength\":\"SUPPORTS\",\"status\":\"PASS\"}]");
        assertThat(json.get("items").get(1).get("couldBeVerifiedBy").toString())
                .isEqualTo("[{\"claim\":\"dependencyScan.audit\",\"strength\":\"SUPPORTS\"}]");
        JsonNode check = json.get("checks").get(0);
        assertThat(check.get("status").asText()).isEqualTo("PASS");
        assertThat(check.get("evidence").get("grade").asText()).isEqualTo("A");
        assertThat(check.get("claims")).extracting(c -> c.get("id").asText() + " " + c.get("strength").asText() + " " + c.get("status").asText())
                .containsExactly("securityHeaders SETTLES PASS", "securityHeaders.csrf SUPPORTS PASS");
        assertThat(check.get("claims").get(1).get("summary").asText()).isEqualTo("the session cookie SID is Secure, HttpOnly and SameSite=Lax");
    }

    @Test
    void showsASupportedOnlyItemAsNeedingAPersonInMarkdownAndAsSkippedInJUnit() throws Exception {
        Reports.writeAll(supportedOutcome(), dir, null);

        assertThat(Files.readString(dir.resolve(Reports.MARKDOWN))).contains("- [ ] CSRF protection enabled — **MANUAL** · supported by "
                + "securityHeaders.csrf (the session cookie SID is Secure, HttpOnly and SameSite=Lax): needs a person's attestation\n");
        Document xml = SafeXml.parse(dir.resolve(Reports.JUNIT), 1 << 20);
        assertThat(((org.w3c.dom.Element) xml.getElementsByTagName("skipped").item(0)).getAttribute("message"))
                .startsWith("supported by securityHeaders.csrf");
    }

    @Test
    void givesEveryItemThatIsNotMetItsRemedyInMarkdownASkippedOneToo() throws Exception {
        Item smoke = new Item("smoke-tests-pass-on-staging", "Testing", "Smoke tests pass on staging", false, List.of(), 5);
        Claim claim = Claim.settles("smoke", "the smoke requests answer as expected", List.of("Smoke tests pass on staging"));
        Result skipped = Result.skipped("runs after deployment").remedy("Run mvn readiness:verify -Dreadiness.stage=postDeploy"
                + " against the deployed service.").build();
        ClaimVerdict verdict = new ClaimVerdict(claim, Level.REQUIRED, skipped);
        Outcome outcome = new Outcome(new ProjectId("dev.demo", "shop", "1.0"), new Checklist("READY.md", "Ready", List.of(smoke)),
                List.of(new ItemResult(smoke, Level.REQUIRED, Status.SKIPPED, List.of(verdict), List.of(), skipped.summary())),
                List.of(new CheckRun("smoke", Level.REQUIRED, skipped, 0, List.of(verdict))), true, List.of(), List.of());

        assertThat(MarkdownReport.render(outcome)).contains("- [ ] Smoke tests pass on staging — **SKIPPED** (required) · runs after"
                + " deployment\n  - **Fix:** Run mvn readiness:verify -Dreadiness.stage=postDeploy against the deployed service.\n");
    }

    /** The real checklist's sign-off section: one item attested, one required and missing, a failing test waived. */
    private static Outcome accounted() {
        Item tests = new Item("all-unit-tests-pass", "Code Quality", "All unit tests pass", false, List.of(), 3);
        Item engineering = new Item("engineering-sign-off-engineering-lead", "Final Sign-Off", "Engineering sign-off (Engineering Lead)",
                false, List.of(), 7);
        Item product = new Item("product-sign-off", "Final Sign-Off", "Product sign-off", false, List.of(), 8);
        Finding cart = Finding.of("CartTest.totals: expected 3").key("com.shop.CartTest#totals").build();
        Result failed = Result.fail("1 of 9 tests failed").finding(cart).build();
        ClaimVerdict unitTests = new ClaimVerdict(Claim.settles("tests", "unit tests pass", List.of("All unit tests pass")),
                Level.REQUIRED, failed);
        Waiver waiver = new Waiver(Waiver.Scope.FINDING, "com.shop.CartTest#totals", "flaky on CI, SHOP-12", "Sam Ortiz",
                "https://tracker.example.com/SHOP-12", LocalDate.of(2026, 12, 10), "readiness-waivers.yaml:2");
        Attestation signed = new Attestation("product-sign-off", "Dana Reyes", LocalDate.of(2026, 11, 30),
                "https://tracker.example.com/REL-42", LocalDate.of(2027, 2, 27), null, "readiness-attestations.yaml:2", null);
        List<ItemResult> items = List.of(
                new ItemResult(tests, Level.REQUIRED, Status.WAIVED, List.of(unitTests), List.of(), "1 of 9 tests failed (waived until"
                        + " 2026-12-10 by Sam Ortiz: flaky on CI, SHOP-12)", null, waiver, null),
                new ItemResult(engineering, Level.REQUIRED, Status.FAIL, List.of(), List.of(), "needs a person's attestation"
                        + " (Engineering Lead): none in readiness-attestations.yaml"),
                new ItemResult(product, Level.INFO, Status.ATTESTED, List.of(), List.of(), "attested by " + signed.shown(), signed, null, null));
        ClaimAccount account = new ClaimAccount(Status.WAIVED, null, null, java.util.Map.of("com.shop.CartTest#totals", waiver),
                java.util.Map.of());
        return new Outcome(new ProjectId("dev.demo", "shop", "1.0"), new Checklist("READY.md", "Ready", List.of(tests, engineering, product)),
                items, List.of(new CheckRun("tests", Level.REQUIRED, failed, 5, List.of(unitTests))), false,
                List.of("FAIL Engineering sign-off (Engineering Lead): needs a person's attestation"), List.of(),
                List.of("the waiver of finding com.shop.CartTest#totals by Sam Ortiz (readiness-waivers.yaml:2) ends on 2026-12-10, in 8 days:"
                        + " fix what it covers, or renew it"), java.util.Map.of("tests", account));
    }

    @Test
    void showsWhatNeedsAPersonFirstThenWhoAttestedAndWhoWaivedWhat() throws Exception {
        String md = MarkdownReport.render(accounted());

        assertThat(md).containsSubsequence("### Needs a person",
                "- Attest **Engineering sign-off (Engineering Lead)** (`engineering-sign-off-engineering-lead`): Engineering Lead",
                "- the waiver of finding com.shop.CartTest\\#totals by Sam Ortiz (readiness-waivers.yaml:2) ends on 2026-12-10",
                "- [ ] All unit tests pass — **WAIVED**",
                "  - CartTest.totals: expected 3 — waived until 2026-12-10 by Sam Ortiz: flaky on CI, SHOP-12",
                "- [x] Product sign-off — **ATTESTED** · attested by Dana Reyes on 2026-11-30, until 2027-02-27");
    }

    @Test
    void writesEachItemsAttestationAndWaiverAndEachFindingsKeyAndWaiverInJson() throws Exception {
        Reports.writeAll(accounted(), dir, null);

        JsonNode json = new ObjectMapper().readTree(dir.resolve("readiness.json").toFile());
        assertThat(json.at("/summary/WAIVED").asInt()).isEqualTo(1);
        assertThat(json.at("/summary/ATTESTED").asInt()).isEqualTo(1);
        assertThat(json.at("/items/0/waiver").toString()).isEqualTo("{\"finding\":\"com.shop.CartTest#totals\",\"reason\":\"flaky on CI,"
                + " SHOP-12\",\"owner\":\"Sam Ortiz\",\"link\":\"https://tracker.example.com/SHOP-12\",\"until\":\"2026-12-10\","
                + "\"origin\":\"readiness-waivers.yaml:2\"}");
        assertThat(json.at("/items/0/claims/0/status").asText()).as("the claim's own verdict").isEqualTo("FAIL");
        assertThat(json.at("/items/0/claims/0/accountedAs").asText()).isEqualTo("WAIVED");
        assertThat(json.at("/items/0/waiver/expired").isMissingNode()).as("a waiver that holds").isTrue();
        assertThat(json.at("/items/2/attestation/by").asText()).isEqualTo("Dana Reyes");
        assertThat(json.at("/items/2/attestation/counts").asBoolean()).isTrue();
        assertThat(json.at("/checks/0/claims/0/accountedAs").asText()).isEqualTo("WAIVED");
        assertThat(json.at("/checks/0/findings/0/key").asText()).isEqualTo("com.shop.CartTest#totals");
        assertThat(json.at("/checks/0/findings/0/waiver/owner").asText()).isEqualTo("Sam Ortiz");
        assertThat(json.at("/notices/0").asText()).startsWith("the waiver of finding com.shop.CartTest#totals");
        Document junit = SafeXml.parse(dir.resolve(Reports.JUNIT), 1 << 20);
        assertThat(junit.getDocumentElement().getAttribute("skipped")).isEqualTo("1");
    }

    @Test
    void marksTheWaiverOfAnItemItNoLongerAccountsForAsExpired() throws Exception {
        Outcome accounted = accounted();
        ItemResult waived = accounted.items().get(0);
        ItemResult failing = new ItemResult(waived.item(), Level.REQUIRED, Status.FAIL, waived.claims(), List.of(),
                "1 of 9 tests failed (the waiver of finding com.shop.CartTest#totals by Sam Ortiz expired on 2026-12-10)", null,
                waived.waiver(), null);
        Outcome expired = new Outcome(accounted.project(), accounted.checklist(), List.of(failing), accounted.checks(), false,
                List.of("FAIL All unit tests pass"), List.of());

        Reports.writeAll(expired, dir, null);

        JsonNode json = new ObjectMapper().readTree(dir.resolve("readiness.json").toFile());
        assertThat(json.at("/items/0/waiver/until").asText()).isEqualTo("2026-12-10");
        assertThat(json.at("/items/0/waiver/expired").asBoolean()).isTrue();
    }

    @Test
    void writesTheSameBytesForTheSameOutcome() throws Exception {
        Reports.writeAll(outcome(), dir.resolve("one"), null);
        Reports.writeAll(outcome(), dir.resolve("two"), null);

        for (String name : List.of(Reports.JSON, Reports.MARKDOWN, Reports.JUNIT)) {
            assertThat(Files.readAllBytes(dir.resolve("one").resolve(name))).isEqualTo(Files.readAllBytes(dir.resolve("two").resolve(name)));
        }
    }

    @Test
    void rendersTheChecklistWithFindingsCappedAndQuotedTextEscaped() throws Exception {
        String md = MarkdownReport.render(outcome());

        assertThat(md).contains("- [ ] All unit tests pass — **FAIL** (required) · 23 of 40 tests failed\n");
        assertThat(md).contains("- [ ] Code review completed — **MANUAL** · verified by a person, not by a check\n");
        assertThat(md).contains("  - and 3 more\n");
        assertThat(md).contains("  - **Fix:** fix the named tests\n");
        assertThat(md).doesNotContain("<script>").doesNotContain("[link](").doesNotContain("\u0000");
        assertThat(md).doesNotContain("@everyone").contains("&#64;everyone evil &lt;script&gt;alert(1)&lt;/script&gt; \\*bold\\* \\[link\\](http&#58;//x) \\| pipe");
        assertThat(md.lines().filter(l -> l.startsWith("  - demo.Test"))).hasSize(20);
    }

    @Test
    void keepsTerminalEscapesAndTextReorderingCharactersOutOfTheConsoleAndMarkdown() {
        assertThat(Text.oneLine("\u001B[31mred\u001B[0m \u202Eevil\u202C zero\u200Bwidth\uFEFF"))
                .isEqualTo("[31mred [0m evil zero width");
        assertThat(Text.markdown("\u2066@admin\u2069")).isEqualTo("&#64;admin");
        assertThat(Text.markdown("see https://evil.test/x or WWW.evil.test, ratio 1.5: ok")).isEqualTo(
                "see https&#58;//evil.test/x or WWW&#46;evil.test, ratio 1.5: ok");
    }

    @Test
    void makesTheStepSummarysFolderWhenItDoesNotExistYet() throws Exception {
        Path summary = dir.resolve("not/yet/summary.md");

        Reports.writeAll(outcome(), dir.resolve("out"), summary);

        assertThat(Files.readString(summary)).startsWith("# Ready\n");
    }

    @Test
    void appendsToTheStepSummary() throws Exception {
        Path summary = Files.writeString(dir.resolve("summary.md"), "earlier step\n");
        Reports.writeAll(outcome(), dir.resolve("out"), summary);

        assertThat(Files.readString(summary)).startsWith("earlier step\n# Ready\n");
    }

    @Test
    void appendsEachModulesBlockWholeWhenModulesWriteTheStepSummaryAtOnce() throws Exception {
        Path summary = dir.resolve("summary.md");
        Item big = new Item("big", "Code Quality", "A module with a long report", false, List.of(), 1);
        Outcome outcome = new Outcome(new ProjectId("dev.demo", "shop", "1.0"), new Checklist("READY.md", "Ready", List.of(big)),
                List.of(new ItemResult(big, Level.INFO, Status.MANUAL, List.of(), List.of(), "word ".repeat(40_000))),
                List.of(), true, List.of(), List.of());
        String block = MarkdownReport.render(outcome) + "\n";
        int writers = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                done.add(pool.submit(() -> {
                    MarkdownReport.appendTo(outcome, summary);
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(Files.readString(summary)).isEqualTo(block.repeat(writers));
    }

    @Test
    void writesJUnitXmlThatParsesWithOneTestcasePerItem() throws Exception {
        Reports.writeAll(outcome(), dir, null);

        Document xml = SafeXml.parse(dir.resolve(Reports.JUNIT), 1 << 20);
        assertThat(xml.getDocumentElement().getAttribute("tests")).isEqualTo("2");
        assertThat(xml.getDocumentElement().getAttribute("failures")).isEqualTo("1");
        assertThat(xml.getDocumentElement().getAttribute("skipped")).isEqualTo("1");
        assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(2);
        assertThat(xml.getElementsByTagName("failure").item(0).getTextContent()).contains("demo.Test0.fails: @everyone evil <script>");
        assertThat(((org.w3c.dom.Element) xml.getElementsByTagName("skipped").item(0)).getAttribute("message"))
                .isEqualTo("verified by a person, not by a check");
    }

    @Test
    void writesJUnitXmlForTenThousandItemsInAFewWritesToTheFile() throws Exception {
        List<Item> items = new ArrayList<>();
        List<ItemResult> results = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Item item = new Item("item-" + i, "Operations", "Runbook step " + i + " rehearsed", false, List.of(), i + 1);
            items.add(item);
            results.add(new ItemResult(item, Level.INFO, Status.MANUAL, List.of(), List.of(), "verified by a person, not by a check"));
        }
        Outcome outcome = new Outcome(new ProjectId("dev.demo", "shop", "1.0"), new Checklist("READY.md", "Ready", items),
                results, List.of(), true, List.of(), List.of());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int[] writes = {0};
        OutputStream counted = new OutputStream() {
            @Override
            public void write(int b) {
                writes[0]++;
                bytes.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writes[0]++;
                bytes.write(b, off, len);
            }
        };

        JUnitReport.write(outcome, counted);

        assertThat(writes[0]).as("writes to the file for %s bytes", bytes.size()).isLessThanOrEqualTo(bytes.size() / (32 * 1024) + 2);
        Document xml = SafeXml.parse(new ByteArrayInputStream(bytes.toByteArray()));
        assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(10_000);
    }

    @Test
    void printsOneConsoleLinePerItemThenTheVerdict() {
        assertThat(ConsoleReport.lines(outcome())).containsExactly(
                "FAIL    All unit tests pass — 23 of 40 tests failed",
                "MANUAL  Code review completed — verified by a person, not by a check",
                "Readiness FAIL: 1 FAIL, 1 MANUAL (2 items, 1 checks)");
    }
}

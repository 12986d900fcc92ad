package dev.readiness.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readiness.check.Claim;
import dev.readiness.check.Finding;
import dev.readiness.check.ProjectId;
import dev.readiness.check.Result;
import dev.readiness.check.Stage;
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
import dev.readiness.engine.ModuleSummary.Covered;
import dev.readiness.engine.ModuleSummary;
import dev.readiness.engine.Outcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** readiness.html: structure, escaping, the inline blocks' hashes and determinism, read back with jsoup. */
class HtmlReportTest {

    @TempDir
    Path dir;

    /** Outside text that would break out of an element, an attribute or a details block if it were not escaped. */
    static final String HOSTILE = "<script>alert(1)</script> \"><img src=x onerror=alert(2)> </details></li> 'single' & more";

    static final String HOSTILE_TEST = "com.shop.CartTest.totals[" + HOSTILE + "]";

    /**
     * A run of the real checklist's kind: failing tests with a hostile test name, coverage below its minimum
     * with its least-covered classes, a failing dependency scan with the paths that pull each advisory in, a
     * waived item, a supported-only item, a manual one, a missing and a given attestation, a waiver ending soon.
     */
    static Outcome outcome() {
        Item tests = new Item("all-unit-tests-pass", "Code Quality", "All unit tests pass", false, List.of(), 12);
        Item coverage = new Item("test-coverage-meets-minimum-threshold-80", "Code Quality",
                "Test coverage meets minimum threshold (>80%)", false, List.of(), 13);
        Item review = new Item("code-review-completed", "Code Quality", "Code review completed", false, List.of(), 14);
        Item scan = new Item("security-scanning-completed", "Security " + HOSTILE, "Security scanning completed", false, List.of(), 30);
        Item csrf = new Item("csrf-protection-enabled", "Security " + HOSTILE, "CSRF protection enabled", false, List.of(), 31);
        Item https = new Item("https-enforced", "Security " + HOSTILE, "HTTPS enforced", false, List.of(), 32);
        Item engineering = new Item("engineering-sign-off-engineering-lead", "Final Sign-Off", "Engineering sign-off (Engineering Lead)",
                false, List.of(), 90);
        Item product = new Item("product-sign-off", "Final Sign-Off", "Product sign-off", false, List.of(), 91);

        List<Finding> failedTests = new ArrayList<>();
        failedTests.add(Finding.of(HOSTILE_TEST + ": expected 3 but was 4").key("com.shop.CartTest#totals")
                .at("target/surefire-reports/TEST-com.shop.CartTest.xml").build());
        for (int i = 0; i < HtmlReport.MAX_FINDINGS + 4; i++) {
            failedTests.add(Finding.of("com.shop.Gen" + i + "Test.works: timeout").key("com.shop.Gen" + i + "Test#works").build());
        }
        Result testsResult = Result.fail((failedTests.size()) + " of 412 tests failed").measured(failedTests.size() + " failed")
                .expected("0 failed").evidence("tests", 412).evidence("failures", failedTests.size()).evidence("errors", 0)
                .evidence("skipped", 3).evidence("flaky", 0).findings(failedTests).remedy("Fix the failing tests named above.").build();

        Map<String, Object> counters = new LinkedHashMap<>();
        counters.put("INSTRUCTION", Map.of("covered", 7_120, "missed", 2_880));
        counters.put("BRANCH", Map.of("covered", 301, "missed", 199));
        counters.put("LINE", Map.of("covered", 382, "missed", 118));
        Result coverageResult = Result.fail("line coverage is 76.4% (382 of 500 lines), but expected minimum is 80%")
                .measured("line 76.4%").expected("line >= 80%").evidence("counters", counters).evidence("source", "jacoco.exec")
                .finding(leastCovered("com.shop.Checkout", 3, 37, "target/classes/com/shop/Checkout.class"))
                .finding(leastCovered("com.shop.<Evil>\"Class", 10, 30, "target/classes/" + HOSTILE + ".class"))
                .remedy("Add tests that exercise the least-covered classes listed, then run mvn verify again.").build();

        Finding log4j = advisory("GHSA-jfh8-c2jp-5v3q", "CRITICAL", "org.apache.logging.log4j:log4j-core", "2.14.1",
                "dev.shop:shop:1.0 → org.apache.logging.log4j:log4j-slf4j-impl:2.14.1 → org.apache.logging.log4j:log4j-core:2.14.1",
                "Remote code injection in Log4j " + HOSTILE, true);
        Finding jackson = advisory("GHSA-57j2-w4cx-62h2", "HIGH", "com.fasterxml.jackson.core:jackson-databind", "2.13.2",
                "dev.shop:shop:1.0 → org.springframework.boot:spring-boot-starter-json:2.6.6 → com.fasterxml.jackson.core:jackson-databind:2.13.2",
                "Deeply nested json in jackson-databind", true);
        Finding snake = advisory("GHSA-mjmj-j48q-9wg2", "MEDIUM", "org.yaml:snakeyaml", "1.29",
                "dev.shop:shop:1.0 → org.springframework.boot:spring-boot-starter-json:2.6.6 → org.yaml:snakeyaml:1.29",
                "SnakeYaml Constructor deserialization", false);
        Result scanResult = Result.fail("2 dependencies have advisories at or above HIGH: log4j-core:2.14.1 GHSA-jfh8-c2jp-5v3q CRITICAL, "
                + "jackson-databind:2.13.2 GHSA-57j2-w4cx-62h2 HIGH").findings(List.of(log4j, jackson, snake))
                .remedy("Upgrade log4j-core to 2.17.1 and jackson-databind to 2.13.4.2.").build();

        Result headersResult = Result.pass("security headers grade is A for https://shop.example.com/").evidence("grade", "A")
                .evidence("score", 90).build();
        Result httpsResult = Result.fail("https://shop.example.com/ sends no Strict-Transport-Security header")
                .finding(Finding.of("HSTS header not implemented (hsts-not-implemented, -20)").key("hsts-not-implemented")
                        .at("https://shop.example.com/").with("test", "hsts-not-implemented").with("points", -20).build())
                .remedy("Send Strict-Transport-Security: max-age=31536000").build();
        Result cookies = Result.pass("the session cookie SID is Secure, HttpOnly and SameSite=Lax").build();

        ClaimVerdict unit = new ClaimVerdict(Claim.settles("tests", "unit tests pass", List.of("All unit tests pass")), Level.REQUIRED,
                testsResult);
        ClaimVerdict lines = new ClaimVerdict(Claim.settles("coverage", "line coverage", List.of("Test coverage meets minimum threshold")),
                Level.REQUIRED, coverageResult);
        ClaimVerdict osv = new ClaimVerdict(Claim.settles("dependencyScan", "no advisory at or above failOn",
                List.of("Security scanning completed")), Level.REQUIRED, scanResult);
        ClaimVerdict grade = new ClaimVerdict(Claim.settles("securityHeaders", "grade", List.of("Secure headers configured")),
                Level.REQUIRED, headersResult);
        ClaimVerdict hsts = new ClaimVerdict(Claim.settles("securityHeaders.https", "HTTP to HTTPS and HSTS", List.of("HTTPS enforced")),
                Level.REQUIRED, httpsResult);
        ClaimVerdict csrfClaim = new ClaimVerdict(Claim.supports("securityHeaders.csrf", "session cookies are SameSite",
                List.of("CSRF protection enabled")), Level.REQUIRED, cookies);

        Waiver hstsWaiver = new Waiver(Waiver.Scope.CLAIM, "securityHeaders.https", "the CDN adds HSTS " + HOSTILE, "Sam Ortiz <sam@example.com>",
                "https://tracker.example.com/SEC-7", LocalDate.of(2026, 12, 10), "readiness-waivers.yaml:2");
        Attestation signed = new Attestation("product-sign-off", "Dana Reyes", LocalDate.of(2026, 11, 30),
                "https://tracker.example.com/REL-42", LocalDate.of(2027, 2, 27), "signed off in the release review", "readiness-attestations.yaml:2",
                null);
        List<ItemResult> items = List.of(
                new ItemResult(tests, Level.REQUIRED, Status.FAIL, List.of(unit), List.of(), testsResult.summary()),
                new ItemResult(coverage, Level.REQUIRED, Status.FAIL, List.of(lines), List.of(), coverageResult.summary()),
                new ItemResult(review, Level.INFO, Status.MANUAL, List.of(), List.of(), "verified by a person, not by a check"),
                new ItemResult(scan, Level.REQUIRED, Status.FAIL, List.of(osv), List.of(), scanResult.summary()),
                new ItemResult(csrf, Level.INFO, Status.MANUAL, List.of(csrfClaim), List.of(),
                        "supported by securityHeaders.csrf (" + cookies.summary() + "): needs a person's attestation"),
                new ItemResult(https, Level.REQUIRED, Status.WAIVED, List.of(hsts), List.of(), httpsResult.summary() + " (waived until 2026-12-10"
                        + " by Sam Ortiz)", null, hstsWaiver, null),
                new ItemResult(engineering, Level.REQUIRED, Status.FAIL, List.of(), List.of(),
                        "needs a person's attestation (Engineering Lead): none in readiness-attestations.yaml"),
                new ItemResult(product, Level.INFO, Status.ATTESTED, List.of(), List.of(), "attested by " + signed.shown(), signed, null, null));
        List<String> failures = List.of("FAIL All unit tests pass: " + testsResult.summary(),
                "FAIL Engineering sign-off (Engineering Lead): needs a person's attestation");
        List<String> notices = List.of("the waiver of claim securityHeaders.https by Sam Ortiz (readiness-waivers.yaml:2) ends on 2026-12-10, "
                + "in 8 days: fix what it covers, or renew it");
        List<CheckRun> runs = List.of(new CheckRun("tests", Level.REQUIRED, testsResult, 40, List.of(unit)),
                new CheckRun("coverage", Level.REQUIRED, coverageResult, 310, List.of(lines)),
                new CheckRun("dependencyScan", Level.REQUIRED, scanResult, 900, List.of(osv)),
                new CheckRun("securityHeaders", Level.REQUIRED, headersResult, 120, List.of(grade, hsts, csrfClaim)));
        return new Outcome(new ProjectId("dev.shop", "shop", "1.0"), new Checklist("PRODUCTION_READINESS.md", "Production readiness "
                + HOSTILE, items.stream().map(ItemResult::item).toList()), items, runs, false, failures, List.of(), notices,
                Map.of("securityHeaders.https", new ClaimAccount(Status.WAIVED, hstsWaiver, null, Map.of(), Map.of())), Stage.BUILD);
    }

    /**
     * The same run as a reactor's aggregate of three modules: the parent ({@code pom}, no coverage of its own), a well-covered
     * core and a poorly covered web module with a hostile name.
     */
    static Outcome aggregate() {
        return outcome().asAggregate(List.of(
                new ModuleSummary(new ProjectId("dev.shop", "shop-parent", "1.0"), true, Map.of()),
                new ModuleSummary(new ProjectId("dev.shop", "shop-core", "1.0"), true, Map.of(),
                        Map.of("LINE", new Covered(302, 18), "BRANCH", new Covered(90, 10))),
                new ModuleSummary(new ProjectId("dev.shop", "shop-web<" + HOSTILE + ">", "1.0"), false, Map.of(),
                        Map.of("LINE", new Covered(80, 100)))), List.of(), List.of());
    }

    private static Finding leastCovered(String className, int covered, int missed, String classFile) {
        return Finding.of(className + ": line coverage is " + (100 * covered / (covered + missed)) + "%").key(className + ":LINE").note()
                .at(classFile).with("class", className).with("counter", "LINE").with("covered", covered).with("missed", missed).build();
    }

    private static Finding advisory(String id, String severity, String pkg, String version, String path, String summary, boolean failing) {
        Finding.Builder f = Finding.of(pkg + ":" + version + " " + id + ", " + severity + ": " + summary).key(id).at(path)
                .with("id", id).with("severity", severity).with("package", pkg).with("version", version).with("path", path);
        return (failing ? f : f.note()).build();
    }

    private static Document page() {
        return Jsoup.parse(HtmlReport.render(outcome()));
    }

    @Test
    void opensWithTheVerdictTheProjectTheStageAndTheCountsPerStatus() {
        Document page = page();

        assertThat(page.getElementById("verdict").text()).isEqualTo("Readiness FAIL");
        assertThat(page.getElementById("project").text()).isEqualTo("dev.shop:shop:1.0");
        assertThat(page.getElementById("stage").text()).isEqualTo("build");
        assertThat(page.select("#counts li")).extracting(li -> li.attr("data-status") + "=" + li.selectFirst(".count").text())
                .containsExactly("PASS=0", "FAIL=4", "ERROR=0", "SKIPPED=0", "MANUAL=2", "ATTESTED=1", "WAIVED=1");
        assertThat(page.select("header ul.failures li")).extracting(Element::text)
                .containsExactly("FAIL All unit tests pass: 205 of 412 tests failed",
                        "FAIL Engineering sign-off (Engineering Lead): needs a person's attestation");
    }

    @Test
    void putsWhatNeedsAPersonBeforeTheChecklist() {
        Document page = page();

        Element needs = page.getElementById("needs-a-person");
        assertThat(needs.elementSiblingIndex()).isLessThan(page.getElementById("checklist").elementSiblingIndex());
        assertThat(needs.select("> ul > li")).extracting(Element::text).containsExactly(
                "Attest Engineering sign-off (Engineering Lead) (engineering-sign-off-engineering-lead): Engineering Lead",
                "2 manual items nobody has attested (mvn readiness:list prints an attestation entry for each) Code review completed "
                        + "CSRF protection enabled",
                "the waiver of claim securityHeaders.https by Sam Ortiz (readiness-waivers.yaml:2) ends on 2026-12-10, in 8 days: "
                        + "fix what it covers, or renew it");
        assertThat(needs.selectFirst("a").attr("href")).isEqualTo("#item-6");
        assertThat(page.getElementById("item-6").selectFirst(".text").text()).isEqualTo("Engineering sign-off (Engineering Lead)");
    }

    @Test
    void drawsEachSectionsProgressByHowItsItemsStand() {
        Document page = page();

        assertThat(page.select("section.checklist-section")).extracting(s -> s.selectFirst("h2").text() + ": "
                + String.join(", ", s.select(".legend span").eachText())).containsExactly(
                "Code Quality: 1 manual, 2 failing",
                "Security " + HOSTILE + ": 1 supported, 1 waived, 1 failing",
                "Final Sign-Off: 1 attested, 1 failing");
        for (Element bar : page.select("section.checklist-section svg.bar")) {
            assertThat(bar.select("rect").stream().mapToInt(r -> Integer.parseInt(r.attr("width"))).sum()).isEqualTo(1000);
        }
        assertThat(page.select("section.checklist-section").get(1).select("svg.bar rect")).extracting(r -> r.attr("class") + " "
                + r.attr("x") + " " + r.attr("width")).containsExactly("seg-supported 0 333", "seg-waived 333 333", "seg-failing 666 334");
    }

    @Test
    void showsEveryItemsClaimsEvidenceAndFindingsInsideItsExpandableBlock() {
        Document page = page();

        assertThat(page.select("li.item")).hasSize(8).allSatisfy(li -> assertThat(li.select("> details > summary")).hasSize(1));
        Element tests = page.getElementById("item-0");
        assertThat(tests.attr("data-status")).isEqualTo("FAIL");
        assertThat(tests.attr("data-level")).isEqualTo("REQUIRED");
        Element claim = tests.selectFirst("details .claim");
        assertThat(claim.selectFirst("h3").text()).isEqualTo("tests settles FAIL");
        assertThat(claim.select("dl.facts dt").eachText()).containsExactly("measured", "expected", "tests", "failures", "errors", "skipped",
                "flaky");
        assertThat(claim.select("dl.facts dd").eachText()).startsWith("205 failed", "0 failed", "412");
        assertThat(claim.selectFirst("li.finding").text())
                .isEqualTo(HOSTILE_TEST + ": expected 3 but was 4 (target/surefire-reports/TEST-com.shop.CartTest.xml)");
        assertThat(claim.selectFirst("li.finding").attr("data-key")).isEqualTo("com.shop.CartTest#totals");
        assertThat(claim.select("li.finding")).hasSize(HtmlReport.MAX_FINDINGS);
        assertThat(claim.select("ul.findings > li").last().text()).isEqualTo("and 5 more (see readiness.json)");
        assertThat(claim.selectFirst(".remedy").text()).isEqualTo("Fix: Fix the failing tests named above.");
        Element waived = page.getElementById("item-5");
        assertThat(waived.selectFirst(".waiver").text()).isEqualTo("waived until 2026-12-10 by Sam Ortiz <sam@example.com>: the CDN adds HSTS "
                + HOSTILE + " (claim securityHeaders.https, readiness-waivers.yaml:2)");
        assertThat(waived.selectFirst(".claim h3").text()).isEqualTo("securityHeaders.https settles WAIVED");
        assertThat(waived.select(".waiver")).as("the item's waiver, not again under its claim").hasSize(1);
        assertThat(page.getElementById("item-4").selectFirst(".claim h3").text()).isEqualTo("securityHeaders.csrf supports PASS");
        assertThat(page.getElementById("item-7").selectFirst(".attestation").text()).isEqualTo("attested by Dana Reyes on 2026-11-30, until "
                + "2027-02-27 (https://tracker.example.com/REL-42): signed off in the release review (readiness-attestations.yaml:2)");
        assertThat(page.getElementById("item-1").select("dl.facts dd").get(2).text())
                .isEqualTo("{\"BRANCH\":{\"covered\":301,\"missed\":199},\"INSTRUCTION\":{\"covered\":7120,\"missed\":2880},"
                        + "\"LINE\":{\"covered\":382,\"missed\":118}}");
    }

    @Test
    void offersAFilterForEveryStatusAndLevel() {
        Document page = page();

        assertThat(page.select(".filters input[data-filter=status]")).extracting(i -> i.attr("value"))
                .containsExactly("PASS", "FAIL", "ERROR", "SKIPPED", "MANUAL", "ATTESTED", "WAIVED");
        assertThat(page.select(".filters input[data-filter=level]")).extracting(i -> i.attr("value"))
                .containsExactly("REQUIRED", "RECOMMENDED", "INFO");
        assertThat(page.select(".filters input")).allSatisfy(i -> assertThat(i.hasAttr("checked")).isTrue());
    }

    @Test
    void chartsTheCoverageCountersAndTheLeastCoveredClasses() {
        Document page = page();

        assertThat(page.select("#coverage-counters g.row")).extracting(g -> g.select("text").eachText().toString() + " "
                + g.select("rect.covered").attr("width")).containsExactly(
                "[INSTRUCTION, 71.2% (7120 of 10000)] 341", "[BRANCH, 60.2% (301 of 500)] 288", "[LINE, 76.4% (382 of 500)] 366");
        assertThat(page.select("#coverage-classes g.row")).extracting(g -> g.select("text").eachText().toString()).containsExactly(
                "[com.shop.Checkout (LINE), 7.5% (3 of 40)]", "[com.shop.<Evil>\"Class (LINE), 25.0% (10 of 40)]");
    }

    @Test
    void chartsEachModulesOwnCoverageBesideTheLeastCoveredClassesInAReactorsAggregate() {
        Document page = Jsoup.parse(HtmlReport.render(aggregate()));

        assertThat(page.select("#coverage > h3").eachText()).containsExactly("Coverage per module", "Least-covered classes");
        assertThat(page.select("#coverage-modules g.row")).extracting(g -> g.select("text").eachText().toString() + " "
                + g.select("rect.covered").attr("width")).containsExactly(
                "[shop-core (LINE), 94.3% (302 of 320)] 453", "[shop-web<" + HOSTILE + "> (LINE), 44.4% (80 of 180)] 213");
        assertThat(page.select("#coverage-modules script, #coverage-modules img")).isEmpty();
        assertThat(page().getElementById("coverage-modules")).isNull();
    }

    @Test
    void treesTheAdvisoriesByThePathThatPullsEachDependencyIn() {
        Element tree = page().selectFirst("#dependencies ul.tree");

        assertThat(tree.select("> li")).hasSize(1);
        Element project = tree.selectFirst("> li");
        assertThat(project.selectFirst("> code").text()).isEqualTo("dev.shop:shop:1.0");
        assertThat(project.select("> ul > li > code").eachText())
                .containsExactly("org.apache.logging.log4j:log4j-slf4j-impl:2.14.1", "org.springframework.boot:spring-boot-starter-json:2.6.6");
        Element starter = project.select("> ul > li").get(1);
        assertThat(starter.select("> ul > li")).extracting(li -> li.selectFirst("> code").text() + " | " + li.selectFirst("> .advisory")
                .className() + " | " + li.selectFirst("> .advisory").attr("data-key")).containsExactly(
                "com.fasterxml.jackson.core:jackson-databind:2.13.2 | advisory | GHSA-57j2-w4cx-62h2",
                "org.yaml:snakeyaml:1.29 | advisory note | GHSA-mjmj-j48q-9wg2");
        assertThat(project.selectFirst("> ul > li > ul > li > .advisory").text()).isEqualTo("org.apache.logging.log4j:log4j-core:2.14.1 "
                + "GHSA-jfh8-c2jp-5v3q, CRITICAL: Remote code injection in Log4j " + HOSTILE);
    }

    @Test
    void escapesEveryQuotedTextSoThatNoHostileMarkupBecomesAnElementOrAttribute() {
        String html = HtmlReport.render(outcome());
        Document page = Jsoup.parse(html);

        assertThat(page.select("script")).hasSize(1);
        assertThat(page.select("img")).isEmpty();
        assertThat(page.getAllElements()).allSatisfy(e -> assertThat(e.attributes().asList()).extracting(Attribute::getKey)
                .noneMatch(name -> name.startsWith("on")));
        assertThat(page.select("details")).hasSize(page.select("li.item").size() + 1);
        assertThat(html).doesNotContain("<img").doesNotContain("</details></li> 'single'").doesNotContain("<Evil>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(2)&gt; &lt;/details&gt;&lt;/li&gt; "
                        + "&#39;single&#39; &amp; more");
        assertThat(page.title()).isEqualTo("Readiness FAIL: Production readiness " + HOSTILE);
    }

    @Test
    void allowsOnlyItsOwnInlineStyleAndScriptByTheirHashes() {
        Document page = page();

        String policy = page.selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content");
        String style = page.select("style").get(0).data();
        String script = page.select("script").get(0).data();
        assertThat(policy).isEqualTo("default-src 'none'; script-src '" + HtmlReport.sha256(script) + "'; style-src '"
                + HtmlReport.sha256(style) + "'; img-src data:; base-uri 'none'; form-action 'none'");
        assertThat(page.select("style")).hasSize(1);
        assertThat(page.select("[style], link, iframe, object, embed, [src]")).isEmpty();
        assertThat(page.select("a[href]")).allSatisfy(a -> assertThat(a.attr("href")).startsWith("#item-"));
        assertThat(HtmlReport.sha256("")).isEqualTo("sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    }

    @Test
    void isWrittenWithTheOtherReportsAndGivesTheSameBytesForTheSameOutcome() throws Exception {
        Reports.writeAll(outcome(), dir.resolve("one"), null);
        Reports.writeAll(outcome(), dir.resolve("two"), null);

        assertThat(Files.readAllBytes(dir.resolve("one").resolve(Reports.HTML)))
                .isEqualTo(Files.readAllBytes(dir.resolve("two").resolve(Reports.HTML)))
                .isEqualTo(HtmlReport.render(outcome()).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void isWrittenWhenQuotedTextHoldsALoneSurrogateOrControlCharacters() throws Exception {
        Item odd = new Item("odd", "", "broken \uD800 text \u0000 with \u202E bidi", false, List.of(), 1);
        Outcome outcome = new Outcome(new ProjectId("dev.shop", "shop", "1.0"), new Checklist("READY.md", "Ready", List.of(odd)),
                List.of(new ItemResult(odd, Level.INFO, Status.MANUAL, List.of(), List.of(), "verified by a person")), List.of(), true,
                List.of(), List.of());

        HtmlReport.write(outcome, dir.resolve(Reports.HTML));

        Document page = Jsoup.parse(dir.resolve(Reports.HTML).toFile(), "UTF-8");
        assertThat(page.selectFirst("li.item .text").text()).isEqualTo("broken ? text with bidi");
        assertThat(page.selectFirst("section.checklist-section h2").text()).isEqualTo("Items");
    }
}

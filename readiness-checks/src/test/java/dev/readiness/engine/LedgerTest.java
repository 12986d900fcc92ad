package dev.readiness.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.readiness.check.CheckContext;
import dev.readiness.check.Finding;
import dev.readiness.check.Measure;
import dev.readiness.check.Ratio;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Attestations, waivers and the baseline, each date rule on a fixed clock. */
class LedgerTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 2);

    private static final String CHECKLIST = """
            # Ready
            ## Web
            - [ ] Site is up
            - [ ] HTTPS enforced
            - [ ] CSRF protection enabled
            ## Final Sign-Off
            - [ ] Engineering sign-off (Engineering Lead)
            - [ ] Product sign-off
            ## Operations
            ### Support
            - [ ] Runbook reviewed
            """;

    private static final Result UP = Result.pass("https://shop.test/ answers 200").build();
    private static final Result COOKIES_OK = Result.pass("the session cookie SID is SameSite=Lax").build();
    private static final Finding CART = Finding.of("CartTest.totals: expected 3 but was 2").key("com.shop.CartTest#totals").build();
    private static final Finding PAY = Finding.of("PayTest.charges: timeout").key("com.shop.PayTest#charges").build();
    private static final Finding ADVISORY = Finding.of("log4j-core 2.14.1 is affected by GHSA-jfh8-c2jp-5v3q")
            .key("GHSA-jfh8-c2jp-5v3q").with("aliases", List.of("CVE-2021-44228")).build();

    @TempDir
    Path dir;

    private String checklist = CHECKLIST;
    private LocalDate today = TODAY;
    private List<String> requireAttestation = List.of();
    private boolean failOnWarnings;

    private Outcome run(Result main, Result https, Result csrf) throws Exception {
        Files.writeString(dir.resolve("ready.md"), checklist);
        Engine engine = Engine.of(List.of(new ClaimedCheck(context -> main.withClaim("web.https", https).withClaim("web.csrf", csrf))));
        ReadinessConfig config = new ReadinessConfig(dir.resolve("ready.md"), "ready.md", Map.of("web", ReadinessYaml.mapper().createObjectNode()),
                null, null, null, Set.of(), Set.of(), failOnWarnings, null, null, requireAttestation, Ledger.DEFAULT_MAX_WAIVER_DAYS);
        Clock clock = Clock.fixed(today.atTime(9, 30).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        return engine.run(engine.plan(config, dir, clock), CheckContext.builder(dir).clock(clock).build(), Redactor.none());
    }

    private Outcome run(Result https) throws Exception {
        return run(UP, https, COOKIES_OK);
    }

    private Outcome passing() throws Exception {
        return run(UP);
    }

    private void write(String file, String yaml) throws Exception {
        Files.writeString(dir.resolve(file), yaml);
    }

    private void attest(String item, String date, String validity) throws Exception {
        write(Ledger.ATTESTATIONS_FILE, """
                attestations:
                  - item: %s
                    by: Dana Reyes <dana@example.com>
                    date: %s
                    evidence: https://tracker.example.com/REL-42
                    %s
                """.formatted(item, date, validity));
    }

    private void waive(String what, LocalDate until) throws Exception {
        write(Ledger.WAIVERS_FILE, """
                waivers:
                  - %s
                    reason: flaky on CI, tracked
                    owner: Sam Ortiz
                    until: %s
                """.formatted(what, until));
    }

    private static ItemResult item(Outcome outcome, String text) {
        return outcome.items().stream().filter(i -> i.item().text().startsWith(text)).findFirst().orElseThrow();
    }

    private static Result failing(Finding... findings) {
        return Result.fail(findings.length + " tests failed").findings(List.of(findings)).build();
    }

    // Attestations

    @ParameterizedTest(name = "attested on {0}, {1}, judged on 2026-12-02: {2}")
    @CsvSource(delimiter = '|', value = {
            "2026-11-30 | expires: 2026-12-02 | ATTESTED",
            "2026-11-30 | expires: 2026-12-01 | MANUAL",
            "2026-09-03 | validFor: 91d       | ATTESTED",
            "2026-09-03 | validFor: 90d       | MANUAL",
            "2026-12-03 | expires: 2027-01-01 | MANUAL",
            "2026-11-30 | expires: 2026-11-29 | MANUAL"})
    void countsAnAttestationFromItsDateThroughItsLastDay(String date, String validity, Status expected) throws Exception {
        attest("product-sign-off", date, validity);

        ItemResult signOff = item(passing(), "Product sign-off");

        assertThat(signOff.status()).isEqualTo(expected);
        assertThat(signOff.attestation().by()).isEqualTo("Dana Reyes <dana@example.com>");
    }

    @Test
    void saysWhyAnAttestationDoesNotCount() throws Exception {
        attest("product-sign-off", "2026-11-30", "expires: 2026-12-01");

        assertThat(item(passing(), "Product sign-off").evidence())
                .startsWith("the attestation by Dana Reyes <dana@example.com> (readiness-attestations.yaml:2) does not count: it expired on 2026-12-01");
    }

    @Test
    void countsALeapDayAsTheLastDayOfAnAttestation() throws Exception {
        today = LocalDate.of(2028, 2, 29);
        attest("Product sign-off", "2028-02-01", "validFor: 29d");
        assertThat(item(passing(), "Product sign-off").status()).isEqualTo(Status.ATTESTED);

        today = LocalDate.of(2028, 3, 1);
        assertThat(item(passing(), "Product sign-off").status()).isEqualTo(Status.MANUAL);
    }

    @Test
    void takesEvidenceAsAnHttpsUrlOrAFileOfTheRepositoryOnly() throws Exception {
        write(Ledger.ATTESTATIONS_FILE, """
                attestations:
                  - {item: product-sign-off, by: Dana, date: 2026-12-01, validFor: 30d, evidence: docs/sign-off.md}
                  - {item: engineering-sign-off-engineering-lead, by: Dana, date: 2026-12-01, validFor: 30d, evidence: http://tracker.example.com/1}
                  - {item: runbook-reviewed, by: Dana, date: 2026-12-01, validFor: 30d, evidence: ../outside.md}
                """);
        Files.writeString(dir.getParent().resolve("outside.md"), "signed");

        Outcome missing = passing();
        assertThat(item(missing, "Product sign-off").evidence()).contains("its evidence docs/sign-off.md does not exist in the repository");
        assertThat(item(missing, "Engineering sign-off").evidence()).contains("is neither an https URL nor a path in the repository");
        assertThat(item(missing, "Runbook reviewed").evidence()).contains("is outside the repository");

        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("docs/sign-off.md"), "signed");
        assertThat(item(passing(), "Product sign-off").status()).isEqualTo(Status.ATTESTED);
    }

    @Test
    void attestsAnItemOnlySupportedWhileNoSupportingClaimFails() throws Exception {
        attest("csrf-protection-enabled", "2026-12-01", "validFor: 30d");

        assertThat(item(passing(), "CSRF protection enabled").status()).isEqualTo(Status.ATTESTED);
        assertThat(item(run(UP, UP, Result.skipped("no cookie set").build()), "CSRF").status()).isEqualTo(Status.ATTESTED);

        Outcome failing = run(UP, UP, Result.fail("the session cookie SID is SameSite=None").build());
        assertThat(item(failing, "CSRF").status()).isEqualTo(Status.FAIL);
        assertThat(failing.notices()).contains("the attestation of 'csrf-protection-enabled' (readiness-attestations.yaml:2) is not used:"
                + " a claim supporting it is FAIL, so it cannot be attested");
    }

    @Test
    void reportsTheAttestationOfAnItemACheckSettlesAsUnused() throws Exception {
        attest("https-enforced", "2026-12-01", "validFor: 30d");

        Outcome outcome = passing();

        assertThat(item(outcome, "HTTPS enforced").status()).isEqualTo(Status.PASS);
        assertThat(outcome.notices()).containsExactly("the attestation of 'https-enforced' (readiness-attestations.yaml:2) is not used:"
                + " a check settles the item");
    }

    @Test
    void refusesAnAttestationOfNoItemSuggestingTheNearestKey() throws Exception {
        attest("product-signoff", "2026-12-01", "validFor: 30d");

        assertThatThrownBy(this::passing).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("readiness-attestations.yaml:2: 'product-signoff' names no item of checklist ready.md")
                .hasMessageContaining("(did you mean 'product-sign-off'?)");
    }

    @Test
    void suggestsTheKeysSharingMostWordsWhenTheNameIsNoTypo() throws Exception {
        attest("sign off engineering", "2026-12-01", "validFor: 30d");

        assertThatThrownBy(this::passing).hasMessage("readiness-attestations.yaml:2: 'sign off engineering' names no item of checklist"
                + " ready.md (did you mean 'engineering-sign-off-engineering-lead' or 'product-sign-off'?); mvn readiness:list prints"
                + " every item's key");
    }

    @Test
    void refusesTwoAttestationsOfOneItemNamingBoth() throws Exception {
        write(Ledger.ATTESTATIONS_FILE, """
                attestations:
                  - {item: product-sign-off, by: Dana, date: 2026-12-01, validFor: 30d, evidence: https://t.example.com/1}
                  - {item: Product sign-off, by: Sam, date: 2026-12-01, validFor: 30d, evidence: https://t.example.com/2}
                """);

        assertThatThrownBy(this::passing).hasMessage("readiness-attestations.yaml:2 and readiness-attestations.yaml:3 both attest the item"
                + " 'product-sign-off': keep one (mvn readiness:attest replaces the earlier entry)");
    }

    @Test
    void namesFileLineAndColumnOfMalformedYaml() throws Exception {
        write(Ledger.WAIVERS_FILE, "waivers:\n  - finding: GHSA-1\n    reason: [unclosed\n");

        assertThatThrownBy(this::passing).isInstanceOf(ConfigurationException.class)
                .hasMessageMatching("readiness-waivers\\.yaml:\\d+:\\d+: not valid YAML: .*")
                .hasMessageNotContaining("\n");
    }

    @Test
    void readsAttestationsAndWaiversFromReadinessYamlToo() throws Exception {
        write(ReadinessYaml.FILE, """
                attestations:
                  - {item: product-sign-off, by: Dana, date: 2026-12-01, validFor: 30d, evidence: https://t.example.com/1}
                waivers:
                  - {claim: web.https, reason: migrating the load balancer, owner: Sam, until: 2026-12-31}
                """);

        Outcome outcome = run(Result.fail("http://shop.test/ answers 200").build());

        assertThat(item(outcome, "Product sign-off").status()).isEqualTo(Status.ATTESTED);
        assertThat(item(outcome, "HTTPS enforced").status()).isEqualTo(Status.WAIVED);
        assertThat(item(outcome, "HTTPS enforced").waiver().origin()).isEqualTo("readiness.yaml:4");
    }

    // Required attestations

    @Test
    void failsTheBuildOnARequiredSectionNobodyAttestedNamingWhoCould() throws Exception {
        requireAttestation = List.of("Final Sign-Off");
        attest("product-sign-off", "2026-12-01", "validFor: 30d");

        Outcome outcome = passing();

        ItemResult engineering = item(outcome, "Engineering sign-off");
        assertThat(engineering.status()).isEqualTo(Status.FAIL);
        assertThat(engineering.level()).isEqualTo(Level.REQUIRED);
        assertThat(engineering.evidence()).startsWith("needs a person's attestation (Engineering Lead): none in readiness-attestations.yaml")
                .endsWith("mvn readiness:attest -Ditem=engineering-sign-off-engineering-lead -Dby=<who> -Devidence=<link> records one");
        assertThat(item(outcome, "Product sign-off").status()).isEqualTo(Status.ATTESTED);
        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.failures()).hasSize(1);
    }

    @Test
    void matchesARequiredSectionByItsHeadingAtAnyDepthAndItemsByKey() throws Exception {
        requireAttestation = List.of("operations", "product-sign-off");

        Outcome outcome = passing();

        assertThat(outcome.items()).filteredOn(i -> i.status() == Status.FAIL).extracting(i -> i.item().key())
                .containsExactly("product-sign-off", "runbook-reviewed");
    }

    @Test
    void refusesARequiredSectionNoHeadingNames() throws Exception {
        requireAttestation = List.of("Final Signoff");

        assertThatThrownBy(this::passing).isInstanceOf(ConfigurationException.class)
                .hasMessage("requireAttestation: 'Final Signoff' is neither a heading nor an item key of checklist ready.md"
                        + " (did you mean 'Final Sign-Off'?); headings: Web, Final Sign-Off, Operations, Support");
    }

    @Test
    void refusesARequiredSectionWhoseHeadingNamesSeveral() throws Exception {
        checklist = CHECKLIST + "## Business\n### Support\n- [ ] Support team trained\n";
        requireAttestation = List.of("Support");

        assertThatThrownBy(this::passing).hasMessage("requireAttestation: 'Support' is the heading of 2 sections (Operations > Support;"
                + " Business > Support): name an item key instead, or rename one heading");
    }

    // Waivers

    @ParameterizedTest(name = "waived until {0}, judged on 2026-12-02: {1}")
    @CsvSource({"2026-12-02, WAIVED", "2026-12-01, FAIL", "2027-03-02, WAIVED"})
    void waivesAFailingTestThroughItsLastDay(LocalDate until, Status expected) throws Exception {
        waive("finding: com.shop.CartTest#totals", until);

        Outcome outcome = run(failing(CART), UP, COOKIES_OK);

        assertThat(item(outcome, "Site is up").status()).isEqualTo(expected);
        assertThat(outcome.passed()).isEqualTo(expected == Status.WAIVED);
        if (expected == Status.FAIL) {
            assertThat(item(outcome, "Site is up").evidence())
                    .endsWith("(the waiver of finding com.shop.CartTest#totals by Sam Ortiz expired on 2026-12-01)");
        } else {
            assertThat(item(outcome, "Site is up").waiver().until()).isEqualTo(until);
        }
    }

    @ParameterizedTest(name = "ending in {0} days warns: {1}")
    @CsvSource({"0, true", "14, true", "15, false"})
    void warnsFourteenDaysBeforeAWaiverEnds(int days, boolean warns) throws Exception {
        waive("finding: com.shop.CartTest#totals", TODAY.plusDays(days));

        Outcome outcome = run(failing(CART), UP, COOKIES_OK);

        assertThat(outcome.notices().stream().anyMatch(n -> n.contains("ends on " + TODAY.plusDays(days)))).isEqualTo(warns);
        assertThat(outcome.passed()).isTrue();
    }

    @Test
    void waivesAClaimOnlyWhenEveryCauseOfItsFailureIsWaived() throws Exception {
        waive("finding: com.shop.CartTest#totals", TODAY.plusDays(30));

        Outcome outcome = run(failing(CART, PAY), UP, COOKIES_OK);

        assertThat(item(outcome, "Site is up").status()).isEqualTo(Status.FAIL);
        assertThat(outcome.account(outcome.check("web").claim("web")).findings()).containsOnlyKeys("com.shop.CartTest#totals");
    }

    @Test
    void waivesAnAdvisoryByOneOfItsAliases() throws Exception {
        waive("finding: CVE-2021-44228", TODAY.plusDays(30));

        assertThat(item(run(failing(ADVISORY), UP, COOKIES_OK), "Site is up").status()).isEqualTo(Status.WAIVED);
    }

    @Test
    void waivesAFigureBelowItsMinimumOnlyWhole() throws Exception {
        Result coverage = Result.fail("line coverage is 72.0%, but expected minimum is 80%")
                .measure(new Measure("line coverage", Ratio.parse("72%"), Ratio.parse("80%")))
                .finding(Finding.of("com.shop.Cart: 10.0%").key("com.shop.Cart:LINE").note().build()).build();
        waive("finding: com.shop.Cart:LINE", TODAY.plusDays(30));
        assertThat(item(run(coverage, UP, COOKIES_OK), "Site is up").status()).isEqualTo(Status.FAIL);

        waive("claim: web", TODAY.plusDays(30));
        assertThat(item(run(coverage, UP, COOKIES_OK), "Site is up").status()).isEqualTo(Status.WAIVED);
    }

    @Test
    void waivesAnItemWhole() throws Exception {
        waive("item: HTTPS enforced", TODAY.plusDays(30));

        Outcome outcome = run(Result.error("http://shop.test/ cannot be reached").build());

        assertThat(item(outcome, "HTTPS enforced").status()).isEqualTo(Status.WAIVED);
        assertThat(item(outcome, "HTTPS enforced").evidence()).startsWith("ERROR waived: ");
        assertThat(outcome.passed()).isTrue();
    }

    @Test
    void reportsAWaiverThatMatchesNothingAndFailsOnItUnderFailOnWarnings() throws Exception {
        waive("finding: GHSA-0000-0000-0000", TODAY.plusDays(30));

        Outcome outcome = passing();
        assertThat(outcome.warnings()).containsExactly("the waiver of finding GHSA-0000-0000-0000 (readiness-waivers.yaml:2)"
                + " matches nothing that fails: remove it");
        assertThat(outcome.passed()).isTrue();

        failOnWarnings = true;
        assertThat(passing().passed()).isFalse();
    }

    @Test
    void reportsAnExpiredWaiverOverWhatNowPasses() throws Exception {
        waive("claim: web.https", TODAY.minusDays(3));

        assertThat(passing().warnings()).containsExactly("the waiver of claim web.https (readiness-waivers.yaml:2) expired on 2026-11-29"
                + " and nothing it covers fails now: remove it");
    }

    @Test
    void refusesAWaiverRunningPastMaxWaiverDaysOrWithoutAnOwner() throws Exception {
        waive("finding: GHSA-1", TODAY.plusDays(91));
        assertThatThrownBy(this::passing).hasMessage("readiness-waivers.yaml:2: until 2027-03-03 is more than 90 days ahead"
                + " (maxWaiverDays): waive until 2027-03-02 at the latest, and renew it then");

        write(Ledger.WAIVERS_FILE, "waivers:\n  - {finding: GHSA-1, reason: later, until: 2026-12-31}\n");
        assertThatThrownBy(this::passing).hasMessage("readiness-waivers.yaml:2: owner is missing: write who answers for it: a name or an e-mail");
    }

    @Test
    void refusesAWaiverOfAClaimNoConfiguredCheckHas() throws Exception {
        waive("claim: web.htps", TODAY.plusDays(3));

        assertThatThrownBy(this::passing).hasMessage("readiness-waivers.yaml:2: claim 'web.htps' is not a claim of a"
                + " configured check (did you mean 'web.https'?); claims: web, web.csrf, web.e2e, web.https");
    }

    // Baseline

    @Test
    void waivesWhatTheBaselineKnowsAndFailsOnWhatIsNew() throws Exception {
        Outcome adopted = run(failing(CART), UP, COOKIES_OK);
        Baseline.of(adopted, LocalDate.of(2026, 11, 1)).write(dir.resolve(Baseline.FILE));

        Outcome known = run(failing(CART), UP, COOKIES_OK);
        assertThat(item(known, "Site is up").status()).isEqualTo(Status.WAIVED);
        assertThat(item(known, "Site is up").baseline()).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(item(known, "Site is up").evidence()).endsWith("(known since 2026-11-01, in readiness-baseline.json)");

        Outcome worse = run(failing(CART, PAY), UP, COOKIES_OK);
        assertThat(item(worse, "Site is up").status()).isEqualTo(Status.FAIL);
        assertThat(worse.account(worse.check("web").claim("web")).baselined()).containsOnlyKeys("com.shop.CartTest#totals");
    }

    @Test
    void reportsTheBaselineEntriesThatNoLongerOccur() throws Exception {
        Baseline.of(run(failing(CART, PAY), UP, COOKIES_OK), TODAY).write(dir.resolve(Baseline.FILE));

        Outcome fixed = run(failing(PAY), UP, COOKIES_OK);

        assertThat(fixed.notices()).containsExactly("1 of the baseline's findings no longer occur (web com.shop.CartTest#totals):"
                + " mvn readiness:baseline -Dreadiness.prune removes them from readiness-baseline.json");
        assertThat(Baseline.read(dir.resolve(Baseline.FILE)).pruned(fixed).entries()).extracting(Baseline.Entry::key)
                .containsExactly("com.shop.PayTest#charges");
    }

    @Test
    void leavesWhatAWaiverCoversOutOfTheBaselineSoThatItFailsAgainWhenTheWaiverEnds() throws Exception {
        waive("finding: com.shop.CartTest#totals", TODAY.plusDays(30));

        Baseline baseline = Baseline.of(run(failing(CART, PAY), UP, COOKIES_OK), TODAY);

        assertThat(baseline.entries()).extracting(Baseline.Entry::key).containsExactly("com.shop.PayTest#charges");
    }

    @Test
    void recordsTheBaselineSortedSoThatItDiffsWell() throws Exception {
        Baseline.of(run(failing(PAY, CART), Result.fail("no redirect").finding(Finding.of("no redirect").key("redirection-missing")
                .build()).build(), COOKIES_OK), TODAY).write(dir.resolve(Baseline.FILE));

        assertThat(Baseline.read(dir.resolve(Baseline.FILE)).entries()).extracting(e -> e.claim() + " " + e.key())
                .containsExactly("web com.shop.CartTest#totals", "web com.shop.PayTest#charges", "web.https redirection-missing");
    }
}

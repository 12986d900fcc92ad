package dev.readiness.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.readiness.check.Check;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Claim;
import dev.readiness.check.Measure;
import dev.readiness.check.Ratio;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How claims decide items: settling and supporting claims, levels per claim, checklist figures, offered claims. */
class VerdictTest {

    private static final String CHECKLIST = """
            # Ready
            ## Web
            - [ ] Site is up
            - [ ] HTTPS enforced
            - [ ] CSRF protection enabled
            """;

    @TempDir
    Path dir;

    private Outcome run(String checklist, String checksYaml, Check<?>... checks) throws Exception {
        Path file = Files.writeString(dir.resolve("ready.md"), checklist);
        Map<String, JsonNode> trees = new LinkedHashMap<>();
        new YAMLMapper().readTree(checksYaml).fields().forEachRemaining(e -> trees.put(e.getKey(), e.getValue()));
        Engine engine = Engine.of(List.of(checks));
        ReadinessConfig config = new ReadinessConfig(file, "ready.md", trees, null, null, null, Set.of(), Set.of(), false);
        return engine.run(engine.plan(config, dir), CheckContext.builder(dir).build(), Redactor.none());
    }

    private static ClaimedCheck web(Result main, Map<String, Result> others) {
        return new ClaimedCheck(context -> {
            Result result = main;
            for (Map.Entry<String, Result> other : others.entrySet()) {
                result = result.withClaim(other.getKey(), other.getValue());
            }
            return result;
        });
    }

    private static ItemResult item(Outcome outcome, String text) {
        return outcome.items().stream().filter(i -> i.item().text().equals(text)).findFirst().orElseThrow();
    }

    private static final Result UP = Result.pass("https://shop.test/ answers 200").build();
    private static final Result NO_REDIRECT = Result.fail("http://shop.test/ answers 200 without redirecting to HTTPS").build();
    private static final Result COOKIES_OK = Result.pass("the session cookie SID is Secure, HttpOnly and SameSite=Lax").build();

    @Test
    void decidesEachItemByTheClaimThatSettlesItNotByTheCheckAsAWhole() throws Exception {
        Outcome outcome = run(CHECKLIST, "web: {}", web(UP, Map.of("web.https", NO_REDIRECT, "web.csrf", COOKIES_OK)));

        assertThat(item(outcome, "Site is up").status()).isEqualTo(Status.PASS);
        assertThat(item(outcome, "HTTPS enforced").status()).isEqualTo(Status.FAIL);
        assertThat(item(outcome, "HTTPS enforced").evidence()).isEqualTo("http://shop.test/ answers 200 without redirecting to HTTPS");
        assertThat(outcome.failures()).containsExactly("FAIL HTTPS enforced: http://shop.test/ answers 200 without redirecting to HTTPS");
        assertThat(outcome.check("web").status()).isEqualTo(Status.FAIL);
    }

    @Test
    void leavesAnItemThatASupportingClaimPassesToAPerson() throws Exception {
        Outcome outcome = run(CHECKLIST, "web: {}", web(UP, Map.of("web.https", UP, "web.csrf", COOKIES_OK)));

        ItemResult csrf = item(outcome, "CSRF protection enabled");
        assertThat(csrf.status()).isEqualTo(Status.MANUAL);
        assertThat(csrf.level()).isEqualTo(Level.INFO);
        assertThat(csrf.evidence()).isEqualTo("supported by web.csrf (the session cookie SID is Secure, HttpOnly and SameSite=Lax): "
                + "needs a person's attestation");
        assertThat(csrf.claims()).extracting(ClaimVerdict::id, c -> c.claim().strength(), ClaimVerdict::status)
                .containsExactly(tuple("web.csrf", dev.readiness.check.Strength.SUPPORTS, Status.PASS));
        assertThat(outcome.passed()).isTrue();
    }

    @Test
    void failsAnItemThatASupportingClaimShowsFalse() throws Exception {
        Result laxCookie = Result.fail("the session cookie SID has no SameSite attribute").build();
        Outcome outcome = run(CHECKLIST, "web: {}", web(UP, Map.of("web.https", UP, "web.csrf", laxCookie)));

        ItemResult csrf = item(outcome, "CSRF protection enabled");
        assertThat(csrf.status()).isEqualTo(Status.FAIL);
        assertThat(csrf.level()).isEqualTo(Level.REQUIRED);
        assertThat(outcome.passed()).isFalse();
    }

    @Test
    void aSkippedSupportingClaimChangesNothing() throws Exception {
        Result noCookie = Result.skipped("no cookie was set by https://shop.test/").build();
        Outcome outcome = run(CHECKLIST, "web: {}", web(UP, Map.of("web.https", UP, "web.csrf", noCookie)));

        ItemResult csrf = item(outcome, "CSRF protection enabled");
        assertThat(csrf.status()).isEqualTo(Status.MANUAL);
        assertThat(csrf.evidence()).isEqualTo("web.csrf not evaluated: no cookie was set by https://shop.test/; needs a person's attestation");
    }

    @Test
    void aSupportingClaimAddsItsFailureToAnItemASettlingClaimPasses() throws Exception {
        String checklist = "- [ ] Site is up and safe <!-- readiness: web, web.csrf -->\n";
        Result laxCookie = Result.fail("the session cookie SID has no SameSite attribute").build();

        Outcome outcome = run(checklist, "web: {}", web(UP, Map.of("web.csrf", laxCookie)));

        ItemResult safe = item(outcome, "Site is up and safe");
        assertThat(safe.status()).isEqualTo(Status.FAIL);
        assertThat(safe.evidence()).isEqualTo("web.csrf: the session cookie SID has no SameSite attribute");
    }

    @Test
    void setsTheLevelOfOneClaimApartFromItsCheck() throws Exception {
        Outcome outcome = run(CHECKLIST, "web: {claims: {https: {level: RECOMMENDED}}}",
                web(UP, Map.of("web.https", NO_REDIRECT, "web.csrf", COOKIES_OK)));

        assertThat(item(outcome, "Site is up").level()).isEqualTo(Level.REQUIRED);
        assertThat(item(outcome, "HTTPS enforced").level()).isEqualTo(Level.RECOMMENDED);
        assertThat(outcome.passed()).isTrue();
        assertThat(outcome.warnings()).containsExactly("FAIL HTTPS enforced: http://shop.test/ answers 200 without redirecting to HTTPS");
    }

    @Test
    void anUnmetItemTakesTheStrongestLevelOfItsUnmetClaims() throws Exception {
        String checklist = "- [ ] Site is up over HTTPS <!-- readiness: web, web.https -->\n";

        Outcome outcome = run(checklist, "web: {claims: {web.https: {level: RECOMMENDED}}}", web(UP, Map.of("web.https", NO_REDIRECT)));

        ItemResult item = item(outcome, "Site is up over HTTPS");
        assertThat(item.status()).isEqualTo(Status.FAIL);
        assertThat(item.level()).isEqualTo(Level.RECOMMENDED);
        assertThat(item.evidence()).isEqualTo("web.https: http://shop.test/ answers 200 without redirecting to HTTPS");
    }

    @Test
    void rejectsAClaimSettingThatNamesNoClaimOfTheCheck() {
        assertThatThrownBy(() -> run(CHECKLIST, "web: {claims: {htps: {level: INFO}}}", web(UP, Map.of())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("web.claims: unknown claim 'htps' (did you mean 'https'?); claims of web: web, https, csrf, e2e");
        assertThatThrownBy(() -> run(CHECKLIST, "web: {claims: {https: {level: MUST}}}", web(UP, Map.of())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("web.claims.https.level: 'MUST' is not a level; valid levels: REQUIRED, RECOMMENDED, INFO");
    }

    @Test
    void bindsAnItemToAClaimByItsConfiguredItems() throws Exception {
        String checklist = "- [ ] Site is up\n- [ ] Plain HTTP never serves pages\n";

        Outcome outcome = run(checklist, "web: {claims: {https: {items: [plain-http-never-serves-pages]}}}",
                web(UP, Map.of("web.https", NO_REDIRECT)));

        assertThat(item(outcome, "Plain HTTP never serves pages").claims()).extracting(ClaimVerdict::id).containsExactly("web.https");
        assertThat(item(outcome, "Plain HTTP never serves pages").status()).isEqualTo(Status.FAIL);
    }

    @Test
    void givesAnOfferedClaimThatBindsNoItemAnItemOfItsOwn() throws Exception {
        Outcome outcome = run("- [ ] Site is up\n", "web: {}", web(UP, Map.of("web.https", NO_REDIRECT)));

        ItemResult extra = item(outcome, "HTTPS enforced");
        assertThat(extra.item().section()).isEqualTo("Not on the checklist");
        assertThat(extra.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.items()).extracting(i -> i.item().text()).containsExactly("Site is up", "HTTPS enforced");
    }

    @Test
    void putsAnOfferedClaimBesideTheCatalogsItemsWhenThereIsNoChecklist() throws Exception {
        Engine engine = Engine.of(List.of(web(UP, Map.of("web.https", NO_REDIRECT))));
        ReadinessConfig config = new ReadinessConfig(null, null, Map.of("web", new YAMLMapper().createObjectNode()), null, null, null,
                Set.of(), Set.of(), false);

        Outcome outcome = engine.run(engine.plan(config, dir), CheckContext.builder(dir).build(), Redactor.none());

        assertThat(outcome.items()).extracting(i -> i.item().section(), i -> i.item().text())
                .containsExactly(tuple("Readiness checks", "Site is up"), tuple("Readiness checks", "HTTPS enforced"));
    }

    @Test
    void tellsTheCheckWhichClaimsAreBoundSoItOffersOptionalOnesWhenAsked() throws Exception {
        Function<CheckContext, Result> e2eWhenBound = context -> context.isBound("web.e2e")
                ? UP.withClaim("web.e2e", Result.error("no endToEndReports are configured").build()) : UP;

        Outcome unasked = run("- [ ] Site is up\n", "web: {}", new ClaimedCheck(e2eWhenBound));
        Outcome asked = run("- [ ] Site is up\n- [ ] End-to-end tests pass\n", "web: {}", new ClaimedCheck(e2eWhenBound));

        assertThat(unasked.items()).hasSize(1);
        assertThat(item(asked, "End-to-end tests pass").status()).isEqualTo(Status.ERROR);
    }

    @Test
    void anItemBoundToAClaimTheCheckGaveNoVerdictOnIsAnError() throws Exception {
        Outcome outcome = run(CHECKLIST, "web: {}", web(UP, Map.of("web.csrf", COOKIES_OK)));

        ItemResult https = item(outcome, "HTTPS enforced");
        assertThat(https.status()).isEqualTo(Status.ERROR);
        assertThat(https.evidence()).isEqualTo("check 'web' gave no verdict on its claim 'web.https'");
    }

    @Test
    void everyBoundClaimOfACheckThatCouldNotRunTakesItsError() throws Exception {
        Outcome outcome = run(CHECKLIST, "web: {}", new ClaimedCheck(context -> {
            throw new IllegalStateException("boom");
        }));

        assertThat(outcome.items()).extracting(ItemResult::status).containsExactly(Status.ERROR, Status.ERROR, Status.ERROR);
        assertThat(item(outcome, "HTTPS enforced").evidence()).isEqualTo("check 'web' crashed: IllegalStateException: boom");
    }

    @Test
    void aVerdictOnAnUndeclaredClaimMakesTheCheckAnError() throws Exception {
        Outcome outcome = run("- [ ] Site is up\n", "web: {}", web(UP, Map.of("web.dns", UP)));

        assertThat(item(outcome, "Site is up").status()).isEqualTo(Status.ERROR);
        assertThat(item(outcome, "Site is up").evidence()).isEqualTo("check 'web' returned a verdict on 'web.dns', which is not one "
                + "of its other claims (web.https, web.csrf, web.e2e)");
    }

    @Test
    void rejectsACheckWhoseClaimsDoNotStartWithItsMainClaim() {
        Check<?> wrong = new ClaimedCheck(context -> UP) {
            @Override
            public List<Claim> claims() {
                return List.of(Claim.settles("web.https", "https", List.of()));
            }
        };
        assertThatThrownBy(() -> run("- [ ] Site is up\n", "web: {}", wrong))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("check 'web' (").hasMessageEndingWith(") must declare its main claim, with the id 'web', first");
    }

    @Test
    void holdsARatioClaimToAStricterFigureTheChecklistStates() throws Exception {
        Result lowButConfigured = Result.pass("line coverage is 22.4% (224 of 1000 lines), meeting the minimum of 20.0%")
                .measure(new Measure("line coverage", Ratio.of(224, 1000), Ratio.parse("20%"))).build();

        Outcome outcome = run("- [ ] Test coverage meets minimum threshold (>80%)\n", "coverage: {}",
                FixedCheck.returning("coverage", lowButConfigured, "Test coverage meets minimum threshold"));

        ItemResult coverage = outcome.items().get(0);
        assertThat(coverage.status()).isEqualTo(Status.FAIL);
        assertThat(coverage.evidence()).isEqualTo("line coverage is 22.4%: the checklist asks for 80%, the configured minimum is 20%");
        assertThat(coverage.claims()).extracting(ClaimVerdict::status).containsExactly(Status.PASS);
        assertThat(outcome.passed()).isFalse();
    }

    @Test
    void readsTheChecklistFigureAsAnInclusiveMinimumComparedExactly() throws Exception {
        Result exactly = Result.pass("line coverage is 66.67% (6667 of 10000 lines), meeting the minimum of 60.0%")
                .measure(new Measure("line coverage", Ratio.of(6667, 10000), Ratio.parse("60%"))).build();

        Outcome outcome = run("- [ ] Test coverage meets minimum threshold: at least 66.67 %\n", "coverage: {}",
                FixedCheck.returning("coverage", exactly, "Test coverage meets minimum threshold"));

        assertThat(outcome.items().get(0).status()).isEqualTo(Status.PASS);
        assertThat(outcome.items().get(0).evidence()).isEqualTo("line coverage is 66.67% (6667 of 10000 lines), meeting the minimum of 60.0% "
                + "(line coverage is 66.67%: the checklist asks for 66.67%, the configured minimum is 60%)");
    }

    @Test
    void aLooserChecklistFigureNeverPassesWhatTheConfigurationFails() throws Exception {
        Result belowConfigured = Result.fail("line coverage is 75.0% (750 of 1000 lines), but expected minimum is 90.0%")
                .measure(new Measure("line coverage", Ratio.of(750, 1000), Ratio.parse("90%"))).build();

        Outcome outcome = run("- [ ] Test coverage meets minimum threshold (>70%)\n", "coverage: {}",
                FixedCheck.returning("coverage", belowConfigured, "Test coverage meets minimum threshold"));

        assertThat(outcome.items().get(0).status()).isEqualTo(Status.FAIL);
        assertThat(outcome.items().get(0).evidence()).isEqualTo("line coverage is 75.0% (750 of 1000 lines), but expected minimum is 90.0% "
                + "(line coverage is 75.0%: the checklist asks for 70%, the configured minimum is 90%)");
    }
}

package dev.readiness.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.readiness.check.Check;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineTest {

    /**
     * The heavy libraries only some checks use: finding every check (which a run does, whatever is configured) must load
     * none of them. JGit's jar is signed: its first class costs the check of a 220 KB signature file. (JaCoCo's core is
     * not listed: the coverage check's class names three of its small types, a few milliseconds.)
     */
    private static final List<String> HEAVY_LIBRARIES = List.of("org.eclipse.jgit.", "io.swagger.", "org.jsoup.", "org.xbill.",
            "org.apache.commons.csv.", "org.HdrHistogram.", "okhttp3.", "okio.", "kotlin.", "org.commonmark.");

    @Test
    void discoveringEveryCheckLoadsNoHeavyLibrary() throws Exception {
        List<String> requested = Collections.synchronizedList(new ArrayList<>());
        List<URL> path = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            path.add(Path.of(entry).toUri().toURL());
        }
        int found;
        try (URLClassLoader isolated = new URLClassLoader(path.toArray(URL[]::new), ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                requested.add(name);
                return super.loadClass(name, resolve);
            }
        }) {
            Class<?> engine = isolated.loadClass(Engine.class.getName());
            Object discovered = engine.getMethod("discover", ClassLoader.class).invoke(null, isolated);
            found = ((Map<?, ?>) engine.getMethod("available").invoke(discovered)).size();
        }

        assertThat(found).isEqualTo(Engine.discover(getClass().getClassLoader()).available().size()).isGreaterThan(20);
        assertThat(requested).noneMatch(name -> HEAVY_LIBRARIES.stream().anyMatch(name::startsWith));
    }

    @TempDir
    Path dir;

    private static final Result PASSED = Result.pass("all good").build();
    private static final Result FAILED = Result.fail("line coverage is 76.4%, but expected minimum is 80.0%").remedy("add tests").build();

    private Engine engine(Check<?>... checks) {
        return Engine.of(List.of(checks));
    }

    private static Map<String, JsonNode> checks(String yaml) throws Exception {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        new YAMLMapper().readTree(yaml).fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue()));
        return map;
    }

    private ReadinessConfig config(Path checklist, String checksYaml) throws Exception {
        return new ReadinessConfig(checklist, checklist == null ? null : checklist.getFileName().toString(), checks(checksYaml),
                null, null, null, Set.of(), Set.of(), false);
    }

    private Outcome run(Engine engine, ReadinessConfig config, CheckContext context) throws ConfigurationException {
        return engine.run(engine.plan(config, dir), context, Redactor.none());
    }

    private CheckContext context() {
        return CheckContext.builder(dir).build();
    }

    @Test
    void passesWhenEveryConfiguredCheckPassesAndListsOneCatalogItemPerCheck() throws Exception {
        Outcome outcome = run(engine(FixedCheck.returning("alpha", PASSED, "Alpha works"), FixedCheck.returning("beta", PASSED)),
                config(null, "alpha: {}\nbeta: {}"), context());

        assertThat(outcome.passed()).isTrue();
        assertThat(outcome.items()).extracting(i -> i.item().text(), ItemResult::status, ItemResult::level)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Alpha works", Status.PASS, Level.REQUIRED),
                        org.assertj.core.groups.Tuple.tuple("returns a fixed result", Status.PASS, Level.REQUIRED));
    }

    @Test
    void failsOnAnUnmetRequiredItemWithOneLineNamingIt() throws Exception {
        Outcome outcome = run(engine(FixedCheck.returning("coverage", FAILED, "Test coverage meets minimum threshold")),
                config(null, "coverage: {}"), context());

        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.failures()).containsExactly(
                "FAIL Test coverage meets minimum threshold: line coverage is 76.4%, but expected minimum is 80.0%");
    }

    @Test
    void onlyWarnsOnAnUnmetRecommendedItemUnlessWarningsFail() throws Exception {
        Engine engine = engine(FixedCheck.returning("coverage", FAILED));
        ReadinessConfig config = config(null, "coverage: {level: RECOMMENDED}");

        Outcome outcome = run(engine, config, context());
        assertThat(outcome.passed()).isTrue();
        assertThat(outcome.warnings()).hasSize(1);

        ReadinessConfig strict = new ReadinessConfig(null, null, config.checks(), null, null, null, Set.of(), Set.of(), true);
        assertThat(run(engine, strict, context()).passed()).isFalse();
    }

    @Test
    void bindsTheRealChecklistByPhrasesAndMarkersAndKeepsTheRestManual() throws Exception {
        Path checklist = Files.writeString(dir.resolve("ready.md"),
                Files.readString(ChecklistParserTest.realChecklist()).replace("- [ ] Code review completed",
                        "- [ ] Code review completed <!-- readiness: review -->"));
        Outcome outcome = run(engine(FixedCheck.returning("tests", PASSED, "All unit tests pass", "Integration tests pass"),
                        FixedCheck.returning("review", PASSED), FixedCheck.returning("health", PASSED, "Health checks verified")),
                config(checklist, "tests: {}\nreview: {}"), context());

        Map<String, ItemResult> byText = new LinkedHashMap<>();
        outcome.items().forEach(i -> byText.put(i.item().text(), i));
        assertThat(outcome.items()).hasSize(129);
        assertThat(byText.get("All unit tests pass").checks()).containsExactly("tests");
        assertThat(byText.get("Integration tests pass").checks()).containsExactly("tests");
        assertThat(byText.get("End-to-end tests pass").status()).isEqualTo(Status.MANUAL);
        assertThat(byText.get("Code review completed").checks()).containsExactly("review");
        ItemResult health = byText.get("Health checks verified");
        assertThat(health.status()).isEqualTo(Status.MANUAL);
        assertThat(health.level()).isEqualTo(Level.INFO);
        assertThat(health.couldBeVerifiedBy()).extracting(dev.readiness.check.Claim::id).containsExactly("health");
        assertThat(health.evidence()).isEqualTo("verified by a person; the check health could verify it if configured");
    }

    @Test
    void addsAnItemForAConfiguredCheckThatBindsNoLineOfTheChecklist() throws Exception {
        Path checklist = Files.writeString(dir.resolve("ready.md"), "# Ours\n- [ ] Docs written\n");
        Outcome outcome = run(engine(FixedCheck.returning("coverage", FAILED, "Test coverage meets minimum threshold")),
                config(checklist, "coverage: {}"), context());

        assertThat(outcome.items()).extracting(i -> i.item().section(), i -> i.item().text(), ItemResult::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("", "Docs written", Status.MANUAL),
                        org.assertj.core.groups.Tuple.tuple("Not on the checklist", "Test coverage meets minimum threshold", Status.FAIL));
        assertThat(outcome.passed()).isFalse();
    }

    @Test
    void bindsAnItemNamedInTheCheckConfiguration() throws Exception {
        Path checklist = Files.writeString(dir.resolve("ready.md"), "- [ ] Docs written\n- [ ] Backups tested\n");
        Outcome outcome = run(engine(FixedCheck.returning("backup", PASSED)),
                config(checklist, "backup: {items: [backups-tested]}"), context());

        assertThat(outcome.items().get(1).checks()).containsExactly("backup");
        assertThat(outcome.items()).hasSize(2);
    }

    @Test
    void rejectsAnItemReferenceThatNamesNoItem() throws Exception {
        Path checklist = Files.writeString(dir.resolve("ready.md"), "- [ ] Docs written\n");
        assertThatThrownBy(() -> engine(FixedCheck.returning("backup", PASSED)).plan(config(checklist, "backup: {items: [backups-tested]}"), dir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("backup.items: 'backups-tested' is no item of checklist ready.md; name an item by its key "
                        + "(a slug of its text, as readiness.json lists) or by its text");
    }

    @Test
    void takesTheWorstStatusOfAnItemsChecks() throws Exception {
        Result error = Result.error("no JaCoCo execution data").build();
        Outcome outcome = run(engine(FixedCheck.returning("a", PASSED, "Shared phrase"), FixedCheck.returning("b", error, "Shared phrase"),
                        FixedCheck.returning("c", Result.skipped("off").build(), "Shared phrase")),
                config(Files.writeString(dir.resolve("c.md"), "- [ ] Shared phrase\n"), "a: {}\nb: {}\nc: {}"), context());

        assertThat(outcome.items().get(0).status()).isEqualTo(Status.ERROR);
        assertThat(outcome.items().get(0).evidence()).isEqualTo("b: no JaCoCo execution data");
    }

    @Test
    void turnsACrashIntoAnErrorWithTheMessage() throws Exception {
        Check<?> crashing = new FixedCheck("boom", List.of(), () -> {
            throw new IllegalStateException("disk on fire");
        }, false);
        Outcome outcome = run(engine(crashing), config(null, "boom: {}"), context());

        Result result = outcome.check("boom").result();
        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("check 'boom' crashed: IllegalStateException: disk on fire");
        assertThat(outcome.passed()).isFalse();
    }

    @Test
    void stopsWaitingForACheckAtItsTimeLimit() throws Exception {
        ReadinessConfig config = new ReadinessConfig(null, null, checks("slow: {delay: 30s}\nquick: {}"), null, null,
                Duration.ofMillis(300), Set.of(), Set.of(), false);
        Outcome outcome = run(engine(FixedCheck.returning("slow", PASSED), FixedCheck.returning("quick", PASSED)), config, context());

        assertThat(outcome.check("slow").result().status()).isEqualTo(Status.ERROR);
        assertThat(outcome.check("slow").result().summary()).isEqualTo("check 'slow' did not finish within the time limit of 300ms (checkTimeout)");
        assertThat(outcome.check("quick").result().status()).isEqualTo(Status.PASS);
    }

    @Test
    void runsACheckThatLoadsTheTargetAfterAllTheOthersHaveFinished() throws Exception {
        AtomicBoolean probesDone = new AtomicBoolean();
        AtomicBoolean burstAfterProbes = new AtomicBoolean();
        Check<?> probes = new FixedCheck("probes", List.of(), () -> {
            probesDone.set(true);
            return PASSED;
        }, false);
        Check<?> burst = new FixedCheck("burst", List.of(), () -> {
            burstAfterProbes.set(probesDone.get());
            return PASSED;
        }, false).loadingTarget();
        Outcome outcome = run(engine(burst, probes), config(null, "burst: {}\nprobes: {delay: 300ms}"), context());

        assertThat(burstAfterProbes).as("the burst started after the probes had finished").isTrue();
        assertThat(outcome.checks()).extracting(CheckRun::id).containsExactly("burst", "probes");
    }

    @Test
    void skipsChecksOfBuildOutputsInAPomModule() throws Exception {
        Check<?> reader = new FixedCheck("tests", List.of(), () -> FAILED, true);
        Outcome outcome = run(engine(reader), config(null, "tests: {}"), CheckContext.builder(dir).packaging("pom").build());

        assertThat(outcome.check("tests").result().status()).isEqualTo(Status.SKIPPED);
        assertThat(outcome.check("tests").result().summary()).isEqualTo("a module of packaging pom has no build outputs of its own for 'tests' to read");
        assertThat(outcome.passed()).isTrue();
    }

    @Test
    void skipsChecksLeftOutByTheUser() throws Exception {
        ReadinessConfig config = new ReadinessConfig(null, null, checks("a: {}\nb: {}"), null, null, null, Set.of("a"), Set.of(), false);
        Outcome outcome = run(engine(FixedCheck.returning("a", PASSED), FixedCheck.returning("b", FAILED)), config, context());

        assertThat(outcome.check("b").result().summary()).isEqualTo("check 'b' was not run: not among -Dreadiness.checks=a");
        assertThat(outcome.passed()).isTrue();
    }

    @Test
    void rejectsAnUnknownCheckListingTheAvailableOnes() {
        assertThatThrownBy(() -> engine(FixedCheck.returning("coverage", PASSED), FixedCheck.returning("tests", PASSED))
                .plan(config(null, "coverag: {}"), dir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("unknown check 'coverag' (did you mean 'coverage'?); available checks: coverage, tests");
    }

    @Test
    void rejectsAnEmptyConfigurationListingTheAvailableChecks() {
        assertThatThrownBy(() -> engine(FixedCheck.returning("tests", PASSED)).plan(config(null, "{}"), dir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("no check is configured: add at least one under <checks>; available checks: tests");
    }

    @Test
    void rejectsAnUnknownLevel() {
        assertThatThrownBy(() -> engine(FixedCheck.returning("tests", PASSED)).plan(config(null, "tests: {level: MUST}"), dir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("tests.level: 'MUST' is not a level; valid levels: REQUIRED, RECOMMENDED, INFO");
    }

    @Test
    void rejectsAnHttpTimeoutThatWouldNotBoundTheCalls() throws Exception {
        ReadinessConfig config = new ReadinessConfig(null, null, checks("tests: {}"), null,
                new YAMLMapper().readTree("timeout: 0s"), null, Set.of(), Set.of(), false);

        assertThatThrownBy(() -> engine(FixedCheck.returning("tests", PASSED)).plan(config, dir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("http: timeout is 0ms, but every call needs a time limit: write one longer than 0, such as 10s"
                        + " (0 would let a call wait forever)");
    }

    @Test
    void rejectsAMarkerNamingAnUnknownClaim() throws Exception {
        Path checklist = Files.writeString(dir.resolve("c.md"), "- [ ] Fast <!-- readiness: speed -->\n");
        assertThatThrownBy(() -> engine(FixedCheck.returning("tests", PASSED)).plan(config(checklist, "tests: {}"), dir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("checklist c.md line 1 names unknown claim 'speed'; available claims: tests");
    }

    @Test
    void masksSecretsInEveryResult() throws Exception {
        Result leaky = Result.fail("got 401 with token s3cr3t-t0ken").evidence("header", "Bearer s3cr3t-t0ken")
                .finding(Finding.of("sent s3cr3t-t0ken").with("list", List.of("s3cr3t-t0ken")).build()).build();
        Engine engine = engine(FixedCheck.returning("http", leaky));
        Outcome outcome = engine.run(engine.plan(config(null, "http: {}"), dir), context(), new Redactor(Set.of("s3cr3t-t0ken")));

        Result result = outcome.check("http").result();
        assertThat(result.summary()).isEqualTo("got 401 with token ****");
        assertThat(result.evidence()).containsEntry("header", "Bearer ****");
        assertThat(result.findings().get(0).message()).isEqualTo("sent ****");
        assertThat(result.findings().get(0).evidence()).containsEntry("list", List.of("****"));
    }
}

package dev.readiness.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.readiness.check.Check;
import dev.readiness.check.CheckContext;
import dev.readiness.check.CheckLog;
import dev.readiness.check.Finding;
import dev.readiness.check.ProjectId;
import dev.readiness.check.Result;
import dev.readiness.check.Scope;
import dev.readiness.check.Status;
import dev.readiness.report.Reports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reactor: each module runs the checks of its own evidence and leaves those of the deployed service or the repository
 * to the aggregate, which runs them once and decides the checklist once from every module's results.
 */
class ReactorTest {

    @TempDir
    Path dir;

    /** Reads a module's evidence: FAILs in a module named in {@code failing}, with an advisory finding whose path names the module. */
    static final class ModuleCheck implements Check<ModuleCheck.Config> {
        record Config() {
        }

        private final Set<String> failing;

        ModuleCheck(Set<String> failing) {
            this.failing = failing;
        }

        @Override
        public String id() {
            return "scan";
        }

        @Override
        public String description() {
            return "no vulnerable dependency";
        }

        @Override
        public List<String> phrases() {
            return List.of("Dependencies scanned");
        }

        @Override
        public Class<Config> configType() {
            return Config.class;
        }

        @Override
        public boolean readsBuildOutputs() {
            return true;
        }

        @Override
        public Result run(Config config, CheckContext context) {
            String module = context.project().artifactId();
            if (!failing.contains(module)) {
                return Result.pass("nothing vulnerable in " + module).build();
            }
            return Result.fail("1 advisory in " + module)
                    .finding(Finding.of("log4j-core 2.14.1 is vulnerable").key("GHSA-jfh8-c2jp-5v3q")
                            .with("path", List.of(module, "log4j-core:2.14.1")).build())
                    .remedy("upgrade log4j-core").build();
        }
    }

    /** Reads the deployed service: counts its runs and passes. */
    static final class BuildCheck implements Check<BuildCheck.Config> {
        record Config() {
        }

        final List<Path> ranIn = new ArrayList<>();

        @Override
        public String id() {
            return "probe";
        }

        @Override
        public String description() {
            return "the service answers";
        }

        @Override
        public List<String> phrases() {
            return List.of("Health endpoint up");
        }

        @Override
        public Class<Config> configType() {
            return Config.class;
        }

        @Override
        public Scope scope() {
            return Scope.BUILD;
        }

        @Override
        public synchronized Result run(Config config, CheckContext context) {
            ranIn.add(context.basedir());
            return Result.pass("UP").build();
        }
    }

    private final BuildCheck probe = new BuildCheck();

    @BeforeEach
    void checklist() throws Exception {
        Files.writeString(dir.resolve("CHECKLIST.md"), "# Ready\n\n- [ ] Dependencies scanned\n- [ ] Health endpoint up\n");
    }

    private ReadinessConfig.Sources sources(Path basedir) {
        ReadinessConfig.Pom pom = new ReadinessConfig.Pom(basedir.relativize(dir.resolve("CHECKLIST.md")).toString(),
                List.of(new ConfigElement("scan", null, List.of()), new ConfigElement("probe", null, List.of())), null, null, null, null,
                Set.of(), Set.of(), null, null, null);
        return new ReadinessConfig.Sources(basedir, pom, null, null, null, Set.of());
    }

    private ModuleOutcome module(Engine engine, String artifactId, String packaging) throws Exception {
        Path basedir = Files.createDirectories(dir.resolve(artifactId));
        CheckContext.Builder context = CheckContext.builder(basedir).packaging(packaging).project(new ProjectId("dev.shop", artifactId, "1.0"));
        return new ModuleOutcome(context.build(), engine.verifyModule(sources(basedir), context, CheckLog.silent()));
    }

    private Outcome aggregate(Engine engine, List<ModuleOutcome> modules, List<String> notBuilt, boolean requireFullReactor) throws Exception {
        return engine.aggregate(sources(dir), CheckContext.builder(dir).packaging("pom").project(new ProjectId("dev.shop", "shop", "1.0")),
                CheckLog.silent(), modules, notBuilt, requireFullReactor);
    }

    @Test
    void aModuleLeavesBuildChecksToTheAggregateWhichRunsThemOnceAgainstTheRoot() throws Exception {
        Engine engine = Engine.of(List.of(new ModuleCheck(Set.of()), probe));
        List<ModuleOutcome> modules = List.of(module(engine, "shop", "pom"), module(engine, "core", "jar"), module(engine, "app", "jar"));

        assertThat(probe.ranIn).isEmpty();
        assertThat(modules.get(1).outcome().check("probe").result().summary())
                .isEqualTo("check 'probe' reads the deployed service or the repository as a whole: it runs once per build, in the"
                        + " reactor's aggregate (the execution root's target/readiness)");

        Outcome aggregate = aggregate(engine, modules, List.of(), false);

        assertThat(probe.ranIn).containsExactly(dir);
        assertThat(aggregate.passed()).isTrue();
        assertThat(aggregate.items()).extracting(ItemResult::status).containsExactly(Status.PASS, Status.PASS);
        assertThat(aggregate.check("scan").result().summary()).isEqualTo("met in every module (core, app)");
        assertThat(aggregate.check("scan").result().evidence().get("modules"))
                .isEqualTo(Map.of("shop", "SKIPPED", "core", "PASS", "app", "PASS"));
        assertThat(aggregate.modules()).extracting(m -> m.project().artifactId()).containsExactly("shop", "core", "app");
    }

    @Test
    void theAggregateTakesTheWorstModuleAndKeepsOneFindingPerKeyWithEveryPath() throws Exception {
        Engine engine = Engine.of(List.of(new ModuleCheck(Set.of("core", "app")), probe));
        List<ModuleOutcome> modules = List.of(module(engine, "core", "jar"), module(engine, "app", "jar"), module(engine, "web", "jar"));

        Outcome aggregate = aggregate(engine, modules, List.of(), false);

        assertThat(aggregate.passed()).isFalse();
        Result scan = aggregate.check("scan").result();
        assertThat(scan.status()).isEqualTo(Status.FAIL);
        assertThat(scan.summary()).isEqualTo("core: 1 advisory in core; app: 1 advisory in app");
        assertThat(scan.findings()).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo("GHSA-jfh8-c2jp-5v3q");
            assertThat(f.evidence().get("modules")).isEqualTo(List.of("core", "app"));
            assertThat(f.evidence().get("paths")).isEqualTo(List.of(List.of("core", "log4j-core:2.14.1"), List.of("app", "log4j-core:2.14.1")));
        });
        assertThat(aggregate.modules()).extracting(ModuleSummary::passed).containsExactly(false, false, true);
    }

    @Test
    void modulesNotBuiltAreNamedAndFailTheAggregateOnlyWhenTheFullReactorIsRequired() throws Exception {
        Engine engine = Engine.of(List.of(new ModuleCheck(Set.of()), probe));
        List<ModuleOutcome> modules = List.of(module(engine, "core", "jar"));

        Outcome lenient = aggregate(engine, modules, List.of("app", "web"), false);
        Outcome strict = aggregate(engine, modules, List.of("app", "web"), true);

        assertThat(lenient.passed()).isTrue();
        assertThat(lenient.notices()).contains("the aggregate covers the modules built in this run; not built (-pl, -rf): app, web");
        assertThat(strict.passed()).isFalse();
        assertThat(strict.failures()).contains("requireFullReactor: the modules app, web were not built, so the aggregate cannot"
                + " speak for the whole product: build the full reactor");
    }

    @Test
    void anAggregateOfTheModulesThatRanBeforeOneFailedNamesTheOthersAndFails() throws Exception {
        Engine engine = Engine.of(List.of(new ModuleCheck(Set.of("core")), probe));
        List<ModuleOutcome> modules = List.of(module(engine, "shop", "pom"), module(engine, "core", "jar"));

        Outcome partial = engine.aggregate(sources(dir), CheckContext.builder(dir).packaging("pom")
                .project(new ProjectId("dev.shop", "shop", "1.0")), CheckLog.silent(), modules, List.of(), List.of("app", "web"), false);

        assertThat(partial.passed()).isFalse();
        assertThat(partial.failures()).contains("a module failed the gate before app, web ran it, so this aggregate covers only shop,"
                + " core: fix the failing module and build the reactor again");
        assertThat(partial.modules()).extracting(m -> m.project().artifactId()).containsExactly("shop", "core");
        assertThat(probe.ranIn).containsExactly(dir);
    }

    @Test
    void theAggregateReportListsEachModulesVerdict() throws Exception {
        Engine engine = Engine.of(List.of(new ModuleCheck(Set.of("app")), probe));
        Outcome aggregate = aggregate(engine, List.of(module(engine, "core", "jar"), module(engine, "app", "jar")), List.of(), false);

        Reports.writeAll(aggregate, dir.resolve("target/readiness"), null);

        JsonNode json = new ObjectMapper().readTree(dir.resolve("target/readiness/" + Reports.JSON).toFile());
        assertThat(json.get("modules")).hasSize(2);
        assertThat(json.get("modules").get(1).get("artifactId").asText()).isEqualTo("app");
        assertThat(json.get("modules").get(1).get("verdict").asText()).isEqualTo("FAIL");
        assertThat(json.get("modules").get(1).get("summary").get("FAIL").asInt()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("target/readiness/" + Reports.MARKDOWN))).contains("| app | FAIL | 1 FAIL, 1 SKIPPED |");
    }

    @Test
    void aBuildOfOneModuleRunsEveryCheckItself() throws Exception {
        Engine engine = Engine.of(List.of(new ModuleCheck(Set.of()), probe));
        Outcome single = engine.verify(sources(dir), CheckContext.builder(dir), CheckLog.silent());

        assertThat(probe.ranIn).containsExactly(dir);
        assertThat(single.modules()).isEmpty();
        assertThat(single.items()).extracting(ItemResult::status).containsExactly(Status.PASS, Status.PASS);
    }
}

package dev.readiness.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.readiness.check.Check;
import dev.readiness.check.CheckContext;
import dev.readiness.check.CheckLog;
import dev.readiness.check.Claim;
import dev.readiness.check.Result;
import dev.readiness.check.Stage;
import dev.readiness.check.Status;
import dev.readiness.report.Reports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run is of one stage: it decides its own stage's claims and reports the others SKIPPED, naming the stage that decides them. */
class StageTest {

    @TempDir
    Path dir;

    /**
     * A check named {@code release} with one claim per stage: its main claim (build) settles "Release notes written",
     * {@code release.live} (postDeploy) settles "Smoke tests executed". It FAILs both, whatever the stage, and records the
     * stages it ran in.
     */
    static final class TwoStageCheck implements Check<TwoStageCheck.Config> {
        record Config() {
        }

        final List<Stage> ranIn = new ArrayList<>();
        private final List<Claim> claims;

        TwoStageCheck(Stage main, Stage live) {
            claims = List.of(Claim.settles("release", "the release notes are written", List.of("Release notes written")).inStage(main),
                    Claim.settles("release.live", "the deployed service answers", List.of("Smoke tests executed")).inStage(live));
        }

        @Override
        public String id() {
            return "release";
        }

        @Override
        public String description() {
            return "the release notes are written";
        }

        @Override
        public List<String> phrases() {
            return List.of("Release notes written");
        }

        @Override
        public List<Claim> claims() {
            return claims;
        }

        @Override
        public Class<Config> configType() {
            return Config.class;
        }

        @Override
        public synchronized Result run(Config config, CheckContext context) {
            ranIn.add(context.stage());
            return Result.fail("no release notes").claim("release.live", Result.fail("the service is down").build()).build();
        }
    }

    private Outcome run(Check<?> check, String pomStage, String yamlStage) throws Exception {
        Path checklist = Files.writeString(dir.resolve("CHECKLIST.md"), "# Ready\n\n- [ ] Release notes written\n- [ ] Smoke tests executed\n");
        ReadinessConfig.Pom pom = new ReadinessConfig.Pom("CHECKLIST.md", List.of(new ConfigElement(check.id(), null, List.of())), null,
                null, null, null, Set.of(), Set.of(), null, null, pomStage);
        ReadinessYaml yaml = yamlStage == null ? null
                : new ReadinessYaml(null, null, null, null, Map.of(), List.of(), null, yamlStage);
        assertThat(checklist).exists();
        return Engine.of(List.of(check)).verify(new ReadinessConfig.Sources(dir, pom, yaml, null, null, Set.of()),
                CheckContext.builder(dir), CheckLog.silent());
    }

    private static ItemResult item(Outcome outcome, String text) {
        return outcome.items().stream().filter(i -> i.item().text().equals(text)).findFirst().orElseThrow();
    }

    @Test
    void buildStageDecidesBuildClaimsAndSkipsPostDeployClaimsNamingTheirStage() throws Exception {
        TwoStageCheck check = new TwoStageCheck(Stage.BUILD, Stage.POST_DEPLOY);
        Outcome outcome = run(check, null, null);

        assertThat(outcome.stage()).isEqualTo(Stage.BUILD);
        assertThat(check.ranIn).containsExactly(Stage.BUILD);
        assertThat(outcome.check("release").claim("release").status()).isEqualTo(Status.FAIL);
        assertThat(outcome.check("release").claim("release.live").result().summary())
                .isEqualTo("'release.live' runs after deployment: mvn readiness:verify -Dreadiness.stage=postDeploy");
        assertThat(item(outcome, "Release notes written").status()).isEqualTo(Status.FAIL);
        assertThat(item(outcome, "Smoke tests executed").status()).isEqualTo(Status.SKIPPED);
        assertThat(outcome.failures()).hasSize(1);
    }

    @Test
    void postDeployStageDecidesPostDeployClaimsAndSkipsBuildClaimsNamingTheirStage() throws Exception {
        TwoStageCheck check = new TwoStageCheck(Stage.BUILD, Stage.POST_DEPLOY);
        Outcome outcome = run(check, "postDeploy", null);

        assertThat(outcome.stage()).isEqualTo(Stage.POST_DEPLOY);
        assertThat(check.ranIn).containsExactly(Stage.POST_DEPLOY);
        assertThat(outcome.check("release").claim("release").result().summary())
                .isEqualTo("'release' evaluated in the build stage: mvn verify (or mvn readiness:verify without -Dreadiness.stage)");
        assertThat(outcome.check("release").claim("release.live").status()).isEqualTo(Status.FAIL);
        assertThat(item(outcome, "Release notes written").status()).isEqualTo(Status.SKIPPED);
        assertThat(item(outcome, "Smoke tests executed").status()).isEqualTo(Status.FAIL);
        assertThat(outcome.failures()).singleElement().asString().contains("Smoke tests executed");
    }

    @Test
    void doesNotRunACheckAllOfWhoseClaimsBelongToAnotherStage() throws Exception {
        TwoStageCheck check = new TwoStageCheck(Stage.POST_DEPLOY, Stage.POST_DEPLOY);
        Outcome outcome = run(check, "build", null);

        assertThat(check.ranIn).isEmpty();
        assertThat(outcome.check("release").result().summary())
                .isEqualTo("check 'release' runs after deployment: mvn readiness:verify -Dreadiness.stage=postDeploy");
        assertThat(outcome.check("release").claims()).extracting(ClaimVerdict::status).containsOnly(Status.SKIPPED);
        assertThat(item(outcome, "Release notes written").status()).isEqualTo(Status.SKIPPED);
        assertThat(item(outcome, "Smoke tests executed").status()).isEqualTo(Status.SKIPPED);
        assertThat(outcome.passed()).isTrue();
    }

    @Test
    void takesTheStageFromReadinessYamlUnlessThePomSetsIt() throws Exception {
        assertThat(run(new TwoStageCheck(Stage.BUILD, Stage.POST_DEPLOY), null, "postDeploy").stage()).isEqualTo(Stage.POST_DEPLOY);
        assertThat(run(new TwoStageCheck(Stage.BUILD, Stage.POST_DEPLOY), "build", "postDeploy").stage()).isEqualTo(Stage.BUILD);
    }

    @Test
    void rejectsAnUnknownStageNamingTheValidOnes() {
        assertThatThrownBy(() -> run(new TwoStageCheck(Stage.BUILD, Stage.POST_DEPLOY), "postdeploy", null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("stage: 'postdeploy' is not a stage (did you mean 'postDeploy'?); valid stages: build, postDeploy"
                        + " (build before deployment, postDeploy against the deployed service)");
        assertThatThrownBy(() -> run(new TwoStageCheck(Stage.BUILD, Stage.POST_DEPLOY), null, "deploy"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("readiness.yaml: stage: 'deploy' is not a stage");
    }

    @Test
    void readsTheStageFromReadinessYaml() throws Exception {
        Files.writeString(dir.resolve(ReadinessYaml.FILE), "stage: postDeploy\n");
        assertThat(ReadinessYaml.read(dir.resolve(ReadinessYaml.FILE)).stage()).isEqualTo("postDeploy");
    }

    @Test
    void aClaimIsOfTheBuildStageUnlessDeclaredOtherwise() {
        Claim claim = Claim.settles("web", "answers", List.of("Site is up"));
        assertThat(claim.stage()).isEqualTo(Stage.BUILD);
        assertThat(new Claim("web", "answers", List.of(), dev.readiness.check.Strength.SUPPORTS).stage()).isEqualTo(Stage.BUILD);
        assertThat(claim.inStage(Stage.POST_DEPLOY)).isEqualTo(new Claim("web", "answers", List.of("Site is up"),
                dev.readiness.check.Strength.SETTLES, Stage.POST_DEPLOY));
    }

    @Test
    void reportsNameTheStage() throws Exception {
        Outcome outcome = run(new TwoStageCheck(Stage.BUILD, Stage.POST_DEPLOY), "postDeploy", null);
        Reports.writeAll(outcome, dir.resolve("out"), null);

        JsonNode json = new ObjectMapper().readTree(dir.resolve("out").resolve(Reports.JSON).toFile());
        assertThat(json.get("stage").asText()).isEqualTo("postDeploy");
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).startsWith("schema", "project", "stage", "verdict");
        assertThat(Files.readString(dir.resolve("out").resolve(Reports.MARKDOWN))).contains("` in the postDeploy stage — ");
    }
}

package dev.readiness.engine;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Claims about production are decided only when the target is marked as production; elsewhere they are SKIPPED, never PASS. */
class EnvironmentTest {

    @TempDir
    Path dir;

    /**
     * A post-deployment check named {@code deployed}: its main claim, about production, settles "Application deployed to
     * production"; {@code deployed.demo}, about any target, settles "Demo environment updated". It passes both.
     */
    static final class DeployedCheck implements Check<DeployedCheck.Config> {
        record Config() {
        }

        @Override
        public String id() {
            return "deployed";
        }

        @Override
        public String description() {
            return "the service runs this build";
        }

        @Override
        public List<String> phrases() {
            return List.of("Application deployed to production");
        }

        @Override
        public List<Claim> claims() {
            return List.of(Claim.settles("deployed", description(), phrases()).inStage(Stage.POST_DEPLOY).inProduction(),
                    Claim.settles("deployed.demo", "the demo runs this build", List.of("Demo environment updated"))
                            .inStage(Stage.POST_DEPLOY));
        }

        @Override
        public Class<Config> configType() {
            return Config.class;
        }

        @Override
        public Result run(Config config, CheckContext context) {
            return Result.pass("1.4.2 is deployed").claim("deployed.demo", Result.pass("1.4.2 is on the demo").build()).build();
        }
    }

    private Outcome run(String pomEnvironment, String yamlEnvironment) throws Exception {
        Files.writeString(dir.resolve("CHECKLIST.md"), "# Ready\n\n- [ ] Application deployed to production\n- [ ] Demo environment updated\n");
        ReadinessConfig.Pom pom = new ReadinessConfig.Pom("CHECKLIST.md", List.of(new ConfigElement("deployed", null, List.of())), null,
                null, null, null, Set.of(), Set.of(), null, null, "postDeploy", pomEnvironment);
        ReadinessYaml yaml = yamlEnvironment == null ? null
                : new ReadinessYaml(null, null, null, null, Map.of(), List.of(), null, null, yamlEnvironment);
        return Engine.of(List.of(new DeployedCheck())).verify(new ReadinessConfig.Sources(dir, pom, yaml, null, null, Set.of()),
                CheckContext.builder(dir), CheckLog.silent());
    }

    private static ItemResult item(Outcome outcome, String text) {
        return outcome.items().stream().filter(i -> i.item().text().equals(text)).findFirst().orElseThrow();
    }

    @Test
    void skipsAClaimAboutProductionWhenTheTargetIsNotMarkedAsProduction() throws Exception {
        Outcome outcome = run("staging", null);

        assertThat(outcome.check("deployed").claim("deployed").result().summary()).isEqualTo("'deployed' is about production,"
                + " and the target is not marked as production: set <environment>production</environment>");
        assertThat(item(outcome, "Application deployed to production").status()).isEqualTo(Status.SKIPPED);
        assertThat(item(outcome, "Demo environment updated").status()).isEqualTo(Status.PASS);
    }

    @Test
    void skipsAClaimAboutProductionWhenNoEnvironmentIsConfigured() throws Exception {
        Outcome outcome = run(null, null);

        assertThat(outcome.environment()).isNull();
        assertThat(item(outcome, "Application deployed to production").status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void decidesAClaimAboutProductionWhenTheTargetIsProduction() throws Exception {
        Outcome outcome = run("production", null);

        assertThat(item(outcome, "Application deployed to production").status()).isEqualTo(Status.PASS);
        assertThat(item(outcome, "Demo environment updated").status()).isEqualTo(Status.PASS);
    }

    @Test
    void takesTheEnvironmentFromReadinessYamlUnlessThePomSetsIt() throws Exception {
        assertThat(item(run(null, "production"), "Application deployed to production").status()).isEqualTo(Status.PASS);
        assertThat(item(run("staging", "production"), "Application deployed to production").status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void readsTheEnvironmentFromReadinessYaml() throws Exception {
        Files.writeString(dir.resolve(ReadinessYaml.FILE), "environment: production\n");
        assertThat(ReadinessYaml.read(dir.resolve(ReadinessYaml.FILE)).environment()).isEqualTo("production");
    }

    @Test
    void aClaimIsAboutAnyTargetUnlessDeclaredAboutProduction() {
        Claim claim = Claim.settles("web", "answers", List.of("Site is up"));
        assertThat(claim.aboutProduction()).isFalse();
        assertThat(claim.inProduction().aboutProduction()).isTrue();
        assertThat(claim.inProduction().inStage(Stage.POST_DEPLOY).aboutProduction()).isTrue();
    }

    @Test
    void theJsonReportNamesTheEnvironmentNextToTheStage() throws Exception {
        Reports.writeAll(run("staging", null), dir.resolve("out"), null);

        JsonNode json = new ObjectMapper().readTree(dir.resolve("out").resolve(Reports.JSON).toFile());
        assertThat(json.get("stage").asText()).isEqualTo("postDeploy");
        assertThat(json.get("environment").asText()).isEqualTo("staging");
    }
}

package dev.readiness.checks.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.readiness.check.CheckContext;
import dev.readiness.check.Claim;
import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import dev.readiness.check.Strength;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code pipeline} check on pipelines written as real projects write them: a GitHub workflow that builds with
 * {@code ./mvnw -B verify} and deploys to staging then production ({@code github/}), a {@code .gitlab-ci.yml} with
 * anchors, {@code extends} and workflow rules ({@code gitlab/}), a declarative {@code Jenkinsfile} ({@code jenkins/});
 * the CI variables come from a map, never from the test's own environment.
 */
class PipelineCheckTest {

    private static final Map<String, String> GITHUB_CI = Map.of("CI", "true", "GITHUB_ACTIONS", "true", "GITHUB_WORKFLOW", "CI",
            "GITHUB_WORKFLOW_REF", "octo/shop/.github/workflows/ci.yml@refs/heads/main");

    @TempDir
    Path dir;

    private Result run(Map<String, String> env) throws IOException {
        Files.createDirectories(dir.resolve(".git"));
        return new PipelineCheck(env::get).run(new PipelineConfig(), CheckContext.builder(dir).build());
    }

    private void fixture(String name) throws IOException, URISyntaxException {
        Path from = Path.of(getClass().getResource(name).toURI());
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path to = dir.resolve(from.relativize(file).toString());
                Files.createDirectories(to.getParent());
                Files.copy(file, to);
            }
        }
    }

    private void write(String path, String text) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void declaresItsClaimsWithTheChecklistsExactWording() {
        assertThat(new PipelineCheck().claims()).extracting(Claim::id, Claim::strength, Claim::phrases).containsExactly(
                tuple("pipeline", Strength.SETTLES, List.of("CI pipeline configured and tested")),
                tuple("pipeline.cd", Strength.SUPPORTS, List.of("CD pipeline configured and tested")),
                tuple("pipeline.promotion", Strength.SUPPORTS, List.of("Environment promotion workflow defined")));
    }

    // --- GitHub Actions ------------------------------------------------------------------------------------------------

    @Test
    void passesWhenTheGateRunsInsideTheWorkflowThatBuildsPushesAndPullRequests() throws Exception {
        fixture("github");

        Result result = run(GITHUB_CI);

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo("the gate runs inside .github/workflows/ci.yml (GitHub Actions,"
                + " GITHUB_WORKFLOW_REF=octo/shop/.github/workflows/ci.yml@refs/heads/main, GITHUB_WORKFLOW=CI), which runs"
                + " ./mvnw -B verify (job build) on push, pull_request");
        assertThat(result.evidence()).containsEntry("running", ".github/workflows/ci.yml").containsKeys("ci", "pipelines", "root");
        assertThat(result.claims().get(PipelineCheck.CD).status()).isEqualTo(Status.PASS);
        assertThat(result.claims().get(PipelineCheck.CD).summary()).isEqualTo("each of the 2 deploy jobs waits for the Maven build:"
                + " deploy-staging after build; deploy-production after build");
        assertThat(result.claims().get(PipelineCheck.PROMOTION).status()).isEqualTo(Status.PASS);
        assertThat(result.claims().get(PipelineCheck.PROMOTION).summary())
                .isEqualTo("production deploys only after staging: deploy-production after deploy-staging");
    }

    @Test
    void isSkippedOutsideCiWhileTheDeployClaimsAreStillDecided() throws Exception {
        fixture("github");

        Result result = run(Map.of());

        assertThat(result.status()).isEqualTo(Status.SKIPPED);
        assertThat(result.summary()).isEqualTo("not running in CI: the claim is decided by the gate's run inside the pipeline"
                + " (.github/workflows/ci.yml runs ./mvnw -B verify (job build) on push, pull_request)");
        assertThat(result.claims().get(PipelineCheck.CD).status()).isEqualTo(Status.PASS);
    }

    @Test
    void isSkippedInAnotherWorkflowOfTheRepository() throws Exception {
        fixture("github");

        Result result = run(Map.of("GITHUB_ACTIONS", "true", "GITHUB_WORKFLOW_REF", "octo/shop/.github/workflows/codeql.yml@refs/heads/main"));

        assertThat(result.status()).isEqualTo(Status.SKIPPED);
        assertThat(result.summary()).isEqualTo("this run is in .github/workflows/codeql.yml, which does not build pushes and pull"
                + " requests; the claim is decided by the gate's run inside .github/workflows/ci.yml");
    }

    @Test
    void matchesTheWorkflowByItsNameWhenNoRefIsGiven() throws Exception {
        fixture("github");

        assertThat(run(Map.of("GITHUB_ACTIONS", "true", "GITHUB_WORKFLOW", "CI")).status()).isEqualTo(Status.PASS);
    }

    @Test
    void reportsErrorWhenTheEnvironmentNamesNoPipelineFileRead() throws Exception {
        fixture("github");

        Result result = run(Map.of("GITHUB_ACTIONS", "true", "GITHUB_WORKFLOW_REF", "octo/shop/.github/workflows/gone.yml@refs/heads/main"));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("running in GitHub Actions, but the environment (GITHUB_WORKFLOW_REF="
                + "octo/shop/.github/workflows/gone.yml@refs/heads/main) names no pipeline file read (.github/workflows/ci.yml,"
                + " .github/workflows/codeql.yml)");
    }

    @Test
    void reportsErrorInACiSystemItCannotRead() throws Exception {
        fixture("github");

        Result result = run(Map.of("CI", "true"));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).startsWith("running in CI (CI=true), but not in GitHub Actions, GitLab CI or Jenkins");
    }

    @Test
    void failsWhenNoPipelineFileExistsNamingTheFilesLookedFor() throws Exception {
        Result result = run(GITHUB_CI);

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("no CI pipeline: none of .github/workflows/*.yml, .github/workflows/*.yaml,"
                + " .gitlab-ci.yml, Jenkinsfile exists in the repository root");
        assertThat(result.remedy()).contains("on: [push, pull_request]", "./mvnw -B verify");
        assertThat(result.claims().get(PipelineCheck.CD).status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void failsWhenTheWorkflowDoesNotBuildPullRequests() throws Exception {
        write(".github/workflows/build.yaml", """
                name: Build
                on:
                  push:
                    branches: [main]
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - uses: actions/setup-java@v4
                        with: {distribution: temurin, java-version: '17', cache: maven}
                      - run: mvn -B clean install
                """);

        Result result = run(GITHUB_CI);

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.findings()).extracting(Finding::key, Finding::location, Finding::message).containsExactly(tuple(
                ".github/workflows/build.yaml:not-on-pull-requests", ".github/workflows/build.yaml:6",
                ".github/workflows/build.yaml runs mvn -B clean install (job build) but not on pull requests (push);"
                        + " add pull_request under on:"));
    }

    @Test
    void failsWhenNoJobRunsTheMavenBuildOrItSkipsTheTests() throws Exception {
        write(".github/workflows/ci.yml", """
                on: [push, pull_request]
                jobs:
                  package:
                    runs-on: ubuntu-latest
                    steps:
                      - run: ./mvnw -B -DskipTests package
                """);

        Result result = run(GITHUB_CI);

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.findings()).extracting(Finding::key).containsExactly(".github/workflows/ci.yml:no-maven-build");
    }

    @Test
    void failsTheCdClaimOnADeployJobThatDoesNotWaitForTheBuild() throws Exception {
        write(".github/workflows/ci.yml", """
                on: [push, pull_request]
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - run: ./mvnw -B verify
                  deploy-staging:
                    needs: build
                    environment: staging
                    runs-on: ubuntu-latest
                    steps:
                      - run: ./deploy.sh staging
                  deploy-production:
                    environment: production
                    runs-on: ubuntu-latest
                    steps:
                      - run: ./deploy.sh production
                """);

        Result result = run(GITHUB_CI);

        assertThat(result.status()).isEqualTo(Status.PASS);
        Result cd = result.claims().get(PipelineCheck.CD);
        assertThat(cd.status()).isEqualTo(Status.FAIL);
        assertThat(cd.findings()).extracting(Finding::key, Finding::location, Finding::message).containsExactly(tuple(
                ".github/workflows/ci.yml:deploy-production:deploys-without-build", ".github/workflows/ci.yml:14",
                "deploy job deploy-production (environment production) in .github/workflows/ci.yml:14 does not wait for the"
                        + " Maven build: add needs: [build]"));
        Result promotion = result.claims().get(PipelineCheck.PROMOTION);
        assertThat(promotion.status()).isEqualTo(Status.FAIL);
        assertThat(promotion.findings()).extracting(Finding::message).containsExactly("production deploy deploy-production"
                + " (environment production) in .github/workflows/ci.yml:14 does not wait for the staging deploy deploy-staging:"
                + " add needs: [deploy-staging]");
    }

    @Test
    void skipsTheDeployClaimsWhenNoJobDeploys() throws Exception {
        write(".github/workflows/ci.yml", """
                on:
                  push:
                  pull_request:
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - run: ./mvnw -B verify
                """);

        Result result = run(GITHUB_CI);

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.claims().get(PipelineCheck.CD).status()).isEqualTo(Status.SKIPPED);
        assertThat(result.claims().get(PipelineCheck.CD).summary())
                .isEqualTo("no deploy job (one with an environment:, or deploy in its name) in .github/workflows/ci.yml");
        assertThat(result.claims().get(PipelineCheck.PROMOTION).status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void creditsAJobThatCallsALocalReusableWorkflowAndADeployAfterAWorkflowRun() throws Exception {
        write(".github/workflows/ci.yml", """
                name: CI
                on: [push, pull_request]
                jobs:
                  build:
                    uses: ./.github/workflows/maven.yml
                """);
        write(".github/workflows/maven.yml", """
                on: workflow_call
                jobs:
                  verify:
                    runs-on: ubuntu-latest
                    steps:
                      - run: ./mvnw -B verify
                """);
        write(".github/workflows/deploy.yml", """
                on:
                  workflow_run:
                    workflows: [CI]
                    types: [completed]
                jobs:
                  deploy:
                    environment: production
                    runs-on: ubuntu-latest
                    steps:
                      - run: ./deploy.sh production
                """);

        Result result = run(GITHUB_CI);

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).endsWith("which runs ./mvnw -B verify (in .github/workflows/maven.yml) (job build) on push, pull_request");
        assertThat(result.claims().get(PipelineCheck.CD).summary())
                .isEqualTo("each of the 1 deploy job waits for the Maven build: deploy after workflow CI (workflow_run)");
    }

    // --- GitLab CI and Jenkins ------------------------------------------------------------------------------------------

    @Test
    void passesInGitLabWithAnchorsExtendsAndWorkflowRules() throws Exception {
        fixture("gitlab");

        Result result = run(Map.of("GITLAB_CI", "true", "CI", "true", "CI_CONFIG_PATH", ".gitlab-ci.yml"));

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo("the gate runs inside .gitlab-ci.yml (GitLab CI, CI_CONFIG_PATH=.gitlab-ci.yml), which"
                + " runs mvn $MAVEN_CLI_OPTS verify (job verify) on verify: branches and merge requests");
        assertThat(result.claims().get(PipelineCheck.CD).summary()).isEqualTo("each of the 2 deploy jobs waits for the Maven build:"
                + " deploy-staging after verify; deploy-production after verify");
        assertThat(result.claims().get(PipelineCheck.PROMOTION).status()).isEqualTo(Status.PASS);
    }

    @Test
    void failsInGitLabWhenTheBuildRunsOnlyOnTheDefaultBranch() throws Exception {
        write(".gitlab-ci.yml", """
                build:
                  image: maven:3.9-eclipse-temurin-17
                  script: mvn -B verify
                  rules:
                    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
                """);

        Result result = run(Map.of());

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.findings()).extracting(Finding::location, Finding::message).containsExactly(tuple(".gitlab-ci.yml:1",
                ".gitlab-ci.yml runs mvn -B verify (job build) but not on pull requests (build: branches only); add rules that run"
                        + " it for $CI_COMMIT_BRANCH and $CI_PIPELINE_SOURCE == \"merge_request_event\" (or remove the rules)"));
    }

    @Test
    void passesInAJenkinsMultibranchJobWithItsDeclarativeStagesInOrder() throws Exception {
        fixture("jenkins");

        Result result = run(Map.of("JENKINS_URL", "https://ci.example.com/", "JOB_NAME", "shop/main"));

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo("the gate runs inside Jenkinsfile (Jenkins, JOB_NAME=shop/main), which runs ./mvnw -B"
                + " verify (stage Verify) on Multibranch Pipeline (assumed): every branch and pull request");
        assertThat(result.claims().get(PipelineCheck.CD).summary()).isEqualTo("each of the 2 deploy jobs waits for the Maven build:"
                + " Deploy to staging after Verify; Deploy to production after Verify");
        assertThat(result.claims().get(PipelineCheck.PROMOTION).summary())
                .isEqualTo("production deploys only after staging: Deploy to production after Deploy to staging");
    }

    // --- hostile files -------------------------------------------------------------------------------------------------

    @Test
    void reportsErrorWithFileAndLineOnMalformedYaml() throws Exception {
        fixture("github");
        write(".github/workflows/release.yml", """
                on: [push
                jobs:
                  build: {}
                """);

        Result result = run(GITHUB_CI);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.findings()).extracting(Finding::key, Finding::location)
                .containsExactly(tuple(".github/workflows/release.yml:not-yaml", ".github/workflows/release.yml:2"));
        assertThat(result.summary()).startsWith("1 pipeline file could not be read: .github/workflows/release.yml:2 is not valid YAML:");
        assertThat(result.claims().get(PipelineCheck.CD).status()).isEqualTo(Status.ERROR);
    }

    @Test
    @Timeout(20)
    void refusesAHugeWorkflowFileAndAnAliasBomb() throws Exception {
        StringBuilder huge = new StringBuilder("on: [push, pull_request]\njobs:\n");
        for (int i = 0; huge.length() <= PipelineFiles.MAX_FILE_BYTES; i++) {
            huge.append("  job").append(i).append(":\n    steps:\n      - run: ./mvnw -B verify\n");
        }
        write(".github/workflows/huge.yml", huge.toString());
        write(".github/workflows/bomb.yml", """
                a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]
                b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
                c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
                d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
                e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
                f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
                """);

        Result result = run(GITHUB_CI);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.findings()).extracting(Finding::key)
                .containsExactly(".github/workflows/bomb.yml:not-read", ".github/workflows/huge.yml:too-large");
    }

    @Test
    void refusesAWorkflowThatLinksOutOfTheRepository(@TempDir Path outside) throws Exception {
        Path secret = Files.writeString(outside.resolve("ci.yml"), "on: [push, pull_request]\n");
        Files.createDirectories(dir.resolve(".github/workflows"));
        Files.createSymbolicLink(dir.resolve(".github/workflows/ci.yml"), secret);

        Result result = run(GITHUB_CI);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.findings()).extracting(Finding::key).containsExactly(".github/workflows/ci.yml:outside-repository");
        assertThat(result.findings().get(0).message()).endsWith("outside the repository; links out of the repository are not read");
    }

    @Test
    void readsTheRepositoryRootAboveAModule() throws Exception {
        fixture("github");
        Path module = Files.createDirectories(dir.resolve("shop-app"));
        Files.createDirectories(dir.resolve(".git"));

        Result result = new PipelineCheck(GITHUB_CI::get).run(new PipelineConfig(), CheckContext.builder(module).build());

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.evidence()).containsEntry("root", "..");
    }
}

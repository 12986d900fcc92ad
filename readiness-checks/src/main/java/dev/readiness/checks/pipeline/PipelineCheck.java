package dev.readiness.checks.pipeline;

import dev.readiness.check.Check;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Claim;
import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import dev.readiness.check.Scope;
import dev.readiness.text.Words;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The {@code pipeline} check: settles "CI pipeline configured and tested" when a pipeline of the repository (a
 * GitHub Actions workflow, {@code .gitlab-ci.yml} or a {@code Jenkinsfile}) runs the Maven build on pushes and pull
 * requests, and this very run of the gate happens inside that pipeline, as the CI system's environment variables
 * name it. Outside CI that claim is SKIPPED: it is decided by the gate's run inside the pipeline. It supports
 * "CD pipeline configured and tested" (every deploy job waits for the build) and "Environment promotion workflow
 * defined" (production deploys only after staging), failing them only on a deploy job that shows them false.
 *
 * <p>No pipeline file is a FAIL naming the files looked for; a file that cannot be read faithfully (malformed YAML
 * with its line, too large, binary, a link out of the repository) makes every claim ERROR.
 */
public final class PipelineCheck implements Check<PipelineConfig> {

    static final String CD = "pipeline.cd";
    static final String PROMOTION = "pipeline.promotion";
    static final String NOT_IN_CI = "not running in CI: the claim is decided by the gate's run inside the pipeline";
    private static final String EXAMPLE = "e.g. .github/workflows/ci.yml with on: [push, pull_request] and a job that runs"
            + " actions/checkout@v4, actions/setup-java@v4 (distribution: temurin, java-version: 17, cache: maven) and"
            + " ./mvnw -B verify, with this plugin's verify goal bound in the POM";

    private final UnaryOperator<String> env;

    /** The check as the plugin loads it, reading the process's environment variables. */
    public PipelineCheck() {
        this(System::getenv);
    }

    /** The check reading the CI variables from {@code env} (tests give their own). */
    PipelineCheck(UnaryOperator<String> env) {
        this.env = Objects.requireNonNull(env);
    }

    @Override
    public String id() {
        return "pipeline";
    }

    @Override
    public String description() {
        return "A pipeline of the repository (GitHub Actions, GitLab CI or a Jenkinsfile) runs the Maven build on pushes"
                + " and pull requests, and the gate runs inside it (the CI variables name it); outside CI this is not decided.";
    }

    @Override
    public List<String> phrases() {
        return List.of("CI pipeline configured and tested");
    }

    @Override
    public List<Claim> claims() {
        return List.of(
                Claim.settles(id(), description(), phrases()),
                Claim.supports(CD, "Every deploy job (one with an environment, or deploy in its name) waits for the Maven build"
                        + " (needs, an earlier stage, or its own build); one that does not shows the item false.",
                        List.of("CD pipeline configured and tested")),
                Claim.supports(PROMOTION, "Where a pipeline deploys to both staging and production, production waits for the"
                        + " staging deploy; a production deploy beside staging shows the item false.",
                        List.of("Environment promotion workflow defined")));
    }

    @Override
    public Class<PipelineConfig> configType() {
        return PipelineConfig.class;
    }

    @Override
    public Scope scope() {
        return Scope.BUILD;
    }

    @Override
    public Result run(PipelineConfig config, CheckContext context) throws IOException {
        CiEnvironment ci = CiEnvironment.of(env);
        PipelineFiles.Read read = PipelineFiles.read(context.basedir(), ci == null ? null : ci.gitlabConfig());
        String relative = context.basedir().toRealPath().relativize(read.root()).toString().replace('\\', '/');
        String root = relative.isEmpty() ? "." : relative;
        if (!read.problems().isEmpty()) {
            String summary = Words.plural(read.problems().size(), "pipeline file") + " could not be read: " + read.problems().get(0).message();
            String remedy = "Fix the file at the line named (actionlint or GitLab's CI Lint show the same), or replace a link out of"
                    + " the repository by the file itself.";
            Result unread = Result.error(summary).evidence("root", root).findings(read.problems()).remedy(remedy).build();
            return Result.error(summary).evidence("root", root).findings(read.problems()).remedy(remedy)
                    .claim(CD, unread).claim(PROMOTION, unread).build();
        }
        if (read.pipelines().isEmpty()) {
            Result none = Result.skipped("no pipeline file, so no deploy job").build();
            return Result.fail("no CI pipeline: none of " + String.join(", ", read.lookedFor()) + " exists in "
                            + (relative.isEmpty() ? "the repository root" : root + " (the repository root)"))
                    .measured("no pipeline file").expected("a pipeline that runs the Maven build on pushes and pull requests")
                    .evidence("root", root).evidence("lookedFor", read.lookedFor())
                    .remedy("Add a pipeline that builds every push and pull request, " + EXAMPLE + ".")
                    .claim(CD, none).claim(PROMOTION, none)
                    .build();
        }
        Deploys deploys = new Deploys(read.pipelines());
        Result.Builder main = ci(read, ci);
        main.evidence("root", root).evidence("pipelines", read.pipelines().stream().map(PipelineCheck::describe).toList());
        return main.claim(CD, deploys.cd()).claim(PROMOTION, deploys.promotion()).build();
    }

    private Result.Builder ci(PipelineFiles.Read read, CiEnvironment ci) {
        List<Pipeline> qualifying = read.pipelines().stream().filter(Pipeline::qualifies).toList();
        if (qualifying.isEmpty()) {
            List<Finding> findings = read.pipelines().stream().map(PipelineCheck::lacking).toList();
            return Result.fail("no pipeline runs the Maven build on pushes and pull requests: " + findings.get(0).message()
                            + (findings.size() > 1 ? " (and " + Words.plural(findings.size() - 1, "more pipeline") + ")" : ""))
                    .measured("0 of " + Words.plural(read.pipelines().size(), "pipeline") + " build pushes and pull requests")
                    .expected("a pipeline that runs the Maven build on pushes and pull requests")
                    .findings(findings)
                    .remedy("Make one pipeline run the Maven build on every push and pull request: in a GitHub workflow"
                            + " on: [push, pull_request] and a step run: ./mvnw -B verify; in .gitlab-ci.yml a job whose script"
                            + " runs mvn verify with rules for $CI_COMMIT_BRANCH and merge_request_event (or none).");
        }
        String builds = qualifying.stream().map(PipelineCheck::builds).reduce((a, b) -> a + "; " + b).orElseThrow();
        if (ci == null) {
            return Result.skipped(NOT_IN_CI + " (" + builds + ")")
                    .measured("not in CI").expected("the gate runs inside " + String.join(" or ", qualifying.stream().map(Pipeline::file).toList()))
                    .evidence("ci", false);
        }
        Map<String, Object> seen = new LinkedHashMap<>(ci.variables());
        if (ci.system() == null) {
            return Result.error("running in CI (CI=" + ci.variables().get("CI") + "), but not in GitHub Actions, GitLab CI or Jenkins,"
                            + " so the pipeline running the gate cannot be named")
                    .evidence("ci", seen)
                    .remedy("Run the gate in the pipeline of " + qualifying.get(0).file() + "; for another CI system, attest the item"
                            + " or waive this claim.");
        }
        Pipeline running = ci.running(read.pipelines());
        if (running == null) {
            return Result.error("running in " + ci.system() + ", but the environment (" + ci.naming() + ") names no pipeline file read ("
                            + String.join(", ", read.pipelines().stream().map(Pipeline::file).toList()) + ")")
                    .evidence("ci", seen)
                    .remedy("Run the gate from the repository's own pipeline (" + qualifying.get(0).file() + "), with the project"
                            + " checked out in the workspace" + (Jenkinsfile.SYSTEM.equals(ci.system()) ? " and JOB_NAME set" : "") + ".");
        }
        if (!running.qualifies()) {
            return Result.skipped("this run is in " + running.file() + ", which does not build pushes and pull requests; the claim is"
                            + " decided by the gate's run inside " + String.join(" or ", qualifying.stream().map(Pipeline::file).toList()))
                    .evidence("ci", seen).evidence("running", running.file());
        }
        return Result.pass("the gate runs inside " + running.file() + " (" + ci.system() + ", " + ci.naming() + "), which "
                        + runs(running))
                .measured("in " + running.file()).expected("the gate runs inside a pipeline that builds pushes and pull requests")
                .evidence("ci", seen).evidence("running", running.file());
    }

    /** "ci.yml runs ./mvnw -B verify (job build) on push, pull_request". */
    private static String builds(Pipeline pipeline) {
        return pipeline.file() + " " + runs(pipeline);
    }

    /** "runs ./mvnw -B verify (job build) on push, pull_request". */
    private static String runs(Pipeline pipeline) {
        Pipeline.Job build = pipeline.builds().get(0);
        return "runs " + build.mavenBuild() + " (" + kind(pipeline) + " " + build.id() + ") on " + pipeline.triggers().shown();
    }

    private static String kind(Pipeline pipeline) {
        return Jenkinsfile.SYSTEM.equals(pipeline.system()) ? "stage" : "job";
    }

    /** Why a pipeline does not build pushes and pull requests, with how to fix it. */
    private static Finding lacking(Pipeline pipeline) {
        if (pipeline.builds().isEmpty()) {
            return Finding.of(pipeline.file() + " runs no Maven build: no " + kind(pipeline) + " runs mvn or ./mvnw with "
                            + String.join(", ", MavenCommand.PHASES.stream().sorted().toList()) + "; add a step that runs ./mvnw -B verify")
                    .key(pipeline.file() + ":no-maven-build").at(pipeline.file()).build();
        }
        Pipeline.Job build = pipeline.builds().get(0);
        Pipeline.Triggers t = pipeline.triggers();
        String missing = !t.pushes() && !t.pullRequests() ? "pushes and pull requests" : !t.pushes() ? "pushes to branches" : "pull requests";
        String fix = GitHubWorkflows.SYSTEM.equals(pipeline.system())
                ? "add " + (!t.pushes() && !t.pullRequests() ? "push and pull_request" : !t.pushes() ? "push" : "pull_request") + " under on:"
                : "add rules that run it for $CI_COMMIT_BRANCH and $CI_PIPELINE_SOURCE == \"merge_request_event\" (or remove the rules)";
        return Finding.of(pipeline.file() + " runs " + build.mavenBuild() + " (" + kind(pipeline) + " " + build.id() + ") but not on "
                        + missing + " (" + t.shown() + "); " + fix)
                .key(pipeline.file() + ":not-on-" + (t.pushes() ? "pull-requests" : "pushes"))
                .at(pipeline.at(build)).with("triggers", t.shown()).build();
    }

    private static Map<String, Object> describe(Pipeline pipeline) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("file", pipeline.file());
        shown.put("system", pipeline.system());
        shown.put("triggers", pipeline.triggers().shown());
        List<String> builds = new ArrayList<>();
        pipeline.builds().forEach(job -> builds.add(job.id() + ": " + job.mavenBuild()));
        shown.put("builds", builds);
        List<String> deploys = new ArrayList<>();
        pipeline.jobs().stream().filter(Pipeline.Job::deploys)
                .forEach(job -> deploys.add(job.id() + (job.environment() == null ? "" : " (" + job.environment() + ")")));
        shown.put("deploys", deploys);
        shown.put("qualifies", pipeline.qualifies());
        return shown;
    }
}

package dev.readiness.checks.deployed;

import dev.readiness.check.Check;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Claim;
import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import dev.readiness.check.Scope;
import dev.readiness.check.Stage;
import dev.readiness.checks.http.HttpClients;
import dev.readiness.checks.http.HttpMessages;
import dev.readiness.checks.http.JsonGet;
import dev.readiness.text.Words;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The {@code deployedVersion} check: after a deployment, asks the service which build it runs ({@code /actuator/info}:
 * Spring Boot's {@code build.version} and {@code git.commit.id}, or the configured url and JSON pointers), several times
 * with a pause, and passes when every answer names this build: the project's version and, when the service reports a
 * commit or the version is a SNAPSHOT, HEAD's commit. A SNAPSHOT version names no single build (an older snapshot build
 * reports it too), so without a commit on both sides to compare it is ERROR, never PASS. Different answers are a rollout
 * in progress and FAIL, naming each answer and how often it came; a different version or commit FAILs naming both. An
 * unreachable endpoint, an answer that is not JSON, or one that holds no version and no commit (or one that is a list or
 * an object) is ERROR. Its main claim is about production
 * ("Application deployed to production"); {@code deployedVersion.demo} asks the {@code demoUrl} the same
 * ("Demo environment updated"). Both belong to the postDeploy stage.
 */
public final class DeployedVersionCheck implements Check<DeployedVersionConfig> {

    static final String DEMO = "deployedVersion.demo";
    private static final String SNAPSHOT = "-SNAPSHOT";
    private static final String INFO_EXPOSE = "Spring Boot: include 'info' in management.endpoints.web.exposure.include,"
            + " and generate build-info (spring-boot-maven-plugin's build-info goal) or git.properties (git-commit-id-maven-plugin)";

    @Override
    public String id() {
        return "deployedVersion";
    }

    @Override
    public String description() {
        return "the deployed service reports this build's version (and commit, when it reports one or the version is a"
                + " SNAPSHOT) in every sampled answer";
    }

    @Override
    public List<String> phrases() {
        return List.of("Application deployed to production");
    }

    @Override
    public List<Claim> claims() {
        return List.of(Claim.settles(id(), description(), phrases()).inStage(Stage.POST_DEPLOY).inProduction(),
                Claim.settles(DEMO, "the demo environment reports this build's version (and commit, when it reports one or the"
                        + " version is a SNAPSHOT) in every sampled answer", List.of("Demo environment updated")).inStage(Stage.POST_DEPLOY));
    }

    @Override
    public Class<DeployedVersionConfig> configType() {
        return DeployedVersionConfig.class;
    }

    @Override
    public Scope scope() {
        return Scope.BUILD;
    }

    @Override
    public Result run(DeployedVersionConfig config, CheckContext context) throws InterruptedException {
        OkHttpClient client;
        try {
            client = HttpClients.forSettings(context.http());
        } catch (IOException e) {
            return HttpClients.clientUnavailable("deployedVersion cannot call the service", e).build();
        }
        HttpUrl url = config.url() != null ? HttpUrl.parse(config.url()) : HttpClients.under(context.http().target(), "/actuator/info");
        Samples main = url == null ? null : Samples.take(client, url, config, context);
        Samples demo = config.demoUrl() == null ? null : Samples.take(client, HttpUrl.get(config.demoUrl()), config, context);
        Expected expected = expected(context, (main != null && main.reportCommit()) || (demo != null && demo.reportCommit()));
        Result result = main != null ? main.judge(expected, id())
                : Result.error("deployedVersion has no url and no <target> is configured")
                .remedy("Set <target> to the deployed service's base URL, or give the deployedVersion check a <url>.").build();
        if (demo != null) {
            return result.withClaim(DEMO, demo.judge(expected, DEMO));
        }
        if (context.isBound(DEMO)) {
            return result.withClaim(DEMO, Result.error("no demoUrl is configured, so whether the demo environment runs this build"
                    + " could not be determined").remedy("Give the deployedVersion check a <demoUrl>: the demo environment's"
                    + " /actuator/info.").build());
        }
        return result;
    }

    /** What the service should report: the project's version, and HEAD's commit when the project is in Git. */
    private record Expected(String version, String commit, String commitProblem) {

        /** A SNAPSHOT version names every build between two releases, so only the commit tells which one runs. */
        boolean snapshot() {
            return version.endsWith(SNAPSHOT);
        }

        /** Why HEAD's commit is unknown, for a message. */
        String commitUnknown() {
            return commitProblem != null ? commitProblem : "the project is in no Git repository with a commit";
        }
    }

    /**
     * The project's version, and HEAD's commit when an answer reports a commit to compare it with or the version is a
     * SNAPSHOT (JGit is read only then).
     */
    private static Expected expected(CheckContext context, boolean commitReported) {
        if (!commitReported && !context.project().version().endsWith(SNAPSHOT)) {
            return new Expected(context.project().version(), null, null);
        }
        try {
            return new Expected(context.project().version(), GitHead.of(context.basedir()), null);
        } catch (IOException e) {
            return new Expected(context.project().version(), null, "the Git repository could not be read: " + Words.oneLine(e.getMessage(), 200));
        }
    }

    /** The answers of one endpoint, sampled {@code samples} times with a pause between. */
    private record Samples(String shown, List<BuildIdentity> answers, JsonGet.Problem problem) {

        static Samples take(OkHttpClient client, HttpUrl url, DeployedVersionConfig config, CheckContext context)
                throws InterruptedException {
            List<BuildIdentity> answers = new ArrayList<>();
            JsonGet.Problem problem = null;
            for (int i = 0; i < config.samples(); i++) {
                if (i > 0 && !config.pause().isZero()) {
                    Thread.sleep(config.pause().toMillis());
                }
                JsonGet.Answer answer = JsonGet.get(client, url, context.http().timeout());
                if (answer.json() == null) {
                    problem = problem == null ? answer.problem() : problem;
                    answers.add(BuildIdentity.failed(answer.failure()));
                } else {
                    answers.add(BuildIdentity.of(answer.json(), config.versionPointer(), config.commitPointer()));
                }
            }
            return new Samples(HttpMessages.display(url), answers, problem);
        }

        boolean reportCommit() {
            return answers.stream().anyMatch(a -> a.commit() != null);
        }

        /** The verdict on these answers, with each answer in the evidence. */
        Result judge(Expected expected, String claim) {
            List<Map<String, Object>> samples = new ArrayList<>();
            for (BuildIdentity answer : answers) {
                Map<String, Object> facts = new LinkedHashMap<>();
                if (answer.failure() != null) {
                    facts.put("error", answer.failure());
                } else {
                    facts.put("version", answer.version());
                    facts.put("commit", answer.commit());
                    facts.values().removeIf(java.util.Objects::isNull);
                }
                samples.add(facts);
            }
            return DeployedVersionCheck.judge(shown, answers, problem, expected, claim).evidence("url", shown)
                    .evidence("samples", samples).evidence("expectedVersion", expected.version())
                    .evidence("headCommit", expected.commit()).build();
        }
    }

    private static Result.Builder judge(String shown, List<BuildIdentity> answers, JsonGet.Problem problem, Expected expected,
                                        String claim) {
        int total = answers.size();
        List<BuildIdentity> failed = answers.stream().filter(a -> a.failure() != null).toList();
        if (!failed.isEmpty()) {
            String first = failed.get(0).failure();
            return Result.error((failed.size() == total ? "" : failed.size() + " of " + total + " answers of " + shown + " could not be read: ")
                            + (first.contains(shown) ? first : first + " (" + shown + ")") + ", so which build runs there could not be determined")
                    .measured(failed.size() + " of " + total + " answers unreadable").expected("all " + total + " answers name this build")
                    .remedy(problem != null ? JsonGet.remedy(problem, "/actuator/info", INFO_EXPOSE)
                            : "Make the endpoint report the build's version at versionPointer or its commit at commitPointer ("
                            + INFO_EXPOSE + "), or point the pointers at where it does.");
        }
        Map<String, Integer> seen = new LinkedHashMap<>();
        answers.forEach(a -> seen.merge(a.shown(), 1, Integer::sum));
        if (seen.size() > 1) {
            List<String> parts = new ArrayList<>();
            seen.forEach((identity, count) -> parts.add(parts.isEmpty() ? count + " of " + total + " answers report " + identity
                    : count + (count == 1 ? " reports " : " report ") + identity));
            String summary = String.join(", ", parts) + ": rollout in progress";
            return Result.fail(shown + ": " + summary).measured(summary).expected("all " + total + " answers report " + expected.version())
                    .finding(Finding.of(summary).key(claim + ":rollout").at(shown).with("answers", seen).build())
                    .remedy("Wait for the rollout to finish (every instance on this build) and run the postDeploy stage again;"
                            + " if it stays so, an instance is stuck on the old build.");
        }
        BuildIdentity identity = answers.get(0);
        List<String> wrong = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        if (identity.version() != null && !identity.version().equals(expected.version())) {
            wrong.add("version " + identity.version() + ", but this build is " + expected.version());
            findings.add(Finding.of(shown + " reports version " + identity.version() + ", expected " + expected.version())
                    .key(claim + ":version").at(shown).with("reported", identity.version()).with("expected", expected.version()).build());
        }
        boolean commitCompared = identity.commit() != null && expected.commit() != null;
        if (commitCompared && !expected.commit().startsWith(identity.commit())) {
            wrong.add("commit " + identity.commit() + ", but HEAD is " + expected.commit().substring(0, Math.min(12, expected.commit().length())));
            findings.add(Finding.of(shown + " reports commit " + identity.commit() + ", expected HEAD " + expected.commit())
                    .key(claim + ":commit").at(shown).with("reported", identity.commit()).with("expected", expected.commit()).build());
        }
        if (!wrong.isEmpty()) {
            return Result.fail(shown + " reports " + String.join("; and ", wrong))
                    .measured(identity.shown()).expected(expectedShown(expected, identity)).findings(findings)
                    .remedy("Deploy this build (" + expected.version() + ") to " + shown + ", or run the postDeploy stage from the"
                            + " commit that was deployed.");
        }
        if (identity.version() == null && !commitCompared) {
            return Result.error(shown + " reports only commit " + identity.commit() + ", and " + expected.commitUnknown()
                            + ", so whether it runs this build could not be determined")
                    .measured(identity.shown()).expected(expectedShown(expected, identity))
                    .remedy("Run the gate from the Git checkout of the deployed commit, or let the service report its version"
                            + " (spring-boot-maven-plugin's build-info goal).");
        }
        if (expected.snapshot() && !commitCompared) {
            return snapshotUndecided(shown, identity, expected);
        }
        return Result.pass(shown + " reports " + identity.shown() + " in " + (total == 1 ? "its answer" : "all " + total + " answers")
                        + ": this build" + (commitCompared ? " (HEAD)" : ""))
                .measured(identity.shown()).expected(expectedShown(expected, identity));
    }

    /** The service reports this SNAPSHOT version, but a commit is missing on its side or on the project's: no single build is named. */
    private static Result.Builder snapshotUndecided(String shown, BuildIdentity identity, Expected expected) {
        boolean reported = identity.commit() != null;
        return Result.error(shown + " reports " + identity.shown() + (reported ? ", but " + expected.commitUnknown() : " but no commit")
                        + ", and a SNAPSHOT version names no single build (an older snapshot build reports " + expected.version()
                        + " too), so whether it runs this build could not be determined")
                .measured(identity.shown()).expected(expectedShown(expected, identity))
                .remedy(reported ? "Run the gate from the Git checkout of the deployed commit, or deploy a release version."
                        : "Let the service report its commit: expose git.commit.id in /actuator/info (git-commit-id-maven-plugin"
                        + " generates git.properties; include 'info' in management.endpoints.web.exposure.include), or deploy a"
                        + " release version.");
    }

    private static String expectedShown(Expected expected, BuildIdentity identity) {
        if (expected.snapshot() && identity.version() != null) {
            return expected.version() + " (commit " + (expected.commit() != null ? expected.commit() : "of HEAD") + ")";
        }
        return identity.commit() != null && expected.commit() != null
                ? (identity.version() != null ? expected.version() + " (commit " + expected.commit() + ")" : "commit " + expected.commit())
                : expected.version();
    }
}

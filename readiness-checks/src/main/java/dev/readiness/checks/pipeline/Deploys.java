package dev.readiness.checks.pipeline;

import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import dev.readiness.text.Words;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The deploy jobs of the pipelines, and the two supporting claims decided from them: each deploy waits for the
 * Maven build ({@code pipeline.cd}), and production waits for staging ({@code pipeline.promotion}).
 *
 * <p>A deploy job is one with an {@code environment:}, or with deploy in its id (a Jenkins stage in its name). It
 * waits for the build when it runs the build itself, when a job it needs (directly or through others; for GitLab
 * without {@code needs}, an earlier stage; for Jenkins, an earlier stage) runs it, or when its workflow starts on
 * the completion ({@code workflow_run}) of a workflow that runs it.
 */
final class Deploys {

    private record Deploy(Pipeline pipeline, Pipeline.Job job) {
        String shown() {
            return job.id() + (job.environment() == null ? "" : " (environment " + job.environment() + ")") + " in " + pipeline.at(job);
        }
    }

    private final List<Pipeline> pipelines;
    private final List<Deploy> deploys = new ArrayList<>();

    Deploys(List<Pipeline> pipelines) {
        this.pipelines = pipelines;
        for (Pipeline pipeline : pipelines) {
            pipeline.jobs().stream().filter(Pipeline.Job::deploys).forEach(job -> deploys.add(new Deploy(pipeline, job)));
        }
    }

    private Result noDeploy() {
        return Result.skipped("no deploy job (one with an environment:, or deploy in its name) in "
                + String.join(", ", pipelines.stream().map(Pipeline::file).toList())).build();
    }

    /** The build job a deploy waits for, or {@code null}. */
    private String buildBefore(Deploy deploy) {
        if (deploy.job().mavenBuild() != null) {
            return deploy.job().id() + " itself";
        }
        for (String id : deploy.pipeline().upstream(deploy.job())) {
            Pipeline.Job job = deploy.pipeline().job(id);
            if (job != null && job.mavenBuild() != null) {
                return id;
            }
        }
        for (String name : deploy.pipeline().triggers().after()) {
            for (Pipeline pipeline : pipelines) {
                if ((name.equals(pipeline.name()) || name.equals(pipeline.file())) && !pipeline.builds().isEmpty()) {
                    return "workflow " + name + " (workflow_run)";
                }
            }
        }
        return null;
    }

    Result cd() {
        if (deploys.isEmpty()) {
            return noDeploy();
        }
        List<Finding> findings = new ArrayList<>();
        List<String> ok = new ArrayList<>();
        for (Deploy deploy : deploys) {
            String build = buildBefore(deploy);
            if (build != null) {
                ok.add(deploy.job().id() + " after " + build);
                continue;
            }
            List<String> builds = deploy.pipeline().builds().stream().map(Pipeline.Job::id).toList();
            String fix = builds.isEmpty()
                    ? "make it run after the Maven build (a job that runs ./mvnw -B verify, and needs: on it)"
                    : "add needs: [" + builds.get(0) + "]" + (GitLabCi.SYSTEM.equals(deploy.pipeline().system())
                    ? " or put it in a stage after " + builds.get(0) + "'s" : "");
            findings.add(Finding.of("deploy job " + deploy.shown() + " does not wait for the Maven build: " + fix)
                    .key(deploy.pipeline().file() + ":" + deploy.job().id() + ":deploys-without-build")
                    .at(deploy.pipeline().at(deploy.job())).with("job", deploy.job().id())
                    .with("environment", deploy.job().environment()).build());
        }
        String counted = Words.plural(deploys.size(), "deploy job");
        if (findings.isEmpty()) {
            return Result.pass("each of the " + counted + " waits for the Maven build: " + String.join("; ", ok))
                    .measured("0 of " + counted + " deploy without the build").build();
        }
        return Result.fail(findings.size() + " of " + counted + (findings.size() == 1 ? " deploys" : " deploy")
                        + " without waiting for the Maven build: " + findings.get(0).message())
                .measured(findings.size() + " of " + counted + " deploy without the build")
                .expected("every deploy job waits for the job that runs the Maven build")
                .findings(findings)
                .remedy("Make every deploy job depend on the build job (needs:), so that only a built and tested commit is deployed.")
                .build();
    }

    Result promotion() {
        if (deploys.isEmpty()) {
            return noDeploy();
        }
        List<Finding> findings = new ArrayList<>();
        List<String> ok = new ArrayList<>();
        for (Deploy production : deploys) {
            if (production.job().stage() != Pipeline.Stage.PRODUCTION) {
                continue;
            }
            List<Deploy> staging = deploys.stream().filter(d -> d.pipeline() == production.pipeline()
                    && d.job().stage() == Pipeline.Stage.STAGING).toList();
            List<Deploy> stagingElsewhere = deploys.stream().filter(d -> d.pipeline() != production.pipeline()
                    && d.job().stage() == Pipeline.Stage.STAGING).toList();
            Set<String> upstream = production.pipeline().upstream(production.job());
            Deploy before = staging.stream().filter(s -> upstream.contains(s.job().id())).findFirst().orElse(null);
            if (before == null) {
                before = stagingElsewhere.stream().filter(s -> production.pipeline().triggers().after().stream()
                        .anyMatch(n -> n.equals(s.pipeline().name()) || n.equals(s.pipeline().file()))).findFirst().orElse(null);
            }
            if (before != null) {
                ok.add(production.job().id() + " after " + before.job().id());
            } else if (!staging.isEmpty()) {
                findings.add(Finding.of("production deploy " + production.shown() + " does not wait for the staging deploy "
                                + staging.get(0).job().id() + ": add needs: [" + staging.get(0).job().id() + "]")
                        .key(production.pipeline().file() + ":" + production.job().id() + ":production-without-staging")
                        .at(production.pipeline().at(production.job())).with("staging", staging.get(0).job().id()).build());
            }
        }
        if (!findings.isEmpty()) {
            return Result.fail(Words.plural(findings.size(), "production deploy") + " can run without the staging deploy: "
                            + findings.get(0).message())
                    .expected("production deploys only after staging")
                    .findings(findings)
                    .remedy("Make the production deploy job need the staging deploy job, so a release reaches production only"
                            + " through staging (a required reviewer on the production environment adds the approval).")
                    .build();
        }
        if (ok.isEmpty()) {
            return Result.skipped("no pipeline deploys to both staging and production (deploy jobs: "
                    + String.join(", ", deploys.stream().map(d -> d.job().id()).toList()) + "), so there is no promotion to judge")
                    .build();
        }
        return Result.pass("production deploys only after staging: " + String.join("; ", ok)).build();
    }
}

package dev.readiness.checks.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a GitLab CI configuration ({@code .gitlab-ci.yml}): its {@code stages}, its jobs (every top-level key
 * that is not a keyword or a hidden {@code .template}, with {@code extends} resolved), each with its stage,
 * {@code needs}, {@code environment} and the {@code script} line that runs the Maven build.
 *
 * <p>When it runs is read from {@code workflow:rules} and each build job's {@code rules} or {@code only}, by what
 * they test, not by evaluating them: a rule that tests {@code merge_request} runs merge request pipelines, one that
 * tests {@code $CI_COMMIT_BRANCH} or a push, or one without {@code if}, runs branch pipelines; {@code when: never}
 * rules run nothing. Without any, GitLab runs branch pipelines, which it shows on each merge request.
 */
final class GitLabCi {

    static final String SYSTEM = "GitLab CI";
    static final List<String> DEFAULT_STAGES = List.of(".pre", "build", "test", "deploy", ".post");
    private static final Set<String> KEYWORDS = Set.of("default", "include", "stages", "variables", "workflow", "image",
            "services", "cache", "before_script", "after_script", "types", "spec");
    private static final Set<String> ONLY_KEYWORDS = Set.of("merge_requests", "tags", "schedules", "api", "web", "triggers",
            "pipelines", "external", "external_pull_requests", "chat", "pushes", "branches");
    private static final int MAX_EXTENDS = 10;

    private GitLabCi() {
    }

    static Pipeline read(String file, YamlDoc doc) {
        JsonNode root = doc.root();
        List<String> stages = new ArrayList<>(YamlDoc.texts(root.path("stages")));
        if (stages.isEmpty()) {
            stages = DEFAULT_STAGES;
        } else {
            stages.add(0, ".pre");
            stages.add(".post");
        }
        Map<String, JsonNode> jobs = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!KEYWORDS.contains(entry.getKey()) && !entry.getKey().startsWith(".") && entry.getValue().isObject()) {
                jobs.put(entry.getKey(), entry.getValue());
            }
        }
        Coverage workflow = coverage(root.path("workflow"));
        boolean pushes = false;
        boolean requests = false;
        List<String> shown = new ArrayList<>();
        Map<String, JsonNode> resolved = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : jobs.entrySet()) {
            resolved.put(entry.getKey(), resolve(root, entry.getValue(), 0));
        }
        List<Pipeline.Job> read = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : resolved.entrySet()) {
            JsonNode job = entry.getValue();
            String stage = stageOf(job);
            String build = null;
            for (String key : List.of("before_script", "script")) {
                for (String line : lines(job.path(key))) {
                    build = build != null ? build : MavenCommand.find(line);
                }
            }
            List<String> needs = new ArrayList<>();
            if (job.has("needs")) {
                for (JsonNode need : job.path("needs")) {
                    String name = need.isObject() ? YamlDoc.text(need.path("job")) : YamlDoc.text(need);
                    if (name != null) {
                        needs.add(name);
                    }
                }
            } else {
                int index = stages.indexOf(stage);
                for (Map.Entry<String, JsonNode> other : resolved.entrySet()) {
                    if (stages.indexOf(stageOf(other.getValue())) < index && stages.indexOf(stageOf(other.getValue())) >= 0) {
                        needs.add(other.getKey());
                    }
                }
            }
            JsonNode environment = job.path("environment");
            String env = environment.isObject() ? YamlDoc.text(environment.path("name")) : YamlDoc.text(environment);
            if (build != null) {
                Coverage own = coverage(job);
                boolean p = workflow.branches && own.branches;
                boolean r = workflow.requests && own.requests;
                pushes |= p;
                requests |= r;
                shown.add(entry.getKey() + ": " + (p && r ? "branches and merge requests" : p ? "branches only" : r
                        ? "merge requests only" : "neither branches nor merge requests"));
            }
            read.add(new Pipeline.Job(entry.getKey(), doc.line(jobs.get(entry.getKey())), needs, env, build, null));
        }
        String triggers = shown.isEmpty() ? "no job runs the Maven build" : String.join("; ", shown);
        return new Pipeline(file, SYSTEM, null, new Pipeline.Triggers(pushes, requests, triggers, List.of()), read);
    }

    private static String stageOf(JsonNode job) {
        String stage = YamlDoc.text(job.path("stage"));
        return stage == null ? "test" : stage;
    }

    /** The job with the templates it {@code extends} merged under it (its own keys win), at most ten deep. */
    private static JsonNode resolve(JsonNode root, JsonNode job, int depth) {
        List<String> parents = YamlDoc.texts(job.path("extends"));
        if (parents.isEmpty() || depth >= MAX_EXTENDS) {
            return job;
        }
        ObjectNode merged = ((ObjectNode) job).objectNode();
        for (String parent : parents) {
            JsonNode template = root.path(parent);
            if (template.isObject()) {
                resolve(root, template, depth + 1).fields().forEachRemaining(e -> merged.set(e.getKey(), e.getValue()));
            }
        }
        job.fields().forEachRemaining(e -> merged.set(e.getKey(), e.getValue()));
        merged.remove("extends");
        return merged;
    }

    /** The lines of a script: a string, or a list of strings and of nested lists (GitLab flattens them). */
    private static List<String> lines(JsonNode script) {
        List<String> lines = new ArrayList<>();
        if (script.isArray()) {
            for (JsonNode element : script) {
                lines.addAll(lines(element));
            }
        } else if (YamlDoc.text(script) != null) {
            lines.add(YamlDoc.text(script));
        }
        return lines;
    }

    private record Coverage(boolean branches, boolean requests) {
    }

    /** Which pipelines a job (or the {@code workflow}) runs in, by its {@code rules} or else its {@code only}. */
    private static Coverage coverage(JsonNode holder) {
        if (holder.has("rules") && holder.path("rules").isArray()) {
            boolean branches = false;
            boolean requests = false;
            for (JsonNode rule : holder.path("rules")) {
                if ("never".equals(YamlDoc.text(rule.path("when")))) {
                    continue;
                }
                String condition = YamlDoc.text(rule.path("if"));
                if (condition == null) {
                    return new Coverage(true, true);
                }
                String c = condition.toLowerCase(Locale.ROOT);
                // a branch pipeline of every branch is shown on each merge request
                requests |= c.contains("merge_request") || c.trim().equals("$ci_commit_branch");
                branches |= c.contains("ci_commit_branch") || c.contains("\"push\"") || c.contains("'push'");
            }
            return new Coverage(branches, requests);
        }
        JsonNode only = holder.path("only");
        List<String> refs = only.isObject() ? YamlDoc.texts(only.path("refs")) : YamlDoc.texts(only);
        if (refs.isEmpty()) {
            return new Coverage(true, true);
        }
        boolean branches = refs.stream().anyMatch(r -> r.equals("branches") || r.equals("pushes") || !ONLY_KEYWORDS.contains(r));
        boolean allBranches = refs.contains("branches") || refs.contains("pushes");
        return new Coverage(branches, refs.contains("merge_requests") || allBranches);
    }
}

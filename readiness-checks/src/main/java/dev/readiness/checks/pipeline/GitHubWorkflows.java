package dev.readiness.checks.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a GitHub Actions workflow ({@code .github/workflows/*.yml}): its triggers ({@code on:} as a word, a list
 * or a mapping) and its jobs, each with its {@code needs:}, its {@code environment:} (a name, or a mapping with
 * {@code name}), the {@code run:} step that runs the Maven build, and the local reusable workflow it calls.
 */
final class GitHubWorkflows {

    static final String SYSTEM = "GitHub Actions";
    /** The keys of {@code push:} that limit it to branches; without them a push filter of only tags builds no branch. */
    private static final Set<String> BRANCH_FILTERS = Set.of("branches", "branches-ignore", "paths", "paths-ignore");

    private GitHubWorkflows() {
    }

    static Pipeline read(String file, YamlDoc doc) {
        JsonNode root = doc.root();
        String name = YamlDoc.text(root.path("name"));
        JsonNode on = root.has("on") ? root.get("on") : root.path("true");
        List<Pipeline.Job> jobs = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("jobs").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            jobs.add(job(entry.getKey(), entry.getValue(), doc));
        }
        return new Pipeline(file, SYSTEM, name, triggers(on), jobs);
    }

    private static Pipeline.Triggers triggers(JsonNode on) {
        List<String> events = new ArrayList<>();
        boolean pushes = false;
        List<String> after = new ArrayList<>();
        if (on.isObject()) {
            on.fieldNames().forEachRemaining(events::add);
            JsonNode push = on.path("push");
            if (on.has("push")) {
                boolean filtered = push.isObject() && push.size() > 0;
                boolean branchFilter = false;
                for (String key : BRANCH_FILTERS) {
                    branchFilter |= push.has(key);
                }
                pushes = !filtered || branchFilter;
            }
            after.addAll(YamlDoc.texts(on.path("workflow_run").path("workflows")));
        } else {
            events.addAll(YamlDoc.texts(on));
            pushes = events.contains("push");
        }
        boolean pullRequests = events.contains("pull_request");
        return new Pipeline.Triggers(pushes, pullRequests, events.isEmpty() ? "no trigger (on:)" : String.join(", ", events), after);
    }

    private static Pipeline.Job job(String id, JsonNode job, YamlDoc doc) {
        JsonNode environment = job.path("environment");
        String env = environment.isObject() ? YamlDoc.text(environment.path("name")) : YamlDoc.text(environment);
        String build = null;
        for (JsonNode step : job.path("steps")) {
            build = MavenCommand.find(YamlDoc.text(step.path("run")));
            if (build != null) {
                break;
            }
        }
        String uses = YamlDoc.text(job.path("uses"));
        String reuses = uses != null && uses.startsWith("./") ? uses.substring(2).split("@", 2)[0] : null;
        return new Pipeline.Job(id, doc.line(job), YamlDoc.texts(job.path("needs")), env, build, reuses);
    }
}

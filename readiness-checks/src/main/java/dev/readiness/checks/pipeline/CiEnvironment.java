package dev.readiness.checks.pipeline;

import dev.readiness.text.Words;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Which CI system runs the gate, and which pipeline, from the environment variables the systems set: GitHub
 * Actions ({@code GITHUB_ACTIONS}, the workflow file from {@code GITHUB_WORKFLOW_REF}, else its name from
 * {@code GITHUB_WORKFLOW}), GitLab CI ({@code GITLAB_CI}, {@code CI_CONFIG_PATH}) and Jenkins ({@code JENKINS_URL},
 * {@code JOB_NAME}); {@code CI} alone says a CI system this check does not know runs it.
 *
 * @param system    the system, or {@code null} for a CI system that only sets {@code CI}
 * @param file      the pipeline file the environment names, or {@code null}
 * @param name      the pipeline's name the environment gives ({@code GITHUB_WORKFLOW}, {@code JOB_NAME}), or {@code null}
 * @param variables the variables read that are set, as shown in the evidence
 */
record CiEnvironment(String system, String file, String name, Map<String, String> variables) {

    static final List<String> VARIABLES = List.of("CI", "GITHUB_ACTIONS", "GITHUB_WORKFLOW", "GITHUB_WORKFLOW_REF", "GITLAB_CI",
            "CI_CONFIG_PATH", "JENKINS_URL", "JOB_NAME");

    /** The CI run the environment describes, or {@code null} outside CI. */
    static CiEnvironment of(UnaryOperator<String> env) {
        Map<String, String> set = new LinkedHashMap<>();
        for (String variable : VARIABLES) {
            String value = env.apply(variable);
            if (value != null && !value.isBlank()) {
                set.put(variable, Words.oneLine(value, 300));
            }
        }
        if ("true".equalsIgnoreCase(set.get("GITHUB_ACTIONS"))) {
            return new CiEnvironment(GitHubWorkflows.SYSTEM, workflowFile(set.get("GITHUB_WORKFLOW_REF")), set.get("GITHUB_WORKFLOW"), set);
        }
        if (set.containsKey("GITLAB_CI")) {
            String path = set.getOrDefault("CI_CONFIG_PATH", PipelineFiles.GITLAB);
            return new CiEnvironment(GitLabCi.SYSTEM, path, null, set);
        }
        if (set.containsKey("JENKINS_URL")) {
            return new CiEnvironment(Jenkinsfile.SYSTEM, PipelineFiles.JENKINSFILE, set.get("JOB_NAME"), set);
        }
        String ci = set.get("CI");
        if (ci != null && !ci.equalsIgnoreCase("false") && !ci.equals("0")) {
            return new CiEnvironment(null, null, null, set);
        }
        return null;
    }

    /** {@code .github/workflows/ci.yml} of {@code octo/shop/.github/workflows/ci.yml@refs/heads/main}, or {@code null}. */
    static String workflowFile(String ref) {
        if (ref == null) {
            return null;
        }
        int start = ref.indexOf(PipelineFiles.WORKFLOWS + "/");
        if (start < 0) {
            return null;
        }
        int at = ref.indexOf('@', start);
        return ref.substring(start, at < 0 ? ref.length() : at);
    }

    /** The GitLab configuration file to read, when GitLab CI names one of the repository. */
    String gitlabConfig() {
        return GitLabCi.SYSTEM.equals(system) && file != null && !file.contains("@") && !file.contains("..") && !file.startsWith("/")
                && !file.contains(":") ? file : null;
    }

    /** The pipeline read that this run is in, or {@code null} when none matches what the environment names. */
    Pipeline running(List<Pipeline> pipelines) {
        for (Pipeline pipeline : pipelines) {
            if (!pipeline.system().equals(system)) {
                continue;
            }
            if (file != null && pipeline.file().equals(file) && (!Jenkinsfile.SYSTEM.equals(system) || name != null)) {
                return pipeline;
            }
            if (GitHubWorkflows.SYSTEM.equals(system) && file == null && name != null
                    && (name.equals(pipeline.name()) || name.equals(pipeline.file()))) {
                return pipeline;
            }
        }
        return null;
    }

    /** How the environment names the pipeline, for messages: "GITHUB_WORKFLOW_REF=octo/shop/.github/workflows/ci.yml@refs/heads/main". */
    String naming() {
        StringBuilder shown = new StringBuilder();
        for (String variable : List.of("GITHUB_WORKFLOW_REF", "GITHUB_WORKFLOW", "CI_CONFIG_PATH", "JOB_NAME")) {
            if (variables.containsKey(variable)) {
                shown.append(shown.isEmpty() ? "" : ", ").append(variable).append('=').append(variables.get(variable));
            }
        }
        return shown.isEmpty() ? "no variable naming the pipeline" : shown.toString();
    }
}

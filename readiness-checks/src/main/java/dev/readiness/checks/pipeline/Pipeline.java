package dev.readiness.checks.pipeline;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What one pipeline file says, whatever its system: when it runs, and its jobs (GitHub Actions jobs, GitLab CI
 * jobs, Jenkins stages) with what each runs and what it waits for.
 *
 * @param file     the file as shown to people, relative to the repository root
 * @param system   "GitHub Actions", "GitLab CI" or "Jenkins"
 * @param name     the pipeline's own name (a workflow's {@code name:}), or {@code null}
 * @param triggers when it runs
 * @param jobs     its jobs in the order of the file
 */
record Pipeline(String file, String system, String name, Triggers triggers, List<Job> jobs) {

    Pipeline {
        jobs = List.copyOf(jobs);
    }

    /**
     * When a pipeline runs.
     *
     * @param pushes       whether it runs on pushes to branches
     * @param pullRequests whether it runs on pull (merge) requests
     * @param shown        how the file says it, for messages: "push, pull_request"
     * @param after        the pipelines (by name) whose completion starts it ({@code workflow_run}), or empty
     */
    record Triggers(boolean pushes, boolean pullRequests, String shown, List<String> after) {
        Triggers {
            after = List.copyOf(after);
        }
    }

    /**
     * One job (or Jenkins stage).
     *
     * @param id          its id in the file (a GitHub job id, a GitLab job name, a Jenkins stage name)
     * @param line        the line where it starts, or -1
     * @param needs       the jobs it waits for directly ({@code needs:}, or the earlier stages)
     * @param environment the environment it deploys to ({@code environment:}), or {@code null}
     * @param mavenBuild  the command that runs the Maven build ({@code ./mvnw -B verify}), or {@code null}
     * @param reuses      the local reusable workflow it calls ({@code uses: ./.github/workflows/build.yml}), or {@code null}
     */
    record Job(String id, int line, List<String> needs, String environment, String mavenBuild, String reuses) {

        Job {
            needs = List.copyOf(needs);
        }

        /** Whether it deploys: it has an environment, or its id says deploy. */
        boolean deploys() {
            return environment != null || id.toLowerCase(Locale.ROOT).contains("deploy");
        }

        /** The environment it deploys to, by its environment's name or else its own. */
        Stage stage() {
            return Stage.of(environment != null ? environment : id);
        }
    }

    /** Which kind of environment a deploy targets. */
    enum Stage {
        STAGING, PRODUCTION, OTHER;

        static Stage of(String name) {
            String n = name.toLowerCase(Locale.ROOT);
            if (n.contains("staging") || n.contains("preprod") || n.contains("pre-prod") || n.contains("uat")
                    || words(n).contains("stage")) {
                return STAGING;
            }
            if (n.contains("production") || words(n).contains("prod") || words(n).contains("live")) {
                return PRODUCTION;
            }
            return OTHER;
        }

        private static Set<String> words(String name) {
            Set<String> words = new LinkedHashSet<>();
            StringBuilder word = new StringBuilder();
            for (int i = 0; i <= name.length(); i++) {
                char c = i < name.length() ? name.charAt(i) : ' ';
                if (Character.isLetterOrDigit(c)) {
                    word.append(c);
                } else if (!word.isEmpty()) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            }
            return words;
        }
    }

    Job job(String id) {
        return jobs.stream().filter(j -> j.id().equals(id)).findFirst().orElse(null);
    }

    /** The jobs this one waits for, directly or through others, in the order found. */
    Set<String> upstream(Job job) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(job.needs());
        while (!todo.isEmpty()) {
            String id = todo.poll();
            if (seen.add(id)) {
                Job needed = job(id);
                if (needed != null) {
                    todo.addAll(needed.needs());
                }
            }
        }
        seen.remove(job.id());
        return seen;
    }

    /** The jobs that run the Maven build. */
    List<Job> builds() {
        return jobs.stream().filter(j -> j.mavenBuild() != null).toList();
    }

    /** Whether it builds with Maven on pushes and pull requests. */
    boolean qualifies() {
        return triggers.pushes() && triggers.pullRequests() && !builds().isEmpty();
    }

    /** "ci.yml line 12". */
    String at(Job job) {
        return job.line() > 0 ? file + ":" + job.line() : file;
    }
}

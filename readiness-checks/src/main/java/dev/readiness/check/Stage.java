package dev.readiness.check;

import java.util.Arrays;
import java.util.List;

/**
 * When a claim can be decided: in the build, before deployment ({@code mvn verify} in CI), or after a
 * deployment, against the service just deployed ({@code -Dreadiness.stage=postDeploy}). A run is of one
 * stage: it evaluates the claims of its own stage and reports every other claim SKIPPED, naming the
 * stage that evaluates it.
 *
 * @since 0.4.0
 */
public enum Stage {
    /** Before deployment: build outputs, the repository, a staging service. The default. */
    BUILD("build", "evaluated in the build stage: mvn verify (or mvn readiness:verify without -Dreadiness.stage)"),
    /** After a deployment, against the deployed service: smoke probes and the like. */
    POST_DEPLOY("postDeploy", "runs after deployment: mvn readiness:verify -Dreadiness.stage=postDeploy");

    private final String id;
    private final String evaluatedBy;

    Stage(String id, String evaluatedBy) {
        this.id = id;
        this.evaluatedBy = evaluatedBy;
    }

    /** The name users write: {@code build} or {@code postDeploy}. */
    public String id() {
        return id;
    }

    /** Why a claim of this stage is SKIPPED in a run of another, and the run that evaluates it. */
    public String evaluatedBy() {
        return evaluatedBy;
    }

    /** The stage with this name (exactly as written, {@code postDeploy}), or {@code null} when there is none. */
    public static Stage of(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst().orElse(null);
    }

    /** The names users may write, in order. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(Stage::id).toList();
    }

    @Override
    public String toString() {
        return id;
    }
}

package dev.readiness.check;

import java.util.List;

/**
 * A check: verifies one concern of production readiness and returns a {@link Result}.
 *
 * <p>A check is found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.readiness.check.Check}. Its {@link #id()} is the element users
 * write under {@code <checks>} (or the key in {@code readiness.yaml}), and its configuration is
 * the record {@link #configType()}, bound from that element with Jackson; an unknown parameter
 * is a configuration error. Every check also accepts {@code level}, which the engine handles.
 *
 * <p>What an item says is decided by {@link Claim claims}: by default a check has one, its main
 * claim, which settles the items its phrases bind. A check whose evidence speaks to several items,
 * or only supports an item, declares {@link #claims()}.
 *
 * <p>Implementations are stateless and thread-safe: the engine runs checks in parallel, each
 * with a time limit. A check that throws yields {@link Status#ERROR} with the exception's
 * message; it never crashes the run. Missing evidence is {@link Status#ERROR}, never a pass.
 *
 * @param <C> the configuration record; a record with no components for a check without parameters
 * @since 0.1.0
 */
public interface Check<C extends Record> {

    /** The id users configure, in lowerCamel: {@code coverage}, {@code securityHeaders}. */
    String id();

    /** One sentence saying what the check verifies. */
    String description();

    /**
     * The checklist phrases the check's main claim binds. An item binds to the claim when its
     * text contains a phrase after normalising case, punctuation and spacing.
     */
    List<String> phrases();

    /**
     * The claims this check decides, its main claim first (its id is the check's id). The default is
     * the main claim alone, settling the items its {@link #phrases()} bind, described by
     * {@link #description()}: a check with one concern needs nothing more. A check that decides
     * several things declares each, and its {@link Result} carries a verdict for every other claim
     * it offers ({@link Result.Builder#claim(String, Result)}).
     *
     * @since 0.2.0
     */
    default List<Claim> claims() {
        return List.of(Claim.settles(id(), description(), phrases()));
    }

    /**
     * The configuration record. Defaults are applied by the record itself (its compact constructor
     * replaces {@code null} components); components may carry {@link Param} for documentation.
     */
    Class<C> configType();

    /**
     * The waivers this check's configuration holds (dependencyScan's {@code ignore}), held to the same
     * rules as those of {@code readiness-waivers.yaml}. None by default.
     *
     * @since 0.3.0
     */
    default List<Waiver> waivers(C config) {
        return List.of();
    }

    /** Whether this check reads the module's build outputs (and so is SKIPPED in a {@code pom} module). */
    default boolean readsBuildOutputs() {
        return false;
    }

    /**
     * Whether the check puts load on the target (a burst of requests meant to meet its rate limit): the engine runs
     * such checks only after every other check of the run has finished, so their traffic neither reaches a limiter
     * that then refuses the other checks' probes nor is spent by those probes. Each still gets the whole
     * {@code checkTimeout}, counted from its own start. {@code false} by default.
     *
     * @since 0.6.0
     */
    default boolean loadsTarget() {
        return false;
    }

    /**
     * What the check reads: {@link Scope#MODULE} (the default) runs in every module of a reactor, {@link Scope#BUILD}
     * (the deployed service, the repository as a whole) once per build, in the reactor's aggregate.
     *
     * @since 0.5.0
     */
    default Scope scope() {
        return Scope.MODULE;
    }

    /**
     * The reactor's verdict from the results of a {@link Scope#MODULE} check in each module: by default
     * {@link ModuleResult#combine combined} (the worst status, findings once per key). A check whose figures must be
     * taken over the whole product (tests summed, coverage from all execution data merged) overrides it.
     *
     * @param context the aggregate's context: the execution root
     * @param modules the modules that ran the check, in reactor order
     * @throws Exception anything unexpected; the engine turns it into an ERROR result with its message
     * @since 0.5.0
     */
    default Result aggregate(C config, CheckContext context, List<ModuleResult> modules) throws Exception {
        return ModuleResult.combine(modules);
    }

    /**
     * Runs the check.
     *
     * @throws Exception anything unexpected; the engine turns it into an ERROR result with its message
     */
    Result run(C config, CheckContext context) throws Exception;
}

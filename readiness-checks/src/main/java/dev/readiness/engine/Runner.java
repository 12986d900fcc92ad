package dev.readiness.engine;

import dev.readiness.check.Check;
import dev.readiness.check.CheckContext;
import dev.readiness.check.ModuleResult;
import dev.readiness.check.Result;
import dev.readiness.check.Scope;
import dev.readiness.check.Stage;
import dev.readiness.text.Words;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Runs the configured checks in parallel, each within the time limit; those that load the target
 * ({@link Check#loadsTarget()}) after the others have finished. A check that throws or
 * overruns gives ERROR with the reason; it never stops the others or the run. A check none of whose
 * claims belongs to the run's stage is not run: it is SKIPPED, naming the stage that evaluates it.
 *
 * <p>In a reactor, a module's run leaves the checks of {@link Scope#BUILD} to the aggregate (SKIPPED, saying so);
 * the aggregate's run takes the verdict of a {@link Scope#MODULE} check from the modules' results
 * ({@link Check#aggregate}) and runs the others.
 */
final class Runner {

    private final Duration timeout;
    private final CheckContext context;
    private final Set<String> boundClaims;
    private final Stage stage;
    private final Reactor reactor;

    /**
     * A run's place in the build: the one module of a build ({@link #single()}), one module of a reactor, or the
     * reactor's aggregate with the modules' results of each check (by check id).
     */
    record Reactor(boolean moduleOfReactor, Map<String, List<ModuleResult>> moduleResults) {

        static Reactor single() {
            return new Reactor(false, null);
        }

        static Reactor module() {
            return new Reactor(true, null);
        }

        static Reactor aggregate(Map<String, List<ModuleResult>> moduleResults) {
            return new Reactor(false, Map.copyOf(moduleResults));
        }

        boolean isAggregate() {
            return moduleResults != null;
        }
    }

    private final boolean production;

    /**
     * @param production whether the target is marked as production: claims about production are SKIPPED otherwise
     * @param reactor    the run's place in the build
     */
    Runner(Duration timeout, CheckContext context, Set<String> boundClaims, Stage stage, boolean production, Reactor reactor) {
        this.timeout = timeout;
        this.context = context.withBoundClaims(boundClaims).withStage(stage);
        this.boundClaims = boundClaims;
        this.stage = stage;
        this.reactor = reactor;
        this.production = production;
    }

    /**
     * Runs the checks, those that {@link Check#loadsTarget() load the target} after all the others; the runs come back
     * in the order of {@code checks}.
     */
    List<CheckRun> run(List<ConfiguredCheck> checks) {
        Map<Boolean, List<ConfiguredCheck>> byLoad = checks.stream().collect(Collectors.partitioningBy(c -> c.check().loadsTarget()));
        Map<ConfiguredCheck, CheckRun> runs = new IdentityHashMap<>();
        for (List<ConfiguredCheck> group : List.of(byLoad.get(false), byLoad.get(true))) {
            List<CheckRun> groupRuns = runTogether(group);
            for (int i = 0; i < group.size(); i++) {
                runs.put(group.get(i), groupRuns.get(i));
            }
        }
        return checks.stream().map(runs::get).toList();
    }

    private List<CheckRun> runTogether(List<ConfiguredCheck> checks) {
        if (checks.isEmpty()) {
            return List.of();
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, checks.size()), task -> {
            Thread thread = new Thread(task, "readiness-check-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<CheckRun>> futures = new ArrayList<>();
            for (ConfiguredCheck check : checks) {
                futures.add(pool.submit(() -> runOne(check)));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            List<CheckRun> runs = new ArrayList<>();
            for (int i = 0; i < checks.size(); i++) {
                runs.add(await(checks.get(i), futures.get(i), deadline));
            }
            return runs;
        } finally {
            pool.shutdownNow();
        }
    }

    private CheckRun await(ConfiguredCheck check, Future<CheckRun> future, long deadline) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return CheckRun.of(stage, production, check, Result.error("check '" + check.id() + "' did not finish within the time limit of "
                    + Words.duration(timeout) + " (checkTimeout)").remedy("find out why it is slow, or raise <checkTimeout>").build(), timeout.toMillis(), boundClaims);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckRun.of(stage, production, check, Result.error("the run was interrupted before check '" + check.id() + "' finished").build(), 0, boundClaims);
        } catch (ExecutionException e) {
            return CheckRun.of(stage, production, check, crashed(check.id(), e.getCause()), 0, boundClaims);
        }
    }

    private CheckRun runOne(ConfiguredCheck configured) {
        long start = System.nanoTime();
        Result result;
        if (!configured.selected()) {
            result = Result.skipped("check '" + configured.id() + "' was not run: " + configured.reason()).build();
        } else if (configured.claims().stream().noneMatch(c -> c.claim().stage() == stage)) {
            result = Result.skipped("check '" + configured.id() + "' " + configured.claims().get(0).claim().stage().evaluatedBy()).build();
        } else if (reactor.moduleOfReactor() && configured.check().scope() == Scope.BUILD) {
            result = Result.skipped("check '" + configured.id() + "' reads the deployed service or the repository as a whole:"
                    + " it runs once per build, in the reactor's aggregate (the execution root's target/readiness)").build();
        } else if (reactor.isAggregate() && configured.check().scope() == Scope.MODULE
                && reactor.moduleResults().getOrDefault(configured.id(), List.of()).isEmpty()) {
            result = Result.skipped("no module of the reactor ran check '" + configured.id() + "'").build();
        } else if (!reactor.isAggregate() && configured.check().readsBuildOutputs() && "pom".equals(context.packaging())) {
            result = Result.skipped("a module of packaging pom has no build outputs of its own for '" + configured.id() + "' to read").build();
        } else {
            try {
                result = reactor.isAggregate() && configured.check().scope() == Scope.MODULE
                        ? aggregate(configured.check(), configured.config(), reactor.moduleResults().get(configured.id()))
                        : invoke(configured.check(), configured.config());
                if (result == null) {
                    result = Result.error("check '" + configured.id() + "' returned no result").build();
                }
            } catch (Exception | LinkageError | AssertionError e) {
                context.log().debug("check " + configured.id() + " failed: " + stackTrace(e));
                result = crashed(configured.id(), e);
            }
        }
        return CheckRun.of(stage, production, configured, result, (System.nanoTime() - start) / 1_000_000, boundClaims);
    }

    @SuppressWarnings("unchecked")
    private <C extends Record> Result invoke(Check<C> check, Record config) throws Exception {
        return check.run((C) config, context);
    }

    @SuppressWarnings("unchecked")
    private <C extends Record> Result aggregate(Check<C> check, Record config, List<ModuleResult> modules) throws Exception {
        return check.aggregate((C) config, context, modules);
    }

    private static Result crashed(String id, Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage().lines().findFirst().orElse("");
        return Result.error("check '" + id + "' crashed: " + message)
                .remedy("run with -X for the stack trace and report it to the check's authors")
                .build();
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}

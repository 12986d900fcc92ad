package dev.readiness.engine;

import dev.readiness.check.Check;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Result;
import dev.readiness.check.Stage;
import dev.readiness.text.Words;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the configured checks in parallel, each within the time limit. A check that throws or
 * overruns gives ERROR with the reason; it never stops the others or the run. A check none of whose
 * claims belongs to the run's stage is not run: it is SKIPPED, naming the stage that evaluates it.
 */
final class Runner {

    private final Duration timeout;
    private final CheckContext context;
    private final Set<String> boundClaims;
    private final Stage stage;
    private final boolean production;

    /** @param production whether the target is marked as production: claims about production are SKIPPED otherwise */
    Runner(Duration timeout, CheckContext context, Set<String> boundClaims, Stage stage, boolean production) {
        this.timeout = timeout;
        this.context = context.withBoundClaims(boundClaims).withStage(stage);
        this.boundClaims = boundClaims;
        this.stage = stage;
        this.production = production;
    }

    List<CheckRun> run(List<ConfiguredCheck> checks) {
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
        } else if (configured.check().readsBuildOutputs() && "pom".equals(context.packaging())) {
            result = Result.skipped("a module of packaging pom has no build outputs of its own for '" + configured.id() + "' to read").build();
        } else {
            try {
                result = invoke(configured.check(), configured.config());
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

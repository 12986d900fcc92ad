package dev.readiness.engine;

import dev.readiness.check.Check;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Param;
import dev.readiness.check.Result;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/** A check for engine tests: returns what it is given, after an optional delay, or throws; may load the target. */
final class FixedCheck implements Check<FixedCheck.Config> {

    record Config(@Param("how long to take; default none") Duration delay, @Param("a number; default 1") Integer count) {
        Config {
            count = count == null ? 1 : count;
        }
    }

    private final String id;
    private final List<String> phrases;
    private final Supplier<Result> result;
    private final boolean readsBuildOutputs;
    private final boolean loadsTarget;

    FixedCheck(String id, List<String> phrases, Supplier<Result> result, boolean readsBuildOutputs) {
        this(id, phrases, result, readsBuildOutputs, false);
    }

    private FixedCheck(String id, List<String> phrases, Supplier<Result> result, boolean readsBuildOutputs, boolean loadsTarget) {
        this.id = id;
        this.phrases = phrases;
        this.result = result;
        this.readsBuildOutputs = readsBuildOutputs;
        this.loadsTarget = loadsTarget;
    }

    /** This check, as one that loads the target (run after the others). */
    FixedCheck loadingTarget() {
        return new FixedCheck(id, phrases, result, readsBuildOutputs, true);
    }

    static FixedCheck returning(String id, Result result, String... phrases) {
        return new FixedCheck(id, List.of(phrases), () -> result, false);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return "returns a fixed result";
    }

    @Override
    public List<String> phrases() {
        return phrases;
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public boolean readsBuildOutputs() {
        return readsBuildOutputs;
    }

    @Override
    public boolean loadsTarget() {
        return loadsTarget;
    }

    @Override
    public Result run(Config config, CheckContext context) throws Exception {
        if (config.delay() != null) {
            Thread.sleep(config.delay().toMillis());
        }
        return result.get();
    }
}

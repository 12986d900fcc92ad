package dev.readiness.checks.performance;

import dev.readiness.check.Check;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Claim;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import dev.readiness.checks.PluginLibrary;
import dev.readiness.checks.performance.JmhResults.Benchmark;
import dev.readiness.checks.performance.PerformanceConfig.Budget;
import dev.readiness.io.NewestFile;
import dev.readiness.io.UnreadableFileException;
import dev.readiness.text.Words;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The {@code performance} check: reads this build's load-test results (Gatling's report, JMeter's .jtl) and JMH
 * benchmark results, and holds them to the configured budgets (p95, p99, error rate, throughput) and to a committed JMH
 * baseline within a tolerance. It is an ERROR when no results exist, when a results file is older than the newest
 * compiled class (from an earlier run), unreadable, or records no request or benchmark, and when no budget is
 * configured to hold the results to.
 *
 * <p>Other claims read the same results: {@code performance.load} whether a run reached the configured users, duration
 * and requests; {@code performance.budget} whether a budget is configured at all; and, supporting, {@code
 * performance.stress} (a run reached {@code stressUsers}), {@code performance.memory} (JMH's gc.alloc.rate.norm
 * within the baseline's) and {@code performance.cpu} (JMH's scores within the baseline's).
 */
public final class PerformanceCheck implements Check<PerformanceConfig> {

    static final String LOAD = "performance.load";
    static final String BUDGET = "performance.budget";
    static final String STRESS = "performance.stress";
    static final String MEMORY = "performance.memory";
    static final String CPU = "performance.cpu";

    @Override
    public String id() {
        return "performance";
    }

    @Override
    public String description() {
        return "Holds this build's Gatling, JMeter and JMH results to the configured budgets and the JMH baseline.";
    }

    @Override
    public List<String> phrases() {
        return List.of("Performance tests meet target benchmarks");
    }

    @Override
    public List<Claim> claims() {
        return List.of(
                Claim.settles(id(), "Every load run meets every budget (p95, p99, error rate, throughput) and every JMH "
                        + "benchmark of the baseline scores within the tolerance of it; results newer than the compiled classes.",
                        phrases()),
                Claim.settles(LOAD, "A load run (Gatling or JMeter) reached the configured users, duration and requests.",
                        List.of("Load testing completed")),
                Claim.settles(BUDGET, "At least one budget (a load budget or a JMH baseline) is configured.",
                        List.of("Performance budget defined")),
                Claim.supports(STRESS, "A load run reached stressUsers concurrent users; not evaluated without stressUsers or "
                        + "a run that records its users (JMeter).", List.of("Stress testing completed")),
                Claim.supports(MEMORY, "No JMH benchmark allocates more per operation (gc.alloc.rate.norm) than the baseline "
                        + "plus the tolerance; not evaluated without the GC profiler's figures in both.",
                        List.of("Memory usage optimized")),
                Claim.supports(CPU, "No JMH benchmark scores worse than the baseline by more than the tolerance; not "
                        + "evaluated without a baseline.", List.of("CPU usage optimized")));
    }

    @Override
    public Class<PerformanceConfig> configType() {
        return PerformanceConfig.class;
    }

    @Override
    public boolean readsBuildOutputs() {
        return true;
    }

    /** A results location: where, whether the configuration named it (then it must exist). */
    private record Source(Path path, String shown, boolean configured) {
        boolean exists() {
            return Files.exists(path);
        }
    }

    @Override
    public Result run(PerformanceConfig config, CheckContext context) throws IOException {
        Path target = context.buildDirectory();
        Source gatling = source(config.gatling(), target.resolve("gatling"), context);
        Source jmeter = source(config.jmeter(), target.resolve("jmeter").resolve("results"), context);
        Source jmh = source(config.jmh(), target.resolve("jmh-result.json"), context);
        Source baseline = config.jmhBaseline() == null ? null : source(config.jmhBaseline(), null, context);
        List<String> looked = Stream.of(gatling, jmeter, jmh).map(Source::shown).toList();

        List<Source> missing = Stream.of(gatling, jmeter, jmh, baseline)
                .filter(s -> s != null && s.configured() && !s.exists()).toList();
        if (!missing.isEmpty()) {
            return Result.error("nothing at " + missing.stream().map(Source::shown).collect(Collectors.joining(", "))
                            + ", though the configuration names it")
                    .evidence("results", looked)
                    .remedy("Run the load tests or benchmarks before the gate (in the same mvn verify), or correct the path.")
                    .build();
        }

        List<Path> files = new ArrayList<>();
        List<Path> gatlingRuns = gatling.exists() ? GatlingStats.newestRuns(gatling.path()) : List.of();
        List<Path> jtl = jmeter.exists() ? jtlFiles(jmeter.path()) : List.of();
        if (gatling.configured() && gatlingRuns.isEmpty() || jmeter.configured() && jtl.isEmpty()) {
            String empty = gatling.configured() && gatlingRuns.isEmpty() ? gatling.shown() + " holds no Gatling run "
                    + "(<simulation>-<timestamp> folder)" : jmeter.shown() + " holds no .jtl file";
            return Result.error(empty + ", though the configuration names it")
                    .evidence("results", looked)
                    .remedy("Run the load test before the gate (in the same mvn verify), or correct the path.")
                    .build();
        }
        Result.Builder noCsv = jtl.isEmpty() ? null : PluginLibrary.requiredFor("reading JMeter's results "
                + Words.path(context.basedir(), jtl.get(0)), PluginLibrary.COMMONS_CSV, PluginLibrary.HDR_HISTOGRAM);
        if (noCsv != null) {
            return noCsv.evidence("results", looked).build();
        }
        files.addAll(gatlingRuns);
        files.addAll(jtl);
        if (jmh.exists()) {
            files.add(jmh.path());
        }
        if (files.isEmpty()) {
            return Result.error("no performance results in " + String.join(", ", looked) + ": did Gatling, JMeter or JMH run?")
                    .evidence("results", looked)
                    .remedy("Run gatling-maven-plugin's test goal, jmeter-maven-plugin's jmeter goal or JMH (-rf json -rff "
                            + "target/jmh-result.json) in the build before the gate, or set gatling, jmeter or jmh to where "
                            + "their results are.")
                    .build();
        }

        Result stale = stale(files, context);
        if (stale != null) {
            return stale;
        }

        List<LoadRun> runs = new ArrayList<>();
        Map<String, Benchmark> benchmarks = null;
        Map<String, Benchmark> baselineBenchmarks = null;
        for (Path file : files) {
            String shown = Words.path(context.basedir(), file);
            try {
                if (jmh.exists() && file.equals(jmh.path())) {
                    benchmarks = JmhResults.read(file);
                } else if (gatlingRuns.contains(file)) {
                    runs.add(GatlingStats.read(file, shown));
                } else {
                    runs.add(JmeterResults.read(file, shown));
                }
            } catch (UnreadableFileException e) {
                return unreadable(shown, e, looked);
            }
        }
        if (baseline != null) {
            try {
                baselineBenchmarks = JmhResults.read(baseline.path());
            } catch (UnreadableFileException e) {
                return unreadable(baseline.shown(), e, looked);
            }
        }
        JmhBaseline comparison = benchmarks == null || baselineBenchmarks == null ? null
                : new JmhBaseline(benchmarks, jmh.shown(), baselineBenchmarks, baseline.shown(), config.tolerance());
        return decide(config, context, runs, benchmarks, comparison, baseline, jmh);
    }

    private static Result decide(PerformanceConfig config, CheckContext context, List<LoadRun> runs,
                                 Map<String, Benchmark> benchmarks, JmhBaseline comparison, Source baseline, Source jmh) {
        List<String> read = new ArrayList<>();
        runs.forEach(run -> read.add(run.file() + " (" + run.tool() + ", " + Words.plural(run.all().requests(), "request") + ")"));
        if (benchmarks != null) {
            read.add(jmh.shown() + " (JMH, " + Words.plural(benchmarks.size(), "benchmark") + ")");
        }
        String where = String.join(", ", read);

        Judgement judgement = new Judgement();
        if (!config.budgets().isEmpty()) {
            judgement = runs.isEmpty() ? missingEvidence("load", "no load run (Gatling or JMeter) to hold the budgets to")
                    : LoadBudgets.judge(config.budgets(), runs);
        }
        Judgement scores = null;
        if (baseline != null) {
            scores = comparison != null ? comparison.scores()
                    : missingEvidence("jmh", "no JMH results at " + jmh.shown() + " to hold to the baseline " + baseline.shown());
            judgement = judgement.and(scores);
        }

        Result.Builder main;
        if (!config.definesBudget()) {
            main = Result.error("no budget is configured, so the results in " + where + " cannot be held to anything")
                    .remedy("Configure budgets (p95, p99, errorRate, throughput) for the load runs, or a jmhBaseline for the "
                            + "benchmarks.");
        } else {
            main = verdict(judgement, "every budget is met by " + where, " in " + where,
                    "Make the requests and benchmarks named fast enough again (or, when the new figures are the intended "
                            + "ones, change the budget or commit a new baseline), then run mvn verify again.");
        }
        main.measured(judgement.misses() + " budgets missed")
                .expected("every budget met")
                .evidence("results", read)
                .evidence("budgets", config.budgets().size())
                .evidence("met", judgement.met())
                .findings(judgement.findings());
        if (!runs.isEmpty()) {
            main.evidence("runs", runs.stream().map(PerformanceCheck::facts).toList());
        }

        offer(main, context, BUDGET, budget(config));
        offer(main, context, LOAD, load(config, runs));
        offer(main, context, STRESS, stress(config, runs));
        offer(main, context, CPU, comparison == null
                ? Result.skipped("not evaluated: no JMH results held to a jmhBaseline").build()
                : verdict(scores, "no benchmark scores worse than the baseline by more than " + config.tolerance().shown(), "",
                        "Find what made the benchmarks named slower (a profiler: JMH's -prof stack or async), then run mvn "
                                + "verify again.").findings(scores.findings()).build());
        Judgement allocations = comparison == null ? new Judgement() : comparison.allocations();
        offer(main, context, MEMORY, allocations.met().isEmpty() && allocations.shortfalls().isEmpty()
                ? Result.skipped("not evaluated: no JMH allocation figures (-prof gc) in both the results and a jmhBaseline").build()
                : verdict(allocations, "no benchmark allocates more per operation than the baseline allows", "",
                        "Find what the benchmarks named allocate (JMH's -prof gc, a heap profiler), then run mvn verify again.")
                        .findings(allocations.findings()).build());
        return main.build();
    }

    /** A result of the judgement's status: its summary says what was met, or the first shortfall and how many more. */
    private static Result.Builder verdict(Judgement judgement, String passed, String where, String remedy) {
        Status status = judgement.status();
        if (status == Status.PASS) {
            return Result.pass(passed);
        }
        List<Judgement.Shortfall> shown = judgement.shortfalls().stream()
                .filter(s -> s.unknown() == (status == Status.ERROR)).toList();
        String more = shown.size() > 1 ? " (and " + (shown.size() - 1) + " more" + where + ")" : "";
        return Result.of(status, shown.get(0).message() + more)
                .remedy(status == Status.ERROR ? "Run the load tests and benchmarks so that they record what the budgets "
                        + "name (each finding says what is missing), then run mvn verify again." : remedy);
    }

    private static Judgement missingEvidence(String key, String message) {
        Judgement judgement = new Judgement();
        judgement.unknown(key, message, null);
        return judgement;
    }

    private static Result budget(PerformanceConfig config) {
        if (!config.definesBudget()) {
            return Result.fail("no performance budget is configured: no budgets and no jmhBaseline")
                    .measured("0 budgets").expected("at least 1 budget")
                    .remedy("Add budgets under <performance> (e.g. <budgets><budget><p95>300ms</p95><errorRate>1%</errorRate>"
                            + "</budget></budgets>) or a committed jmhBaseline.")
                    .build();
        }
        List<String> defined = new ArrayList<>();
        for (Budget budget : config.budgets()) {
            defined.add("the budget of " + budget.subject());
        }
        if (config.jmhBaseline() != null) {
            defined.add("the JMH baseline " + config.jmhBaseline() + " within " + config.tolerance().shown());
        }
        return Result.pass("performance budgets are configured: " + String.join(", ", defined))
                .measured(Words.plural(defined.size(), "budget")).expected("at least 1 budget").build();
    }

    private static Result load(PerformanceConfig config, List<LoadRun> runs) {
        if (!config.definesLoadTarget()) {
            return Result.skipped("not evaluated: no load target (users, duration, requests) is configured")
                    .remedy("Configure the users, duration and requests a load run must reach.").build();
        }
        String expected = target(config);
        if (runs.isEmpty()) {
            return Result.error("no load run (Gatling or JMeter) in the results, so none reached " + expected)
                    .expected(expected)
                    .remedy("Run the load test in the build before the gate, or set gatling or jmeter to its results.").build();
        }
        List<String> shortfalls = new ArrayList<>();
        boolean unknown = false;
        for (LoadRun run : runs) {
            List<String> missed = new ArrayList<>();
            List<String> notRecorded = new ArrayList<>();
            if (config.users() != null) {
                if (run.users() == null) {
                    notRecorded.add("users");
                } else if (run.users() < config.users()) {
                    missed.add(run.users() + " users");
                }
            }
            if (config.duration() != null) {
                if (run.duration() == null) {
                    notRecorded.add("duration");
                } else if (run.duration().compareTo(config.duration()) < 0) {
                    missed.add("lasted " + Words.duration(run.duration()));
                }
            }
            if (config.requests() != null && run.all().requests() < config.requests()) {
                missed.add(Words.plural(run.all().requests(), "request"));
            }
            if (missed.isEmpty() && notRecorded.isEmpty()) {
                return Result.pass(run.shown() + " reached " + expected).measured(measured(run)).expected(expected).build();
            }
            unknown |= missed.isEmpty();
            shortfalls.add(run.shown() + (missed.isEmpty() ? " does not record its " + String.join(" or ", notRecorded)
                    : " reached only " + String.join(", ", missed)));
        }
        return Result.of(unknown ? Status.ERROR : Status.FAIL, "no load run reached " + expected + ": "
                        + String.join("; ", shortfalls))
                .expected(expected)
                .remedy(unknown ? "Gatling's report records neither users nor duration: hold a JMeter run to them, or "
                        + "configure only requests for Gatling." : "Run the load test with the configured users for the "
                        + "configured duration, then run mvn verify again.")
                .build();
    }

    private static Result stress(PerformanceConfig config, List<LoadRun> runs) {
        if (config.stressUsers() == null) {
            return Result.skipped("not evaluated: no stressUsers is configured").build();
        }
        List<LoadRun> counted = runs.stream().filter(run -> run.users() != null).toList();
        if (counted.isEmpty()) {
            return Result.skipped("not evaluated: no load run records its users (JMeter's allThreads)").build();
        }
        LoadRun most = counted.stream().max((a, b) -> Integer.compare(a.users(), b.users())).orElseThrow();
        String expected = "at least " + config.stressUsers() + " users";
        if (most.users() >= config.stressUsers()) {
            return Result.pass(most.shown() + " reached " + most.users() + " users, " + expected)
                    .measured(most.users() + " users").expected(expected).build();
        }
        return Result.fail("the most users a load run reached is " + most.users() + " (" + most.shown() + "), but a stress run "
                        + "needs " + expected)
                .measured(most.users() + " users").expected(expected)
                .remedy("Run a stress test above the nominal load (" + config.stressUsers() + " users or more) in the build.")
                .build();
    }

    private static String target(PerformanceConfig config) {
        return load(config.users(), config.duration(), config.requests());
    }

    private static String measured(LoadRun run) {
        return load(run.users(), run.duration(), run.all().requests());
    }

    /** "10 users, 5m, 150 requests", leaving out what is not known. */
    private static String load(Integer users, Duration duration, Long requests) {
        List<String> parts = new ArrayList<>();
        if (users != null) {
            parts.add(users + " users");
        }
        if (duration != null) {
            parts.add(Words.duration(duration));
        }
        if (requests != null) {
            parts.add(Words.plural(requests, "request"));
        }
        return String.join(", ", parts);
    }

    /** What the report shows of one run. */
    private static Map<String, Object> facts(LoadRun run) {
        Map<String, Object> facts = new java.util.LinkedHashMap<>();
        facts.put("tool", run.tool());
        facts.put("file", run.file());
        facts.put("requests", run.all().requests());
        facts.put("errors", run.all().errors());
        if (run.all().p95() != null) {
            facts.put("p95Ms", run.all().p95());
        }
        if (run.all().p99() != null) {
            facts.put("p99Ms", run.all().p99());
        }
        if (run.all().throughput() != null) {
            facts.put("throughput", run.all().throughput().stripTrailingZeros().toPlainString());
        }
        if (run.users() != null) {
            facts.put("users", run.users());
        }
        if (run.duration() != null) {
            facts.put("durationMs", run.duration().toMillis());
        }
        return facts;
    }

    /** Adds a claim's verdict when it was evaluated or an item binds it. */
    private static void offer(Result.Builder main, CheckContext context, String claim, Result verdict) {
        if (verdict.status() != Status.SKIPPED || context.isBound(claim)) {
            main.claim(claim, verdict);
        }
    }

    private static Source source(String configured, Path fallback, CheckContext context) {
        Path path = (configured != null ? context.basedir().resolve(configured) : fallback).toAbsolutePath().normalize();
        return new Source(path, Words.path(context.basedir(), path), configured != null);
    }

    /** The .jtl files of a folder, by name; or the file itself. */
    private static List<Path> jtlFiles(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> files = Files.list(path)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jtl") && Files.isRegularFile(f)).sorted().toList();
        }
    }

    /** An ERROR when a results file is older than the newest compiled class: evidence of an earlier build. */
    private static Result stale(List<Path> files, CheckContext context) throws IOException {
        NewestFile classes = newest(NewestFile.in(context.outputDirectory()), NewestFile.in(context.testOutputDirectory()));
        if (classes == null) {
            return null;
        }
        for (Path file : files) {
            if (Files.isRegularFile(file) && NewestFile.modified(file).isBefore(classes.time())) {
                String shown = Words.path(context.basedir(), file);
                return Result.error("the results " + shown + " (" + NewestFile.modified(file) + ") are older than the compiled "
                                + "classes (newest " + Words.path(context.basedir(), classes.file()) + ", " + classes.time()
                                + "): they are from an earlier run")
                        .measured("results of " + NewestFile.modified(file))
                        .expected("results newer than " + classes.time())
                        .evidence("staleResults", shown)
                        .evidence("newestCompiled", Words.path(context.basedir(), classes.file()))
                        .remedy("Run the load tests and benchmarks again in the same build as the gate (mvn verify), so the "
                                + "results come from the code as it is.")
                        .build();
            }
        }
        return null;
    }

    private static NewestFile newest(NewestFile a, NewestFile b) {
        return a == null ? b : b == null || a.time().isAfter(b.time()) ? a : b;
    }

    private static Result unreadable(String shown, UnreadableFileException e, List<String> looked) {
        return Result.error("cannot read " + shown + ": " + e.getMessage())
                .evidence("results", looked)
                .evidence("file", shown)
                .remedy("Run the tool again so that it writes " + shown + " whole (Gatling's HTML report, JMeter's CSV with "
                        + "its header row, JMH's -rf json), or point the configuration at the right file.")
                .build();
    }
}

package dev.readiness.checks.coverage;

import dev.readiness.check.Check;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Finding;
import dev.readiness.check.Measure;
import dev.readiness.check.ModuleResult;
import dev.readiness.check.Ratio;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import dev.readiness.checks.coverage.CoverageAnalysis.AnalysisException;
import dev.readiness.checks.coverage.CoverageAnalysis.ClassFigure;
import dev.readiness.checks.coverage.CoverageAnalysis.Outcome;
import dev.readiness.checks.coverage.CoverageConfig.Counter;
import dev.readiness.checks.coverage.JacocoXmlReport.ReportException;
import dev.readiness.io.BoundedInput;
import dev.readiness.io.NewestFile;
import dev.readiness.text.Words;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jacoco.core.data.ExecutionDataStore;
import org.jacoco.core.data.IncompatibleExecDataVersionException;
import org.jacoco.core.data.SessionInfoStore;

/**
 * The {@code coverage} check: the module's test coverage, as JaCoCo measures it, meets a minimum
 * per counter. It reads the JaCoCo execution data ({@code target/jacoco.exec} by default, several
 * files merged) and analyses the class files under the output folder with JaCoCo's own analyser,
 * in parallel, so its figures are those of JaCoCo's report on the same data; only when no exec
 * file exists does it read the totals of {@code target/site/jacoco/jacoco.xml}.
 *
 * <p>FAIL when a counter's covered ratio is below its minimum, naming each unmet limit and the
 * least-covered classes. ERROR when there is no execution data (JaCoCo's own {@code check} passes
 * then; this does not), no class files, an exec file, class file or report cannot be read (an exec
 * record declaring more probes than its file holds among them), or the report is older than the
 * class files (stale evidence of an earlier build).
 * Class files that changed since the execution data was recorded count as not covered and are
 * reported.
 */
public final class CoverageCheck implements Check<CoverageConfig> {

    static final long MAX_EXEC_BYTES = 1L << 30;

    private static final String REPORT = "site/jacoco/jacoco.xml";

    @Override
    public String id() {
        return "coverage";
    }

    @Override
    public String description() {
        return "Test coverage measured by JaCoCo meets the minimum for each configured counter";
    }

    @Override
    public List<String> phrases() {
        return List.of("Test coverage meets minimum threshold");
    }

    @Override
    public Class<CoverageConfig> configType() {
        return CoverageConfig.class;
    }

    @Override
    public boolean readsBuildOutputs() {
        return true;
    }

    @Override
    public Result run(CoverageConfig config, CheckContext ctx) throws IOException, InterruptedException {
        List<Path> execFiles = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : config.execFiles()) {
            Path file = ctx.basedir().resolve(name);
            if (Files.isRegularFile(file)) {
                execFiles.add(file);
            } else {
                missing.add(Words.path(ctx.basedir(), file));
            }
        }
        if (execFiles.isEmpty()) {
            return fromReport(config, ctx, missing);
        }
        List<String> read = execFiles.stream().map(f -> Words.path(ctx.basedir(), f)).toList();
        Result stale = staleExecutionData(ctx, execFiles, read);
        if (stale != null) {
            return stale;
        }
        ExecutionDataStore executionData = new ExecutionDataStore();
        for (Path file : execFiles) {
            String problem = load(executionData, file, Words.path(ctx.basedir(), file));
            if (problem != null) {
                return Result.error(problem)
                        .evidence("execFiles", read)
                        .remedy("Delete " + Words.path(ctx.basedir(), file) + " and run the tests again with jacoco-maven-plugin's"
                                + " prepare-agent goal (mvn clean verify).")
                        .build();
            }
        }
        Path classesDir = ctx.outputDirectory();
        String classesShown = Words.path(ctx.basedir(), classesDir);
        if (!Files.isDirectory(classesDir)) {
            return Result.error("no class folder at " + classesShown + " to match the JaCoCo execution data in "
                            + String.join(", ", read) + " against")
                    .evidence("execFiles", read)
                    .remedy("Run the check after the module is compiled and tested (mvn verify), so "
                            + classesShown + " holds the classes the tests ran.")
                    .build();
        }
        Map<Counter, Ratio> limits = config.effectiveLimits();
        Outcome outcome;
        try {
            outcome = CoverageAnalysis.analyse(classesDir, ctx.basedir(), executionData,
                    ClassGlob.anyOf(config.excludes()), limits.keySet(), Runtime.getRuntime().availableProcessors(),
                    counterCache(ctx, "module " + classesDir.toAbsolutePath()));
        } catch (AnalysisException e) {
            return Result.error(e.getMessage())
                    .evidence("execFiles", read)
                    .remedy("Rebuild the module from scratch (mvn clean verify) so " + classesShown
                            + " holds only the classes the compiler wrote.")
                    .build();
        }
        if (outcome.classes() == 0) {
            return Result.error("no classes to measure in " + classesShown
                            + (outcome.excluded() > 0 ? ": all " + outcome.excluded() + " class files are excluded" : ""))
                    .evidence("execFiles", read)
                    .evidence("classes", 0)
                    .evidence("excludedClasses", outcome.excluded())
                    .remedy(outcome.excluded() > 0 ? "Narrow the excludes so they leave the module's own classes in."
                            : "Run the check after the module is compiled (mvn verify).")
                    .build();
        }
        List<Finding> notes = new ArrayList<>();
        missing.forEach(m -> notes.add(Finding.of(m + " does not exist; the figures come from " + String.join(", ", read))
                .key("missing:" + m).note().at(m).build()));
        if (outcome.mismatched() > 0) {
            notes.add(Finding.of(mismatchNote(outcome.mismatched()) + ", as in JaCoCo's report: "
                            + String.join(", ", outcome.mismatchedNames())
                            + (outcome.mismatched() > outcome.mismatchedNames().size()
                            ? " and " + (outcome.mismatched() - outcome.mismatchedNames().size()) + " more" : ""))
                    .key("mismatched-classes").note().at(classesShown)
                    .with("count", outcome.mismatched())
                    .with("classes", outcome.mismatchedNames())
                    .build());
        }
        Evidence evidence = new Evidence(outcome.counts(), "exec", read, missing, outcome.classes());
        evidence.excluded = config.excludes().isEmpty() ? null : outcome.excluded();
        evidence.mismatched = outcome.mismatched();
        return verdict(limits, evidence, notes, outcome.leastCovered());
    }

    /**
     * The ERROR of execution data older than the newest compiled test or main class (a build that compiled again without
     * running the tests, {@code -DskipTests}, or a file left by an earlier run), whose figures would be of other tests;
     * {@code null} when every file is newer.
     */
    private static Result staleExecutionData(CheckContext ctx, List<Path> execFiles, List<String> read) throws IOException {
        NewestFile newestClass = NewestFile.compiled(ctx.testOutputDirectory(), ctx.outputDirectory());
        if (newestClass == null) {
            return null;
        }
        for (Path file : execFiles) {
            Instant written = NewestFile.modified(file);
            if (newestClass.time().isAfter(written)) {
                String shown = Words.path(ctx.basedir(), file);
                String classShown = Words.path(ctx.basedir(), newestClass.file());
                return Result.error(shown + " (of " + written + ") is older than the compiled class " + classShown + " (of "
                                + newestClass.time() + "): its execution data is of an earlier test run")
                        .measured("execution data of " + written)
                        .expected("execution data newer than " + newestClass.time())
                        .evidence("execFiles", read)
                        .evidence("newestClass", classShown)
                        .remedy("Run the tests again with jacoco-maven-plugin's prepare-agent goal (mvn clean verify), so the"
                                + " execution data comes from the tests of the classes as they are.")
                        .build();
            }
        }
        return null;
    }

    /**
     * The reactor's coverage as {@code jacoco:report-aggregate} reports it: the execution data of every module merged,
     * and every module's classes analysed once against it, so that a class of one module covered by another module's
     * tests counts; never an average of the modules' percentages. ERROR when no module has execution data.
     */
    @Override
    public Result aggregate(CoverageConfig config, CheckContext context, List<ModuleResult> modules)
            throws IOException, InterruptedException {
        List<CheckContext> ran = modules.stream().filter(m -> m.result().status() != Status.SKIPPED).map(ModuleResult::context).toList();
        ExecutionDataStore executionData = new ExecutionDataStore();
        List<String> read = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (CheckContext module : ran) {
            for (String name : config.execFiles()) {
                Path file = module.basedir().resolve(name);
                String shown = Words.path(context.basedir(), file);
                if (!Files.isRegularFile(file)) {
                    missing.add(shown);
                    continue;
                }
                String problem = load(executionData, file, shown);
                if (problem != null) {
                    return Result.error(problem).evidence("execFiles", read)
                            .remedy("Delete " + shown + " and run the tests again with jacoco-maven-plugin's prepare-agent goal (mvn clean verify).")
                            .build();
                }
                read.add(shown);
            }
        }
        if (read.isEmpty()) {
            return Result.error("no JaCoCo execution data in any module of the reactor: " + String.join(", ", missing))
                    .evidence("missingExecFiles", missing)
                    .remedy("Add jacoco-maven-plugin's prepare-agent goal to the parent POM, so every module's tests write their execution data, and run mvn verify.")
                    .build();
        }
        List<Outcome> outcomes = new ArrayList<>();
        Map<Counter, Ratio> limits = config.effectiveLimits();
        for (CheckContext module : ran) {
            if (Files.isDirectory(module.outputDirectory())) {
                try {
                    outcomes.add(CoverageAnalysis.analyse(module.outputDirectory(), context.basedir(), executionData,
                            ClassGlob.anyOf(config.excludes()), limits.keySet(), Runtime.getRuntime().availableProcessors(),
                            counterCache(context, "reactor " + module.outputDirectory().toAbsolutePath())));
                } catch (AnalysisException e) {
                    return Result.error(e.getMessage()).evidence("execFiles", read)
                            .remedy("Rebuild the reactor from scratch (mvn clean verify) so every class folder holds only the classes the compiler wrote.")
                            .build();
                }
            }
        }
        Outcome outcome = CoverageAnalysis.combine(outcomes);
        if (outcome.classes() == 0) {
            return Result.error("no classes to measure in the reactor's modules").evidence("execFiles", read).evidence("classes", 0)
                    .remedy("Run the gate after the modules are compiled (mvn verify).").build();
        }
        List<Finding> notes = new ArrayList<>();
        missing.forEach(m -> notes.add(Finding.of(m + " does not exist; that module's classes count as its tests left them: uncovered"
                + " unless another module's tests ran them").key("missing:" + m).note().at(m).build()));
        Evidence evidence = new Evidence(outcome.counts(), "exec", read, missing, outcome.classes());
        evidence.excluded = config.excludes().isEmpty() ? null : outcome.excluded();
        evidence.mismatched = outcome.mismatched();
        return verdict(limits, evidence, notes, outcome.leastCovered());
    }

    /**
     * The counters of classes analysed before, under {@code <cache directory>/coverage} (the local repository's
     * {@code .cache/readiness/coverage} in Maven); none when caches are off ({@code -Dreadiness.cache=false}).
     * The module's and the reactor's figures of one class folder come from different execution data: separate packs.
     */
    private static CounterCache counterCache(CheckContext ctx, String label) {
        return ctx.useCache() ? CounterCache.open(ctx.cacheDirectory().resolve("coverage"), label, ctx.clock(), ctx.log()) : null;
    }

    /** Reads one exec file into the store, merging with what it holds; returns the one-line problem, or {@code null}. */
    private static String load(ExecutionDataStore executionData, Path file, String shown) {
        try (InputStream in = new BoundedInput(new BufferedInputStream(Files.newInputStream(file)), MAX_EXEC_BYTES, shown)) {
            long size = Files.size(file);
            if (size == 0) {
                return notExecData(shown, "the file is empty");
            }
            BoundedExecReader reader = new BoundedExecReader(in, size);
            reader.setExecutionDataVisitor(executionData);
            reader.setSessionInfoVisitor(new SessionInfoStore());
            reader.read();
            return null;
        } catch (IncompatibleExecDataVersionException e) {
            return shown + " was written by another JaCoCo version: " + e.getMessage();
        } catch (BoundedInput.LimitExceededException e) {
            return e.getMessage();
        } catch (EOFException e) {
            return notExecData(shown, "it ends in the middle of a record");
        } catch (FileSystemException e) {
            return shown + " cannot be read: " + e.getMessage();
        } catch (IllegalStateException e) {
            return shown + " cannot be merged with the other execution data: " + e.getMessage();
        } catch (IOException | RuntimeException e) {
            return notExecData(shown, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private static String notExecData(String shown, String why) {
        return shown + " is not a JaCoCo exec file or is truncated: " + why;
    }

    /** No exec file: the totals of an existing jacoco.xml, else ERROR. */
    private Result fromReport(CoverageConfig config, CheckContext ctx, List<String> missing) throws IOException {
        Path report = ctx.buildDirectory().resolve(REPORT);
        String reportShown = Words.path(ctx.basedir(), report);
        if (!Files.isRegularFile(report)) {
            return Result.error("no JaCoCo execution data at " + String.join(", ", missing)
                            + ": add jacoco-maven-plugin's prepare-agent goal and run the tests")
                    .evidence("missingExecFiles", missing)
                    .remedy("Add jacoco-maven-plugin to the build with its prepare-agent goal, so the tests run with"
                            + " the JaCoCo agent and write " + missing.get(0) + ", then run mvn verify; if the build"
                            + " writes its execution data elsewhere, list those files in execFiles.")
                    .build();
        }
        NewestFile newestClass = NewestFile.in(ctx.outputDirectory());
        Instant reportTime = NewestFile.modified(report);
        if (newestClass != null && newestClass.time().isAfter(reportTime)) {
            String classShown = Words.path(ctx.basedir(), newestClass.file());
            return Result.error(reportShown + " (of " + reportTime + ") is older than the compiled class " + classShown + " (of "
                            + newestClass.time() + "): its figures are of an earlier build, and there is no execution data at "
                            + String.join(", ", missing))
                    .measured("report of " + reportTime)
                    .expected("a report newer than " + newestClass.time())
                    .evidence("source", "jacoco.xml")
                    .evidence("report", reportShown)
                    .evidence("newestClass", classShown)
                    .remedy("Run mvn clean verify with jacoco-maven-plugin's prepare-agent and report goals so the execution"
                            + " data and the report come from the classes as they are.")
                    .build();
        }
        Counts counts;
        try {
            counts = JacocoXmlReport.totals(report, reportShown);
        } catch (ReportException | BoundedInput.LimitExceededException e) {
            return Result.error(e.getMessage())
                    .evidence("source", "jacoco.xml")
                    .evidence("report", reportShown)
                    .remedy("Run mvn clean verify with jacoco-maven-plugin's prepare-agent and report goals so "
                            + reportShown + " is written afresh.")
                    .build();
        }
        int classes = counts.total(Counter.CLASS);
        if (counts.total(Counter.INSTRUCTION) == 0) {
            return Result.error(reportShown + " reports no classes")
                    .evidence("source", "jacoco.xml")
                    .evidence("report", reportShown)
                    .remedy("Run the tests with jacoco-maven-plugin's prepare-agent goal so there is execution data to report.")
                    .build();
        }
        List<Finding> notes = new ArrayList<>();
        notes.add(Finding.of("no JaCoCo execution data at " + String.join(", ", missing) + "; the figures are the totals of "
                        + reportShown + (config.excludes().isEmpty() ? "" : ", which excludes do not change"))
                .key("source:" + reportShown).note().at(reportShown)
                .build());
        Evidence evidence = new Evidence(counts, "jacoco.xml", List.of(), missing, classes);
        evidence.report = reportShown;
        return verdict(config.effectiveLimits(), evidence, notes, Map.of());
    }

    private static Result verdict(Map<Counter, Ratio> limits, Evidence evidence, List<Finding> notes,
                                  Map<Counter, List<ClassFigure>> leastCovered) {
        Counts counts = evidence.counts;
        if (limits.containsKey(Counter.LINE) && counts.total(Counter.LINE) == 0) {
            return evidence.addTo(Result.error("line coverage cannot be measured: the classes carry no line numbers"))
                    .findings(notes)
                    .remedy("Compile with line numbers (javac -g, the Maven default) or set the minimum on another counter, e.g. INSTRUCTION.")
                    .build();
        }
        List<String> unmet = new ArrayList<>();
        List<String> met = new ArrayList<>();
        List<Finding> classes = new ArrayList<>();
        for (Map.Entry<Counter, Ratio> limit : limits.entrySet()) {
            Counter counter = limit.getKey();
            Ratio minimum = limit.getValue();
            int covered = counts.covered(counter);
            int total = counts.total(counter);
            if (total == 0) {
                met.add(counter.label() + " coverage does not apply: there are no " + counter.unit());
            } else if (minimum.isMetBy(covered, total)) {
                met.add(figure(counter, covered, total, minimum) + ", meeting the minimum of " + minimum.shown());
            } else {
                unmet.add(figure(counter, covered, total, minimum) + ", but expected minimum is " + minimum.shown());
                for (ClassFigure c : leastCovered.getOrDefault(counter, List.of())) {
                    classes.add(Finding.of(c.className() + ": " + figure(counter, c.covered(), c.total(), minimum))
                            .key(c.className() + ":" + counter.name()).note()
                            .at(c.classFile())
                            .with("class", c.className())
                            .with("counter", counter.name())
                            .with("covered", c.covered())
                            .with("missed", c.missed())
                            .with("ratio", Ratio.of(c.covered(), c.total()).percentFloor())
                            .with("sourceFile", c.sourceFile())
                            .build());
                }
            }
        }
        String mismatchNote = evidence.mismatched > 0 ? "; " + mismatchNote(evidence.mismatched) : "";
        String measured = limits.keySet().stream()
                .map(c -> c.label() + " " + (counts.total(c) == 0 ? "n/a"
                        : Ratio.of(counts.covered(c), counts.total(c)).percentFloor(limits.get(c).percentDecimals())))
                .collect(Collectors.joining(", "));
        String expected = limits.entrySet().stream()
                .map(e -> e.getKey().label() + " >= " + e.getValue().shown())
                .collect(Collectors.joining(", "));
        String rerun = "Run the tests again on the current class files (mvn clean verify): "
                + Words.plural(evidence.mismatched, "class has", "classes have") + " changed since the execution data was recorded.";
        Measure measure = measure(limits, counts);
        if (unmet.isEmpty()) {
            return evidence.addTo(Result.pass(String.join("; ", met) + mismatchNote))
                    .measured(measured).expected(expected).measure(measure)
                    .findings(notes)
                    .remedy(evidence.mismatched > 0 ? rerun : null)
                    .build();
        }
        return evidence.addTo(Result.fail(String.join("; ", unmet) + mismatchNote))
                .measured(measured).expected(expected).measure(measure)
                .findings(notes)
                .findings(classes)
                .remedy("Add tests that exercise the least-covered classes listed, or leave generated code out with"
                        + " excludes, then run mvn verify again." + (evidence.mismatched > 0 ? " " + rerun : ""))
                .build();
    }

    /**
     * The figure a percentage in the checklist item holds: the counter the minimum is set on, LINE
     * among several limits, else the first; none when that counter counts nothing.
     */
    private static Measure measure(Map<Counter, Ratio> limits, Counts counts) {
        Counter counter = limits.containsKey(Counter.LINE) ? Counter.LINE : limits.keySet().iterator().next();
        if (counts.total(counter) == 0) {
            return null;
        }
        return new Measure(counter.label() + " coverage", Ratio.of(counts.covered(counter), counts.total(counter)), limits.get(counter));
    }

    /**
     * "line coverage is 76.4% (382 of 500 lines)", with the decimals of the minimum it is held to
     * and rounded toward failing, so a figure below the minimum never prints as the minimum.
     */
    private static String figure(Counter counter, int covered, int total, Ratio minimum) {
        return counter.label() + " coverage is " + Ratio.of(covered, total).percentFloor(minimum.percentDecimals())
                + " (" + covered + " of " + total + " " + counter.unit() + ")";
    }

    /** "2 classes do not match the execution data and count as not covered". */
    private static String mismatchNote(int n) {
        return Words.plural(n, "class does", "classes do") + " not match the execution data and "
                + (n == 1 ? "counts" : "count") + " as not covered";
    }

    /** The evidence every PASS and FAIL carries. */
    private static final class Evidence {
        final Counts counts;
        final String source;
        final List<String> execFiles;
        final List<String> missingExecFiles;
        final int classes;
        String report;
        Integer excluded;
        int mismatched;

        Evidence(Counts counts, String source, List<String> execFiles, List<String> missingExecFiles, int classes) {
            this.counts = counts;
            this.source = source;
            this.execFiles = execFiles;
            this.missingExecFiles = missingExecFiles;
            this.classes = classes;
        }

        Result.Builder addTo(Result.Builder result) {
            return result.evidence("counters", counts.asEvidence())
                    .evidence("source", source)
                    .evidence("report", report)
                    .evidence("execFiles", execFiles)
                    .evidence("missingExecFiles", missingExecFiles.isEmpty() ? null : missingExecFiles)
                    .evidence("classes", classes)
                    .evidence("excludedClasses", excluded)
                    .evidence("mismatchedClasses", mismatched > 0 ? mismatched : null);
        }
    }
}

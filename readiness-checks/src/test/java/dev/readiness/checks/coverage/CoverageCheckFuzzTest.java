package dev.readiness.checks.coverage;

import static dev.readiness.fuzz.FuzzContract.check;
import static dev.readiness.fuzz.FuzzContract.isOneLine;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Ratio;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import dev.readiness.checks.coverage.CoverageConfig.Counter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jacoco.core.analysis.Analyzer;
import org.jacoco.core.analysis.CoverageBuilder;
import org.jacoco.core.analysis.IBundleCoverage;
import org.jacoco.core.analysis.ICounter;
import org.jacoco.core.data.ExecutionDataReader;
import org.jacoco.core.data.ExecutionDataStore;
import org.jacoco.core.data.SessionInfoStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes JaCoCo execution data ({@code target/jacoco.exec}) through the bounded exec reader alone and
 * through the {@code coverage} check over fixed class files: the samples compiled by this build
 * ({@code Greeter}, {@code Invoice} and its anonymous class) and the two committed kotlin-stdlib classes
 * whose SMAP makes JaCoCo apply a coverage fragment. The seeds are real execution data of those classes
 * (written by JaCoCo's agent runtime and its {@code ExecutionDataWriter}), and broken shapes of it. A normal
 * build replays them and every kept finding in {@code CoverageCheckFuzzTestInputs};
 * {@code ./mvnw -pl readiness-checks test -Dfuzz=CoverageCheckFuzzTest} fuzzes the first target.
 */
class CoverageCheckFuzzTest {

    private static final List<String> CLASSES = List.of(
            "dev/readiness/checks/coverage/sample/Greeter",
            "dev/readiness/checks/coverage/sample/Invoice",
            "dev/readiness/checks/coverage/sample/Invoice$1");
    private static final List<String> KOTLIN = List.of(
            "SequencesKt__SequencesKt$Sequence$1",
            "SequencesKt__SequencesKt$asSequence$$inlined$Sequence$1");
    /** One limit on each counter, so every counter's figure decides the verdict. */
    static final Map<Counter, Ratio> LIMITS = limits();

    @TempDir
    Path project;

    @BeforeEach
    void compiledClasses() throws IOException {
        for (String name : CLASSES) {
            copy("/" + name + ".class", project.resolve("target/classes/" + name + ".class"));
        }
        for (String name : KOTLIN) {
            copy("kotlin/" + name + ".class", project.resolve("target/classes/kotlin/sequences/" + name + ".class"));
        }
    }

    /**
     * The bounded reader either reads the bytes, allocating no more probes than the bytes have bits, or
     * fails with an {@link IOException}, or with the {@link IllegalStateException} of JaCoCo's store when
     * a class record contradicts an earlier one; nothing else.
     */
    @FuzzTest(maxDuration = "10m")
    void readsExecDataWithinItsBitsOrRefusesIt(byte[] bytes) {
        ExecutionDataStore store = new ExecutionDataStore();
        BoundedExecReader reader = new BoundedExecReader(new ByteArrayInputStream(bytes), bytes.length);
        reader.setExecutionDataVisitor(store);
        reader.setSessionInfoVisitor(new SessionInfoStore());
        try {
            reader.read();
        } catch (IOException | IllegalStateException e) {
            return;
        }
        long probes = store.getContents().stream().mapToLong(data -> data.getProbes().length).sum();
        check(probes <= 8L * bytes.length, () -> probes + " probes from " + bytes.length + " bytes");
    }

    /**
     * The check over the fuzzed exec file: ERROR with a one-line summary when the bounded reader refuses
     * it or JaCoCo's own analysis cannot use it; otherwise the six counters are those of JaCoCo's
     * {@link CoverageBuilder} on the same data, and it passes exactly when each meets its limit (a
     * line limit on classes without line numbers is an ERROR).
     */
    @FuzzTest(maxDuration = "10m")
    void coverageCheckAgreesWithJacocoOnAnyExecData(byte[] bytes) throws Exception {
        Path exec = project.resolve("target/jacoco.exec");
        Files.write(exec, bytes);
        Result result = new CoverageCheck().run(new CoverageConfig(null, null, LIMITS, null, null),
                CheckContext.builder(project).build());
        check(isOneLine(result.summary()), () -> "one-line summary: " + result.summary());

        IBundleCoverage jacoco = jacoco(bytes);
        if (jacoco == null) {
            check(result.status() == Status.ERROR, () -> "status " + result.status() + " on data JaCoCo cannot use: " + result.summary());
            return;
        }
        Map<Counter, int[]> figures = figures(result);
        boolean met = true;
        for (Counter counter : Counter.values()) {
            ICounter expected = jacoco.getCounter(counter.entity());
            int[] actual = figures.get(counter);
            check(actual[0] == expected.getCoveredCount() && actual[1] == expected.getMissedCount(),
                    () -> counter + ": " + actual[0] + " covered, " + actual[1] + " missed; JaCoCo: " + expected);
            met &= expected.getTotalCount() == 0 || LIMITS.get(counter).isMetBy(expected.getCoveredCount(), expected.getTotalCount());
        }
        Status status = jacoco.getLineCounter().getTotalCount() == 0 ? Status.ERROR : met ? Status.PASS : Status.FAIL;
        check(result.status() == status, () -> "status " + result.status() + ", expected " + status + ": " + result.summary());
    }

    /**
     * JaCoCo's own figures for the class files, from the data as JaCoCo's own reader reads it, once the
     * bounded reader has accepted it (so JaCoCo allocates no more than the bytes declare); {@code null}
     * when the bounded reader refuses the data, or JaCoCo's store or analysis cannot use it.
     */
    private IBundleCoverage jacoco(byte[] bytes) {
        if (bytes.length == 0) {
            return null;
        }
        BoundedExecReader bounded = new BoundedExecReader(new ByteArrayInputStream(bytes), bytes.length);
        bounded.setExecutionDataVisitor(new ExecutionDataStore());
        bounded.setSessionInfoVisitor(new SessionInfoStore());
        try {
            bounded.read();
        } catch (IOException | RuntimeException e) {
            return null;
        }
        ExecutionDataStore store = new ExecutionDataStore();
        ExecutionDataReader reader = new ExecutionDataReader(new ByteArrayInputStream(bytes));
        reader.setExecutionDataVisitor(store);
        reader.setSessionInfoVisitor(new SessionInfoStore());
        try {
            reader.read();
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("the bounded reader accepts what JaCoCo's reader refuses: " + e, e);
        }
        CoverageBuilder builder = new CoverageBuilder();
        try {
            new Analyzer(store, builder).analyzeAll(project.resolve("target/classes").toFile());
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return builder.getBundle("fuzz");
    }

    @SuppressWarnings("unchecked")
    private static Map<Counter, int[]> figures(Result result) {
        Map<String, Map<String, Integer>> counters = (Map<String, Map<String, Integer>>) result.evidence().get("counters");
        check(counters != null, () -> "a " + result.status() + " without counters: " + result.summary());
        Map<Counter, int[]> figures = new EnumMap<>(Counter.class);
        for (Counter counter : Counter.values()) {
            Map<String, Integer> figure = counters.get(counter.name());
            figures.put(counter, new int[] {figure.get("covered"), figure.get("missed")});
        }
        return figures;
    }

    private static Map<Counter, Ratio> limits() {
        Map<Counter, Ratio> limits = new EnumMap<>(Counter.class);
        for (Counter counter : Counter.values()) {
            limits.put(counter, Ratio.parse("50%"));
        }
        return limits;
    }

    private void copy(String resource, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        try (InputStream in = CoverageCheckFuzzTest.class.getResourceAsStream(resource)) {
            Files.write(to, in.readAllBytes());
        }
    }

}

package dev.readiness.checks.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.base.Joiner;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Ratio;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import dev.readiness.checks.coverage.CoverageConfig.Counter;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jacoco.core.data.ExecutionData;
import org.jacoco.core.data.ExecutionDataWriter;
import org.jacoco.core.tools.ExecFileLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coverage counter cache on a large real input: Guava's class files (about 2,000) with execution data
 * recorded by running them instrumented by JaCoCo ({@link CoverageBenchmark#prepare}). The check's whole
 * result (counters, classes, least-covered classes per counter, mismatches) is the same with the cache off,
 * cold, warm, corrupt, and after the execution data changed.
 */
class CounterCacheTest {

    /** A minimum on every counter no library meets, so the result lists the least-covered classes of each. */
    private static final CoverageConfig EVERY_COUNTER;

    static {
        Map<Counter, Ratio> limits = new EnumMap<>(Counter.class);
        Arrays.stream(Counter.values()).forEach(c -> limits.put(c, Ratio.of(0.99)));
        EVERY_COUNTER = new CoverageConfig(null, null, limits, null, null);
    }

    @TempDir
    static Path guava;

    private static Result withoutCache;

    @TempDir
    Path cache;

    private final CoverageCheck check = new CoverageCheck();

    @BeforeAll
    static void recordGuava() throws Exception {
        CoverageBenchmark.prepare(guava, List.of(Path.of(Joiner.class.getProtectionDomain().getCodeSource().getLocation().toURI())));
        withoutCache = new CoverageCheck().run(EVERY_COUNTER, CheckContext.builder(guava).useCache(false).build());
        assertThat(withoutCache.status()).isEqualTo(Status.FAIL);
        assertThat((Integer) withoutCache.evidence().get("classes")).isGreaterThan(1_500);
        assertThat(withoutCache.findings()).hasSizeGreaterThanOrEqualTo(6 * CoverageAnalysis.LEAST_COVERED);
    }

    @Test
    void countersAreTheSameWithTheCacheColdWarmAndOff() throws Exception {
        Result cold = check.run(EVERY_COUNTER, context(guava));
        assertThat(packs()).hasSize(1);
        Result warm = check.run(EVERY_COUNTER, context(guava));

        assertThat(cold).isEqualTo(withoutCache);
        assertThat(warm).isEqualTo(withoutCache);
    }

    @Test
    void aWarmRunTakesItsCountersFromTheCache() throws Exception {
        check.run(EVERY_COUNTER, context(guava));
        Path pack = packs().get(0);
        byte[] written = Files.readAllBytes(pack);

        Result warm = check.run(EVERY_COUNTER, context(guava));

        assertThat(warm).isEqualTo(withoutCache);
        assertThat(Files.readAllBytes(pack)).as("nothing changed: the pack is not written again").isEqualTo(written);
    }

    @Test
    void aCorruptOrTruncatedPackIsAMissNeverAWrongCount() throws Exception {
        check.run(EVERY_COUNTER, context(guava));
        Path pack = packs().get(0);
        byte[] bytes = Files.readAllBytes(pack);

        bytes[bytes.length / 2] ^= 0x10;
        Files.write(pack, bytes);
        assertThat(check.run(EVERY_COUNTER, context(guava))).isEqualTo(withoutCache);

        Files.write(pack, Arrays.copyOf(Files.readAllBytes(pack), bytes.length / 3));
        assertThat(check.run(EVERY_COUNTER, context(guava))).isEqualTo(withoutCache);

        Files.write(pack, "not a pack".getBytes());
        assertThat(check.run(EVERY_COUNTER, context(guava))).isEqualTo(withoutCache);
    }

    @Test
    void classesWhoseProbesChangedAreAnalysedAgain(@TempDir Path rebuilt) throws Exception {
        check.run(EVERY_COUNTER, context(guava));
        copyClasses(rebuilt);
        // the execution data of a rerun in which every other recorded class was not run at all
        ExecFileLoader loader = new ExecFileLoader();
        loader.load(guava.resolve("target/jacoco.exec").toFile());
        try (OutputStream out = Files.newOutputStream(rebuilt.resolve("target/jacoco.exec"))) {
            ExecutionDataWriter writer = new ExecutionDataWriter(out);
            int i = 0;
            for (ExecutionData data : loader.getExecutionDataStore().getContents()) {
                if (i++ % 2 == 0) {
                    writer.visitClassExecution(data);
                }
            }
        }
        Result expected = check.run(EVERY_COUNTER, CheckContext.builder(rebuilt).useCache(false).build());
        assertThat(expected.evidence().get("counters")).isNotEqualTo(withoutCache.evidence().get("counters"));

        Result cached = check.run(EVERY_COUNTER, context(rebuilt));

        assertThat(cached).isEqualTo(expected);
        assertThat(packs()).as("one pack per class folder").hasSize(2);
    }

    private CheckContext context(Path project) {
        return CheckContext.builder(project).useCache(true).cacheDirectory(cache).build();
    }

    private List<Path> packs() throws Exception {
        try (Stream<Path> files = Files.list(cache.resolve("coverage"))) {
            return files.toList();
        }
    }

    private static void copyClasses(Path project) throws Exception {
        Path from = guava.resolve("target/classes");
        Path to = project.resolve("target/classes");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = to.resolve(from.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
    }
}

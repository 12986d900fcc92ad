package dev.readiness.checks.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.common.base.Joiner;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Ratio;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import dev.readiness.checks.coverage.CoverageConfig.Counter;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
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
 * cold, warm, corrupt, after the execution data changed, and after class files changed, appeared or were
 * deleted, or rewritten in place with their size and modification time restored (their ctime moved); a warm run
 * reads no class file whose stat is unchanged, unless its modification time is in the racy window.
 */
class CounterCacheTest {

    /** A minimum on every counter no library meets, so the result lists the least-covered classes of each. */
    private static final CoverageConfig EVERY_COUNTER;

    static {
        Map<Counter, Ratio> limits = new EnumMap<>(Counter.class);
        Arrays.stream(Counter.values()).forEach(c -> limits.put(c, Ratio.of(0.99)));
        EVERY_COUNTER = new CoverageConfig(null, null, limits, null, null);
    }

    /** The modification time of the input's class files: long before any run. */
    private static final FileTime OLD = FileTime.from(Instant.parse("2025-01-01T00:00:00Z"));

    @TempDir
    static Path guava;

    private static Result withoutCache;

    @TempDir
    Path cache;

    private final CoverageCheck check = new CoverageCheck();

    @BeforeAll
    static void recordGuava() throws Exception {
        CoverageBenchmark.prepare(guava, List.of(Path.of(Joiner.class.getProtectionDomain().getCodeSource().getLocation().toURI())));
        for (Path file : classFiles(guava)) {
            Files.setLastModifiedTime(file, OLD);
        }
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

        bytes = Files.readAllBytes(pack);
        bytes[bytes.length - 12] ^= 0x01; // in the stat index's last entry: its class id, the checksum made to match
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - Integer.BYTES);
        ByteBuffer.wrap(bytes, bytes.length - Integer.BYTES, Integer.BYTES).putInt((int) crc.getValue());
        Files.write(pack, bytes);
        assertThat(check.run(EVERY_COUNTER, context(guava))).as("a wrong id finds no counters: the file is read").isEqualTo(withoutCache);

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

    @Test
    void aClassFileRewrittenInPlaceWithItsSizeAndModificationTimeRestoredIsReadAgain(@TempDir Path project) throws Exception {
        assumeTrue(project.getFileSystem().supportedFileAttributeViews().contains("unix"), "a file system that keeps ctime");
        copyProject(project);
        check.run(EVERY_COUNTER, context(project));
        // as an archiver unpacking over the file: same inode, same size, the entry's modification time set back
        rewriteKeepingStat(executedClass(project), CounterCacheTest::otherMinorVersion);
        Result expected = check.run(EVERY_COUNTER, uncached(project));
        assertThat(expected).isNotEqualTo(withoutCache);

        assertThat(check.run(EVERY_COUNTER, context(project))).as("its ctime moved: read, not trusted").isEqualTo(expected);
    }

    @Test
    void statsAreTrustedOnlyWhenModifiedRacyNanosBeforeTheRunThatWroteThePackBegan(@TempDir Path project) throws Exception {
        copyProject(project);
        Instant boundary = OLD.toInstant().plusNanos(CounterCache.RACY_NANOS);

        check.run(EVERY_COUNTER, CheckContext.builder(project).cacheDirectory(cache).clock(clockAt(boundary)).build());
        byte[] racy = Files.readAllBytes(packs().get(0));
        assertThat(check.run(EVERY_COUNTER, context(project))).isEqualTo(withoutCache);
        assertThat(Files.readAllBytes(packs().get(0))).as("in the window: every file read again, the pack written anew")
                .isNotEqualTo(racy);

        Files.delete(packs().get(0));
        check.run(EVERY_COUNTER, CheckContext.builder(project).cacheDirectory(cache).clock(clockAt(boundary.plusNanos(1))).build());
        byte[] trusted = Files.readAllBytes(packs().get(0));
        assertThat(check.run(EVERY_COUNTER, context(project))).isEqualTo(withoutCache);
        assertThat(Files.readAllBytes(packs().get(0))).as("outside the window: no file read, the pack not written again")
                .isEqualTo(trusted);
    }

    @Test
    void aChangedClassFileIsAnalysedAgain(@TempDir Path project) throws Exception {
        copyProject(project);
        check.run(EVERY_COUNTER, context(project));
        Path changed = executedClass(project);
        Files.write(changed, otherMinorVersion(Files.readAllBytes(changed)));
        Files.setLastModifiedTime(changed, FileTime.from(OLD.toInstant().plusSeconds(60)));
        Result expected = check.run(EVERY_COUNTER, uncached(project));
        assertThat(expected.evidence().get("counters")).isNotEqualTo(withoutCache.evidence().get("counters"));

        assertThat(check.run(EVERY_COUNTER, context(project))).isEqualTo(expected);
    }

    @Test
    void aDeletedClassFileDropsOutAndANewOneIsRead(@TempDir Path project, @TempDir Path aside) throws Exception {
        copyProject(project);
        Path file = executedClass(project);
        Files.move(file, aside.resolve("moved.class"));
        Result without = check.run(EVERY_COUNTER, context(project));
        assertThat(without).isEqualTo(check.run(EVERY_COUNTER, uncached(project)));
        assertThat((Integer) without.evidence().get("classes")).isEqualTo((Integer) withoutCache.evidence().get("classes") - 1);

        Files.move(aside.resolve("moved.class"), file);
        assertThat(check.run(EVERY_COUNTER, context(project))).as("back: read, not in the index").isEqualTo(withoutCache);

        Files.delete(file);
        assertThat(check.run(EVERY_COUNTER, context(project))).as("gone again").isEqualTo(without);
    }

    private CheckContext context(Path project) {
        return CheckContext.builder(project).useCache(true).cacheDirectory(cache).build();
    }

    private static Clock clockAt(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    private static CheckContext uncached(Path project) {
        return CheckContext.builder(project).useCache(false).build();
    }

    /** Copies the input's class files, with their modification time, and its execution data. */
    private static void copyProject(Path project) throws Exception {
        copyClasses(project);
        for (Path file : classFiles(project)) {
            Files.setLastModifiedTime(file, OLD);
        }
        Files.copy(guava.resolve("target/jacoco.exec"), project.resolve("target/jacoco.exec"));
    }

    private static List<Path> classFiles(Path project) throws Exception {
        try (Stream<Path> files = Files.walk(project.resolve("target/classes"))) {
            return files.filter(f -> f.toString().endsWith(".class")).toList();
        }
    }

    /** The class file of the first class, by name, that the execution data records as run. */
    private static Path executedClass(Path project) throws Exception {
        ExecFileLoader loader = new ExecFileLoader();
        loader.load(guava.resolve("target/jacoco.exec").toFile());
        String name = loader.getExecutionDataStore().getContents().stream().filter(ExecutionData::hasHits)
                .map(ExecutionData::getName).sorted().findFirst().orElseThrow();
        Path file = project.resolve("target/classes/" + name + ".class");
        assertThat(file).isRegularFile();
        return file;
    }

    /** The same class with another minor version: as valid, of the same size, of another class id (so no longer matching its probes). */
    private static byte[] otherMinorVersion(byte[] classFile) {
        byte[] changed = classFile.clone();
        changed[5] ^= 1;
        return changed;
    }

    /** Rewrites a file in place (same inode) with bytes of the same size, and puts its modification time back. */
    private static void rewriteKeepingStat(Path file, UnaryOperator<byte[]> change) throws Exception {
        FileTime modified = Files.getLastModifiedTime(file);
        byte[] bytes = Files.readAllBytes(file);
        byte[] changed = change.apply(bytes);
        assertThat(changed).hasSameSizeAs(bytes);
        Files.write(file, changed);
        Files.setLastModifiedTime(file, modified);
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

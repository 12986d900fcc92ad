package dev.readiness.checks.coverage;

import dev.readiness.checks.coverage.CoverageConfig.Counter;
import dev.readiness.text.Words;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.jacoco.core.analysis.Analyzer;
import org.jacoco.core.analysis.CoverageBuilder;
import org.jacoco.core.analysis.IClassCoverage;
import org.jacoco.core.analysis.ICoverageVisitor;
import org.jacoco.core.analysis.ISourceFileCoverage;
import org.jacoco.core.data.ExecutionData;
import org.jacoco.core.data.ExecutionDataStore;
import org.jacoco.core.internal.data.CRC64;

/**
 * Analyses the class files of a folder against JaCoCo execution data, in parallel, and keeps only
 * what the check reports: the six counter totals, the number of classes, the classes that no
 * longer match the execution data, and a bounded list of the least-covered classes per counter.
 *
 * <p>The figures are JaCoCo's own: each worker runs JaCoCo's {@link Analyzer} over its share of the
 * class files and folds every class into per-source-file tallies, as {@link CoverageBuilder} does.
 * Lines are counted per source file (a line shared by a class and its anonymous class counts once),
 * a class met twice with the same id counts once, and Kotlin inline-function fragments are applied
 * to their target classes by re-analysing just the source files they touch with JaCoCo's builder.
 * Unlike {@link CoverageBuilder}, no class, method or line tree is kept: per source file only two
 * bit sets of line numbers, per class its id and file.
 *
 * <p>With a {@link CounterCache}, a class file whose class id (JaCoCo's CRC64 of its bytes), length and
 * probes were analysed before is not analysed again: its {@link ClassCounters} come from the cache, and those
 * of the others go into it. A class file whose stat ({@link CounterCache.Stat}) the cache's index holds,
 * outside the racy window, is not even read: its class id comes from the index.
 */
final class CoverageAnalysis {

    /** How many least-covered classes are kept per counter. */
    static final int LEAST_COVERED = 10;

    /** How many names of mismatched classes are kept. */
    static final int MISMATCHED_NAMES = 10;

    private static final int MAX_CLASS_FILE_BYTES = 16 << 20;

    /** One class's figures for one counter, for findings; its file relative to the classes folder, in the outcome to the base folder. */
    record ClassFigure(String className, String classFile, String sourceFile, int covered, int missed) {
        int total() {
            return covered + missed;
        }
    }

    /**
     * What the analysis found.
     *
     * @param classes           classes analysed (after excludes, each name once)
     * @param excluded          class files left out by the excludes
     * @param mismatched        classes whose name is in the execution data with another class id
     * @param mismatchedNames   the first {@link #MISMATCHED_NAMES} of them by name, as Java names
     * @param leastCovered      per ranked counter, up to {@link #LEAST_COVERED} classes with missed items, worst first
     */
    record Outcome(Counts counts, int classes, int excluded, int mismatched, List<String> mismatchedNames,
                   Map<Counter, List<ClassFigure>> leastCovered) {
    }

    /** A class file that cannot be read or analysed, or two different classes of one name; the message is one line. */
    static final class AnalysisException extends Exception {
        AnalysisException(String message) {
            super(message);
        }
    }

    /** Lowest covered ratio first, then most missed, then by name: a total order, so the kept list does not depend on thread timing. */
    private static final Comparator<ClassFigure> WORST_FIRST = (a, b) -> {
        int byRatio = Long.compare((long) a.covered() * b.total(), (long) b.covered() * a.total());
        if (byRatio != 0) {
            return byRatio;
        }
        int byMissed = Integer.compare(b.missed(), a.missed());
        return byMissed != 0 ? byMissed : a.className().compareTo(b.className());
    };

    private record ClassRecord(long id, String sourceKey, String classFile) {
    }

    /** A class file to analyse: its path relative to the classes folder, and its stat when there is a cache. */
    private record ClassFile(String path, CounterCache.Stat stat) {
    }

    private final Path classesDir;
    private final Path basedir;
    private final ExecutionDataStore store;
    private final Set<Counter> ranked;
    private final CounterCache cache;
    private final List<ClassFile> files = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final Map<String, ClassRecord> classes = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> fragmentProducers = new ConcurrentHashMap<>();
    private int excluded;

    private CoverageAnalysis(Path classesDir, Path basedir, ExecutionDataStore store, Set<Counter> ranked, CounterCache cache) {
        this.classesDir = classesDir;
        this.basedir = basedir;
        this.store = store;
        this.ranked = ranked;
        this.cache = cache;
    }

    /**
     * Analyses every {@code .class} file under {@code classesDir} whose class name (its path without
     * {@code .class}) no exclude matches.
     *
     * @param store   execution data, only read (shared by the workers)
     * @param ranked  the counters to rank least-covered classes for
     * @param threads how many workers analyse class files at once
     * @param cache   counters of classes analysed before, saved when the analysis succeeds; {@code null}: none
     */
    static Outcome analyse(Path classesDir, Path basedir, ExecutionDataStore store, Predicate<String> excludes,
                           Set<Counter> ranked, int threads, CounterCache cache)
            throws IOException, AnalysisException, InterruptedException {
        CoverageAnalysis analysis = new CoverageAnalysis(classesDir, basedir, store, ranked, cache);
        analysis.list(excludes);
        Outcome outcome = analysis.run(Math.max(1, Math.min(threads, analysis.files.size())));
        if (cache != null) {
            cache.save();
        }
        return outcome;
    }

    /**
     * The outcomes of class folders analysed against the same execution data, as one: counts summed, least-covered
     * classes ranked again over all of them.
     */
    static Outcome combine(List<Outcome> outcomes) {
        Counts counts = new Counts();
        Map<Counter, TreeSet<ClassFigure>> least = new EnumMap<>(Counter.class);
        TreeSet<String> mismatchedNames = new TreeSet<>();
        int classCount = 0;
        int excludedCount = 0;
        int mismatched = 0;
        for (Outcome outcome : outcomes) {
            for (Counter counter : Counter.values()) {
                counts.add(counter, outcome.counts().covered(counter), outcome.counts().missed(counter));
            }
            outcome.leastCovered().forEach((counter, figures) ->
                    figures.forEach(f -> offer(least.computeIfAbsent(counter, c -> new TreeSet<>(WORST_FIRST)), f)));
            outcome.mismatchedNames().forEach(n -> offerName(mismatchedNames, n));
            classCount += outcome.classes();
            excludedCount += outcome.excluded();
            mismatched += outcome.mismatched();
        }
        Map<Counter, List<ClassFigure>> leastCovered = new EnumMap<>(Counter.class);
        least.forEach((counter, figures) -> leastCovered.put(counter, List.copyOf(figures)));
        return new Outcome(counts, classCount, excludedCount, mismatched, List.copyOf(mismatchedNames), leastCovered);
    }

    private void list(Predicate<String> excludes) throws IOException {
        Files.walkFileTree(classesDir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                String name = file.getFileName().toString();
                if (attributes.isRegularFile() && name.endsWith(".class")) {
                    String relative = classesDir.relativize(file).toString().replace('\\', '/');
                    if (excludes.test(relative.substring(0, relative.length() - ".class".length()))) {
                        excluded++;
                    } else {
                        files.add(new ClassFile(relative, cache == null ? null : CounterCache.Stat.of(file, attributes)));
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(Comparator.comparing(ClassFile::path));
    }

    private Outcome run(int threads) throws IOException, AnalysisException, InterruptedException {
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            workers.add(new Worker());
        }
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "readiness-coverage-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Void>> futures = pool.invokeAll(workers);
            for (Future<Void> future : futures) {
                future.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AnalysisException a) {
                throw a;
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return merge(workers);
    }

    private Outcome merge(List<Worker> workers) throws IOException, AnalysisException {
        Map<String, SourceTally> tallies = new HashMap<>();
        Map<Counter, TreeSet<ClassFigure>> least = new EnumMap<>(Counter.class);
        ranked.forEach(c -> least.put(c, new TreeSet<>(WORST_FIRST)));
        TreeSet<String> mismatchedNames = new TreeSet<>();
        int classCount = 0;
        int mismatched = 0;
        for (Worker w : workers) {
            w.tallies.forEach((key, tally) -> tallies.merge(key, tally, SourceTally::addAll));
            w.least.forEach((counter, figures) -> figures.forEach(f -> offer(least.get(counter), f)));
            w.mismatchedNames.forEach(n -> offerName(mismatchedNames, n));
            classCount += w.classes;
            mismatched += w.mismatched;
        }
        Counts counts = new Counts();
        Set<String> refigured = applyFragments(counts, least);
        tallies.forEach((key, tally) -> {
            if (!refigured.contains(key)) {
                tally.addTo(counts);
            }
        });
        Map<Counter, List<ClassFigure>> leastCovered = new EnumMap<>(Counter.class);
        least.forEach((counter, figures) -> leastCovered.put(counter, figures.stream()
                .map(f -> new ClassFigure(f.className(), Words.path(basedir, classesDir.resolve(f.classFile())), f.sourceFile(),
                        f.covered(), f.missed()))
                .toList()));
        return new Outcome(counts, classCount, excluded, mismatched,
                mismatchedNames.stream().map(n -> n.replace('/', '.')).toList(), leastCovered);
    }

    /**
     * Kotlin inline functions leave coverage fragments for the class that defines them; JaCoCo
     * applies them to that class before it sums source files. The source files holding such target
     * classes are re-analysed here with JaCoCo's own builder, together with the classes that
     * produced the fragments, and their figures replace the tallies.
     *
     * @return the source keys whose figures were added to {@code counts} here
     */
    private Set<String> applyFragments(Counts counts, Map<Counter, TreeSet<ClassFigure>> least)
            throws IOException, AnalysisException {
        Set<String> affected = new HashSet<>();
        Set<String> targets = new HashSet<>();
        Set<String> reanalyse = new TreeSet<>();
        fragmentProducers.forEach((target, producers) -> {
            ClassRecord record = classes.get(target);
            if (record != null) {
                affected.add(record.sourceKey());
                targets.add(target);
                reanalyse.addAll(producers);
            }
        });
        if (affected.isEmpty()) {
            return affected;
        }
        classes.forEach((name, record) -> {
            if (affected.contains(record.sourceKey())) {
                reanalyse.add(name);
            }
        });
        CoverageBuilder builder = new CoverageBuilder();
        Analyzer analyzer = new Analyzer(store, builder);
        for (String name : reanalyse) {
            String file = classes.get(name).classFile();
            analyze(analyzer, read(file), file);
        }
        for (ISourceFileCoverage source : builder.getSourceFiles()) {
            if (affected.contains(source.getPackageName() + "/" + source.getName())) {
                counts.add(source);
            }
        }
        for (IClassCoverage coverage : builder.getClasses()) {
            ClassCounters c = ClassCounters.of(coverage);
            if (c.sourceFileName() == null && affected.contains(c.sourceKey())) {
                counts.add(coverage);
            }
            if (targets.contains(c.name())) {
                ClassRecord record = classes.get(c.name());
                least.forEach((counter, figures) -> {
                    figures.removeIf(f -> f.className().equals(javaName(c.name())));
                    figure(c, counter, record.classFile()).ifPresent(f -> offer(figures, f));
                });
            }
        }
        return affected;
    }

    /** The bytes of a class file, relative to the classes folder; an AnalysisException when it is too large for one. */
    private byte[] read(String file) throws IOException, AnalysisException {
        Path path = classesDir.resolve(file);
        byte[] bytes;
        try (InputStream in = new FileInputStream(path.toFile())) {
            bytes = in.readNBytes(MAX_CLASS_FILE_BYTES + 1);
        }
        if (bytes.length > MAX_CLASS_FILE_BYTES) {
            throw new AnalysisException(Words.path(basedir, path) + " is larger than " + MAX_CLASS_FILE_BYTES
                    + " bytes, more than a class file can sensibly be");
        }
        return bytes;
    }

    private void analyze(Analyzer analyzer, byte[] bytes, String file) throws AnalysisException {
        Path path = classesDir.resolve(file);
        try {
            analyzer.analyzeClass(bytes, file);
        } catch (IOException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof SameNameException same) {
                throw sameName(same, path);
            }
            throw new AnalysisException(Words.path(basedir, path) + " cannot be analysed as a class file: " + whatIsWrong(cause));
        }
    }

    private AnalysisException sameName(SameNameException same, Path path) {
        return new AnalysisException("two different classes are named " + javaName(same.name) + ": "
                + same.first + " and " + Words.path(basedir, path) + "; JaCoCo cannot report on both: remove the stale one (mvn clean)");
    }

    /** What ASM or JaCoCo found wrong with a class file, as a phrase: never a bare exception name. */
    private static String whatIsWrong(Throwable cause) {
        if (cause instanceof IndexOutOfBoundsException) {
            return "it ends in the middle of its structure (cut short or corrupt)";
        }
        if (cause.getMessage() == null || cause.getMessage().isBlank()) {
            // ASM's ClassReader throws a bare IllegalArgumentException at a constant pool entry of no known tag.
            return cause instanceof IllegalArgumentException ? "its constant pool holds an entry of no known kind (a corrupt"
                    + " file, or another format with the CAFEBABE magic, such as a macOS universal binary)"
                    : "its bytes do not follow the class file format";
        }
        return Words.oneLine(cause.getMessage(), 200);
    }

    private static String javaName(String vmName) {
        return vmName.replace('/', '.');
    }

    private static Optional<ClassFigure> figure(ClassCounters c, Counter counter, String classFile) {
        if (c.counts().missed(counter) == 0) {
            return Optional.empty();
        }
        return Optional.of(new ClassFigure(javaName(c.name()), classFile, c.sourcePath(),
                c.counts().covered(counter), c.counts().missed(counter)));
    }

    private static void offer(TreeSet<ClassFigure> figures, ClassFigure figure) {
        figures.add(figure);
        if (figures.size() > LEAST_COVERED) {
            figures.pollLast();
        }
    }

    private static void offerName(TreeSet<String> names, String name) {
        names.add(name);
        if (names.size() > MISMATCHED_NAMES) {
            names.pollLast();
        }
    }

    /** Two classes of one name with different ids, as JaCoCo's builder refuses them. */
    private static final class SameNameException extends RuntimeException {
        final String name;
        final String first;

        SameNameException(String name, String first) {
            super(name, null, false, false);
            this.name = name;
            this.first = first;
        }
    }

    /**
     * One worker: its own {@link Analyzer} and tallies; takes the next class file until none is left, and takes
     * its counters from the cache when there, else from JaCoCo's analysis (then into the cache).
     */
    private final class Worker implements ICoverageVisitor, Callable<Void> {
        final Map<String, SourceTally> tallies = new HashMap<>();
        final Map<Counter, TreeSet<ClassFigure>> least = new EnumMap<>(Counter.class);
        final TreeSet<String> mismatchedNames = new TreeSet<>();
        final Analyzer analyzer = new Analyzer(store, this);
        int classes;
        int mismatched;
        private String currentFile;
        private ByteBuffer currentKey;

        Worker() {
            ranked.forEach(c -> least.put(c, new TreeSet<>(WORST_FIRST)));
        }

        @Override
        public Void call() throws IOException, AnalysisException, InterruptedException {
            for (int i = next.getAndIncrement(); i < files.size(); i = next.getAndIncrement()) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                ClassFile file = files.get(i);
                currentFile = file.path();
                if (cache == null) {
                    analyze(analyzer, read(currentFile), currentFile);
                    continue;
                }
                Long indexed = cache.indexedId(currentFile, file.stat());
                if (indexed != null && fromCache(indexed, (int) file.stat().size())) {
                    continue;
                }
                byte[] bytes = read(currentFile);
                // the id JaCoCo's Analyzer gives these very bytes, and looks their probes up by
                long id = CRC64.classId(bytes);
                if (bytes.length == file.stat().size()) {
                    cache.index(currentFile, file.stat(), id);
                }
                if (!fromCache(id, bytes.length)) {
                    cache.put(currentKey, null);
                    analyze(analyzer, bytes, currentFile);
                }
            }
            return null;
        }

        /**
         * Adds the class of this id and length from the cache, as JaCoCo's Analyzer would (the probes of the id, else
         * a mismatch when the name has another id); {@code false} on a miss, {@link #currentKey} then being its key.
         */
        private boolean fromCache(long id, int length) throws AnalysisException {
            ExecutionData data = store.get(id);
            currentKey = CounterCache.key(id, length, data == null ? null : data.getProbes());
            CounterCache.Hit hit = cache.get(currentKey);
            if (hit == null) {
                return false;
            }
            if (hit.counters() != null) {
                try {
                    add(hit.counters(), data == null && store.contains(hit.counters().name()));
                } catch (SameNameException same) {
                    throw sameName(same, classesDir.resolve(currentFile));
                }
            }
            return true;
        }

        @Override
        public void visitCoverage(IClassCoverage coverage) {
            ClassCounters c = ClassCounters.of(coverage);
            if (cache != null) {
                cache.put(currentKey, c);
            }
            add(c, coverage.isNoMatch());
        }

        private void add(ClassCounters c, boolean noMatch) {
            String key = c.sourceKey();
            ClassRecord previous = CoverageAnalysis.this.classes.putIfAbsent(c.name(),
                    new ClassRecord(c.id(), key, currentFile));
            if (previous != null) {
                if (previous.id() == c.id()) {
                    return;
                }
                throw new SameNameException(c.name(), Words.path(basedir, classesDir.resolve(previous.classFile())));
            }
            classes++;
            if (noMatch) {
                mismatched++;
                offerName(mismatchedNames, c.name());
            }
            tallies.computeIfAbsent(key, k -> new SourceTally()).add(c);
            least.forEach((counter, figures) -> figure(c, counter, currentFile).ifPresent(f -> offer(figures, f)));
            for (String target : c.fragmentTargets()) {
                fragmentProducers.computeIfAbsent(target, k -> ConcurrentHashMap.newKeySet()).add(c.name());
            }
        }
    }

    /**
     * The counters of the classes of one source file: sums for all but lines, and for lines the
     * numbers that have instructions and that have covered instructions, so a line two classes
     * share counts once, covered when either covers it (JaCoCo's source-file rule).
     */
    private static final class SourceTally {
        private final Counts sums = new Counts();
        private final BitSet lines = new BitSet();
        private final BitSet coveredLines = new BitSet();

        void add(ClassCounters c) {
            for (Counter counter : Counter.values()) {
                if (counter != Counter.LINE) {
                    sums.add(counter, c.counts().covered(counter), c.counts().missed(counter));
                }
            }
            lines.or(c.lines());
            coveredLines.or(c.coveredLines());
        }

        SourceTally addAll(SourceTally other) {
            for (Counter counter : Counter.values()) {
                sums.add(counter, other.sums.covered(counter), other.sums.missed(counter));
            }
            lines.or(other.lines);
            coveredLines.or(other.coveredLines);
            return this;
        }

        void addTo(Counts counts) {
            for (Counter counter : Counter.values()) {
                counts.add(counter, sums.covered(counter), sums.missed(counter));
            }
            int covered = coveredLines.cardinality();
            counts.add(Counter.LINE, covered, lines.cardinality() - covered);
        }
    }
}

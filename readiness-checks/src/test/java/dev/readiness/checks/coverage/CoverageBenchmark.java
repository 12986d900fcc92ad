package dev.readiness.checks.coverage;

import dev.readiness.check.CheckContext;
import dev.readiness.check.Result;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jacoco.core.analysis.Analyzer;
import org.jacoco.core.analysis.CoverageBuilder;
import org.jacoco.core.analysis.IBundleCoverage;
import org.jacoco.core.analysis.ICoverageNode.CounterEntity;
import org.jacoco.core.data.ExecutionDataWriter;
import org.jacoco.core.instr.Instrumenter;
import org.jacoco.core.runtime.IRuntime;
import org.jacoco.core.runtime.LoggerRuntime;
import org.jacoco.core.runtime.RuntimeData;
import org.jacoco.core.tools.ExecFileLoader;

/**
 * Benchmark, run on demand ({@code bench/coverage.sh}), not a test: the coverage check against
 * JaCoCo's own {@link Analyzer} + {@link CoverageBuilder} on thousands of real class files.
 *
 * <ul>
 *   <li>{@code prepare <workdir> <jar>...}: lays the jars' classes out as {@code <workdir>/target/classes},
 *   runs them instrumented by JaCoCo (every class initialised, and a few calls into the library's
 *   public API when it is Guava) and writes the execution data to {@code <workdir>/target/jacoco.exec}.</li>
 *   <li>{@code compare <workdir> <rounds> [jvm options]}: per round, one fresh JVM for the check and one
 *   for JaCoCo's builder; prints median wall time, peak heap, heap retained after a full GC, the
 *   ratios, and whether the six counters are identical.</li>
 *   <li>{@code once <check|jacoco> <workdir>}: one measurement (what {@code compare} starts).</li>
 * </ul>
 */
public final class CoverageBenchmark {

    private static final int WARM_RUNS = 5;

    private CoverageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "prepare" -> prepare(Path.of(args[1]), Arrays.stream(args, 2, args.length).map(Path::of).toList());
            case "compare" -> compare(Path.of(args[1]), Integer.parseInt(args[2]), Arrays.asList(args).subList(3, args.length));
            case "once" -> once(args[1], Path.of(args[2]));
            default -> {
                System.err.println("usage: CoverageBenchmark prepare <workdir> <jar>... | compare <workdir> <rounds> [jvm options] | once <check|jacoco> <workdir>");
                System.exit(2);
            }
        }
    }

    // --- prepare ------------------------------------------------------------------------------

    /** Lays out the jars' classes and records their execution data, as the {@code prepare} command does; also the large input of {@link CounterCacheTest}. */
    static void prepare(Path workdir, List<Path> jars) throws Exception {
        Path classesDir = workdir.resolve("target/classes");
        Map<String, byte[]> classes = new TreeMap<>();
        for (Path jar : jars) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                    ZipEntry entry = e.nextElement();
                    String name = entry.getName();
                    if (name.endsWith(".class") && !name.startsWith("META-INF/") && !name.endsWith("module-info.class")) {
                        classes.put(name.substring(0, name.length() - 6).replace('/', '.'), zip.getInputStream(entry).readAllBytes());
                    }
                }
            }
        }
        JacocoRun.writeClasses(classesDir, classes);
        long start = System.nanoTime();
        IRuntime runtime = new LoggerRuntime();
        RuntimeData data = new RuntimeData();
        runtime.startup(data);
        data.setSessionId("benchmark");
        Instrumenter instrumenter = new Instrumenter(runtime);
        Map<String, byte[]> instrumented = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : classes.entrySet()) {
            instrumented.put(e.getKey(), instrumenter.instrument(e.getValue(), e.getKey()));
        }
        ClassLoader loader = new ClassLoader(ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] bytes = instrumented.get(name);
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
        int initialised = 0;
        for (String name : classes.keySet()) {
            try {
                Class.forName(name, true, loader);
                initialised++;
            } catch (Throwable e) {
                // a class whose initialiser needs what is not on this class path: left uninitialised
            }
        }
        int calls = exerciseGuava(loader);
        Files.createDirectories(workdir.resolve("target"));
        try (OutputStream out = Files.newOutputStream(workdir.resolve("target/jacoco.exec"))) {
            ExecutionDataWriter writer = new ExecutionDataWriter(out);
            data.collect(writer, writer, false);
        }
        runtime.shutdown();
        System.out.printf(Locale.ROOT, "prepared %d class files in %s (%d initialised, %d API calls), exec %d bytes, %.1f s%n",
                classes.size(), classesDir, initialised, calls, Files.size(workdir.resolve("target/jacoco.exec")),
                (System.nanoTime() - start) / 1e9);
    }

    /** A few everyday calls into Guava, through the instrumented classes; none when the library is not Guava. */
    private static int exerciseGuava(ClassLoader loader) {
        int calls = 0;
        Object[][] script = {
                {"com.google.common.base.Joiner", "on", new Class<?>[] {String.class}, new Object[] {", "}},
                {"com.google.common.base.Strings", "repeat", new Class<?>[] {String.class, int.class}, new Object[] {"ab", 3}},
                {"com.google.common.base.Strings", "padStart", new Class<?>[] {String.class, int.class, char.class}, new Object[] {"7", 3, '0'}},
                {"com.google.common.base.CaseFormat", "valueOf", new Class<?>[] {String.class}, new Object[] {"LOWER_CAMEL"}},
                {"com.google.common.collect.ImmutableList", "copyOf", new Class<?>[] {Collection.class}, new Object[] {List.of(3, 1, 2)}},
                {"com.google.common.collect.ImmutableSet", "copyOf", new Class<?>[] {Collection.class}, new Object[] {List.of("a", "b", "a")}},
                {"com.google.common.collect.ImmutableMap", "of", new Class<?>[] {Object.class, Object.class}, new Object[] {"k", "v"}},
                {"com.google.common.collect.Lists", "newArrayList", new Class<?>[] {Object[].class}, new Object[] {new Object[] {1, 2, 3}}},
                {"com.google.common.collect.HashMultimap", "create", new Class<?>[0], new Object[0]},
                {"com.google.common.collect.Ordering", "natural", new Class<?>[0], new Object[0]},
                {"com.google.common.primitives.Ints", "tryParse", new Class<?>[] {String.class}, new Object[] {"12345"}},
                {"com.google.common.net.InternetDomainName", "from", new Class<?>[] {String.class}, new Object[] {"www.example.co.uk"}},
                {"com.google.common.net.HostAndPort", "fromString", new Class<?>[] {String.class}, new Object[] {"example.com:8080"}},
                {"com.google.common.hash.Hashing", "sha256", new Class<?>[0], new Object[0]},
                {"com.google.common.io.BaseEncoding", "base64", new Class<?>[0], new Object[0]},
                {"com.google.common.cache.CacheBuilder", "newBuilder", new Class<?>[0], new Object[0]},
        };
        for (Object[] step : script) {
            try {
                Method m = Class.forName((String) step[0], true, loader).getMethod((String) step[1], (Class<?>[]) step[2]);
                Object value = m.invoke(null, (Object[]) step[3]);
                calls++;
                calls += followUp(value);
            } catch (ReflectiveOperationException | LinkageError e) {
                // not Guava, or not this version's API
            }
        }
        return calls;
    }

    /** A second call on what the first returned: join, sort, hash, encode, build, put. */
    private static int followUp(Object value) throws ReflectiveOperationException {
        if (value == null) {
            return 0;
        }
        Class<?> type = value.getClass();
        String name = type.getName();
        Object result = null;
        if (name.contains("Joiner")) {
            result = find(type, "join", Iterable.class).invoke(value, List.of("a", "b", "c"));
        } else if (name.contains("Ordering")) {
            result = find(type, "sortedCopy", Iterable.class).invoke(value, List.of(3, 1, 2));
        } else if (name.contains("HashFunction") || name.contains("MessageDigestHashFunction")) {
            result = find(type, "hashString", CharSequence.class, java.nio.charset.Charset.class).invoke(value, "readiness", StandardCharsets.UTF_8);
        } else if (name.contains("BaseEncoding") || name.contains("Base64Encoding")) {
            result = find(type, "encode", byte[].class).invoke(value, (Object) "readiness".getBytes(StandardCharsets.UTF_8));
        } else if (name.contains("CacheBuilder")) {
            Object cache = find(type, "build").invoke(find(type, "maximumSize", long.class).invoke(value, 10L));
            find(cache.getClass(), "put", Object.class, Object.class).invoke(cache, "k", "v");
            result = cache;
        } else if (name.contains("Multimap")) {
            result = find(type, "put", Object.class, Object.class).invoke(value, "k", "v");
        } else if (name.contains("CaseFormat")) {
            Class<?> format = value.getClass().isEnum() ? value.getClass() : value.getClass().getSuperclass();
            Object upper = Enum.valueOf(format.asSubclass(Enum.class), "UPPER_UNDERSCORE");
            result = find(format, "to", format, String.class).invoke(value, upper, "readinessCheck");
        }
        return result == null ? 0 : 1;
    }

    private static Method find(Class<?> type, String name, Class<?>... parameters) throws NoSuchMethodException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                try {
                    return i.getMethod(name, parameters);
                } catch (NoSuchMethodException e) {
                    // look further
                }
            }
        }
        Method m = type.getMethod(name, parameters);
        m.setAccessible(true);
        return m;
    }

    // --- compare ------------------------------------------------------------------------------

    private static void compare(Path workdir, int rounds, List<String> jvmOptions) throws Exception {
        Map<String, List<double[]>> figures = new TreeMap<>();
        Map<String, String> counters = new TreeMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (String mode : List.of("check", "jacoco")) {
                List<String> command = new ArrayList<>();
                command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                command.addAll(jvmOptions);
                command.addAll(List.of("-cp", System.getProperty("java.class.path"), CoverageBenchmark.class.getName(),
                        "once", mode, workdir.toString()));
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                String line;
                String resultLine = null;
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    while ((line = out.readLine()) != null) {
                        if (line.startsWith("RESULT ")) {
                            resultLine = line;
                        } else {
                            System.out.println("  [" + mode + "] " + line);
                        }
                    }
                }
                if (process.waitFor() != 0 || resultLine == null) {
                    throw new IllegalStateException(mode + " run failed");
                }
                String[] parts = resultLine.split(" ");
                figures.computeIfAbsent(mode, k -> new ArrayList<>()).add(new double[] {
                        Double.parseDouble(parts[2]), Double.parseDouble(parts[7]), Double.parseDouble(parts[6]),
                        Double.parseDouble(parts[3]), Double.parseDouble(parts[4])});
                String previous = counters.put(mode, parts[5]);
                if (previous != null && !previous.equals(parts[5])) {
                    throw new IllegalStateException(mode + " gave different counters in two rounds");
                }
                System.out.printf(Locale.ROOT, "round %d %-6s cold %6.0f ms  warm %6.0f ms  cpu %6.0f ms  peak %6.1f MiB  retained %5.1f MiB%n",
                        round, mode, Double.parseDouble(parts[2]), Double.parseDouble(parts[7]), Double.parseDouble(parts[6]),
                        mib(parts[3]), mib(parts[4]));
            }
        }
        double[] check = medians(figures.get("check"));
        double[] jacoco = medians(figures.get("jacoco"));
        long classFiles;
        try (var walk = Files.walk(workdir.resolve("target/classes"))) {
            classFiles = walk.filter(p -> p.toString().endsWith(".class")).count();
        }
        System.out.printf(Locale.ROOT, "%nclasses: %d, %d rounds, fresh JVM each, %s, %d cores, load average %.1f%n",
                classFiles,
                rounds, jvmOptions.isEmpty() ? "default JVM options" : String.join(" ", jvmOptions),
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf(Locale.ROOT, "%-38s %12s %12s %8s%n", "median", "check", "jacoco", "ratio");
        String[] labels = {"wall time, cold JVM (ms)", "wall time, warm (ms)", "cpu time cold, all threads (ms)",
                "peak heap, cold run (MiB)", "retained after full GC (MiB)"};
        for (int i = 0; i < labels.length; i++) {
            double a = i < 3 ? check[i] : check[i] / (1 << 20);
            double b = i < 3 ? jacoco[i] : jacoco[i] / (1 << 20);
            System.out.printf(Locale.ROOT, "%-38s %12.1f %12.1f %8.2f%n", labels[i], a, b, a / b);
        }
        boolean same = counters.get("check").equals(counters.get("jacoco"));
        System.out.println("counters identical: " + (same ? "yes" : "NO"));
        System.out.println("  check:  " + counters.get("check"));
        System.out.println("  jacoco: " + counters.get("jacoco"));
        if (!same) {
            System.exit(1);
        }
    }

    private static double mib(String bytes) {
        return Double.parseDouble(bytes) / (1 << 20);
    }

    private static double[] medians(List<double[]> rows) {
        double[] medians = new double[rows.get(0).length];
        for (int i = 0; i < medians.length; i++) {
            int column = i;
            double[] sorted = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
            medians[i] = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        }
        return medians;
    }

    // --- once ---------------------------------------------------------------------------------

    /**
     * Prints {@code RESULT <mode> <ms> <peak bytes> <retained bytes> <counters> <cpu ms> <warm ms>}: the
     * first run is measured cold (time, CPU, memory), then the best of {@link #WARM_RUNS} more runs in
     * the same JVM is the warm time (a reactor build runs the check once per module); the CPU time is
     * the whole JVM's (all threads, JIT and GC included) during the run, the peak is the sum of
     * the heap pools' peaks during the run, the retained bytes what a full GC leaves beyond the heap
     * before the run while the result is still held.
     */
    private static void once(String mode, Path workdir) throws Exception {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        System.gc();
        System.gc();
        long baseline = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        Object kept = measureOnce(mode, workdir);
        double ms = (System.nanoTime() - start) / 1e6;
        double cpuMs = (os.getProcessCpuTime() - cpuStart) / 1e6;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.gc();
        System.gc();
        long retained = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum() - baseline;
        String counters = kept instanceof Result r ? canonical(r) : canonical((IBundleCoverage) kept);
        java.lang.ref.Reference.reachabilityFence(kept);
        double warm = Double.MAX_VALUE;
        for (int i = 0; i < WARM_RUNS; i++) {
            long t = System.nanoTime();
            measureOnce(mode, workdir);
            warm = Math.min(warm, (System.nanoTime() - t) / 1e6);
        }
        System.out.printf(Locale.ROOT, "RESULT %s %.1f %d %d %s %.1f %.1f%n", mode, ms, peak, retained, counters, cpuMs, warm);
    }

    /** One run: the check's {@link Result}, or JaCoCo's bundle. */
    private static Object measureOnce(String mode, Path workdir) throws Exception {
        if (mode.equals("check")) {
            return new CoverageCheck().run(new CoverageConfig(null, null, null, null, null), CheckContext.builder(workdir).build());
        }
        ExecFileLoader loader = new ExecFileLoader();
        loader.load(workdir.resolve("target/jacoco.exec").toFile());
        CoverageBuilder builder = new CoverageBuilder();
        new Analyzer(loader.getExecutionDataStore(), builder).analyzeAll(workdir.resolve("target/classes").toFile());
        return builder.getBundle("benchmark");
    }

    @SuppressWarnings("unchecked")
    private static String canonical(Result result) {
        Map<String, Map<String, Integer>> counters = (Map<String, Map<String, Integer>>) result.evidence().get("counters");
        StringBuilder s = new StringBuilder();
        counters.forEach((k, v) -> s.append(k).append('=').append(v.get("covered")).append('/').append(v.get("missed")).append(','));
        return s.toString();
    }

    private static String canonical(IBundleCoverage bundle) {
        StringBuilder s = new StringBuilder();
        for (CounterEntity e : CounterEntity.values()) {
            s.append(e.name()).append('=').append(bundle.getCounter(e).getCoveredCount()).append('/')
                    .append(bundle.getCounter(e).getMissedCount()).append(',');
        }
        return s.toString();
    }
}

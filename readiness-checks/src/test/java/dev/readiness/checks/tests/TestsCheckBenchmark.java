package dev.readiness.checks.tests;

import dev.readiness.check.CheckContext;
import dev.readiness.check.Result;
import dev.readiness.io.SafeXml;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Times the {@code tests} check on generated projects made of the real Surefire reports in this
 * package, against a baseline of parsing the same files with {@link SafeXml} alone, and prints the
 * medians, their ratio and the peak heap. Run it with {@code bench/tests-check.sh}; not a unit test.
 *
 * <p>Cases: many small reports (the real reports copied 2,000 times), and one report near the 64 MiB
 * limit (the real AveragingTest testcases, with their stack traces, repeated).
 */
public final class TestsCheckBenchmark {

    private static final int ROUNDS = 7;

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("tests-check-bench");
        try {
            System.out.printf("%-28s %12s %14s %7s %14s%n", "case", "check (ms)", "baseline (ms)", "ratio", "peak heap (MiB)");
            measure("2000 small reports", manySmallReports(work.resolve("many"), 2000));
            measure("1 report of ~60 MiB", oneLargeReport(work.resolve("large"), 60L * 1024 * 1024));
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void measure(String name, Path project) throws Exception {
        CheckContext context = CheckContext.builder(project).build();
        List<Path> reports;
        try (Stream<Path> files = Files.list(project.resolve("target/surefire-reports"))) {
            reports = files.sorted().toList();
        }
        TestsCheck check = new TestsCheck();
        Result result = check.run(TestsConfig.defaults(), context);
        resetPeaks();
        List<Long> checkTimes = new ArrayList<>();
        List<Long> baseTimes = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            check.run(TestsConfig.defaults(), context);
            checkTimes.add(System.nanoTime() - start);
            start = System.nanoTime();
            for (Path report : reports) {
                SafeXml.parse(report, TestsCheck.MAX_REPORT_BYTES);
            }
            baseTimes.add(System.nanoTime() - start);
        }
        double checkMs = median(checkTimes) / 1e6;
        double baseMs = median(baseTimes) / 1e6;
        System.out.printf("%-28s %12.1f %14.1f %7.2f %14.0f   (%s: %s)%n", name, checkMs, baseMs, checkMs / baseMs,
                peakHeapBytes() / 1024.0 / 1024.0, result.status(), result.summary());
    }

    private static Path manySmallReports(Path project, int count) throws IOException, URISyntaxException {
        Path folder = Files.createDirectories(project.resolve("target/surefire-reports"));
        List<Path> real = new ArrayList<>();
        for (String name : List.of("failing", "passing")) {
            try (Stream<Path> files = Files.list(caseFolder(name).resolve("surefire-reports"))) {
                files.filter(f -> f.getFileName().toString().startsWith("TEST-")).sorted().forEach(real::add);
            }
        }
        for (int i = 0; i < count; i++) {
            Path source = real.get(i % real.size());
            Files.copy(source, folder.resolve(String.format("TEST-com.example.Copy%05d.xml", i)));
        }
        return project;
    }

    private static Path oneLargeReport(Path project, long targetBytes) throws IOException, URISyntaxException {
        Path folder = Files.createDirectories(project.resolve("target/surefire-reports"));
        String real = Files.readString(caseFolder("reruns").resolve("surefire-reports/TEST-com.example.AveragingTest.xml"));
        int first = real.indexOf("  <testcase ");
        int end = real.lastIndexOf("</testsuite>");
        String head = real.substring(0, first);
        String testcases = real.substring(first, end);
        try (Writer out = Files.newBufferedWriter(folder.resolve("TEST-com.example.AveragingTest.xml"))) {
            out.write(head);
            for (long written = head.length(); written + testcases.length() + 20 < targetBytes; written += testcases.length()) {
                out.write(testcases);
            }
            out.write("</testsuite>\n");
        }
        return project;
    }

    private static Path caseFolder(String name) throws URISyntaxException {
        return Path.of(TestsCheckBenchmark.class.getResource(name).toURI());
    }

    private static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeapBytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }
}

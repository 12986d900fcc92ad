package dev.readiness.checks.performance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.readiness.io.ToolFiles;
import dev.readiness.io.UnreadableFileException;
import dev.readiness.text.Words;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the JSON JMH writes with {@code -rf json}: an array with one entry per benchmark (and parameter set), each with
 * its {@code mode}, {@code primaryMetric.score} and {@code scoreUnit}, and, when the GC profiler ran ({@code -prof gc}),
 * {@code secondaryMetrics["gc.alloc.rate.norm"]} (bytes per operation; JMH before 1.35 wrote it "·gc.alloc.rate.norm").
 */
final class JmhResults {

    /** JMH's modes: throughput is better higher; average time, sample time and single shot lower. */
    static final Set<String> MODES = Set.of("thrpt", "avgt", "sample", "ss");

    private static final List<String> ALLOCATION = List.of("gc.alloc.rate.norm", "\u00b7gc.alloc.rate.norm");

    private JmhResults() {
    }

    /**
     * One benchmark's result.
     *
     * @param key        the benchmark's method and its parameters: {@code shop.PriceBenchmark.copy} or {@code …copy(size=10)}
     * @param mode       {@code thrpt}, {@code avgt}, {@code sample} or {@code ss}
     * @param score      the primary score
     * @param unit       its unit: {@code ops/ms}, {@code us/op}
     * @param allocation bytes allocated per operation, or {@code null} when the GC profiler did not run
     */
    record Benchmark(String key, String mode, BigDecimal score, String unit, BigDecimal allocation) {

        /** Whether a higher score is better (throughput). */
        boolean higherIsBetter() {
            return mode.equals("thrpt");
        }
    }

    /** The benchmarks of one file, by key, in the file's order. */
    static Map<String, Benchmark> read(Path file) throws UnreadableFileException {
        JsonNode root = ToolFiles.json(file);
        if (!root.isArray()) {
            throw new UnreadableFileException("it is not a JSON array: not the JSON JMH writes with -rf json");
        }
        if (root.isEmpty()) {
            throw new UnreadableFileException("it lists no benchmark: JMH ran nothing");
        }
        Map<String, Benchmark> benchmarks = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode entry : root) {
            index++;
            String name = entry.path("benchmark").asText("");
            String mode = entry.path("mode").asText("");
            JsonNode primary = entry.path("primaryMetric");
            if (name.isBlank() || !primary.isObject() || !MODES.contains(mode)) {
                throw new UnreadableFileException("entry " + index + " has no benchmark, mode (thrpt, avgt, sample, ss) and "
                        + "primaryMetric: not the JSON JMH writes with -rf json");
            }
            String key = Words.oneLine(name, 200) + params(entry.path("params"));
            BigDecimal score = score(primary, key, "score");
            JsonNode allocation = null;
            for (String metric : ALLOCATION) {
                allocation = allocation != null ? allocation : entry.path("secondaryMetrics").get(metric);
            }
            Benchmark benchmark = new Benchmark(key, mode, score, Words.oneLine(primary.path("scoreUnit").asText(""), 40),
                    allocation == null ? null : score(allocation, key, "gc.alloc.rate.norm"));
            if (benchmarks.put(key, benchmark) != null) {
                throw new UnreadableFileException("it lists " + key + " twice");
            }
        }
        return benchmarks;
    }

    /** "(size=10, kind=a)" in the file's order, or "" without parameters. */
    private static String params(JsonNode params) {
        if (!params.isObject() || params.isEmpty()) {
            return "";
        }
        List<String> pairs = new ArrayList<>();
        for (Map.Entry<String, JsonNode> pair : params.properties()) {
            pairs.add(Words.oneLine(pair.getKey(), 50) + "=" + Words.oneLine(pair.getValue().asText(), 50));
        }
        return "(" + String.join(", ", pairs) + ")";
    }

    /** A metric's score: a finite number; JMH writes "NaN" as text when it measured nothing. */
    private static BigDecimal score(JsonNode metric, String key, String what) throws UnreadableFileException {
        JsonNode score = metric.path("score");
        if (!score.isNumber()) {
            throw new UnreadableFileException(key + " has " + what + " " + (score.isMissingNode() ? "missing" : "'"
                    + Words.oneLine(score.asText(), 40) + "'") + ", not a number: JMH measured nothing for it");
        }
        return score.decimalValue();
    }
}

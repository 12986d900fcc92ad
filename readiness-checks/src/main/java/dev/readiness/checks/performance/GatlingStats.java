package dev.readiness.checks.performance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.readiness.checks.performance.LoadRun.Figures;
import dev.readiness.text.Words;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads Gatling's results: in its results folder, the newest {@code <simulation>-<timestamp>} run of each simulation,
 * from the {@code js/stats.json} of its HTML report (simulation.log is binary since Gatling 3.10). The percentiles are
 * read as Gatling's defaults name them: percentiles3 is the 95th, percentiles4 the 99th. Gatling 3.10 and later write
 * numbers; earlier versions wrote them as text, with "-" for none: both are read.
 */
final class GatlingStats {

    /** A run folder: the simulation's name in lower case, a dash, and the run's start as yyyyMMddHHmmssSSS. */
    private static final Pattern RUN = Pattern.compile("(.+)-(\\d{14,17})");

    /** The most request names read from one report. */
    static final int MAX_LABELS = 1000;

    private GatlingStats() {
    }

    /** The stats.json of the newest run of each simulation under {@code folder}, by simulation name. */
    static List<Path> newestRuns(Path folder) throws IOException {
        Map<String, Path> newest = new TreeMap<>();
        Map<String, String> stamps = new TreeMap<>();
        try (Stream<Path> runs = Files.list(folder)) {
            for (Path run : runs.filter(Files::isDirectory).toList()) {
                Matcher m = RUN.matcher(run.getFileName().toString());
                if (m.matches() && m.group(2).compareTo(stamps.getOrDefault(m.group(1), "")) > 0) {
                    stamps.put(m.group(1), m.group(2));
                    newest.put(m.group(1), run.resolve("js").resolve("stats.json"));
                }
            }
        }
        return new ArrayList<>(newest.values());
    }

    /** The run one stats.json records. */
    static LoadRun read(Path statsJson, String shown) throws UnreadableException {
        if (!Files.isRegularFile(statsJson)) {
            throw new UnreadableException("the run has no js/stats.json: Gatling wrote no HTML report (was it run with "
                    + "noReports, or did it stop before the end?)");
        }
        JsonNode root = ResultFiles.json(statsJson);
        if (!root.path("stats").isObject() || !root.path("stats").path("numberOfRequests").isObject()) {
            throw new UnreadableException("it has no stats.numberOfRequests: not the stats.json of a Gatling report");
        }
        Figures all = figures(root.path("stats"), "all requests");
        if (all.requests() == 0) {
            throw new UnreadableException("it counts 0 requests: the simulation sent no request");
        }
        Map<String, Figures> byLabel = new LinkedHashMap<>();
        requests(root.path("contents"), byLabel);
        Matcher run = RUN.matcher(statsJson.getParent().getParent().getFileName().toString());
        String simulation = run.matches() ? run.group(1) : statsJson.getParent().getParent().getFileName().toString();
        return new LoadRun("Gatling", Words.oneLine(simulation, 100), shown, all, byLabel, null, null);
    }

    /** Adds the requests under {@code contents}, groups' requests by their path ("group / request"). */
    private static void requests(JsonNode contents, Map<String, Figures> byLabel) throws UnreadableException {
        for (Iterator<JsonNode> entries = contents.elements(); entries.hasNext(); ) {
            JsonNode entry = entries.next();
            if ("REQUEST".equals(entry.path("type").asText())) {
                if (byLabel.size() == MAX_LABELS) {
                    throw new UnreadableException("it names more than " + MAX_LABELS + " requests");
                }
                String label = Words.oneLine(entry.path("path").asText(entry.path("name").asText()), 200);
                byLabel.put(label, figures(entry.path("stats"), "'" + label + "'"));
            } else {
                requests(entry.path("contents"), byLabel);
            }
        }
    }

    private static Figures figures(JsonNode stats, String what) throws UnreadableException {
        BigDecimal total = number(stats, "numberOfRequests", "total");
        BigDecimal ko = number(stats, "numberOfRequests", "ko");
        if (total == null || total.stripTrailingZeros().scale() > 0) {
            throw new UnreadableException("the number of requests of " + what + " is not a whole number");
        }
        if (ko != null && ko.compareTo(total) > 0) {
            throw new UnreadableException("the failed requests of " + what + " (" + ko + ") outnumber its requests (" + total + ")");
        }
        BigDecimal p95 = number(stats, "percentiles3", "total");
        BigDecimal p99 = number(stats, "percentiles4", "total");
        return new Figures(total.longValueExact(), ko == null ? 0 : ko.longValue(), millis(p95), millis(p99),
                number(stats, "meanNumberOfRequestsPerSecond", "total"));
    }

    private static Long millis(BigDecimal value) {
        return value == null ? null : value.setScale(0, RoundingMode.CEILING).longValue();
    }

    /** {@code stats.<metric>.<part>} as a number: a JSON number, or text of one (older Gatling); null for "-" or none. */
    private static BigDecimal number(JsonNode stats, String metric, String part) throws UnreadableException {
        JsonNode node = stats.path(metric).path(part);
        BigDecimal value;
        if (node.isNumber()) {
            value = node.decimalValue();
        } else if (!node.isTextual() || node.asText().isBlank() || node.asText().strip().equals("-")) {
            return null;
        } else {
            try {
                value = new BigDecimal(node.asText().strip().replace(",", ""));
            } catch (NumberFormatException e) {
                value = null;
            }
        }
        if (value == null || value.signum() < 0 || value.compareTo(LARGEST) > 0) {
            throw new UnreadableException(metric + "." + part + " is '" + Words.oneLine(node.asText(), 40)
                    + "', not a number from 0 to " + LARGEST);
        }
        return value;
    }

    /** The largest figure read: more requests, or milliseconds, than any run has. */
    private static final BigDecimal LARGEST = BigDecimal.valueOf(Long.MAX_VALUE / 2);
}

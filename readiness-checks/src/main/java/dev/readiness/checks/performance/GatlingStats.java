package dev.readiness.checks.performance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.readiness.checks.performance.LoadRun.Figures;
import dev.readiness.io.ToolFiles;
import dev.readiness.io.UnreadableFileException;
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
 * from its HTML report (simulation.log is binary since Gatling 3.10): the statistics table of its {@code index.html}
 * ({@link GatlingReport}; Gatling 3.15 writes no JSON of its figures), or the {@code js/stats.json} older versions
 * wrote beside it. In stats.json the percentiles are read as Gatling's defaults name them: percentiles3 is the 95th,
 * percentiles4 the 99th; from Gatling 3.10 it holds numbers, before that text with "-" for none: both are read.
 */
final class GatlingStats {

    /** A run folder: the simulation's name in lower case, a dash, and the run's start as yyyyMMddHHmmssSSS. */
    private static final Pattern RUN = Pattern.compile("(.+)-(\\d{14,17})");

    /** The most request names read from one report. */
    static final int MAX_LABELS = 1000;

    private GatlingStats() {
    }

    /**
     * The report of the newest run of each simulation under {@code folder}, by simulation name: its js/stats.json where
     * the run has one, else its index.html.
     */
    static List<Path> newestRuns(Path folder) throws IOException {
        Map<String, Path> newest = new TreeMap<>();
        Map<String, String> stamps = new TreeMap<>();
        try (Stream<Path> runs = Files.list(folder)) {
            for (Path run : runs.filter(Files::isDirectory).toList()) {
                Matcher m = RUN.matcher(run.getFileName().toString());
                if (m.matches() && m.group(2).compareTo(stamps.getOrDefault(m.group(1), "")) > 0) {
                    stamps.put(m.group(1), m.group(2));
                    Path stats = run.resolve("js").resolve("stats.json");
                    newest.put(m.group(1), Files.exists(stats) ? stats : run.resolve(GatlingReport.FILE_NAME));
                }
            }
        }
        return new ArrayList<>(newest.values());
    }

    /** The run one report ({@link #newestRuns}: a js/stats.json or an index.html) records. */
    static LoadRun read(Path report, String shown) throws UnreadableFileException {
        if (!Files.isRegularFile(report)) {
            throw new UnreadableFileException("the run has neither index.html nor js/stats.json: Gatling wrote no HTML report "
                    + "(was it run with noReports, or did it stop before the end?)");
        }
        boolean json = report.getFileName().toString().equals("stats.json");
        Figures all;
        Map<String, Figures> byLabel = new LinkedHashMap<>();
        if (json) {
            JsonNode root = ToolFiles.json(report);
            if (!root.path("stats").isObject() || !root.path("stats").path("numberOfRequests").isObject()) {
                throw new UnreadableFileException("it has no stats.numberOfRequests: not the stats.json of a Gatling report");
            }
            all = figures(root.path("stats"), "all requests");
            requests(root.path("contents"), byLabel);
        } else {
            all = GatlingReport.read(report, byLabel);
        }
        if (all.requests() == 0) {
            throw new UnreadableFileException("it counts 0 requests: the simulation sent no request");
        }
        String folder = (json ? report.getParent().getParent() : report.getParent()).getFileName().toString();
        Matcher run = RUN.matcher(folder);
        return new LoadRun("Gatling", Words.oneLine(run.matches() ? run.group(1) : folder, 100), shown, all, byLabel, null, null);
    }

    /** Adds the requests under {@code contents}, groups' requests by their path ("group / request"). */
    private static void requests(JsonNode contents, Map<String, Figures> byLabel) throws UnreadableFileException {
        for (Iterator<JsonNode> entries = contents.elements(); entries.hasNext(); ) {
            JsonNode entry = entries.next();
            if ("REQUEST".equals(entry.path("type").asText())) {
                String label = label(entry.path("path").asText(entry.path("name").asText()), byLabel);
                byLabel.put(label, figures(entry.path("stats"), "'" + label + "'"));
            } else {
                requests(entry.path("contents"), byLabel);
            }
        }
    }

    /** A request's name as a label, one line; refused once {@link #MAX_LABELS} are read. */
    static String label(String name, Map<String, Figures> byLabel) throws UnreadableFileException {
        if (byLabel.size() == MAX_LABELS) {
            throw new UnreadableFileException("it names more than " + MAX_LABELS + " requests");
        }
        return Words.oneLine(name, 200);
    }

    private static Figures figures(JsonNode stats, String what) throws UnreadableFileException {
        return figures(what, number(stats, "numberOfRequests", "total"), number(stats, "numberOfRequests", "ko"),
                number(stats, "percentiles3", "total"), number(stats, "percentiles4", "total"),
                number(stats, "meanNumberOfRequestsPerSecond", "total"));
    }

    /** The figures of {@code what} from the numbers a report gives (null where it gives none), checked to agree. */
    static Figures figures(String what, BigDecimal total, BigDecimal ko, BigDecimal p95, BigDecimal p99, BigDecimal throughput)
            throws UnreadableFileException {
        if (total == null || total.stripTrailingZeros().scale() > 0) {
            throw new UnreadableFileException("the number of requests of " + what + " is not a whole number");
        }
        if (ko != null && ko.compareTo(total) > 0) {
            throw new UnreadableFileException("the failed requests of " + what + " (" + ko + ") outnumber its requests (" + total + ")");
        }
        return new Figures(total.longValueExact(), ko == null ? 0 : ko.longValue(), millis(p95), millis(p99), throughput);
    }

    private static Long millis(BigDecimal value) {
        return value == null ? null : value.setScale(0, RoundingMode.CEILING).longValue();
    }

    /** {@code stats.<metric>.<part>} as a number: a JSON number, or text of one (older Gatling); null for "-" or none. */
    private static BigDecimal number(JsonNode stats, String metric, String part) throws UnreadableFileException {
        JsonNode node = stats.path(metric).path(part);
        if (node.isNumber()) {
            return inRange(metric + "." + part, node.decimalValue(), node.asText());
        }
        return node.isTextual() ? number(metric + "." + part, node.asText()) : null;
    }

    /** A figure Gatling wrote as text, named {@code what} in a refusal: a number, or null for "-" or nothing. */
    static BigDecimal number(String what, String text) throws UnreadableFileException {
        if (text.isBlank() || text.strip().equals("-")) {
            return null;
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text.strip().replace(",", ""));
        } catch (NumberFormatException e) {
            value = null;
        }
        return inRange(what, value, text);
    }

    private static BigDecimal inRange(String what, BigDecimal value, String text) throws UnreadableFileException {
        if (value == null || value.signum() < 0 || value.compareTo(LARGEST) > 0) {
            throw new UnreadableFileException(what + " is '" + Words.oneLine(text, 40) + "', not a number from 0 to " + LARGEST);
        }
        return value;
    }

    /** The largest figure read: more requests, or milliseconds, than any run has. */
    private static final BigDecimal LARGEST = BigDecimal.valueOf(Long.MAX_VALUE / 2);
}

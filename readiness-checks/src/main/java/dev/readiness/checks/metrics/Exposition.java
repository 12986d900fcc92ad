package dev.readiness.checks.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A Prometheus text exposition (format 0.0.4) or OpenMetrics text, as read: every sample's metric name with
 * how many samples it has, and the samples of the metric names asked for, with their labels and values.
 * The parser reads each line once, left to right ({@code # HELP}, {@code # TYPE}, {@code # UNIT}, {@code # EOF}
 * and other comments; samples {@code name{label="value",…} value [timestamp] [# exemplar]}); the first line it
 * cannot read is an error naming its number.
 *
 * @param samplesByName metric name (as sampled: {@code orders_created_total}) to its number of samples, sorted
 * @param kept          the samples of the names asked for, in order
 */
record Exposition(Map<String, Integer> samplesByName, List<Sample> kept) {

    /** One sample: its metric name, labels and value. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    /** A line that is not a comment, a blank or a sample. */
    static final class InvalidException extends Exception {
        final int line;

        InvalidException(int line, String problem) {
            super("line " + line + ": " + problem);
            this.line = line;
        }
    }

    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped", "unknown", "info",
            "stateset", "gaugehistogram");

    /**
     * Parses the exposition.
     *
     * @param keep the metric names whose samples are kept
     * @throws InvalidException at the first line that is not valid, naming it
     */
    static Exposition parse(String text, Set<String> keep) throws InvalidException {
        Map<String, Integer> names = new TreeMap<>();
        List<Sample> kept = new ArrayList<>();
        int number = 0;
        int start = 0;
        boolean ended = false;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            String line = text.substring(start, end > start && text.charAt(end - 1) == '\r' ? end - 1 : end);
            start = end + 1;
            number++;
            if (line.isBlank()) {
                continue;
            }
            if (ended) {
                throw new InvalidException(number, "text after # EOF");
            }
            if (line.startsWith("#")) {
                ended = comment(line, number);
                continue;
            }
            Sample sample = new LineReader(line, number).sample(keep);
            names.merge(sample.name(), 1, Integer::sum);
            if (keep.contains(sample.name())) {
                kept.add(sample);
            }
        }
        return new Exposition(names, kept);
    }

    /** Checks a {@code # TYPE} line; returns whether the line is OpenMetrics' {@code # EOF}. */
    private static boolean comment(String line, int number) throws InvalidException {
        if (line.equals("# EOF")) {
            return true;
        }
        if (line.startsWith("# TYPE ")) {
            String[] parts = line.substring("# TYPE ".length()).trim().split("\\s+");
            if (parts.length != 2 || !LineReader.isName(parts[0]) || !TYPES.contains(parts[1])) {
                throw new InvalidException(number, "'" + shown(line) + "' is not '# TYPE <metric name> <counter, gauge, histogram,"
                        + " summary, untyped, …>'");
            }
        }
        return false;
    }

    static String shown(String line) {
        return dev.readiness.text.Words.oneLine(line, 120);
    }

    /** Reads one sample line, left to right. */
    private static final class LineReader {
        private final String line;
        private final int number;
        private int at;

        LineReader(String line, int number) {
            this.line = line;
            this.number = number;
        }

        static boolean isName(String text) {
            if (text.isEmpty() || !nameStart(text.charAt(0))) {
                return false;
            }
            return text.chars().allMatch(c -> nameStart((char) c) || c >= '0' && c <= '9');
        }

        private static boolean nameStart(char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':';
        }

        Sample sample(Set<String> keep) throws InvalidException {
            int nameStart = at;
            while (at < line.length() && (nameStart(line.charAt(at)) || at > nameStart && Character.isDigit(line.charAt(at)))) {
                at++;
            }
            if (at == nameStart) {
                throw invalid("'" + shown(line) + "' does not start with a metric name");
            }
            String name = line.substring(nameStart, at);
            Map<String, String> labels = Map.of();
            if (at < line.length() && line.charAt(at) == '{') {
                labels = labels(keep.contains(name));
            }
            if (at >= line.length() || line.charAt(at) != ' ' && line.charAt(at) != '\t') {
                throw invalid("the sample " + name + " has no value after its name and labels");
            }
            String[] rest = line.substring(at).trim().split("[ \t]+", 3);
            double value = number(rest[0], "value of " + name);
            if (rest.length > 1 && !rest[1].startsWith("#")) {
                number(rest[1], "timestamp of " + name);
                if (rest.length > 2 && !rest[2].startsWith("#")) {
                    throw invalid("the sample " + name + " has more after its value and timestamp: '" + shown(rest[2]) + "'");
                }
            }
            return new Sample(name, labels, value);
        }

        private Map<String, String> labels(boolean keep) throws InvalidException {
            Map<String, String> labels = new LinkedHashMap<>();
            at++; // {
            while (true) {
                skipSpaces();
                if (at < line.length() && line.charAt(at) == '}') {
                    at++;
                    return keep ? labels : Map.of();
                }
                int nameStart = at;
                while (at < line.length() && (nameStart(line.charAt(at)) || at > nameStart && Character.isDigit(line.charAt(at)))) {
                    at++;
                }
                if (at == nameStart) {
                    throw invalid("a label name is missing at column " + (at + 1));
                }
                String label = line.substring(nameStart, at);
                skipSpaces();
                if (at + 1 >= line.length() || line.charAt(at) != '=' || line.charAt(at + 1) != '"') {
                    throw invalid("the label " + label + " has no =\"value\" at column " + (at + 1));
                }
                at += 2;
                StringBuilder value = new StringBuilder();
                while (true) {
                    if (at >= line.length()) {
                        throw invalid("the value of label " + label + " is not closed with \"");
                    }
                    char c = line.charAt(at++);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\') {
                        if (at >= line.length()) {
                            throw invalid("the value of label " + label + " ends in a lone \\");
                        }
                        char escaped = line.charAt(at++);
                        value.append(escaped == 'n' ? '\n' : escaped);
                    } else {
                        value.append(c);
                    }
                }
                if (keep) {
                    labels.put(label, value.toString());
                }
                skipSpaces();
                if (at < line.length() && line.charAt(at) == ',') {
                    at++;
                } else if (at >= line.length() || line.charAt(at) != '}') {
                    throw invalid("expected , or } after the label " + label + " at column " + (at + 1));
                }
            }
        }

        private void skipSpaces() {
            while (at < line.length() && (line.charAt(at) == ' ' || line.charAt(at) == '\t')) {
                at++;
            }
        }

        private double number(String text, String what) throws InvalidException {
            switch (text) {
                case "NaN":
                    return Double.NaN;
                case "+Inf", "Inf":
                    return Double.POSITIVE_INFINITY;
                case "-Inf":
                    return Double.NEGATIVE_INFINITY;
                default:
                    if (text.length() > 40 || !text.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                        throw invalid("the " + what + " is '" + shown(text) + "', not a number");
                    }
                    return Double.parseDouble(text);
            }
        }

        private InvalidException invalid(String problem) {
            return new InvalidException(number, problem);
        }
    }
}

package dev.readiness.checks.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import dev.readiness.text.Words;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What Prometheus answered to an instant query ({@code GET /api/v1/query}), read as its HTTP API documents it and as
 * Prometheus 2.42 was recorded answering (the test fixtures' {@code recorded/PROVENANCE.md}): the envelope
 * {@code {"status":"success"|"error","data":…,"errorType":…,"error":…,"warnings":[…],"infos":[…]}} and the data
 * {@code {"resultType":"vector"|"scalar",…}}, each series with its labels and its value as Prometheus prints it. Nothing
 * is judged here but the shape: an error answer, a range vector or string, a native histogram, and anything
 * that is not the documented shape are {@link UnusableException}s saying which.
 *
 * @param resultType {@code vector} or {@code scalar}
 * @param series     the series in Prometheus' order; a scalar is one series without labels; may be empty
 * @param warnings   the answer's {@code warnings}, as one line each: what Prometheus could not read or compute, such as
 *                   a remote store it could not reach ("remote_read: error sending request: …"), so the series may lack data
 * @param infos      the answer's {@code infos} (Prometheus 2.50 and later), as one line each: remarks on the expr that
 *                   leave its answer whole
 */
record QueryAnswer(String resultType, List<Series> series, List<String> warnings, List<String> infos) {

    /** The most characters of a value read as a number ({@code 0.0123}, {@code 1e-05}, {@code NaN}, {@code +Inf}). */
    private static final int MAX_VALUE_LENGTH = 64;

    /**
     * One series of the answer.
     *
     * @param labels its labels in Prometheus' order; empty for a scalar or an aggregate without {@code by}
     * @param value  the value as Prometheus printed it
     * @param number the value as an exact decimal, or {@code null} when it is {@code NaN}, {@code +Inf} or {@code -Inf}
     */
    record Series(Map<String, String> labels, String value, BigDecimal number) {

        /** {@code {service="shop",status="500"}}, or {@code {}} without labels. */
        String labelText() {
            return labels.entrySet().stream().map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                    .collect(Collectors.joining(",", "{", "}"));
        }
    }

    /** An answer that holds no number to judge: an error, a shape other than the documented one, a range vector. */
    static final class UnusableException extends Exception {
        private final String remedy;

        UnusableException(String message) {
            this(message, null);
        }

        /** @param remedy what to do, when this answer calls for more than correcting the expr or the URL */
        UnusableException(String message, String remedy) {
            super(message);
            this.remedy = remedy;
        }

        /** What to do when this answer calls for more than correcting the expr or the URL, else {@code null}. */
        String remedy() {
            return remedy;
        }
    }

    /** Reads the answer's JSON. */
    static QueryAnswer read(JsonNode root) throws UnusableException {
        if (root == null || !root.isObject()) {
            throw new UnusableException("the answer is not a JSON object, so it is not Prometheus' HTTP API");
        }
        String status = text(root.get("status"));
        if ("error".equals(status)) {
            String errorType = text(root.get("errorType"));
            throw new UnusableException("Prometheus answered an error, errorType " + shown(errorType, 40)
                    + ": " + shown(text(root.get("error")), 300), "timeout".equals(errorType)
                    ? "Prometheus stopped the query at the timeout this build sends with it, the <http> timeout: make the expr"
                    + " cheaper (a shorter range, fewer series, a recording rule) or raise <http><timeout>." : null);
        }
        if (!"success".equals(status)) {
            throw new UnusableException("the answer's status is " + (status == null ? "missing" : "'" + shown(status, 40) + "'")
                    + ", neither success nor error, so it is not Prometheus' HTTP API");
        }
        List<String> warnings = lines(root.get("warnings"));
        List<String> infos = lines(root.get("infos"));
        JsonNode data = root.get("data");
        String type = data == null ? null : text(data.get("resultType"));
        JsonNode result = data == null ? null : data.get("result");
        if (type == null || result == null) {
            throw new UnusableException("the answer has no data.resultType and data.result");
        }
        switch (type) {
            case "vector" -> {
                if (!result.isArray()) {
                    throw new UnusableException("data.result of a vector is not a list");
                }
                List<Series> series = new ArrayList<>();
                for (JsonNode sample : result) {
                    series.add(series(sample));
                }
                return new QueryAnswer(type, series, warnings, infos);
            }
            case "scalar" -> {
                return new QueryAnswer(type, List.of(value(Map.of(), result)), warnings, infos);
            }
            case "matrix" -> throw new UnusableException("the expression returns a range vector (resultType matrix), not one value"
                    + " per series: aggregate it over the range, as rate(x[15m]) or avg_over_time(x[15m]) do");
            case "string" -> throw new UnusableException("the expression returns a string (resultType string), not a number");
            default -> throw new UnusableException("data.resultType is '" + shown(type, 40) + "', none of vector, scalar, matrix"
                    + " or string");
        }
    }

    private static Series series(JsonNode sample) throws UnusableException {
        JsonNode metric = sample.get("metric");
        if (metric == null || !metric.isObject()) {
            throw new UnusableException("a series of the vector has no metric labels object");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        metric.fields().forEachRemaining(e -> labels.put(shown(e.getKey(), 100), shown(e.getValue().asText(), 100)));
        if (sample.get("value") == null && sample.get("histogram") != null) {
            throw new UnusableException("the series " + new Series(labels, "", null).labelText() + " is a native histogram, not"
                    + " a number: wrap it in histogram_quantile(), histogram_count() or histogram_sum()");
        }
        return value(labels, sample.get("value"));
    }

    /** A sample {@code [<unix time>, "<value>"]}. */
    private static Series value(Map<String, String> labels, JsonNode sample) throws UnusableException {
        if (sample == null || !sample.isArray() || sample.size() != 2 || !sample.get(0).isNumber() || !sample.get(1).isTextual()) {
            throw new UnusableException("a value is not [<unix time>, \"<number>\"] as Prometheus writes one");
        }
        String value = sample.get(1).asText();
        return switch (value) {
            case "NaN", "+Inf", "-Inf", "Inf" -> new Series(labels, value, null);
            default -> {
                if (value.length() > MAX_VALUE_LENGTH || !value.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d{1,3})?")) {
                    throw new UnusableException("the value '" + shown(value, MAX_VALUE_LENGTH) + "' is not a number");
                }
                yield new Series(labels, value, new BigDecimal(value));
            }
        };
    }

    /** The strings of a {@code warnings} or {@code infos} list, one line each; none when it is absent. */
    private static List<String> lines(JsonNode list) {
        List<String> lines = new ArrayList<>();
        if (list != null && list.isArray()) {
            list.forEach(line -> lines.add(shown(line.asText(), 300)));
        }
        return List.copyOf(lines);
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }

    private static String shown(String text, int max) {
        return Words.oneLine(text, max);
    }
}

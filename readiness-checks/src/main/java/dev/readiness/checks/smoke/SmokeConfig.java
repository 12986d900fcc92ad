package dev.readiness.checks.smoke;

import dev.readiness.check.Param;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The configuration of {@link SmokeCheck}: the probes to send to the deployed service.
 *
 * @param url    the base URL the probes' paths go under; the target by default
 * @param probes the probes, each named once
 */
public record SmokeConfig(
        @Param("the base URL the probes' paths are appended to; default the target")
        String url,
        @Param("the probes, each with name (letters, digits, '.', '_', '-'; unique), method (GET, HEAD, POST, PUT, PATCH, DELETE or"
                + " OPTIONS; default GET), path (starting with /, appended to the url), headers (sent with it, values never"
                + " printed), body (sent as JSON when it starts with { or [, else as text; not with GET or HEAD), status (the"
                + " expected HTTP status, default 200; redirects are not followed), expect (JSON-pointer expectations on its"
                + " JSON answer: /status == \"ok\", /errors != [], /items/0/id exists) and maxLatency (e.g. 500ms; default"
                + " none); default none")
        List<Probe> probes) {

    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public SmokeConfig {
        url = url == null || url.isBlank() ? null : url.trim();
        probes = probes == null ? List.of() : List.copyOf(probes);
        Set<String> names = new HashSet<>();
        for (Probe probe : probes) {
            if (!names.add(probe.name())) {
                throw new IllegalArgumentException("two probes are named '" + probe.name() + "': name each probe once");
            }
        }
    }

    /**
     * One request to the deployed service and what its answer must be.
     *
     * @param status     the expected HTTP status
     * @param maxLatency the longest the answer, body included, may take; {@code null} for no limit
     */
    public record Probe(String name, String method, String path, Map<String, String> headers, String body, Integer status,
                        List<String> expect, Duration maxLatency) {

        public Probe {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("a probe needs a name of letters, digits, '.', '_' or '-' (at most 64), got "
                        + (name == null ? "none" : "'" + dev.readiness.text.Words.oneLine(name, 64) + "'"));
            }
            method = method == null || method.isBlank() ? "GET" : method.trim().toUpperCase(Locale.ROOT);
            if (!METHODS.contains(method)) {
                throw new IllegalArgumentException("probe '" + name + "': method '" + dev.readiness.text.Words.oneLine(method, 20)
                        + "' is not one of " + String.join(", ", new java.util.TreeSet<>(METHODS)));
            }
            if (path == null || !path.startsWith("/") || path.startsWith("//")) {
                throw new IllegalArgumentException("probe '" + name + "': path must start with a single / (it is appended to the"
                        + " target, never a URL of its own), got " + (path == null ? "none" : "'" + dev.readiness.text.Words.oneLine(path, 100) + "'"));
            }
            headers = headers == null ? Map.of() : Map.copyOf(headers);
            headers.forEach((header, value) -> {
                if (header.isEmpty() || !header.chars().allMatch(c -> c > ' ' && c < 0x7f && c != ':')) {
                    throw new IllegalArgumentException("probe '" + name + "': '" + dev.readiness.text.Words.oneLine(header, 100)
                            + "' is not a header name: a name is letters, digits and punctuation, such as X-Request-Id");
                }
                if (value != null && !value.chars().allMatch(c -> c >= ' ' && c < 0x7f || c == '\t')) {
                    throw new IllegalArgumentException("probe '" + name + "': the value of " + header + " holds a character a header"
                            + " cannot carry (the value is not shown): write it on one line of printable ASCII");
                }
            });
            if (body != null && (method.equals("GET") || method.equals("HEAD"))) {
                throw new IllegalArgumentException("probe '" + name + "': a " + method + " request has no body: use POST or PUT");
            }
            status = status == null ? 200 : status;
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException("probe '" + name + "': status " + status + " is not an HTTP status (100 to 599)");
            }
            expect = expect == null ? List.of() : List.copyOf(expect);
            for (String expectation : expect) {
                try {
                    Expectation.parse(expectation);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("probe '" + name + "': " + e.getMessage());
                }
            }
            if (maxLatency != null && (maxLatency.isZero() || maxLatency.isNegative())) {
                throw new IllegalArgumentException("probe '" + name + "': maxLatency must be longer than 0, such as 500ms");
            }
        }

        /** The parsed expectations (validated when the probe was bound). */
        List<Expectation> expectations() {
            return expect.stream().map(Expectation::parse).toList();
        }
    }
}

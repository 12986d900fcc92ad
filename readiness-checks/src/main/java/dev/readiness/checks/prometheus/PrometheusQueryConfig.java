package dev.readiness.checks.prometheus;

import dev.readiness.check.Param;
import dev.readiness.text.Words;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The configuration of {@link PrometheusQueryCheck}: the Prometheus server to ask and the PromQL queries with their
 * thresholds.
 *
 * @param prometheusUrl the Prometheus server's base URL (its HTTP API is under {@code /api/v1}); no default
 * @param queries       the queries, each named once
 */
public record PrometheusQueryConfig(
        @Param("the Prometheus server's base URL, whose HTTP API answers under /api/v1 (https://prometheus.example.com, or"
                + " https://host/prometheus behind a path); <http><headers> go to it only when it is the <target>'s origin, user"
                + " info in it (https://user:password@host) is sent as Basic credentials and never printed; default none")
        String prometheusUrl,
        @Param("the queries, each with name (letters, digits, spaces, '.', '_', '-'; unique), expr (a PromQL expression"
                + " returning an instant vector or a scalar), claim (errorRate, performance or baseline: the item it decides),"
                + " min and max (inclusive bounds every series' value must meet, as decimals such as 0.01; at least one for"
                + " errorRate and performance, none for baseline, which only needs data); default none")
        List<Query> queries) {

    /** The claims a query can serve, as users write them. */
    static final List<String> PURPOSES = List.of("errorRate", "performance", "baseline");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._ -]{1,64}");

    public PrometheusQueryConfig {
        prometheusUrl = prometheusUrl == null || prometheusUrl.isBlank() ? null : prometheusUrl.trim();
        queries = queries == null ? List.of() : List.copyOf(queries);
        Set<String> names = new HashSet<>();
        for (Query query : queries) {
            if (!names.add(query.name())) {
                throw new IllegalArgumentException("two queries are named '" + query.name() + "': name each query once");
            }
        }
    }

    /**
     * One PromQL expression and the bounds its every series must meet.
     *
     * @param claim which item the query decides: {@code errorRate}, {@code performance} or {@code baseline}
     * @param min   the least value allowed (inclusive), or {@code null}
     * @param max   the greatest value allowed (inclusive), or {@code null}
     */
    public record Query(String name, String expr, String claim, BigDecimal min, BigDecimal max) {

        public Query {
            if (name == null || !NAME.matcher(name.strip()).matches()) {
                throw new IllegalArgumentException("a query needs a name of letters, digits, spaces, '.', '_' or '-' (at most 64),"
                        + " got " + (name == null ? "none" : "'" + Words.oneLine(name, 64) + "'"));
            }
            name = name.strip();
            if (expr == null || expr.isBlank()) {
                throw new IllegalArgumentException("query '" + name + "' has no expr: write the PromQL expression to evaluate");
            }
            expr = expr.strip();
            if (expr.length() > 4000) {
                throw new IllegalArgumentException("query '" + name + "': its expr is " + expr.length()
                        + " characters long, more than the 4000 a query URL carries safely");
            }
            if (claim == null || !PURPOSES.contains(claim.strip())) {
                throw new IllegalArgumentException("query '" + name + "': claim is " + (claim == null ? "missing"
                        : "'" + Words.oneLine(claim, 40) + "'") + "; write one of " + String.join(", ", PURPOSES));
            }
            claim = claim.strip();
            boolean baseline = claim.equals("baseline");
            if (baseline && (min != null || max != null)) {
                throw new IllegalArgumentException("query '" + name + "': a baseline query only needs to return data, so it takes"
                        + " no min or max; bound a figure with a performance query");
            }
            if (!baseline && min == null && max == null) {
                throw new IllegalArgumentException("query '" + name + "': " + (baseline ? "" : claim.equals("errorRate") ? "an " : "a ") + claim + " query needs a min, a max or both,"
                        + " such as <max>0.01</max>");
            }
            for (BigDecimal bound : new BigDecimal[] {min, max}) {
                if (bound != null && Math.abs(bound.scale()) > 100) {
                    throw new IllegalArgumentException("query '" + name + "': a bound is written with at most 100 decimal places"
                            + " or exponent digits, such as 0.01 or 250");
                }
            }
            if (min != null && max != null && min.compareTo(max) > 0) {
                throw new IllegalArgumentException("query '" + name + "': min " + min.toPlainString() + " is above max "
                        + max.toPlainString());
            }
        }
    }
}

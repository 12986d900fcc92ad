package dev.readiness.checks.performance;

import dev.readiness.check.Param;
import dev.readiness.check.Ratio;
import dev.readiness.text.Words;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The configuration of {@link PerformanceCheck}. Paths are relative to the project's base folder, or absolute.
 *
 * @param gatling     Gatling's results folder; default {@code <build directory>/gatling}, read when it exists
 * @param jmeter      JMeter results: a {@code .jtl} file or a folder of them; default {@code <build directory>/jmeter/results}
 * @param jmh         the JSON JMH writes with {@code -rf json}; default {@code <build directory>/jmh-result.json}
 * @param jmhBaseline a committed JMH JSON the results are held to; default none
 * @param tolerance   how much worse than the baseline a JMH score may be; default 10%
 * @param budgets     latency, error and throughput budgets of the load runs; default none
 * @param users       the concurrent users a load run must reach; default none
 * @param duration    how long a load run must last; default none
 * @param requests    how many requests a load run must send; default none
 * @param stressUsers the users above nominal load a stress run must reach; default none
 */
public record PerformanceConfig(
        @Param("Gatling's results folder (one <simulation>-<timestamp> folder per run; the newest run of each simulation is "
                + "read from its HTML report: index.html's statistics table, or js/stats.json where an older Gatling wrote "
                + "one), relative to the project folder; set, it must exist; default: <build directory>/gatling, read when it "
                + "exists")
        String gatling,
        @Param("JMeter results: a .jtl file (CSV with its header row) or a folder whose .jtl files are read, relative to the "
                + "project folder; set, it must exist; default: <build directory>/jmeter/results, read when it exists")
        String jmeter,
        @Param("the JSON JMH writes with -rf json, relative to the project folder; set, it must exist; default: <build "
                + "directory>/jmh-result.json, read when it exists")
        String jmh,
        @Param("a committed JMH JSON (-rf json) the JMH results are held to, relative to the project folder; default none")
        String jmhBaseline,
        @Param("how much worse than jmhBaseline a JMH score or gc.alloc.rate.norm may be (lower for thrpt, higher for avgt, "
                + "sample, ss and allocation), e.g. 10%; default 10%")
        Ratio tolerance,
        @Param("budgets of the load runs, each with label (a request name; default all requests), p95 and p99 (the longest "
                + "latency at that percentile, e.g. 300ms), errorRate (the highest share of failed requests, e.g. 1%) and "
                + "throughput (the fewest requests per second, e.g. 50); default none")
        List<Budget> budgets,
        @Param("the concurrent users (JMeter's allThreads) a load run must reach; default none")
        Integer users,
        @Param("how long a load run must last, first to last sample, e.g. 5m; default none")
        Duration duration,
        @Param("how many requests a load run must send; default none")
        Long requests,
        @Param("the concurrent users, above the nominal users, that a stress run must reach; default none (the stress claim "
                + "is then not evaluated)")
        Integer stressUsers) {

    /** The tolerance when none is configured. */
    static final Ratio DEFAULT_TOLERANCE = Ratio.parse("10%");

    public PerformanceConfig {
        gatling = path("gatling", gatling);
        jmeter = path("jmeter", jmeter);
        jmh = path("jmh", jmh);
        jmhBaseline = path("jmhBaseline", jmhBaseline);
        tolerance = tolerance == null ? DEFAULT_TOLERANCE : tolerance;
        budgets = budgets == null ? List.of() : List.copyOf(budgets);
        Set<String> labels = new HashSet<>();
        for (Budget budget : budgets) {
            if (!labels.add(budget.label() == null ? "" : budget.label())) {
                throw new IllegalArgumentException(budget.label() == null ? "two budgets name no label: merge them into one"
                        : "two budgets name label '" + budget.label() + "': merge them into one");
            }
        }
        positive("users", users == null ? null : users.longValue());
        positive("requests", requests);
        positive("stressUsers", stressUsers == null ? null : stressUsers.longValue());
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("duration must be longer than 0, e.g. 5m");
        }
        if (stressUsers != null && users != null && stressUsers <= users) {
            throw new IllegalArgumentException("stressUsers (" + stressUsers + ") must be above users (" + users
                    + "): a stress run goes beyond the nominal load");
        }
    }

    /** The defaults: the tools' default result paths, no baseline, no budget, no target. */
    public static PerformanceConfig defaults() {
        return new PerformanceConfig(null, null, null, null, null, null, null, null, null, null);
    }

    /** Whether anything here is a budget: a load budget or a JMH baseline. */
    boolean definesBudget() {
        return !budgets.isEmpty() || jmhBaseline != null;
    }

    /** Whether a load target (users, duration or requests) is configured. */
    boolean definesLoadTarget() {
        return users != null || duration != null || requests != null;
    }

    private static String path(String parameter, String value) {
        if (value == null) {
            return null;
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(parameter + " is empty: name the file, or leave " + parameter + " out");
        }
        return value.strip();
    }

    private static void positive(String parameter, Long value) {
        if (value != null && value <= 0) {
            throw new IllegalArgumentException(parameter + " must be at least 1, got " + value);
        }
    }

    /**
     * What the requests of a load run, or those of one label, may measure at most (latency, errors) and at least
     * (throughput).
     *
     * @param label      the request name (Gatling's request name, JMeter's label); {@code null} for all requests
     * @param p95        the longest 95th-percentile latency, or {@code null}
     * @param p99        the longest 99th-percentile latency, or {@code null}
     * @param errorRate  the highest share of failed requests, or {@code null}
     * @param throughput the fewest requests per second, or {@code null}
     */
    public record Budget(String label, Duration p95, Duration p99, Ratio errorRate, BigDecimal throughput) {

        public Budget {
            label = label == null || label.isBlank() ? null : label.strip();
            String name = label == null ? "the budget of all requests" : "the budget of '" + Words.oneLine(label, 100) + "'";
            if (p95 == null && p99 == null && errorRate == null && throughput == null) {
                throw new IllegalArgumentException(name + " sets nothing: give p95, p99, errorRate or throughput");
            }
            for (Duration latency : new Duration[] {p95, p99}) {
                if (latency != null && (latency.isNegative() || latency.isZero())) {
                    throw new IllegalArgumentException(name + ": a latency budget must be longer than 0, e.g. 300ms");
                }
            }
            if (throughput != null && throughput.signum() <= 0) {
                throw new IllegalArgumentException(name + ": throughput must be above 0 requests per second");
            }
        }

        /** How the budget names what it applies to: "'GET /orders'" or "all requests". */
        String subject() {
            return label == null ? "all requests" : "'" + Words.oneLine(label, 100) + "'";
        }
    }
}

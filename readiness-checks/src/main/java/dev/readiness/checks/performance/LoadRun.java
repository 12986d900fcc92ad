package dev.readiness.checks.performance;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * What one load run measured, as read from Gatling's or JMeter's results.
 *
 * @param tool     {@code Gatling} or {@code JMeter}
 * @param name     the run's name from one run to the next: the simulation (Gatling), the file name (JMeter)
 * @param file     the results file, as shown to people
 * @param all      the figures of all requests together
 * @param byLabel  the figures of each request name, in the order the results list them
 * @param users    the most concurrent users seen, or {@code null} where the results do not say (Gatling's stats.json)
 * @param duration first to last sample, or {@code null} where the results do not say
 */
record LoadRun(String tool, String name, String file, Figures all, Map<String, Figures> byLabel, Integer users, Duration duration) {

    /** "the JMeter run target/jmeter/results/shop.jtl". */
    String shown() {
        return "the " + tool + " run " + file;
    }

    /**
     * The figures of some requests.
     *
     * @param requests   how many were sent
     * @param errors     how many failed
     * @param p95        the 95th-percentile latency in milliseconds, or {@code null} when unknown
     * @param p99        the 99th-percentile latency in milliseconds, or {@code null} when unknown
     * @param throughput requests per second, or {@code null} when unknown (a run of no measurable length)
     */
    record Figures(long requests, long errors, Long p95, Long p99, BigDecimal throughput) {
    }
}

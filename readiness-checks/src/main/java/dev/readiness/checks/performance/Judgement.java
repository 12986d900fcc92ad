package dev.readiness.checks.performance;

import dev.readiness.check.Finding;
import dev.readiness.check.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * What holding results to their budgets found: how many figures met their budget, and each that missed it or could
 * not be measured.
 */
final class Judgement {

    /**
     * A budget not met, or not measurable.
     *
     * @param key      stable across runs: {@code jmeter/shop.jtl/GET /orders/p95}, {@code jmh/shop.PriceBenchmark.total/score}
     * @param message  measured, expected, where
     * @param location the results file
     * @param unknown  whether the figure could not be measured (ERROR) rather than missed its budget (FAIL)
     */
    record Shortfall(String key, String message, String location, boolean unknown) {
    }

    private final List<Shortfall> shortfalls = new ArrayList<>();
    private final List<String> met = new ArrayList<>();

    /** Records a figure that met its budget, as a sentence for the evidence. */
    void met(String what) {
        met.add(what);
    }

    void missed(String key, String message, String location) {
        shortfalls.add(new Shortfall(key, message, location, false));
    }

    void unknown(String key, String message, String location) {
        shortfalls.add(new Shortfall(key, message, location, true));
    }

    List<String> met() {
        return met;
    }

    List<Shortfall> shortfalls() {
        return shortfalls;
    }

    long misses() {
        return shortfalls.stream().filter(s -> !s.unknown()).count();
    }

    /** FAIL when a budget was missed, else ERROR when one could not be measured, else PASS (when something was held). */
    Status status() {
        if (misses() > 0) {
            return Status.FAIL;
        }
        return shortfalls.isEmpty() ? Status.PASS : Status.ERROR;
    }

    /** The shortfalls as findings, misses first. */
    List<Finding> findings() {
        return shortfalls.stream().sorted((a, b) -> Boolean.compare(a.unknown(), b.unknown()))
                .map(s -> Finding.of(s.message()).key(s.key()).at(s.location())
                        .with("measurable", !s.unknown()).build())
                .toList();
    }

    /** This judgement and another as one. */
    Judgement and(Judgement other) {
        Judgement both = new Judgement();
        both.met.addAll(met);
        both.met.addAll(other.met);
        both.shortfalls.addAll(shortfalls);
        both.shortfalls.addAll(other.shortfalls);
        return both;
    }
}

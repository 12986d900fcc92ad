package dev.readiness.checks.coverage;

import dev.readiness.checks.coverage.CoverageConfig.Counter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jacoco.core.analysis.ICounter;
import org.jacoco.core.analysis.ICoverageNode;

/** Covered and missed totals of the six JaCoCo counters; mutable, confined to one thread at a time. */
final class Counts {

    private final int[] covered = new int[Counter.values().length];
    private final int[] missed = new int[Counter.values().length];

    int covered(Counter counter) {
        return covered[counter.ordinal()];
    }

    int missed(Counter counter) {
        return missed[counter.ordinal()];
    }

    int total(Counter counter) {
        return covered(counter) + missed(counter);
    }

    void add(Counter counter, int coveredCount, int missedCount) {
        covered[counter.ordinal()] += coveredCount;
        missed[counter.ordinal()] += missedCount;
    }

    /** Adds all six counters of a JaCoCo node. */
    void add(ICoverageNode node) {
        for (Counter counter : Counter.values()) {
            ICounter c = node.getCounter(counter.entity());
            add(counter, c.getCoveredCount(), c.getMissedCount());
        }
    }

    /** The evidence shape: {@code {LINE: {covered: 382, missed: 118}, ...}} in counter order. */
    Map<String, Object> asEvidence() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Counter counter : Counter.values()) {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("covered", covered(counter));
            figures.put("missed", missed(counter));
            map.put(counter.name(), figures);
        }
        return map;
    }
}

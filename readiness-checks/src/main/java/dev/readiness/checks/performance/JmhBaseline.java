package dev.readiness.checks.performance;

import dev.readiness.check.Ratio;
import dev.readiness.checks.performance.JmhResults.Benchmark;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Map;

/**
 * Holds JMH results to a committed baseline: each baseline benchmark's score may be worse by at most the tolerance
 * (lower for throughput, higher for the time modes), and its allocation per operation higher by at most the tolerance
 * or one byte, whichever is more (the GC profiler's own noise on a benchmark that allocates nothing is a fraction of a
 * byte).
 */
final class JmhBaseline {

    /** The allocation per operation always allowed above the baseline, in bytes. */
    static final BigDecimal ALLOCATION_SLACK = BigDecimal.ONE;

    private final Map<String, Benchmark> current;
    private final Map<String, Benchmark> baseline;
    private final Ratio tolerance;
    private final String file;
    private final String baselineFile;

    JmhBaseline(Map<String, Benchmark> current, String file, Map<String, Benchmark> baseline, String baselineFile,
                Ratio tolerance) {
        this.current = current;
        this.baseline = baseline;
        this.tolerance = tolerance;
        this.file = file;
        this.baselineFile = baselineFile;
    }

    /** The scores against the baseline's. */
    Judgement scores() {
        Judgement judgement = new Judgement();
        for (Benchmark base : baseline.values()) {
            Benchmark now = comparable(base, judgement);
            if (now == null) {
                continue;
            }
            boolean higher = base.higherIsBetter();
            BigDecimal slack = base.score().multiply(tolerance.value());
            BigDecimal limit = higher ? base.score().subtract(slack) : base.score().add(slack);
            String unit = " " + base.unit();
            String expected = (higher ? "at least " : "at most ") + shown(limit, !higher) + unit + " (the baseline's "
                    + shown(base.score(), !higher) + unit + " " + (higher ? "less " : "plus ") + tolerance.shown() + ")";
            if (higher ? now.score().compareTo(limit) < 0 : now.score().compareTo(limit) > 0) {
                judgement.missed("jmh/" + base.key() + "/score", base.key() + " (" + base.mode() + ") scores "
                        + shown(now.score(), higher) + unit + ", but expected " + expected, file);
            } else {
                judgement.met(base.key() + " (" + base.mode() + ") scores " + shown(now.score(), higher) + unit + ", " + expected);
            }
        }
        return judgement;
    }

    /** The allocation per operation against the baseline's, where both runs had the GC profiler. */
    Judgement allocations() {
        Judgement judgement = new Judgement();
        for (Benchmark base : baseline.values()) {
            Benchmark now = current.get(base.key());
            if (base.allocation() == null || now == null || now.allocation() == null) {
                continue;
            }
            BigDecimal limit = base.allocation().multiply(BigDecimal.ONE.add(tolerance.value()))
                    .max(base.allocation().add(ALLOCATION_SLACK));
            String expected = "at most " + shown(limit, true) + " B/op (the baseline's " + shown(base.allocation(), true)
                    + " B/op plus " + tolerance.shown() + ", at least 1 B/op)";
            if (now.allocation().compareTo(limit) > 0) {
                judgement.missed("jmh/" + base.key() + "/gc.alloc.rate.norm", base.key() + " allocates "
                        + shown(now.allocation(), false) + " B/op, but expected " + expected, file);
            } else {
                judgement.met(base.key() + " allocates " + shown(now.allocation(), false) + " B/op, " + expected);
            }
        }
        return judgement;
    }

    /** The current result of a baseline benchmark, when it can be compared; else records why not. */
    private Benchmark comparable(Benchmark base, Judgement judgement) {
        Benchmark now = current.get(base.key());
        String key = "jmh/" + base.key() + "/score";
        if (now == null) {
            judgement.unknown(key, base.key() + " is in the baseline " + baselineFile + " but not in the results " + file
                    + ": was it renamed or left out of the run?", file);
        } else if (!now.mode().equals(base.mode()) || !now.unit().equals(base.unit())) {
            judgement.unknown(key, base.key() + " was measured as " + now.mode() + " in " + now.unit() + ", but the baseline "
                    + baselineFile + " has " + base.mode() + " in " + base.unit() + ": run both the same way", file);
        } else {
            return now;
        }
        return null;
    }

    /** Four significant digits, rounded toward failing: down for a figure that should be high, up for one that should be low. */
    static String shown(BigDecimal value, boolean down) {
        return value.round(new MathContext(4, down ? RoundingMode.FLOOR : RoundingMode.CEILING)).stripTrailingZeros()
                .toPlainString();
    }
}

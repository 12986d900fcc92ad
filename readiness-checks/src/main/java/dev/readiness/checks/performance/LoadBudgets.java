package dev.readiness.checks.performance;

import dev.readiness.check.Ratio;
import dev.readiness.checks.performance.LoadRun.Figures;
import dev.readiness.checks.performance.PerformanceConfig.Budget;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;

/** Holds each load run to the budgets: a budget with a label to that request in every run that sent it, else to all requests. */
final class LoadBudgets {

    private LoadBudgets() {
    }

    static Judgement judge(List<Budget> budgets, List<LoadRun> runs) {
        Judgement judgement = new Judgement();
        for (Budget budget : budgets) {
            String labelKey = budget.label() == null ? "*" : budget.label();
            boolean sent = false;
            for (LoadRun run : runs) {
                Figures figures = budget.label() == null ? run.all() : run.byLabel().get(budget.label());
                if (figures == null) {
                    continue;
                }
                sent = true;
                String key = run.tool().toLowerCase(java.util.Locale.ROOT) + "/" + run.name() + "/" + labelKey + "/";
                String of = " of " + budget.subject() + " in " + run.shown();
                latency(judgement, "p95", figures.p95(), budget.p95(), key, of, run.file());
                latency(judgement, "p99", figures.p99(), budget.p99(), key, of, run.file());
                if (budget.errorRate() != null) {
                    errors(judgement, figures, budget.errorRate(), key, of, run.file());
                }
                if (budget.throughput() != null) {
                    throughput(judgement, figures.throughput(), budget.throughput(), key, of, run.file());
                }
            }
            if (!sent) {
                TreeSet<String> labels = new TreeSet<>();
                runs.forEach(run -> labels.addAll(run.byLabel().keySet()));
                judgement.unknown("load/" + labelKey, "no load run sent a request named " + budget.subject()
                        + (labels.isEmpty() ? "" : " (the runs name " + String.join(", ", labels.stream().limit(20).toList())
                        + (labels.size() > 20 ? " and " + (labels.size() - 20) + " more" : "") + ")"), null);
            }
        }
        return judgement;
    }

    private static void latency(Judgement judgement, String percentile, Long measured, Duration budget, String key, String of,
                                String file) {
        if (budget == null) {
            return;
        }
        long limit = budget.toMillis();
        if (measured == null) {
            judgement.unknown(key + percentile, percentile + of + " is not in the results", file);
        } else if (measured > limit) {
            judgement.missed(key + percentile, percentile + of + " is " + measured + " ms, but expected at most " + limit + " ms",
                    file);
        } else {
            judgement.met(percentile + of + " is " + measured + " ms (at most " + limit + " ms)");
        }
    }

    private static void errors(Judgement judgement, Figures figures, Ratio budget, String key, String of, String file) {
        String rate = Ratio.of(figures.errors(), figures.requests()).percentCeiling() + " (" + figures.errors() + " of "
                + figures.requests() + " failed)";
        if (BigDecimal.valueOf(figures.errors()).compareTo(budget.value().multiply(BigDecimal.valueOf(figures.requests()))) > 0) {
            judgement.missed(key + "errorRate", "the error rate" + of + " is " + rate + ", but expected at most "
                    + budget.shown(), file);
        } else {
            judgement.met("the error rate" + of + " is " + rate + " (at most " + budget.shown() + ")");
        }
    }

    private static void throughput(Judgement judgement, BigDecimal measured, BigDecimal budget, String key, String of,
                                   String file) {
        String minimum = budget.stripTrailingZeros().toPlainString();
        if (measured == null) {
            judgement.unknown(key + "throughput", "the throughput" + of + " is unknown: the run has no measurable length", file);
        } else if (measured.compareTo(budget) < 0) {
            judgement.missed(key + "throughput", "the throughput" + of + " is " + measured.stripTrailingZeros().toPlainString()
                    + " requests/s, but expected at least " + minimum + " requests/s", file);
        } else {
            judgement.met("the throughput" + of + " is " + measured.stripTrailingZeros().toPlainString()
                    + " requests/s (at least " + minimum + ")");
        }
    }
}

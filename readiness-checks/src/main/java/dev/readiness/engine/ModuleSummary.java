package dev.readiness.engine;

import dev.readiness.check.ProjectId;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One module's own verdict, as the reactor's aggregate lists it.
 *
 * @param counts   how many of the module's items have each status
 * @param coverage the module's own coverage figures by JaCoCo counter ({@code LINE}, {@code BRANCH}, …), as its
 *                 coverage check measured them; empty when that check did not run or measured nothing there
 */
public record ModuleSummary(ProjectId project, boolean passed, Map<Status, Integer> counts, Map<String, Covered> coverage) {

    public ModuleSummary {
        Map<Status, Integer> ordered = new EnumMap<>(Status.class);
        ordered.putAll(counts);
        counts = Collections.unmodifiableMap(ordered);
        coverage = Collections.unmodifiableMap(new LinkedHashMap<>(coverage));
    }

    /** A module's verdict without coverage figures. */
    public ModuleSummary(ProjectId project, boolean passed, Map<Status, Integer> counts) {
        this(project, passed, counts, Map.of());
    }

    /** How much of one counter the tests cover. */
    public record Covered(long covered, long missed) {

        /**
         * The figures per counter of a coverage result's {@code counters} evidence
         * ({@code counters.<COUNTER>.{covered,missed}}), in its order; empty when it holds none.
         */
        public static Map<String, Covered> counters(Result result) {
            Map<String, Covered> figures = new LinkedHashMap<>();
            if (result.evidence().get("counters") instanceof Map<?, ?> counters) {
                counters.forEach((counter, value) -> {
                    if (value instanceof Map<?, ?> f && f.get("covered") instanceof Number covered && f.get("missed") instanceof Number missed) {
                        figures.put(String.valueOf(counter), new Covered(covered.longValue(), missed.longValue()));
                    }
                });
            }
            return figures;
        }
    }

    /** The summary of a module's outcome, with its coverage check's figures. */
    public static ModuleSummary of(Outcome outcome) {
        CheckRun run = outcome.check("coverage");
        return new ModuleSummary(outcome.project(), outcome.passed(), outcome.counts(),
                run == null ? Map.of() : Covered.counters(run.result()));
    }
}

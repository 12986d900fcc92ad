package dev.readiness.engine;

import dev.readiness.check.ProjectId;
import dev.readiness.check.Status;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One module's own verdict, as the reactor's aggregate lists it.
 *
 * @param counts how many of the module's items have each status
 */
public record ModuleSummary(ProjectId project, boolean passed, Map<Status, Integer> counts) {

    public ModuleSummary {
        Map<Status, Integer> ordered = new EnumMap<>(Status.class);
        ordered.putAll(counts);
        counts = Collections.unmodifiableMap(ordered);
    }

    /** The summary of a module's outcome. */
    public static ModuleSummary of(Outcome outcome) {
        return new ModuleSummary(outcome.project(), outcome.passed(), outcome.counts());
    }
}

package dev.readiness.engine;

import dev.readiness.check.ProjectId;
import dev.readiness.check.Status;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The result of a run: every item's verdict, every check's result, and the gate's verdict.
 *
 * @param failures one line per unmet REQUIRED item (and per warning under failOnWarnings): why the build fails
 * @param warnings one line per unmet RECOMMENDED item
 */
public record Outcome(ProjectId project, Checklist checklist, List<ItemResult> items, List<CheckRun> checks,
                      boolean passed, List<String> failures, List<String> warnings) {

    public Outcome {
        items = List.copyOf(items);
        checks = List.copyOf(checks);
        failures = List.copyOf(failures);
        warnings = List.copyOf(warnings);
    }

    /** How many items have each status, every status present (0 when none). */
    public Map<Status, Integer> counts() {
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        for (Status status : Status.values()) {
            counts.put(status, 0);
        }
        items.forEach(item -> counts.merge(item.status(), 1, Integer::sum));
        return counts;
    }

    public CheckRun check(String id) {
        return checks.stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
    }
}

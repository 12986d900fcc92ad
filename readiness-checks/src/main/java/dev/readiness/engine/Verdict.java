package dev.readiness.engine;

import dev.readiness.check.ProjectId;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides each item's status and level and the gate's verdict. An item's status is the worst of
 * its checks' (FAIL, ERROR, SKIPPED, PASS); an item no check verifies is MANUAL. Its level is the
 * strongest of its checks' levels; manual items are INFO. The gate fails closed: an unmet (FAIL or
 * ERROR) REQUIRED item fails it; an unmet RECOMMENDED item warns, and fails it under failOnWarnings.
 */
final class Verdict {

    private static final List<Status> WORST_FIRST = List.of(Status.FAIL, Status.ERROR, Status.SKIPPED, Status.PASS);

    private Verdict() {
    }

    static Outcome decide(Plan plan, ProjectId project, List<CheckRun> runs) {
        Map<String, CheckRun> byId = runs.stream().collect(Collectors.toMap(CheckRun::id, Function.identity()));
        List<ItemResult> items = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Item item : plan.checklist().items()) {
            List<String> ids = plan.bindings().getOrDefault(item.key(), List.of());
            ItemResult result;
            if (ids.isEmpty()) {
                List<String> could = plan.couldBeVerifiedBy().getOrDefault(item.key(), List.of());
                String evidence = could.isEmpty() ? "verified by a person, not by a check"
                        : "verified by a person; the check " + String.join(", ", could) + " could verify it if configured";
                result = new ItemResult(item, Level.INFO, Status.MANUAL, List.of(), could, evidence);
            } else {
                List<CheckRun> checks = ids.stream().map(byId::get).toList();
                CheckRun worst = checks.stream()
                        .min(Comparator.comparingInt(c -> WORST_FIRST.indexOf(c.result().status()))).orElseThrow();
                Level level = checks.stream().map(CheckRun::level).min(Comparator.naturalOrder()).orElseThrow();
                Result r = worst.result();
                String evidence = checks.size() == 1 ? r.summary() : worst.id() + ": " + r.summary();
                result = new ItemResult(item, level, r.status(), ids, List.of(), evidence);
            }
            items.add(result);
            if (result.unmet()) {
                String line = result.status() + " " + item.text() + ": " + result.evidence();
                if (result.level() == Level.REQUIRED) {
                    failures.add(line);
                } else if (result.level() == Level.RECOMMENDED) {
                    warnings.add(line);
                }
            }
        }
        if (plan.failOnWarnings()) {
            failures.addAll(warnings);
        }
        return new Outcome(project, plan.checklist(), items, runs, failures.isEmpty(), failures, warnings);
    }
}

package dev.readiness.engine;

import dev.readiness.check.ProjectId;
import dev.readiness.check.Stage;
import dev.readiness.check.Status;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The result of a run: every item's verdict, every check's result, and the gate's verdict.
 *
 * @param failures one line per unmet REQUIRED item (and per warning under failOnWarnings): why the build fails
 * @param warnings one line per unmet RECOMMENDED item and per waiver that matches nothing failing
 * @param notices  what needs a person besides the items: each waiver that ends within 14 days or matches nothing
 *                 failing, each attestation not used, the baseline's entries fixed since
 * @param accounts claim id to how its failure is accounted for, for every claim that ran
 * @param stage    the run's stage
 * @param environment what the target is, as configured ({@code production}), or {@code null}
 * @param modules  in a reactor's aggregate, each module's own verdict in reactor order; empty otherwise
 */
public record Outcome(ProjectId project, Checklist checklist, List<ItemResult> items, List<CheckRun> checks,
                      boolean passed, List<String> failures, List<String> warnings, List<String> notices,
                      Map<String, ClaimAccount> accounts, Stage stage, String environment, List<ModuleSummary> modules) {

    public Outcome {
        items = List.copyOf(items);
        checks = List.copyOf(checks);
        failures = List.copyOf(failures);
        warnings = List.copyOf(warnings);
        notices = List.copyOf(notices);
        accounts = Map.copyOf(accounts);
        stage = stage == null ? Stage.BUILD : stage;
        modules = List.copyOf(modules);
    }

    /** The outcome of one module, or of a build of one module. */
    public Outcome(ProjectId project, Checklist checklist, List<ItemResult> items, List<CheckRun> checks,
                   boolean passed, List<String> failures, List<String> warnings, List<String> notices,
                   Map<String, ClaimAccount> accounts, Stage stage, String environment) {
        this(project, checklist, items, checks, passed, failures, warnings, notices, accounts, stage, environment, List.of());
    }

    /** An outcome that does not say what its target is. */
    public Outcome(ProjectId project, Checklist checklist, List<ItemResult> items, List<CheckRun> checks,
                   boolean passed, List<String> failures, List<String> warnings, List<String> notices,
                   Map<String, ClaimAccount> accounts, Stage stage) {
        this(project, checklist, items, checks, passed, failures, warnings, notices, accounts, stage, null);
    }

    /** An outcome of the build stage. */
    public Outcome(ProjectId project, Checklist checklist, List<ItemResult> items, List<CheckRun> checks,
                   boolean passed, List<String> failures, List<String> warnings, List<String> notices,
                   Map<String, ClaimAccount> accounts) {
        this(project, checklist, items, checks, passed, failures, warnings, notices, accounts, Stage.BUILD);
    }

    /** An outcome with no notices, nothing waived. */
    public Outcome(ProjectId project, Checklist checklist, List<ItemResult> items, List<CheckRun> checks,
                   boolean passed, List<String> failures, List<String> warnings) {
        this(project, checklist, items, checks, passed, failures, warnings, List.of(), Map.of(), Stage.BUILD);
    }

    /**
     * This outcome as a reactor's aggregate: with the modules' own verdicts, and failing when {@code moreFailures} are given
     * (a module the aggregate had to cover was not built, or had not run when another failed).
     */
    public Outcome asAggregate(List<ModuleSummary> moduleSummaries, List<String> moreNotices, List<String> moreFailures) {
        List<String> allNotices = new ArrayList<>(notices);
        allNotices.addAll(moreNotices);
        List<String> allFailures = new ArrayList<>(failures);
        allFailures.addAll(moreFailures);
        return new Outcome(project, checklist, items, checks, passed && moreFailures.isEmpty(), allFailures, warnings, allNotices,
                accounts, stage, environment, moduleSummaries);
    }

    /** How a claim's failure is accounted for; its own status when nothing accounts for it. */
    public ClaimAccount account(ClaimVerdict claim) {
        return accounts.getOrDefault(claim.id(), ClaimAccount.plain(claim.status()));
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

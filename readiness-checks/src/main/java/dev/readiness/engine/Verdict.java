package dev.readiness.engine;

import dev.readiness.check.Claim;
import dev.readiness.check.Measure;
import dev.readiness.check.ProjectId;
import dev.readiness.check.Ratio;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import dev.readiness.check.Strength;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides each item's status and level and the gate's verdict from the claims that decide it.
 *
 * <p>An item's status is the worst (FAIL, ERROR, SKIPPED, PASS) of its settling claims; its
 * supporting claims add only their FAIL and ERROR. An item only supported, with no supporting claim
 * unmet, is MANUAL ("supported by …: needs a person's attestation"); an item no claim decides is
 * MANUAL. A percentage the item states makes a ratio claim stricter, never looser. An unmet item
 * takes the strongest level of its unmet claims; a met one the strongest of its settling claims;
 * manual items are INFO. The gate fails closed: an unmet REQUIRED item fails it; an unmet
 * RECOMMENDED item warns, and fails it under failOnWarnings. Every offered claim no item binds gets
 * an item of its own under "Not on the checklist".
 */
final class Verdict {

    private static final List<Status> WORST_FIRST = List.of(Status.FAIL, Status.ERROR, Status.SKIPPED, Status.PASS);

    private Verdict() {
    }

    /** The worst of these claim statuses: FAIL, then ERROR, SKIPPED, PASS. */
    static Status worst(Collection<Status> statuses) {
        return statuses.stream().min(Comparator.comparingInt(WORST_FIRST::indexOf)).orElse(Status.PASS);
    }

    static Outcome decide(Plan plan, ProjectId project, List<CheckRun> runs) {
        Map<String, ClaimVerdict> verdicts = new LinkedHashMap<>();
        runs.forEach(run -> run.claims().forEach(c -> verdicts.put(c.id(), c)));
        List<Item> items = new ArrayList<>(plan.checklist().items());
        Map<String, List<String>> bindings = new LinkedHashMap<>(plan.bindings().claims());
        Set<String> bound = plan.boundClaims();
        Set<String> keys = new HashSet<>(bindings.keySet());
        String extraSection = plan.checklist().isCatalog() ? Checklist.CATALOG_SECTION : Binding.EXTRA_SECTION;
        for (ClaimVerdict offered : verdicts.values()) {
            if (!bound.contains(offered.id())) {
                Item extra = Binding.extraItem(offered.claim(), keys, extraSection);
                items.add(extra);
                bindings.put(extra.key(), List.of(offered.id()));
            }
        }
        List<ItemResult> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Item item : items) {
            List<String> ids = bindings.getOrDefault(item.key(), List.of());
            ItemResult result = ids.isEmpty()
                    ? manual(item, plan.bindings().couldBeVerifiedBy().getOrDefault(item.key(), List.of()))
                    : decide(item, ids.stream().map(verdicts::get).toList());
            results.add(result);
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
        Checklist checklist = new Checklist(plan.checklist().source(), plan.checklist().title(), items);
        return new Outcome(project, checklist, results, runs, failures.isEmpty(), failures, warnings);
    }

    private static ItemResult manual(Item item, List<Claim> could) {
        String evidence = could.isEmpty() ? "verified by a person, not by a check"
                : "verified by a person; the check " + could.stream().map(Claim::checkId).distinct().collect(Collectors.joining(", "))
                + (could.stream().allMatch(Claim::isMain) ? "" : " (" + could.stream().map(Claim::id).collect(Collectors.joining(", ")) + ")")
                + " could " + (could.stream().allMatch(c -> c.strength() == Strength.SUPPORTS) ? "support" : "verify")
                + " it if configured";
        return new ItemResult(item, Level.INFO, Status.MANUAL, List.of(), could, evidence);
    }

    /** One item from the verdicts of its claims. */
    private static ItemResult decide(Item item, List<ClaimVerdict> claims) {
        Ratio figure = ChecklistFigure.of(item.text());
        List<Decided> settling = new ArrayList<>();
        List<Decided> supporting = new ArrayList<>();
        for (ClaimVerdict claim : claims) {
            Decided decided = Decided.of(claim, figure);
            if (claim.claim().strength() == Strength.SETTLES) {
                settling.add(decided);
            } else {
                supporting.add(decided);
            }
        }
        List<Decided> unmetSupport = supporting.stream().filter(Decided::unmet).toList();
        List<Decided> deciding = new ArrayList<>(settling);
        deciding.addAll(unmetSupport);
        if (deciding.isEmpty()) {
            return supportedOnly(item, claims, supporting);
        }
        Status status = worst(deciding.stream().map(Decided::status).toList());
        List<Decided> unmet = deciding.stream().filter(Decided::unmet).toList();
        Level level = (unmet.isEmpty() ? settling : unmet).stream().map(d -> d.claim.level())
                .min(Comparator.naturalOrder()).orElse(Level.INFO);
        Decided shown = deciding.stream().filter(d -> d.status == status).findFirst().orElseThrow();
        String evidence = (claims.size() == 1 ? "" : shown.claim.id() + ": ") + shown.summary;
        return new ItemResult(item, level, status, claims, List.of(), evidence);
    }

    private static ItemResult supportedOnly(Item item, List<ClaimVerdict> claims, List<Decided> supporting) {
        List<String> passed = supporting.stream().filter(d -> d.status == Status.PASS).map(d -> d.claim.id()).toList();
        String evidence;
        if (!passed.isEmpty()) {
            evidence = "supported by " + String.join(", ", passed) + " (" + supporting.stream().filter(d -> d.status == Status.PASS)
                    .findFirst().orElseThrow().summary + "): needs a person's attestation";
        } else {
            Decided skipped = supporting.get(0);
            evidence = skipped.claim.id() + " not evaluated: " + skipped.summary + "; needs a person's attestation";
        }
        return new ItemResult(item, Level.INFO, Status.MANUAL, claims, List.of(), evidence);
    }

    /** A claim's status and summary for one item: a PASS below a stricter checklist figure is a FAIL there. */
    private record Decided(ClaimVerdict claim, Status status, String summary) {

        static Decided of(ClaimVerdict claim, Ratio figure) {
            Result r = claim.result();
            Measure measure = r.measure();
            if (figure == null || measure == null || figure.equals(measure.minimum()) || r.status() == Status.ERROR
                    || r.status() == Status.SKIPPED) {
                return new Decided(claim, r.status(), r.summary());
            }
            int decimals = Math.max(figure.percentDecimals(), measure.minimum().percentDecimals());
            String disagreement = measure.name() + " is " + measure.value().percentFloor(decimals) + ": the checklist asks for "
                    + figure + ", the configured minimum is " + measure.minimum();
            if (figure.compareTo(measure.minimum()) > 0 && measure.value().compareTo(figure) < 0) {
                return new Decided(claim, Status.FAIL, disagreement);
            }
            return new Decided(claim, r.status(), r.summary() + " (" + disagreement + ")");
        }

        boolean unmet() {
            return status == Status.FAIL || status == Status.ERROR;
        }
    }
}

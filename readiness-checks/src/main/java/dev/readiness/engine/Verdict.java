package dev.readiness.engine;

import dev.readiness.check.Claim;
import dev.readiness.check.Finding;
import dev.readiness.check.Measure;
import dev.readiness.check.ProjectId;
import dev.readiness.check.Ratio;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import dev.readiness.check.Strength;
import dev.readiness.check.Waiver;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides each item's status and level and the gate's verdict from the claims that decide it, and
 * from the attestations, waivers and baseline that account for the rest.
 *
 * <p>An item's status is the worst (FAIL, ERROR, WAIVED, SKIPPED, PASS) of its settling claims; its
 * supporting claims add only their FAIL, ERROR and WAIVED. A failing claim is WAIVED while a waiver
 * of it holds, or when every cause of its failure is waived or baselined; an unmet item is WAIVED
 * while a waiver of it holds. An item only supported, with no supporting claim unmet, is MANUAL
 * ("supported by …: needs a person's attestation"), as is an item no claim decides; either is
 * ATTESTED by an attestation that counts. An item whose attestation is required and missing FAILs.
 * A percentage the item states makes a ratio claim stricter, never looser. An unmet item takes the
 * strongest level of its unmet claims; a met one the strongest of its settling claims; manual items
 * are INFO. The gate fails closed: an unmet REQUIRED item fails it; an unmet RECOMMENDED item, or a
 * waiver that matches nothing failing, warns, and fails it under failOnWarnings. Every offered claim
 * no item binds gets an item of its own under "Not on the checklist".
 */
final class Verdict {

    private static final List<Status> WORST_FIRST = List.of(Status.FAIL, Status.ERROR, Status.WAIVED, Status.SKIPPED, Status.PASS);

    private Verdict() {
    }

    /** The worst of these claim statuses: FAIL, then ERROR, WAIVED, SKIPPED, PASS. */
    static Status worst(Collection<Status> statuses) {
        return statuses.stream().min(Comparator.comparingInt(WORST_FIRST::indexOf)).orElse(Status.PASS);
    }

    static Outcome decide(Plan plan, ProjectId project, List<CheckRun> runs, LocalDate today) {
        Ledger ledger = plan.ledger();
        Usage usage = new Usage();
        Map<String, ClaimVerdict> verdicts = new LinkedHashMap<>();
        Map<String, ClaimAccount> accounts = new LinkedHashMap<>();
        runs.forEach(run -> run.claims().forEach(c -> {
            verdicts.put(c.id(), c);
            accounts.put(c.id(), account(c, ledger, today, usage));
        }));
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
        List<String> notices = new ArrayList<>();
        for (Item item : items) {
            List<String> ids = bindings.getOrDefault(item.key(), List.of());
            ItemResult result = ids.isEmpty()
                    ? manual(item, plan.bindings().couldBeVerifiedBy().getOrDefault(item.key(), List.of()))
                    : decide(item, ids.stream().map(verdicts::get).toList(), accounts);
            result = accounted(result, ledger, today, usage, notices);
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
        usage.report(ledger.waivers(), today, warnings, notices);
        if (ledger.baseline() != null) {
            List<Baseline.Entry> fixed = ledger.baseline().fixed(new Outcome(project, plan.checklist(), results, runs, true,
                    List.of(), List.of()));
            if (!fixed.isEmpty()) {
                notices.add(fixed.size() + " of the baseline's findings no longer occur (" + fixed.stream().limit(5)
                        .map(e -> e.claim() + " " + e.key()).collect(Collectors.joining(", ")) + (fixed.size() > 5 ? ", …" : "")
                        + "): mvn readiness:baseline -Dreadiness.prune removes them from " + Baseline.FILE);
            }
        }
        if (plan.failOnWarnings()) {
            failures.addAll(warnings);
        }
        Checklist checklist = new Checklist(plan.checklist().source(), plan.checklist().title(), items);
        return new Outcome(project, checklist, results, runs, failures.isEmpty(), failures, warnings, notices, accounts, plan.stage(), plan.environment());
    }

    /** How the ledger accounts for a claim's verdict: a waiver of the claim, or of (or the baseline for) every cause it fails on. */
    private static ClaimAccount account(ClaimVerdict claim, Ledger ledger, LocalDate today, Usage usage) {
        Status status = claim.status();
        if (status != Status.FAIL && status != Status.ERROR) {
            return ClaimAccount.plain(status);
        }
        Waiver waiver = null;
        Waiver expired = null;
        Waiver whole = ledger.waivers().stream()
                .filter(w -> w.scope() == Waiver.Scope.CLAIM && w.target().equals(claim.id())).findFirst().orElse(null);
        if (whole != null) {
            usage.touched.add(whole);
            if (whole.holdsOn(today)) {
                waiver = whole;
                usage.holding.add(whole);
            } else {
                expired = whole;
            }
        }
        Map<String, Waiver> findings = new LinkedHashMap<>();
        Map<String, LocalDate> baselined = new LinkedHashMap<>();
        List<Finding> causes = claim.result().findings().stream().filter(Finding::cause).toList();
        boolean allCovered = status == Status.FAIL && claim.result().measure() == null && !causes.isEmpty();
        for (Finding cause : causes) {
            Waiver named = ledger.waivers().stream()
                    .filter(w -> w.scope() == Waiver.Scope.FINDING && cause.isNamed(w.target())).findFirst().orElse(null);
            if (named != null) {
                usage.touched.add(named);
            }
            if (named != null && named.holdsOn(today)) {
                findings.put(cause.key(), named);
                usage.holding.add(named);
            } else if (ledger.baseline() != null && ledger.baseline().covers(claim.id(), cause)) {
                baselined.put(cause.key(), ledger.baseline().date());
            } else {
                allCovered = false;
                if (named != null && expired == null) {
                    expired = named;
                }
            }
        }
        return new ClaimAccount(waiver != null || allCovered ? Status.WAIVED : status, waiver, expired, findings, baselined);
    }

    private static ItemResult manual(Item item, List<Claim> could) {
        String evidence = could.isEmpty() ? "verified by a person, not by a check"
                : "verified by a person; the check " + could.stream().map(Claim::checkId).distinct().collect(Collectors.joining(", "))
                + (could.stream().allMatch(Claim::isMain) ? "" : " (" + could.stream().map(Claim::id).collect(Collectors.joining(", ")) + ")")
                + " could " + (could.stream().allMatch(c -> c.strength() == Strength.SUPPORTS) ? "support" : "verify")
                + " it if configured";
        return new ItemResult(item, Level.INFO, Status.MANUAL, List.of(), could, evidence);
    }

    /** One item from the verdicts of its claims, as accounted for. */
    private static ItemResult decide(Item item, List<ClaimVerdict> claims, Map<String, ClaimAccount> accounts) {
        Ratio figure = ChecklistFigure.of(item.text());
        List<Decided> settling = new ArrayList<>();
        List<Decided> supporting = new ArrayList<>();
        for (ClaimVerdict claim : claims) {
            Decided decided = Decided.of(claim, figure, accounts.get(claim.id()));
            if (claim.claim().strength() == Strength.SETTLES) {
                settling.add(decided);
            } else {
                supporting.add(decided);
            }
        }
        List<Decided> unmetSupport = supporting.stream().filter(d -> d.unmet() || d.status == Status.WAIVED).toList();
        List<Decided> deciding = new ArrayList<>(settling);
        deciding.addAll(unmetSupport);
        if (deciding.isEmpty()) {
            return supportedOnly(item, claims, supporting);
        }
        Status status = worst(deciding.stream().map(Decided::status).toList());
        List<Decided> unmet = deciding.stream().filter(d -> d.unmet() || d.status == Status.WAIVED).toList();
        Level level = (unmet.isEmpty() ? settling : unmet).stream().map(d -> d.claim.level())
                .min(Comparator.naturalOrder()).orElse(Level.INFO);
        Decided shown = deciding.stream().filter(d -> d.status == status).findFirst().orElseThrow();
        String evidence = (claims.size() == 1 ? "" : shown.claim.id() + ": ") + shown.summary + partlyAccounted(shown);
        ClaimAccount account = shown.account;
        Waiver waiver = account == null ? null : account.waiver() != null ? account.waiver()
                : status != Status.WAIVED ? account.expired() : account.findings().values().stream().findFirst().orElse(null);
        LocalDate baseline = account != null && status == Status.WAIVED && account.byBaseline()
                ? account.baselined().values().iterator().next() : null;
        return new ItemResult(item, level, status, claims, List.of(), evidence, null, waiver, baseline);
    }

    /**
     * For a claim that still fails while some of its causes are waived or baselined: which causes fail it now and
     * which are known, " (failing on GHSA-6phf-73q6-gh87; known: GHSA-jfh8-c2jp-5v3q since 2026-12-02 in
     * readiness-baseline.json)"; "" otherwise.
     */
    private static String partlyAccounted(Decided shown) {
        ClaimAccount account = shown.account;
        if (!shown.unmet() || account == null || account.findings().isEmpty() && account.baselined().isEmpty()) {
            return "";
        }
        List<String> failing = new ArrayList<>();
        List<String> known = new ArrayList<>();
        for (Finding cause : shown.claim.result().findings()) {
            if (!cause.cause()) {
                continue;
            }
            Waiver waiver = account.findings().get(cause.key());
            LocalDate since = account.baselined().get(cause.key());
            if (waiver != null) {
                known.add(cause.key() + " waived until " + waiver.until());
            } else if (since != null) {
                known.add(cause.key() + " since " + since + " in " + Baseline.FILE);
            } else {
                failing.add(cause.key());
            }
        }
        return " (" + (failing.isEmpty() ? "" : "failing on " + String.join(", ", failing) + "; ") + "known: " + String.join(", ", known) + ")";
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

    /**
     * The item with the ledger applied: a MANUAL item is ATTESTED by an attestation that counts, and FAILs when its
     * attestation is required and missing; an unmet item is WAIVED while a waiver of it holds.
     */
    private static ItemResult accounted(ItemResult result, Ledger ledger, LocalDate today, Usage usage, List<String> notices) {
        Item item = result.item();
        Attestation attestation = ledger.attestations().get(item.key());
        Status status = result.status();
        Level level = result.level();
        String evidence = result.evidence();
        boolean required = ledger.requireAttestation().contains(item.key());
        if (status == Status.MANUAL) {
            if (attestation != null && attestation.counts()) {
                status = Status.ATTESTED;
                evidence = "attested by " + attestation.shown() + (result.claims().isEmpty() ? "" : "; " + evidence);
            } else if (attestation != null) {
                evidence = "the attestation by " + attestation.by() + " (" + attestation.origin() + ") does not count: "
                        + attestation.problem() + "; " + evidence;
            }
            if (required) {
                level = Level.REQUIRED;
                if (status == Status.MANUAL) {
                    status = Status.FAIL;
                    evidence = "needs a person's attestation" + (item.attester() == null ? "" : " (" + item.attester() + ")")
                            + (attestation == null ? ": none in " + Ledger.ATTESTATIONS_FILE : "") + "; " + evidence
                            + "; mvn readiness:attest -Ditem=" + item.key() + " -Dby=<who> -Devidence=<link> records one";
                }
            }
        } else if (attestation != null) {
            boolean settled = result.claims().stream().anyMatch(c -> c.claim().strength() == Strength.SETTLES);
            notices.add("the attestation of '" + item.key() + "' (" + attestation.origin() + ") is not used: "
                    + (settled ? "a check settles the item" : "a claim supporting it is " + status + ", so it cannot be attested"));
        }
        Waiver waiver = result.waiver();
        LocalDate baseline = result.baseline();
        if (status == Status.FAIL || status == Status.ERROR) {
            Waiver itemWaiver = ledger.waivers().stream()
                    .filter(w -> w.scope() == Waiver.Scope.ITEM && w.target().equals(item.key())).findFirst().orElse(null);
            if (itemWaiver != null) {
                usage.touched.add(itemWaiver);
                waiver = itemWaiver;
                if (itemWaiver.holdsOn(today)) {
                    usage.holding.add(itemWaiver);
                    evidence = status + " waived: " + evidence;
                    status = Status.WAIVED;
                    baseline = null;
                }
            }
            if (waiver != null && !waiver.holdsOn(today)) {
                evidence = evidence + " (the waiver of " + waiver.shown() + " by " + waiver.owner() + " expired on " + waiver.until() + ")";
            }
        } else if (status == Status.WAIVED && waiver != null) {
            evidence = evidence + " (waived until " + waiver.until() + " by " + waiver.owner() + ": " + waiver.reason() + ")";
        } else if (status == Status.WAIVED && baseline != null) {
            evidence = evidence + " (known since " + baseline + ", in " + Baseline.FILE + ")";
        }
        return new ItemResult(item, level, status, result.claims(), result.couldBeVerifiedBy(), evidence, attestation, waiver, baseline);
    }

    /** Which waivers met something failing, and which of those hold: the rest are reported so that stale ones get removed. */
    private static final class Usage {
        final Set<Waiver> touched = new LinkedHashSet<>();
        final Set<Waiver> holding = new LinkedHashSet<>();

        void report(List<Waiver> waivers, LocalDate today, List<String> warnings, List<String> notices) {
            for (Waiver waiver : waivers) {
                if (!touched.contains(waiver)) {
                    String stale = "the waiver of " + waiver.shown() + " (" + waiver.origin() + ") "
                            + (waiver.holdsOn(today) ? "matches nothing that fails" : "expired on " + waiver.until()
                            + " and nothing it covers fails now") + ": remove it";
                    warnings.add(stale);
                    notices.add(stale);
                } else if (holding.contains(waiver)) {
                    long days = ChronoUnit.DAYS.between(today, waiver.until());
                    if (days <= Ledger.EXPIRY_WARNING_DAYS) {
                        notices.add("the waiver of " + waiver.shown() + " by " + waiver.owner() + " (" + waiver.origin() + ") ends on "
                                + waiver.until() + (days == 0 ? ", today" : days == 1 ? ", tomorrow" : ", in " + days + " days")
                                + ": fix what it covers, or renew it");
                    }
                }
            }
        }
    }

    /** A claim's status and summary for one item: a PASS below a stricter checklist figure is a FAIL there. */
    private record Decided(ClaimVerdict claim, Status status, String summary, ClaimAccount account) {

        static Decided of(ClaimVerdict claim, Ratio figure, ClaimAccount account) {
            Result r = claim.result();
            Measure measure = r.measure();
            Status own = account == null ? r.status() : account.status();
            if (figure == null || measure == null || figure.equals(measure.minimum()) || r.status() == Status.ERROR
                    || r.status() == Status.SKIPPED) {
                return new Decided(claim, own, r.summary(), account);
            }
            int decimals = Math.max(figure.percentDecimals(), measure.minimum().percentDecimals());
            String disagreement = measure.name() + " is " + measure.value().percentFloor(decimals) + ": the checklist asks for "
                    + figure + ", the configured minimum is " + measure.minimum();
            if (figure.compareTo(measure.minimum()) > 0 && measure.value().compareTo(figure) < 0 && own != Status.WAIVED) {
                return new Decided(claim, Status.FAIL, disagreement, account);
            }
            return new Decided(claim, own, r.summary() + " (" + disagreement + ")", account);
        }

        boolean unmet() {
            return status == Status.FAIL || status == Status.ERROR;
        }
    }
}

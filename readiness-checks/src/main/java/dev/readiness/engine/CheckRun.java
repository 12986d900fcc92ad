package dev.readiness.engine;

import dev.readiness.check.Result;
import dev.readiness.check.Stage;
import dev.readiness.check.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One check's run: what it returned, the verdict on each claim it offers, and how long it took.
 *
 * @param result the check's result as returned: its main claim's verdict with the shared evidence
 * @param claims the offered claims' verdicts, the main claim first
 */
public record CheckRun(String id, Level level, Result result, long durationMs, List<ClaimVerdict> claims) {

    public CheckRun {
        claims = List.copyOf(claims);
    }

    /**
     * The run of a configured check from its result. The main claim is always offered; another
     * claim is offered when the check returned a verdict on it or an item binds it. A bound claim
     * without a verdict takes the main verdict when the check could not run (ERROR, SKIPPED), and is
     * otherwise ERROR; a verdict on a claim the check does not declare makes the check ERROR. A claim
     * of another stage than the run's is SKIPPED, naming the stage that evaluates it, whatever the
     * check returned: never FAIL. So is a claim about production when the target is not marked as production.
     */
    static CheckRun of(Stage stage, boolean production, ConfiguredCheck check, Result result, long durationMs, Set<String> boundClaims) {
        for (String id : result.claims().keySet()) {
            if (check.claim(id) == null || check.claim(id).claim().isMain()) {
                Result wrong = Result.error("check '" + check.id() + "' returned a verdict on '" + id + "', which is not one of its "
                                + "other claims (" + String.join(", ", check.claims().stream().skip(1).map(ConfiguredClaim::id).toList()) + ")")
                        .remedy("report it to the check's authors: a check declares every claim it decides in claims()").build();
                return of(stage, production, check, wrong, durationMs, boundClaims);
            }
        }
        Result main = result.withoutClaims();
        boolean couldNotRun = main.status() == Status.ERROR || main.status() == Status.SKIPPED;
        List<ClaimVerdict> verdicts = new ArrayList<>();
        for (ConfiguredClaim claim : check.claims()) {
            Result verdict = claim.claim().isMain() ? main : result.claims().get(claim.id());
            if (verdict == null && boundClaims.contains(claim.id())) {
                verdict = couldNotRun ? main : Result.error("check '" + check.id() + "' gave no verdict on its claim '" + claim.id() + "'")
                        .remedy("report it to the check's authors: a bound claim needs a verdict").build();
            }
            if (claim.claim().stage() != stage && (verdict != null || claim.claim().isMain())) {
                verdict = Result.skipped("'" + claim.id() + "' " + claim.claim().stage().evaluatedBy()).build();
            } else if (claim.claim().aboutProduction() && !production && (verdict != null || claim.claim().isMain())) {
                verdict = Result.skipped("'" + claim.id() + "' is about production, and the target is not marked as production:"
                        + " set <environment>production</environment>").build();
            }
            if (verdict != null) {
                verdicts.add(new ClaimVerdict(claim.claim(), claim.level(), verdict));
            }
        }
        return new CheckRun(check.id(), check.level(), result, durationMs, verdicts);
    }

    /** The worst status of its claims: the check's status. */
    public Status status() {
        return Verdict.worst(claims.stream().map(ClaimVerdict::status).toList());
    }

    /** The verdict on one of its claims, or {@code null} when it does not offer it. */
    public ClaimVerdict claim(String claimId) {
        return claims.stream().filter(c -> c.id().equals(claimId)).findFirst().orElse(null);
    }

    /** The same run with secrets masked in every verdict. */
    CheckRun redacted(Redactor redactor) {
        return new CheckRun(id, level, redactor.redact(result), durationMs,
                claims.stream().map(c -> new ClaimVerdict(c.claim(), c.level(), redactor.redact(c.result()))).toList());
    }
}

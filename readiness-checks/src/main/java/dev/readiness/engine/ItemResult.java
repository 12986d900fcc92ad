package dev.readiness.engine;

import dev.readiness.check.Claim;
import dev.readiness.check.Status;
import java.util.List;

/**
 * The verdict on one checklist item.
 *
 * @param claims            the verdicts of the claims that decide it, as bound
 * @param couldBeVerifiedBy claims of checks not configured that would decide this MANUAL item
 * @param evidence          one line for people: the deciding claim's summary, or why it is manual
 */
public record ItemResult(Item item, Level level, Status status, List<ClaimVerdict> claims, List<Claim> couldBeVerifiedBy,
                         String evidence) {
    public ItemResult {
        claims = List.copyOf(claims);
        couldBeVerifiedBy = List.copyOf(couldBeVerifiedBy);
    }

    /** The ids of the checks whose claims decide it, in binding order. */
    public List<String> checks() {
        return claims.stream().map(c -> c.claim().checkId()).distinct().toList();
    }

    /** Whether the item is unmet: FAIL or ERROR. */
    public boolean unmet() {
        return status == Status.FAIL || status == Status.ERROR;
    }
}

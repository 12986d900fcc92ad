package dev.readiness.engine;

import dev.readiness.check.Claim;
import dev.readiness.check.Status;
import dev.readiness.check.Waiver;
import java.time.LocalDate;
import java.util.List;

/**
 * The verdict on one checklist item.
 *
 * @param claims            the verdicts of the claims that decide it, as bound
 * @param couldBeVerifiedBy claims of checks not configured that would decide this MANUAL item
 * @param evidence          one line for people: the deciding claim's summary, or why it is manual
 * @param attestation       the attestation naming it, counting or not, or {@code null}
 * @param waiver            the waiver that makes it WAIVED, or the expired one that no longer does; {@code null} when none
 * @param baseline          the day the baseline recorded what makes it WAIVED, or {@code null}
 */
public record ItemResult(Item item, Level level, Status status, List<ClaimVerdict> claims, List<Claim> couldBeVerifiedBy,
                         String evidence, Attestation attestation, Waiver waiver, LocalDate baseline) {
    public ItemResult {
        claims = List.copyOf(claims);
        couldBeVerifiedBy = List.copyOf(couldBeVerifiedBy);
    }

    /** An item no attestation, waiver or baseline entry names. */
    public ItemResult(Item item, Level level, Status status, List<ClaimVerdict> claims, List<Claim> couldBeVerifiedBy, String evidence) {
        this(item, level, status, claims, couldBeVerifiedBy, evidence, null, null, null);
    }

    /** The ids of the checks whose claims decide it, in binding order. */
    public List<String> checks() {
        return claims.stream().map(c -> c.claim().checkId()).distinct().toList();
    }

    /** Whether the item is unmet: FAIL or ERROR. */
    public boolean unmet() {
        return status == Status.FAIL || status == Status.ERROR;
    }

    /** Whether it fails for want of an attestation: unmet, though no claim settles it and none of its claims fails. */
    public boolean needsAttestation() {
        return unmet() && claims.stream().noneMatch(c -> c.claim().strength() == dev.readiness.check.Strength.SETTLES
                || c.status() == Status.FAIL || c.status() == Status.ERROR);
    }

    /** Whether it is met: verified by a check or attested by a person. */
    public boolean met() {
        return status == Status.PASS || status == Status.ATTESTED;
    }
}

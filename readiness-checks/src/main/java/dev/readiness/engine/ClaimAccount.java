package dev.readiness.engine;

import dev.readiness.check.Status;
import dev.readiness.check.Waiver;
import java.time.LocalDate;
import java.util.Map;

/**
 * How a claim's failure is accounted for. A failed or erroneous claim is WAIVED by a waiver of the
 * claim that holds; a failed one also when every cause of its failure is waived or in the baseline
 * (a figure below its minimum has no such causes: it is waived whole or not at all).
 *
 * @param status    WAIVED when accounted for, else the claim's own status
 * @param waiver    the waiver of the whole claim that holds, or {@code null}
 * @param expired   a waiver that would cover it but has expired, or {@code null}
 * @param findings  finding key to the waiver that holds for it
 * @param baselined finding key to the day the baseline recorded it
 */
public record ClaimAccount(Status status, Waiver waiver, Waiver expired, Map<String, Waiver> findings, Map<String, LocalDate> baselined) {

    public ClaimAccount {
        findings = Map.copyOf(findings);
        baselined = Map.copyOf(baselined);
    }

    /** A claim nothing accounts for: its own status. */
    static ClaimAccount plain(Status status) {
        return new ClaimAccount(status, null, null, Map.of(), Map.of());
    }

    /** Whether the baseline alone, with no waiver, accounts for it. */
    public boolean byBaseline() {
        return status == Status.WAIVED && waiver == null && findings.isEmpty();
    }
}

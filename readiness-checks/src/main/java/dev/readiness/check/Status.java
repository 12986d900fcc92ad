package dev.readiness.check;

/**
 * The status of a check result or of a checklist item.
 *
 * <p>A check returns one of {@link #PASS}, {@link #FAIL}, {@link #ERROR} or {@link #SKIPPED}.
 * {@link #MANUAL}, {@link #ATTESTED} and {@link #WAIVED} are given to items only, by the engine.
 *
 * @since 0.1.0
 */
public enum Status {
    /** Evaluated and met. */
    PASS,
    /** Evaluated and not met. */
    FAIL,
    /** Could not be evaluated: evidence missing, endpoint unreachable, crash. Never a pass. */
    ERROR,
    /** Turned off or not applicable, with the reason in the summary. */
    SKIPPED,
    /** Item only: no check verifies it and nobody attested it. */
    MANUAL,
    /** Item only: a person attested it and the attestation has not expired. */
    ATTESTED,
    /** Item only: it is unmet but covered by a waiver that has not expired. */
    WAIVED;

    /** Whether a check may return this status. */
    public boolean isCheckStatus() {
        return this == PASS || this == FAIL || this == ERROR || this == SKIPPED;
    }
}

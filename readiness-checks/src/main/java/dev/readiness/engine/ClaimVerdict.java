package dev.readiness.engine;

import dev.readiness.check.Claim;
import dev.readiness.check.Result;
import dev.readiness.check.Status;

/**
 * The verdict on one claim of a check that ran.
 *
 * @param level  the level of the items it decides
 * @param result its status, summary, evidence, findings and remedy
 */
public record ClaimVerdict(Claim claim, Level level, Result result) {

    public String id() {
        return claim.id();
    }

    public Status status() {
        return result.status();
    }
}

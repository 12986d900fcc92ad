package dev.readiness.engine;

import dev.readiness.check.Status;
import java.util.List;

/**
 * The verdict on one checklist item.
 *
 * @param checks           the ids of the checks that verify it
 * @param couldBeVerifiedBy ids of checks that could verify this MANUAL item if configured
 * @param evidence         one line for people: the worst check's summary, or why it is manual
 */
public record ItemResult(Item item, Level level, Status status, List<String> checks, List<String> couldBeVerifiedBy,
                         String evidence) {
    public ItemResult {
        checks = List.copyOf(checks);
        couldBeVerifiedBy = List.copyOf(couldBeVerifiedBy);
    }

    /** Whether the item is unmet: FAIL or ERROR. */
    public boolean unmet() {
        return status == Status.FAIL || status == Status.ERROR;
    }
}

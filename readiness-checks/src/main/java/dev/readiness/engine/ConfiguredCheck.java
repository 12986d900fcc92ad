package dev.readiness.engine;

import dev.readiness.check.Check;
import java.util.List;

/**
 * A check the user configured, with its bound configuration record.
 *
 * @param level    the level of the items it verifies (REQUIRED unless configured)
 * @param items    item keys or texts the configuration binds it to, besides markers and phrases
 * @param selected false when {@code readiness.checks}/{@code readiness.skipChecks} leave it out
 * @param reason   why it is left out, or {@code null}
 */
public record ConfiguredCheck(Check<?> check, Record config, Level level, List<String> items, boolean selected, String reason) {
    public ConfiguredCheck {
        items = List.copyOf(items);
    }

    public String id() {
        return check.id();
    }
}

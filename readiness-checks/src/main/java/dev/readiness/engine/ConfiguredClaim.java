package dev.readiness.engine;

import dev.readiness.check.Claim;
import java.util.List;

/**
 * A claim of a configured check, as the configuration sets it.
 *
 * @param level the level of the items it decides: its own {@code claims.<name>.level}, else its check's
 * @param items item keys or texts bound to it by configuration, besides markers and phrases
 */
public record ConfiguredClaim(Claim claim, Level level, List<String> items) {
    public ConfiguredClaim {
        items = List.copyOf(items);
    }

    public String id() {
        return claim.id();
    }
}

package dev.readiness.engine;

import dev.readiness.check.Check;
import dev.readiness.check.Waiver;
import java.util.List;

/**
 * A check the user configured, with its bound configuration record and its claims.
 *
 * @param level    the check's level, the default of its claims (REQUIRED unless configured)
 * @param claims   its claims as configured, the main claim first
 * @param selected false when {@code readiness.checks}/{@code readiness.skipChecks} leave it out
 * @param reason   why it is left out, or {@code null}
 */
public record ConfiguredCheck(Check<?> check, Record config, Level level, List<ConfiguredClaim> claims, boolean selected,
                              String reason) {
    public ConfiguredCheck {
        claims = List.copyOf(claims);
    }

    public String id() {
        return check.id();
    }

    /** The waivers its configuration holds ({@link Check#waivers}). */
    @SuppressWarnings("unchecked")
    List<Waiver> waivers() {
        return ((Check<Record>) check).waivers(config);
    }

    /** The configured claim with this id, or {@code null}. */
    public ConfiguredClaim claim(String claimId) {
        return claims.stream().filter(c -> c.id().equals(claimId)).findFirst().orElse(null);
    }
}

package dev.readiness.check;

import java.util.Objects;

/**
 * A ratio a claim measured against its configured minimum, e.g. line coverage 0.724 against 0.8.
 * The engine holds it to a stricter figure that the checklist item states ("coverage above 80%"):
 * numbers in the checklist never loosen the gate.
 *
 * @param name     what was measured, as messages say it: {@code line coverage}
 * @param value    the measured ratio
 * @param minimum  the configured minimum the claim was decided against
 * @since 0.2.0
 */
public record Measure(String name, Ratio value, Ratio minimum) {
    public Measure {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(minimum, "minimum");
    }
}

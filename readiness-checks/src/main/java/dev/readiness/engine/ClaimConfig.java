package dev.readiness.engine;

import java.util.List;

/**
 * The configuration of one claim under a check's {@code claims}: {@code <claims><integration><level>RECOMMENDED</level></integration></claims>}.
 *
 * @param level its level, or {@code null} for its check's
 * @param items item keys or texts it decides, besides markers and phrases
 */
record ClaimConfig(String level, List<String> items) {
    ClaimConfig {
        items = items == null ? List.of() : List.copyOf(items);
    }
}

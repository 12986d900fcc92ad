package dev.readiness.engine;

import dev.readiness.check.HttpSettings;
import java.util.List;
import java.util.Map;

/**
 * A validated configuration, ready to run: the checklist, the configured checks with their bound
 * records, which checks verify which item, and the HTTP settings.
 *
 * @param bindings          item key to the ids of the configured checks that verify it
 * @param couldBeVerifiedBy item key to ids of available checks that are not configured but could verify it
 * @param http              the shared HTTP settings, without a proxy (the plugin adds Maven's)
 * @param httpServer        the id of the settings.xml server whose credentials the plugin adds to the headers, or {@code null}
 */
public record Plan(Checklist checklist, List<ConfiguredCheck> checks, Map<String, List<String>> bindings,
                   Map<String, List<String>> couldBeVerifiedBy, HttpSettings http, String httpServer, java.time.Duration checkTimeout,
                   boolean failOnWarnings) {

    public Plan {
        checks = List.copyOf(checks);
        bindings = Map.copyOf(bindings);
        couldBeVerifiedBy = Map.copyOf(couldBeVerifiedBy);
    }
}

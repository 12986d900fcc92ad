package dev.readiness.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Everything the user configured, before validation: the checklist, each configured check's raw
 * parameters (from the POM's {@code <checks>} or {@code readiness.yaml}), the HTTP settings and the
 * run options. {@link Engine} validates it against the checks it finds.
 *
 * @param checklist      the team's checklist file, or {@code null} for the built-in catalog
 * @param checklistShown how the checklist is named in messages (as the user wrote it)
 * @param checks         check id to its raw parameters, in configuration order
 * @param target         the deployed service's base URL as written, or {@code null}
 * @param http           the raw {@code <http>} settings, or {@code null}
 * @param checkTimeout   the time limit of each check
 * @param onlyChecks     run only these configured checks ({@code readiness.checks}); empty for all
 * @param skipChecks     do not run these ({@code readiness.skipChecks})
 * @param failOnWarnings whether an unmet RECOMMENDED item fails the build too
 */
public record ReadinessConfig(Path checklist, String checklistShown, Map<String, JsonNode> checks, String target,
                              JsonNode http, Duration checkTimeout, Set<String> onlyChecks, Set<String> skipChecks,
                              boolean failOnWarnings) {

    /** The default time limit of one check. */
    public static final Duration DEFAULT_CHECK_TIMEOUT = Duration.ofMinutes(5);

    public ReadinessConfig {
        checks = new LinkedHashMap<>(checks);
        checkTimeout = checkTimeout == null ? DEFAULT_CHECK_TIMEOUT : checkTimeout;
        onlyChecks = onlyChecks == null ? Set.of() : Set.copyOf(onlyChecks);
        skipChecks = skipChecks == null ? Set.of() : Set.copyOf(skipChecks);
    }
}

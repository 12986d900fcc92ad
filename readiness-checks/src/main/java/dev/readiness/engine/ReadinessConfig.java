package dev.readiness.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.readiness.check.HttpSettings;
import dev.readiness.check.Stage;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Everything the user configured, merged and before validation: the checklist, each configured
 * check's raw parameters, the HTTP settings and the run options, plus what the build tool resolved
 * for the HTTP checks (a settings.xml server's credentials, the proxy). {@link Engine} merges it
 * from {@link Sources} and validates it against the checks it finds.
 *
 * @param checklist      the team's checklist file, or {@code null} for the built-in catalog
 * @param checklistShown how the checklist is named in messages (as the user wrote it)
 * @param checks         check id to its raw parameters, in configuration order
 * @param target         the deployed service's base URL as written, or {@code null}
 * @param http           the raw {@code http} settings, or {@code null}
 * @param checkTimeout   the time limit of each check
 * @param onlyChecks     run only these configured checks ({@code readiness.checks}); empty for all
 * @param skipChecks     do not run these ({@code readiness.skipChecks})
 * @param failOnWarnings whether an unmet RECOMMENDED item fails the build too
 * @param serverHeaders  the headers of the server {@code http.server} names, resolved by the build tool;
 *                       {@code null} when it resolved none
 * @param proxy          the build tool's HTTP proxy, or {@code null}
 * @param requireAttestation the sections (by heading) and item keys whose items must be attested when no claim settles them
 * @param maxWaiverDays  how far ahead a waiver may run, in days
 * @param stage          the run's stage: its claims are evaluated, the others SKIPPED
 * @param environment    what the target is ({@code production}, {@code staging}), or {@code null} when not said: claims
 *                       about production are SKIPPED unless it is {@code production}
 * @param headerOrigins  where the configured headers go when there is no target: the origins (scheme, host, port) of the
 *                       http(s) URLs written in the POM's check parameters, never of one from {@code readiness.yaml}
 */
public record ReadinessConfig(Path checklist, String checklistShown, Map<String, JsonNode> checks, String target,
                              JsonNode http, Duration checkTimeout, Set<String> onlyChecks, Set<String> skipChecks,
                              boolean failOnWarnings, Map<String, String> serverHeaders, HttpSettings.Proxy proxy,
                              List<String> requireAttestation, int maxWaiverDays, Stage stage, String environment,
                              List<URI> headerOrigins) {

    /** The default time limit of one check. */
    public static final Duration DEFAULT_CHECK_TIMEOUT = Duration.ofMinutes(5);

    /** The longest time limit of one check: a day. */
    public static final Duration MAX_CHECK_TIMEOUT = Duration.ofHours(24);

    public ReadinessConfig {
        checks = new LinkedHashMap<>(checks);
        checkTimeout = checkTimeout == null ? DEFAULT_CHECK_TIMEOUT : checkTimeout;
        onlyChecks = onlyChecks == null ? Set.of() : Set.copyOf(onlyChecks);
        skipChecks = skipChecks == null ? Set.of() : Set.copyOf(skipChecks);
        serverHeaders = serverHeaders == null ? null : Map.copyOf(serverHeaders);
        requireAttestation = requireAttestation == null ? List.of() : List.copyOf(requireAttestation);
        stage = stage == null ? Stage.BUILD : stage;
        environment = environment == null || environment.isBlank() ? null : environment.trim();
        headerOrigins = headerOrigins == null ? List.of() : List.copyOf(headerOrigins);
    }

    /** A configuration given whole by its caller (tests, embedding): the headers may go to the URLs of all its checks. */
    public ReadinessConfig(Path checklist, String checklistShown, Map<String, JsonNode> checks, String target,
                           JsonNode http, Duration checkTimeout, Set<String> onlyChecks, Set<String> skipChecks,
                           boolean failOnWarnings, Map<String, String> serverHeaders, HttpSettings.Proxy proxy,
                           List<String> requireAttestation, int maxWaiverDays, Stage stage, String environment) {
        this(checklist, checklistShown, checks, target, http, checkTimeout, onlyChecks, skipChecks, failOnWarnings, serverHeaders,
                proxy, requireAttestation, maxWaiverDays, stage, environment, urlOrigins(checks.values()));
    }

    /** The origins (scheme, host, port) of the http(s) URLs written anywhere in these parameter trees, once each, in order. */
    static List<URI> urlOrigins(Collection<JsonNode> trees) {
        Set<URI> origins = new LinkedHashSet<>();
        trees.forEach(tree -> collectOrigins(tree, origins));
        return List.copyOf(origins);
    }

    private static void collectOrigins(JsonNode node, Set<URI> origins) {
        if (node == null) {
            return;
        }
        if (!node.isTextual()) {
            node.forEach(child -> collectOrigins(child, origins));
            return;
        }
        try {
            URI url = new URI(node.asText().trim());
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && url.getHost() != null) {
                origins.add(new URI(scheme, null, url.getHost().toLowerCase(Locale.ROOT), url.getPort(), null, null, null));
            }
        } catch (URISyntaxException e) {
            // not a URL: no origin
        }
    }

    /** A configuration that does not say what its target is. */
    public ReadinessConfig(Path checklist, String checklistShown, Map<String, JsonNode> checks, String target,
                           JsonNode http, Duration checkTimeout, Set<String> onlyChecks, Set<String> skipChecks,
                           boolean failOnWarnings, Map<String, String> serverHeaders, HttpSettings.Proxy proxy,
                           List<String> requireAttestation, int maxWaiverDays, Stage stage) {
        this(checklist, checklistShown, checks, target, http, checkTimeout, onlyChecks, skipChecks, failOnWarnings, serverHeaders,
                proxy, requireAttestation, maxWaiverDays, stage, null);
    }

    /** A configuration of the build stage. */
    public ReadinessConfig(Path checklist, String checklistShown, Map<String, JsonNode> checks, String target,
                           JsonNode http, Duration checkTimeout, Set<String> onlyChecks, Set<String> skipChecks,
                           boolean failOnWarnings, Map<String, String> serverHeaders, HttpSettings.Proxy proxy,
                           List<String> requireAttestation, int maxWaiverDays) {
        this(checklist, checklistShown, checks, target, http, checkTimeout, onlyChecks, skipChecks, failOnWarnings, serverHeaders,
                proxy, requireAttestation, maxWaiverDays, Stage.BUILD);
    }

    /** A configuration without a settings.xml server or a proxy, no attestation required, waivers of up to 90 days (tests, embedding). */
    public ReadinessConfig(Path checklist, String checklistShown, Map<String, JsonNode> checks, String target,
                           JsonNode http, Duration checkTimeout, Set<String> onlyChecks, Set<String> skipChecks,
                           boolean failOnWarnings) {
        this(checklist, checklistShown, checks, target, http, checkTimeout, onlyChecks, skipChecks, failOnWarnings, null, null,
                List.of(), Ledger.DEFAULT_MAX_WAIVER_DAYS, Stage.BUILD);
    }

    /**
     * What the POM and {@code -D} properties set, {@code null} (or empty) where they set nothing; it wins
     * over {@code readiness.yaml} key by key, and a check configured here replaces the same check there.
     *
     * @param checklist      as written, relative to the project folder
     * @param checks         the elements under {@code <checks>}, each named by its check id, with expressions evaluated
     * @param http           the {@code <http>} element, with expressions evaluated
     * @param checkTimeout   as written ({@code 5m})
     * @param failOnWarnings as written ({@code true} or {@code false}; anything else is an error, not false), {@code null}
     *                       when neither the POM nor {@code -Dreadiness.failOnWarnings} says
     * @param onlyChecks     {@code readiness.checks}
     * @param skipChecks     {@code readiness.skipChecks}
     * @param requireAttestation sections (by heading) and item keys that must be attested; {@code null} when the POM does not say
     * @param maxWaiverDays  as written, or {@code null}
     * @param stage          as written ({@code build} or {@code postDeploy}), or {@code null} when neither the POM nor
     *                       {@code -Dreadiness.stage} says
     * @param environment    as written ({@code production}), or {@code null} when neither the POM nor
     *                       {@code -Dreadiness.environment} says
     */
    public record Pom(String checklist, List<ConfigElement> checks, String target, ConfigElement http, String checkTimeout,
                      String failOnWarnings, Set<String> onlyChecks, Set<String> skipChecks, List<String> requireAttestation,
                      String maxWaiverDays, String stage, String environment) {
        public Pom {
            checks = checks == null ? List.of() : List.copyOf(checks);
            onlyChecks = onlyChecks == null ? Set.of() : Set.copyOf(onlyChecks);
            skipChecks = skipChecks == null ? Set.of() : Set.copyOf(skipChecks);
            requireAttestation = requireAttestation == null ? null : List.copyOf(requireAttestation);
        }

        /** What a POM sets that leaves the environment to readiness.yaml. */
        public Pom(String checklist, List<ConfigElement> checks, String target, ConfigElement http, String checkTimeout,
                   String failOnWarnings, Set<String> onlyChecks, Set<String> skipChecks, List<String> requireAttestation,
                   String maxWaiverDays, String stage) {
            this(checklist, checks, target, http, checkTimeout, failOnWarnings, onlyChecks, skipChecks, requireAttestation,
                    maxWaiverDays, stage, null);
        }

        /** What a POM sets that leaves the stage to readiness.yaml (else build). */
        public Pom(String checklist, List<ConfigElement> checks, String target, ConfigElement http, String checkTimeout,
                   String failOnWarnings, Set<String> onlyChecks, Set<String> skipChecks, List<String> requireAttestation,
                   String maxWaiverDays) {
            this(checklist, checks, target, http, checkTimeout, failOnWarnings, onlyChecks, skipChecks, requireAttestation,
                    maxWaiverDays, null);
        }

        /** What a POM sets that requires no attestation and leaves the waiver limit as it is. */
        public Pom(String checklist, List<ConfigElement> checks, String target, ConfigElement http, String checkTimeout,
                   String failOnWarnings, Set<String> onlyChecks, Set<String> skipChecks) {
            this(checklist, checks, target, http, checkTimeout, failOnWarnings, onlyChecks, skipChecks, null, null, null);
        }
    }

    /**
     * What the build tool gathers before the engine sees anything, handed to it once: the POM's
     * configuration, {@code readiness.yaml} as {@link ReadinessYaml#read read} (which never says where
     * credentials go), and what only the build tool can resolve.
     *
     * @param basedir       the project folder, which relative paths are resolved against
     * @param yaml          {@code readiness.yaml}, or {@code null} when the project has none
     * @param serverHeaders the headers of the settings.xml server {@code <http><server>} names, or {@code null} when it names none
     * @param proxy         the active HTTP proxy, or {@code null}
     * @param secrets       values never to print that only the build tool knows (its settings' passwords, secret-named
     *                      environment variables); the engine adds the header values and the target's user info
     */
    public record Sources(Path basedir, Pom pom, ReadinessYaml yaml, Map<String, String> serverHeaders,
                          HttpSettings.Proxy proxy, Set<String> secrets) {
        public Sources {
            serverHeaders = serverHeaders == null ? null : Map.copyOf(serverHeaders);
            secrets = secrets == null ? Set.of() : Set.copyOf(secrets);
        }
    }
}

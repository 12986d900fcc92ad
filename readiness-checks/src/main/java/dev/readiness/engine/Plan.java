package dev.readiness.engine;

import dev.readiness.check.Claim;
import dev.readiness.check.HttpSettings;
import dev.readiness.check.Stage;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated configuration, ready to run: the checklist, the configured checks with their bound
 * records and claims, which claims decide which item, and the HTTP settings.
 *
 * @param bindings which configured claims decide each item, and which unconfigured ones could
 * @param http     the shared HTTP settings, whole: target, timeout, trusted certificates, headers (a settings.xml
 *                 server's, then the configured ones) and proxy
 * @param ledger   the attestations, waivers and baseline that account for what no check settles or what fails
 * @param stage    the run's stage: its claims are evaluated, the others SKIPPED
 * @param environment what the target is, as configured, or {@code null}: only {@code production} decides claims about production
 */
public record Plan(Checklist checklist, List<ConfiguredCheck> checks, Bindings bindings, HttpSettings http,
                   Duration checkTimeout, boolean failOnWarnings, Ledger ledger, Stage stage, String environment) {

    /** The environment in which claims about production are decided. */
    public static final String PRODUCTION = "production";

    public Plan {
        checks = List.copyOf(checks);
        stage = stage == null ? Stage.BUILD : stage;
    }

    /** A plan that does not say what its target is. */
    public Plan(Checklist checklist, List<ConfiguredCheck> checks, Bindings bindings, HttpSettings http,
                Duration checkTimeout, boolean failOnWarnings, Ledger ledger, Stage stage) {
        this(checklist, checks, bindings, http, checkTimeout, failOnWarnings, ledger, stage, null);
    }

    /** Whether the target is marked as production ({@code <environment>production</environment>}). */
    public boolean production() {
        return PRODUCTION.equals(environment);
    }

    /** A plan of the build stage. */
    public Plan(Checklist checklist, List<ConfiguredCheck> checks, Bindings bindings, HttpSettings http,
                Duration checkTimeout, boolean failOnWarnings, Ledger ledger) {
        this(checklist, checks, bindings, http, checkTimeout, failOnWarnings, ledger, Stage.BUILD);
    }

    /** The ids of the claims some checklist item binds. */
    public Set<String> boundClaims() {
        Set<String> ids = new HashSet<>();
        bindings.claims().values().forEach(ids::addAll);
        return ids;
    }

    /**
     * Which claims decide which item.
     *
     * @param claims            item key to the ids of the configured claims that decide it
     * @param couldBeVerifiedBy item key to the claims of checks not configured that would decide it (for items no configured claim decides)
     */
    public record Bindings(Map<String, List<String>> claims, Map<String, List<Claim>> couldBeVerifiedBy) {
        public Bindings {
            claims = Map.copyOf(claims);
            couldBeVerifiedBy = Map.copyOf(couldBeVerifiedBy);
        }
    }
}

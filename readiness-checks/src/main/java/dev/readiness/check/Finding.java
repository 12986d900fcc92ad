package dev.readiness.check;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One concrete thing a check found: a failing test, a missing header, an advisory, a DOWN component.
 *
 * <p>Its key names it the same way on every run, so that a waiver, a baseline entry or a SARIF
 * fingerprint can point at it: an advisory id, a test's class and method, an Observatory test id, a
 * component. A finding is a cause of its claim's failure unless it is a {@linkplain Builder#note() note}
 * (a remark, a figure below the threshold): a failed claim is waived when every cause is.
 *
 * @param key      the stable name of what was found; the message when the check gives none
 * @param message  one sentence a person can act on
 * @param location where it was found (a file, a URL, a class, a dependency path), or {@code null}
 * @param evidence machine-readable facts about it, in insertion order
 * @param cause    whether it is a reason its claim is unmet, rather than a remark
 * @since 0.1.0
 */
public record Finding(String key, String message, String location, Map<String, Object> evidence, boolean cause) {

    public Finding {
        Objects.requireNonNull(message, "message");
        key = key == null || key.isBlank() ? message : key;
        evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }

    /** A finding that is a cause, keyed by its message. */
    public Finding(String message, String location, Map<String, Object> evidence) {
        this(null, message, location, evidence, true);
    }

    /**
     * Whether a waiver or a baseline entry naming it this way means it: by its key, or by one of the
     * names its evidence lists under {@code aliases} (an advisory's CVE), ignoring case.
     */
    public boolean isNamed(String name) {
        if (key.equalsIgnoreCase(name)) {
            return true;
        }
        return evidence.get("aliases") instanceof Collection<?> aliases
                && aliases.stream().anyMatch(alias -> name.equalsIgnoreCase(String.valueOf(alias)));
    }

    /** Starts a finding with the given message. */
    public static Builder of(String message) {
        return new Builder(message);
    }

    /** Builds a {@link Finding}. */
    public static final class Builder {
        private final String message;
        private String key;
        private String location;
        private final Map<String, Object> evidence = new LinkedHashMap<>();
        private boolean cause = true;

        private Builder(String message) {
            this.message = message;
        }

        /** Its stable name ({@code GHSA-jfh8-c2jp-5v3q}, {@code com.shop.CartTest#totals}, {@code hsts-not-implemented}). */
        public Builder key(String key) {
            this.key = key;
            return this;
        }

        /** Where it was found. */
        public Builder at(String location) {
            this.location = location;
            return this;
        }

        /** Adds one fact; {@code null} values are left out. */
        public Builder with(String key, Object value) {
            if (value != null) {
                evidence.put(key, value);
            }
            return this;
        }

        /** Marks it as a remark that is not a reason its claim is unmet (a file not needed, an advisory below the threshold). */
        public Builder note() {
            this.cause = false;
            return this;
        }

        public Finding build() {
            return new Finding(key, message, location, evidence, cause);
        }
    }
}

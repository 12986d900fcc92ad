package dev.readiness.check;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One concrete thing a check found: a failing test, a missing header, an advisory, a DOWN component.
 *
 * @param message  one sentence a person can act on
 * @param location where it was found (a file, a URL, a class, a dependency path), or {@code null}
 * @param evidence machine-readable facts about it, in insertion order
 * @since 0.1.0
 */
public record Finding(String message, String location, Map<String, Object> evidence) {

    public Finding {
        Objects.requireNonNull(message, "message");
        evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }

    /** Starts a finding with the given message. */
    public static Builder of(String message) {
        return new Builder(message);
    }

    /** Builds a {@link Finding}. */
    public static final class Builder {
        private final String message;
        private String location;
        private final Map<String, Object> evidence = new LinkedHashMap<>();

        private Builder(String message) {
            this.message = message;
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

        public Finding build() {
            return new Finding(message, location, evidence);
        }
    }
}

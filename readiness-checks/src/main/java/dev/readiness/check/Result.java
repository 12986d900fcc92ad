package dev.readiness.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a check returns: a status, a one-sentence summary, what was measured against what was
 * expected, the evidence inspected, the findings, and how to fix what is unmet.
 *
 * <p>Build one with {@link #pass(String)}, {@link #fail(String)}, {@link #error(String)} or
 * {@link #skipped(String)}, in the manner of Spring Boot's {@code Health.up().withDetail(...)}:
 * <pre>{@code
 * Result.fail("line coverage is 76.4%, but expected minimum is 80.0%")
 *       .measured("76.4%").expected(">= 80.0%")
 *       .evidence("counters", counters)
 *       .remedy("Add tests for the classes listed below.")
 *       .build();
 * }</pre>
 *
 * <p>A check that declares several {@link Claim claims} returns its main claim's verdict, with the
 * evidence the claims share, and adds one verdict for each other claim it decided with
 * {@link Builder#claim(String, Result)}. A check with one claim never needs to.
 *
 * @param status   PASS, FAIL, ERROR or SKIPPED
 * @param summary  one sentence: measured, expected, where
 * @param measured the measured value as shown to people, or {@code null}
 * @param expected the expected value as shown to people, or {@code null}
 * @param evidence machine-readable facts, in insertion order (values: strings, numbers, booleans, lists, maps)
 * @param findings the concrete things found, most important first
 * @param remedy   how to fix it, or {@code null} when nothing needs fixing
 * @param measure  the ratio measured against a minimum, which a checklist's own figure may make stricter; or {@code null}
 * @param claims   the verdicts on the check's other claims, by claim id ({@code tests.integration}); empty for a single-claim check
 * @since 0.1.0
 */
public record Result(Status status, String summary, String measured, String expected,
                     Map<String, Object> evidence, List<Finding> findings, String remedy, Measure measure,
                     Map<String, Result> claims) {

    public Result {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(summary, "summary");
        if (!status.isCheckStatus()) {
            throw new IllegalArgumentException("a check cannot return " + status);
        }
        evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
        findings = List.copyOf(findings);
        claims = claims == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(claims));
        if (claims.values().stream().anyMatch(c -> !c.claims().isEmpty())) {
            throw new IllegalArgumentException("a claim's verdict cannot hold verdicts of other claims");
        }
    }

    /** This verdict with the verdict on another of the check's claims added. */
    public Result withClaim(String claimId, Result verdict) {
        Map<String, Result> more = new LinkedHashMap<>(claims);
        more.put(claimId, verdict);
        return new Result(status, summary, measured, expected, evidence, findings, remedy, measure, more);
    }

    /** This verdict without the verdicts of other claims: the main claim's own. */
    public Result withoutClaims() {
        return claims.isEmpty() ? this : new Result(status, summary, measured, expected, evidence, findings, remedy, measure, Map.of());
    }

    public static Builder pass(String summary) {
        return new Builder(Status.PASS, summary);
    }

    public static Builder fail(String summary) {
        return new Builder(Status.FAIL, summary);
    }

    /** Could not be evaluated; the summary says what was tried and why it did not work. */
    public static Builder error(String summary) {
        return new Builder(Status.ERROR, summary);
    }

    /** Not applicable or turned off; the summary says why. */
    public static Builder skipped(String summary) {
        return new Builder(Status.SKIPPED, summary);
    }

    public static Builder of(Status status, String summary) {
        return new Builder(status, summary);
    }

    /** Builds a {@link Result}. */
    public static final class Builder {
        private final Status status;
        private final String summary;
        private String measured;
        private String expected;
        private final Map<String, Object> evidence = new LinkedHashMap<>();
        private final List<Finding> findings = new ArrayList<>();
        private String remedy;
        private Measure measure;
        private final Map<String, Result> claims = new LinkedHashMap<>();

        private Builder(Status status, String summary) {
            this.status = status;
            this.summary = summary;
        }

        public Builder measured(String measured) {
            this.measured = measured;
            return this;
        }

        public Builder expected(String expected) {
            this.expected = expected;
            return this;
        }

        /** Adds one fact; {@code null} values are left out. */
        public Builder evidence(String key, Object value) {
            if (value != null) {
                evidence.put(key, value);
            }
            return this;
        }

        public Builder finding(Finding finding) {
            findings.add(finding);
            return this;
        }

        public Builder findings(List<Finding> more) {
            findings.addAll(more);
            return this;
        }

        public Builder remedy(String remedy) {
            this.remedy = remedy;
            return this;
        }

        /** The ratio measured against a minimum; the engine holds it to a stricter figure the checklist states. */
        public Builder measure(Measure measure) {
            this.measure = measure;
            return this;
        }

        /** Adds the verdict on another of the check's claims, by its id ({@code tests.integration}). */
        public Builder claim(String claimId, Result verdict) {
            claims.put(claimId, verdict);
            return this;
        }

        public Result build() {
            return new Result(status, summary, measured, expected, evidence, findings, remedy, measure, claims);
        }
    }
}

package dev.readiness.checks.coverage;

import dev.readiness.check.Param;
import dev.readiness.check.Ratio;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jacoco.core.analysis.ICoverageNode.CounterEntity;

/**
 * The configuration of the {@code coverage} check: one minimum on one counter, or a minimum for
 * each of several counters, the JaCoCo execution data to read and the classes to leave out.
 *
 * @param minimum   the covered ratio {@code counter} must reach
 * @param counter   the JaCoCo counter {@code minimum} applies to
 * @param limits    a minimum per counter, for several at once; used instead of minimum and counter
 * @param execFiles the JaCoCo execution data files, merged when several
 * @param excludes  classes left out of the figures, as class-name globs
 */
public record CoverageConfig(
        @Param("the covered ratio that counter must reach, 80% or 0.8; default 80%") Ratio minimum,
        @Param("the JaCoCo counter the minimum applies to: INSTRUCTION, BRANCH, LINE, COMPLEXITY, METHOD or CLASS; default LINE")
        Counter counter,
        @Param("a minimum per counter, e.g. LINE: 80%, BRANCH: 70%; when set, used instead of minimum and counter; default none")
        Map<Counter, Ratio> limits,
        @Param("JaCoCo execution data files relative to the module's folder, merged when several; default target/jacoco.exec")
        List<String> execFiles,
        @Param("classes left out, as globs on class names: com/acme/generated/** or com.acme.Foo*"
                + " (* stays within a package, ** crosses packages, a trailing .class is ignored); default none")
        List<String> excludes) {

    /** The default minimum, 80%. */
    public static final Ratio DEFAULT_MINIMUM = Ratio.of(0.8);

    /** The default execution data file, relative to the module's folder. */
    public static final String DEFAULT_EXEC_FILE = "target/jacoco.exec";

    public CoverageConfig {
        if (limits != null && !limits.isEmpty()) {
            if (minimum != null || counter != null) {
                throw new IllegalArgumentException("set either minimum and counter, or limits, not both");
            }
            if (limits.entrySet().stream().anyMatch(e -> e.getKey() == null || e.getValue() == null)) {
                throw new IllegalArgumentException("every limit needs a counter and a minimum, e.g. LINE: 80%");
            }
            limits = Collections.unmodifiableMap(new EnumMap<>(limits));
        } else {
            minimum = minimum == null ? DEFAULT_MINIMUM : minimum;
            counter = counter == null ? Counter.LINE : counter;
            limits = Map.of();
        }
        if (execFiles == null || execFiles.isEmpty()) {
            execFiles = List.of(DEFAULT_EXEC_FILE);
        } else if (execFiles.stream().anyMatch(f -> f == null || f.isBlank())) {
            throw new IllegalArgumentException("an exec file path is blank");
        } else {
            execFiles = List.copyOf(execFiles);
        }
        excludes = excludes == null ? List.of() : excludes;
        excludes.forEach(ClassGlob::compile);
        excludes = List.copyOf(excludes);
    }

    /** The limits in force: {@code limits} when set, else {@code counter} at {@code minimum}; in counter order. */
    public Map<Counter, Ratio> effectiveLimits() {
        return limits.isEmpty() ? Map.of(counter, minimum) : new LinkedHashMap<>(limits);
    }

    /** A JaCoCo counter, as its reports name them. */
    public enum Counter {
        INSTRUCTION("instructions"),
        BRANCH("branches"),
        LINE("lines"),
        COMPLEXITY("paths"),
        METHOD("methods"),
        CLASS("classes");

        private final String unit;

        Counter(String unit) {
            this.unit = unit;
        }

        /** What the counter counts, in the plural: "lines". */
        String unit() {
            return unit;
        }

        /** The counter in lower case as messages use it: "line". */
        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        CounterEntity entity() {
            return CounterEntity.valueOf(name());
        }
    }
}

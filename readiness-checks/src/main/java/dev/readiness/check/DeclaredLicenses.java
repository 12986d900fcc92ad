package dev.readiness.check;

import java.util.List;
import java.util.Objects;

/**
 * The {@code <licenses>} of one artifact's effective POM (its parents' included), or why that POM could not be
 * read. A check never sees an empty answer for an unreadable POM: {@link #problem()} says what failed.
 *
 * @param pom      where the POM was read from (a file of the local repository), for messages; never {@code null}
 * @param licenses the declared licenses in POM order; empty when the POM declares none
 * @param problem  why the POM (or a parent) could not be read, or {@code null} when it was read
 * @since 0.5.0
 */
public record DeclaredLicenses(String pom, List<License> licenses, String problem) {

    public DeclaredLicenses {
        Objects.requireNonNull(pom, "pom");
        licenses = List.copyOf(licenses);
    }

    /** The licenses read from the given POM. */
    public static DeclaredLicenses read(String pom, List<License> licenses) {
        return new DeclaredLicenses(pom, licenses, null);
    }

    /** A POM (or one of its parents) that could not be resolved or built. */
    public static DeclaredLicenses unreadable(String pom, String problem) {
        return new DeclaredLicenses(pom, List.of(), Objects.requireNonNull(problem, "problem"));
    }

    /** Whether the POM was read. */
    public boolean isRead() {
        return problem == null;
    }

    /**
     * One {@code <license>} element.
     *
     * @param name     its {@code <name>}, or {@code null}
     * @param url      its {@code <url>}, or {@code null}
     * @param comments its {@code <comments>}, or {@code null}
     */
    public record License(String name, String url, String comments) {
    }

    /**
     * Looks up the declared licenses of an artifact; the Maven plugin builds each effective POM on demand.
     *
     * @since 0.5.0
     */
    @FunctionalInterface
    public interface Lookup {
        /** The licenses of {@code groupId:artifactId:version}; never throws for an unreadable POM, answers {@link #unreadable}. */
        DeclaredLicenses of(String groupId, String artifactId, String version);
    }
}

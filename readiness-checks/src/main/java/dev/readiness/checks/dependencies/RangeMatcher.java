package dev.readiness.checks.dependencies;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * Decides whether a Maven version is affected by an OSV record, with Maven's own version order
 * ({@link ComparableVersion}): only {@code affected[]} entries of ecosystem {@code Maven} naming exactly
 * the package count; a version is affected when it is listed in {@code versions[]} (exactly, as OSV
 * compares them) or falls in an
 * {@code ECOSYSTEM} range, evaluated as the OSV schema says (events sorted by version; {@code introduced}
 * opens, {@code fixed} closes before itself, {@code last_affected} closes after itself; {@code introduced: "0"}
 * is before every version; several introduced/fixed pairs in one range are separate intervals).
 * {@code SEMVER} and {@code GIT} ranges are not Maven's and are skipped.
 */
final class RangeMatcher {

    /**
     * @param affected whether the version is affected
     * @param fixed    the versions that end the affected intervals holding it, lowest first
     *                 (empty when only {@code last_affected} or a version list is known)
     */
    record Match(boolean affected, List<String> fixed) {
        static final Match NONE = new Match(false, List.of());
    }

    private RangeMatcher() {
    }

    static Match match(OsvRecord record, String packageName, String version) {
        ComparableVersion v = new ComparableVersion(version);
        boolean affected = false;
        TreeMap<ComparableVersion, String> fixed = new TreeMap<>();
        for (OsvRecord.Affected entry : record.affected()) {
            if (!entry.isMaven(packageName)) {
                continue;
            }
            if (entry.versions().contains(version)) {
                affected = true;
            }
            for (OsvRecord.Range range : entry.ranges()) {
                if (!"ECOSYSTEM".equals(range.type())) {
                    continue;
                }
                Hit hit = inRange(range, v);
                if (hit != null) {
                    affected = true;
                    if (hit.fixed() != null) {
                        fixed.putIfAbsent(new ComparableVersion(hit.fixed()), hit.fixed());
                    }
                }
            }
        }
        return affected ? new Match(true, List.copyOf(fixed.values())) : Match.NONE;
    }

    /**
     * Every {@code fixed} version above {@code version} in the package's ranges, lowest first: what to
     * show when the OSV API reports a record affecting a version that no range here holds.
     */
    static List<String> fixedAbove(OsvRecord record, String packageName, String version) {
        ComparableVersion v = new ComparableVersion(version);
        TreeMap<ComparableVersion, String> fixed = new TreeMap<>();
        for (OsvRecord.Affected entry : record.affected()) {
            if (entry.isMaven(packageName)) {
                for (OsvRecord.Range range : entry.ranges()) {
                    for (OsvRecord.Event event : range.events()) {
                        if (event.fixed() != null && new ComparableVersion(event.fixed()).compareTo(v) > 0) {
                            fixed.putIfAbsent(new ComparableVersion(event.fixed()), event.fixed());
                        }
                    }
                }
            }
        }
        return List.copyOf(fixed.values());
    }

    /** Where a range holds the version: the fixed version ending that interval, or {@code null} for none known. */
    private record Hit(String fixed) {
    }

    /** An event with its version parsed; {@code introduced: "0"} sorts before everything. */
    private record Sorted(OsvRecord.Event event, ComparableVersion version, boolean zero) {
        static Sorted of(OsvRecord.Event event) {
            String text = event.introduced() != null ? event.introduced()
                    : event.fixed() != null ? event.fixed()
                    : event.lastAffected() != null ? event.lastAffected() : event.limit();
            boolean zero = "0".equals(event.introduced());
            return new Sorted(event, text == null ? null : new ComparableVersion(text), zero);
        }

        int compareTo(ComparableVersion v) {
            return zero ? -1 : version.compareTo(v);
        }
    }

    private static final Comparator<Sorted> ORDER = (a, b) -> a.zero() ? (b.zero() ? 0 : -1)
            : b.zero() ? 1 : a.version().compareTo(b.version());

    private static Hit inRange(OsvRecord.Range range, ComparableVersion v) {
        List<Sorted> events = new ArrayList<>();
        for (OsvRecord.Event event : range.events()) {
            Sorted sorted = Sorted.of(event);
            if (sorted.version() != null && event.limit() == null) {
                events.add(sorted);
            }
        }
        events.sort(ORDER);
        boolean in = false;
        int i = 0;
        for (; i < events.size(); i++) {
            Sorted e = events.get(i);
            if (e.event().introduced() != null) {
                if (e.compareTo(v) > 0) {
                    break;
                }
                in = true;
            } else if (e.event().fixed() != null) {
                if (e.compareTo(v) > 0) {
                    break;
                }
                in = false;
            } else {
                if (e.compareTo(v) >= 0) {
                    break;
                }
                in = false;
            }
        }
        if (!in) {
            return null;
        }
        for (; i < events.size(); i++) {
            OsvRecord.Event closing = events.get(i).event();
            if (closing.fixed() != null) {
                return new Hit(closing.fixed());
            }
            if (closing.lastAffected() != null) {
                return new Hit(null);
            }
        }
        return new Hit(null);
    }
}

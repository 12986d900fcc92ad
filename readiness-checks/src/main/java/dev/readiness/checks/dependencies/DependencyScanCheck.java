package dev.readiness.checks.dependencies;

import dev.readiness.check.Check;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Claim;
import dev.readiness.check.DependencyNode;
import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import dev.readiness.check.Waiver;
import dev.readiness.checks.dependencies.DependencyScanConfig.Severity;
import dev.readiness.text.Words;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * Scans the resolved dependencies (all scopes but test by default) for known vulnerabilities in
 * OSV: through the OSV API ({@code /v1/querybatch}, then {@code /v1/vulns/{id}}), with an on-disk
 * cache, or in an offline OSV database when {@code osvDatabase} is set. Fails when an advisory at or
 * above {@code failOn} affects a dependency and is not ignored; an advisory whose severity cannot be
 * read counts as at or above it. Advisories below the threshold are listed, not failed. Each finding
 * names the advisory, its severity, the fixed versions and the path that pulls the dependency in.
 * ERROR when the scan could not run: the API unreachable or failing, an answer or record that breaks
 * the shape OSV documents, the build offline with answers missing from the cache, or an offline
 * database that cannot be trusted (no Maven record, an invalid record, a bound crossed, older than
 * {@code maxDatabaseAge}). Finding where the records are, and checking them, is {@link OsvLookup}'s;
 * judging them is this class's.
 *
 * <p>With the API, whether a version is affected is the API's answer; the ranges are matched here
 * again only to tell which fixed versions end the affected interval holding this version (Log4Shell
 * lists 2.3.1, 2.12.2 and 2.15.0; for 2.14.1 the fix is 2.15.0). When no range here holds the
 * version, the advisory still counts (the API knows more, e.g. enumerated versions) and every fixed
 * version above it is shown.
 */
public final class DependencyScanCheck implements Check<DependencyScanConfig> {

    static final String MAVEN_DATABASE = "https://osv-vulnerabilities.storage.googleapis.com/Maven/all.zip";
    private static final int LISTED_IN_SUMMARY = 3;
    private static final int LISTED_IN_REMEDY = 10;
    /** The most of a list from an advisory (aliases, fixed versions) a message quotes: it is outside text. */
    private static final int OUTSIDE_TEXT = 200;

    private final OsvClient.Policy policy;
    private final OfflineDatabase.Limits limits;

    public DependencyScanCheck() {
        this(OsvClient.Policy.DEFAULT, OfflineDatabase.Limits.DEFAULT);
    }

    DependencyScanCheck(OsvClient.Policy policy, OfflineDatabase.Limits limits) {
        this.policy = policy;
        this.limits = limits;
    }

    @Override
    public String id() {
        return "dependencyScan";
    }

    /** The claim a scan can only support: it can find advisories against an audit, never complete one. */
    static final String AUDIT = "dependencyScan.audit";

    @Override
    public String description() {
        return "The whole resolved dependency graph was scanned against OSV and no dependency has a known vulnerability "
                + "at or above the configured severity.";
    }

    @Override
    public List<String> phrases() {
        return List.of("Security scanning completed");
    }

    @Override
    public List<Claim> claims() {
        return List.of(Claim.settles(id(), description(), phrases()),
                Claim.supports(AUDIT, "No dependency has a known advisory at or above the configured severity; a scan can show "
                        + "an audit or the dependencies' freshness wrong, never complete the one or prove the other.",
                        List.of("Security audit completed with no high-severity issues", "Security dependencies up to date")));
    }

    @Override
    public Class<DependencyScanConfig> configType() {
        return DependencyScanConfig.class;
    }

    @Override
    public Result run(DependencyScanConfig config, CheckContext context) {
        Result scan = scan(config, context);
        return scan.withClaim(AUDIT, audit(scan));
    }

    /**
     * The audit claim from the scan: its advisories at or above the threshold disprove the audit
     * item (FAIL), a scan that could not run leaves it undecided (ERROR), and a clean scan only
     * supports it.
     */
    private static Result audit(Result scan) {
        String summary = scan.status() == Status.PASS
                ? scan.summary() + ": nothing the scan sees speaks against the audit, which a person still has to complete"
                : scan.summary();
        return Result.of(scan.status(), summary).measured(scan.measured()).expected(scan.expected())
                .findings(scan.findings()).remedy(scan.remedy()).build();
    }

    private Result scan(DependencyScanConfig config, CheckContext context) {
        DependencyNode graph;
        try {
            graph = context.dependencies();
        } catch (IllegalStateException e) {
            return Result.error(e.getMessage())
                    .remedy("Make the build resolve every dependency (mvn dependency:tree shows what fails), then run the gate again:"
                            + " a scan of part of the graph cannot settle that scanning was completed.")
                    .build();
        }
        List<Dependency> dependencies = dependencies(graph, config.scopes());
        String scopes = String.join(", ", config.scopes());
        if (dependencies.isEmpty()) {
            return Result.pass("no dependencies in scopes " + scopes + ": nothing to scan")
                    .measured("0 dependencies").expected("none at or above " + config.failOn())
                    .evidence("dependencies", 0).evidence("source", "none").evidence("advisories", 0).build();
        }
        OsvLookup.Lookup lookup;
        try {
            lookup = new OsvLookup(policy, limits, config, context).find(dependencies);
        } catch (OsvLookup.ScanException e) {
            Result.Builder error = Result.error(e.getMessage()).evidence("dependencies", dependencies.size()).evidence("source", e.source);
            e.evidence.forEach(error::evidence);
            return error.remedy(e.remedy).build();
        }
        return verdict(config, context, dependencies, lookup);
    }

    /** A dependency to scan, with the shortest path that pulls it in. */
    record Dependency(String packageName, String version, String shortName, String path) {
        String coordinates() {
            return packageName + ":" + version;
        }
    }

    /** Each distinct group:artifact:version in the given scopes once, with its shortest path from the project. */
    private static List<Dependency> dependencies(DependencyNode root, List<String> scopes) {
        return root.reachable(scopes).stream().map(r -> new Dependency(r.node().packageName(), r.node().version(),
                r.node().shortName(), r.path())).toList();
    }

    /** One advisory affecting one dependency, rated and judged. */
    private record Vulnerability(Dependency dependency, OsvRecord record, SeverityReader.Rating rating, List<String> fixed,
                                 boolean failing) {
        int rank() {
            return rating.known() ? rating.severity().ordinal() : -1;
        }

        double score() {
            return rating.score() == null ? -1 : rating.score();
        }
    }

    private static final Comparator<Vulnerability> ORDER = Comparator.comparing((Vulnerability v) -> !v.failing())
            .thenComparing(Vulnerability::rank, Comparator.reverseOrder())
            .thenComparing(Vulnerability::score, Comparator.reverseOrder())
            .thenComparing(v -> v.dependency().coordinates())
            .thenComparing(v -> v.record().id());

    private Result verdict(DependencyScanConfig config, CheckContext context, List<Dependency> dependencies, OsvLookup.Lookup lookup) {
        Severity failOn = config.failOn();
        Instant now = context.clock().instant();
        List<Vulnerability> vulnerabilities = new ArrayList<>();
        Set<String> withdrawn = new LinkedHashSet<>();
        lookup.records().forEach((dependency, records) -> {
            for (OsvRecord record : records) {
                if (record.isWithdrawnAt(now)) {
                    withdrawn.add(record.id());
                    continue;
                }
                SeverityReader.Rating rating = SeverityReader.rate(record);
                RangeMatcher.Match match = RangeMatcher.match(record, dependency.packageName(), dependency.version());
                List<String> fixed = match.affected() || lookup.matchedHere() ? match.fixed()
                        : RangeMatcher.fixedAbove(record, dependency.packageName(), dependency.version());
                boolean failing = !rating.known() || rating.severity().compareTo(failOn) >= 0;
                vulnerabilities.add(new Vulnerability(dependency, record, rating, fixed, failing));
            }
        });
        vulnerabilities.sort(ORDER);
        List<Vulnerability> failing = vulnerabilities.stream().filter(Vulnerability::failing).toList();
        long vulnerable = vulnerabilities.stream().map(Vulnerability::dependency).distinct().count();
        long failingDependencies = failing.stream().map(Vulnerability::dependency).distinct().count();

        List<Finding> findings = new ArrayList<>();
        vulnerabilities.forEach(v -> findings.add(finding(v, failOn)));

        Result.Builder result;
        if (!failing.isEmpty()) {
            result = Result.fail(Words.plural(vulnerable, "vulnerable dependency", "vulnerable dependencies") + ": "
                            + failingDependencies + " at or above " + failOn + " (" + listing(failing) + "), but expected none at or above " + failOn)
                    .measured(Words.plural(failingDependencies, "dependency", "dependencies") + " with advisories at or above " + failOn)
                    .remedy(remedy(failing));
        } else {
            long below = vulnerabilities.size();
            result = Result.pass("no known vulnerability at or above " + failOn + " in "
                            + Words.plural(dependencies.size(), "dependency", "dependencies") + " (" + lookup.source() + ")"
                            + (below == 0 ? "" : "; " + Words.plural(below, "advisory", "advisories") + " below " + failOn + " listed"))
                    .measured(Words.plural(vulnerable, "vulnerable dependency", "vulnerable dependencies") + ", none at or above " + failOn);
        }
        result.expected("none at or above " + failOn)
                .evidence("dependencies", dependencies.size())
                .evidence("source", lookup.source())
                .evidence("advisories", vulnerabilities.size())
                .evidence("failing", failing.size())
                .evidence("failOn", failOn.name())
                .evidence("scopes", config.scopes());
        lookup.evidence().forEach(result::evidence);
        return result
                .evidence("withdrawn", withdrawn.isEmpty() ? null : List.copyOf(withdrawn))
                .findings(findings)
                .build();
    }

    private static Finding finding(Vulnerability v, Severity failOn) {
        OsvRecord record = v.record();
        Dependency dependency = v.dependency();
        StringBuilder message = new StringBuilder(dependency.shortName()).append(" is affected by ").append(record.id());
        if (!record.aliases().isEmpty()) {
            message.append(" (").append(Words.cut(String.join(", ", record.aliases()), OUTSIDE_TEXT)).append(")");
        }
        message.append(", ").append(v.rating().label());
        if (v.rating().score() != null) {
            message.append(" ").append(v.rating().score());
        }
        if (!record.summary().isEmpty()) {
            message.append(": ").append(record.summary());
        }
        message.append(v.fixed().isEmpty() ? "; no fixed version is known" : "; fixed in " + Words.cut(String.join(", ", v.fixed()), OUTSIDE_TEXT));
        if (!v.rating().known()) {
            message.append(" (severity unknown: counted as at or above ").append(failOn).append(")");
        } else if (!v.failing()) {
            message.append(" (below ").append(failOn).append(": listed, not failed)");
        }
        Finding.Builder finding = Finding.of(message.toString()).key(record.id()).at(dependency.path());
        if (!v.failing()) {
            finding.note();
        }
        return finding
                .with("id", record.id())
                .with("aliases", record.aliases())
                .with("severity", v.rating().label())
                .with("score", v.rating().score())
                .with("summary", record.summary())
                .with("package", dependency.packageName())
                .with("version", dependency.version())
                .with("fixed", v.fixed())
                .with("path", dependency.path())
                .with("belowThreshold", !v.failing())
                .build();
    }

    /** "log4j-core:2.14.1 GHSA-jfh8-c2jp-5v3q CRITICAL, ..., and 2 more". */
    private static String listing(List<Vulnerability> failing) {
        String listed = failing.stream().limit(LISTED_IN_SUMMARY)
                .map(v -> v.dependency().shortName() + " " + v.record().id() + " " + v.rating().label())
                .collect(Collectors.joining(", "));
        return failing.size() > LISTED_IN_SUMMARY ? listed + ", and " + (failing.size() - LISTED_IN_SUMMARY) + " more" : listed;
    }

    /**
     * Per failing dependency, the lowest version that leaves every failing advisory's interval: the
     * highest of the fixes that end the intervals holding its version.
     */
    private static String remedy(List<Vulnerability> failing) {
        Map<Dependency, List<Vulnerability>> byDependency = failing.stream()
                .collect(Collectors.groupingBy(Vulnerability::dependency, LinkedHashMap::new, Collectors.toList()));
        List<String> steps = new ArrayList<>();
        byDependency.forEach((dependency, vulns) -> {
            List<String> unfixed = vulns.stream().filter(v -> v.fixed().isEmpty()).map(v -> v.record().id()).toList();
            if (!unfixed.isEmpty()) {
                steps.add("replace " + dependency.coordinates() + " (no fixed version is known for " + String.join(", ", unfixed) + ")");
            } else {
                String target = vulns.stream().map(v -> v.fixed().get(0))
                        .max(Comparator.comparing(ComparableVersion::new)).orElseThrow();
                steps.add("upgrade " + dependency.coordinates() + " to " + Words.cut(target, OUTSIDE_TEXT) + " or later");
            }
        });
        String listed = steps.stream().limit(LISTED_IN_REMEDY).collect(Collectors.joining("; "))
                + (steps.size() > LISTED_IN_REMEDY ? "; and " + (steps.size() - LISTED_IN_REMEDY) + " more (see the findings)" : "");
        return Character.toUpperCase(listed.charAt(0)) + listed.substring(1)
                + ". A transitive dependency is upgraded by declaring the fixed version in <dependencyManagement>."
                + " An advisory that does not apply can be waived in " + WAIVERS + " (finding: its id, reason, owner, until).";
    }

    /** Each {@code ignore} entry is a waiver of the advisory it names, under the same rules as those of {@value #WAIVERS}. */
    @Override
    public List<Waiver> waivers(DependencyScanConfig config) {
        return config.ignore().stream().map(i -> new Waiver(Waiver.Scope.FINDING, i.id(), i.reason(),
                i.owner() == null ? "not named (dependencyScan ignore)" : i.owner(), null, i.until(), "dependencyScan.ignore " + i.id())).toList();
    }

    /** Where waivers are written: the engine reads them. */
    private static final String WAIVERS = "readiness-waivers.yaml";

}

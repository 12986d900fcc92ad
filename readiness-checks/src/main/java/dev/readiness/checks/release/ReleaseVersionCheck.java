package dev.readiness.checks.release;

import dev.readiness.check.Check;
import dev.readiness.check.CheckContext;
import dev.readiness.check.DependencyNode;
import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import dev.readiness.check.Scope;
import dev.readiness.text.Words;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * The {@code releaseVersion} check: settles "Artifact versioning implemented" on a release build, when the project's
 * version is a release version (not a SNAPSHOT, at most {@link Versions#MAX_LENGTH} characters, starting with a
 * digit, following the configured {@code pattern}), no dependency is a SNAPSHOT, and the version is greater, as
 * Maven orders versions, than every release tag of the Git repository (a tag of this very version on HEAD, as
 * {@code release:perform} builds it, is its own).
 *
 * <p>A SNAPSHOT version is SKIPPED (not a release build) unless {@code requireRelease} is set. Missing tags are no
 * pass: outside a Git repository, or in a shallow clone that shows no release tag (CI checkouts fetch none), an
 * earlier, higher release cannot be ruled out, so the check is ERROR unless a finding already fails it. A full
 * clone without release tags is a first release. Plugins are not checked: a check sees the project's dependency
 * graph, not its build plugins.
 */
public final class ReleaseVersionCheck implements Check<ReleaseVersionConfig> {

    static final String NOT_RELEASE = "not a release build: versioning is judged on release builds";
    private static final int MAX_NODES = 100_000;

    @Override
    public String id() {
        return "releaseVersion";
    }

    @Override
    public String description() {
        return "On a release build the project's version is a release version (following the configured pattern), no"
                + " dependency is a SNAPSHOT, and the version is greater than every release tag in the Git repository;"
                + " a SNAPSHOT build is not judged.";
    }

    @Override
    public List<String> phrases() {
        return List.of("Artifact versioning implemented");
    }

    @Override
    public Class<ReleaseVersionConfig> configType() {
        return ReleaseVersionConfig.class;
    }

    @Override
    public Scope scope() {
        return Scope.BUILD;
    }

    @Override
    public Result run(ReleaseVersionConfig config, CheckContext context) throws IOException {
        String version = context.project().version();
        String artifact = context.project().groupId() + ":" + context.project().artifactId();
        if (version == null || version.isBlank()) {
            return Result.error("the project " + artifact + " has no version").remedy("Set <version> in the POM.").build();
        }
        if (version.length() > Versions.MAX_LENGTH) {
            return Result.error("the project version is " + version.length() + " characters long (" + Words.cut(version, 40)
                            + "), longer than the " + Versions.MAX_LENGTH + " a version is compared at; not evaluated")
                    .evidence("versionLength", version.length())
                    .remedy("Give the project a version of the usual shape, such as 1.4.0.").build();
        }
        String shown = Words.oneLine(version);
        if (version.contains("${")) {
            return Result.fail("the project version " + shown + " holds an unresolved property")
                    .measured(shown).expected("a release version such as 1.4.0")
                    .finding(Finding.of("the version " + shown + " of " + artifact + " is not resolved").key("version:unresolved").at("pom.xml").build())
                    .remedy("Define the property (for CI-friendly versions, -Drevision=1.4.0, with the flatten-maven-plugin so the"
                            + " deployed POM holds the value).").build();
        }
        if (Versions.isSnapshot(version)) {
            if (!config.requireRelease()) {
                return Result.skipped(NOT_RELEASE + " (the version is " + shown + ")")
                        .measured(shown).expected("a release version (not a SNAPSHOT)").evidence("version", shown).build();
            }
            return Result.fail("the project version " + shown + " is a SNAPSHOT, but requireRelease asks for a release build")
                    .measured(shown).expected("a release version (not a SNAPSHOT)").evidence("version", shown)
                    .finding(Finding.of(artifact + " is at " + shown + ": release it with mvn release:prepare release:perform, or set"
                            + " a release version").key("version:snapshot").at("pom.xml").build())
                    .remedy("Build a release version (mvn versions:set -DnewVersion=1.4.0, or the release plugin), or unset"
                            + " requireRelease for development builds.").build();
        }
        List<Finding> findings = new ArrayList<>();
        Result.Builder evidence = Result.pass("").evidence("version", shown);
        if (version.charAt(0) < '0' || version.charAt(0) > '9') {
            findings.add(Finding.of("the version " + shown + " does not start with a digit, so Maven orders it as a qualifier below"
                    + " every numbered release; use a numbered version such as 1.4.0").key("version:not-numbered").at("pom.xml").build());
        }
        VersionScheme scheme = config.scheme();
        if (scheme != null) {
            evidence.evidence("pattern", scheme.name());
            boolean matches;
            try {
                matches = scheme.matches(version);
            } catch (IllegalStateException e) {
                return Result.error("the version " + shown + " could not be matched against the " + scheme.name() + ": "
                        + e.getMessage()).evidence("version", shown).remedy("Use a pattern without nested repetition, or semver or calver.").build();
            }
            if (!matches) {
                findings.add(Finding.of("the version " + shown + " does not follow " + scheme.name() + ": expected " + scheme.shape())
                        .key("version:pattern").at("pom.xml").with("pattern", scheme.name()).build());
            }
        }
        DependencyNode graph;
        try {
            graph = context.dependencies();
        } catch (IllegalStateException e) {
            return Result.error("the dependency graph of " + artifact + " was not given, so its SNAPSHOT dependencies cannot be checked")
                    .evidence("version", shown).remedy("Run the check through the Maven plugin, which resolves the graph.").build();
        }
        List<Finding> snapshots = snapshots(graph);
        findings.addAll(snapshots);
        evidence.evidence("snapshotDependencies", snapshots.size());
        ReleaseTags tags = ReleaseTags.read(context.basedir(), context.project().artifactId());
        findings.addAll(tags(tags, version, shown, evidence));
        Result built = evidence.build();
        List<Finding> causes = findings.stream().filter(Finding::cause).toList();
        Result.Builder result;
        if (causes.isEmpty() && tags.repository() == null) {
            result = Result.error("no Git repository to compare the version " + shown + " with release tags: the project folder "
                            + context.basedir() + " is in none, so an earlier, higher release cannot be ruled out")
                    .measured("no Git repository").expected("a Git clone with the project's release tags")
                    .remedy("Run the check in a clone of the project's repository, with its tags, not in an exported source tree"
                            + " or an unpacked archive.");
        } else if (causes.isEmpty() && tags.shallow() && tags.tags().isEmpty()) {
            result = Result.error("the shallow clone at " + tags.repository() + " shows no release tag, but an earlier, higher"
                            + " release may be tagged in the repository; the version " + shown + " cannot be compared with it")
                    .measured("0 release tags in a shallow clone").expected("the repository's release tags fetched")
                    .remedy("Fetch the tags: git fetch --tags --unshallow, or actions/checkout with fetch-depth: 0 (GitLab CI:"
                            + " GIT_DEPTH: 0).");
        } else if (causes.isEmpty()) {
            result = Result.pass(shown + " is a release version" + (scheme == null ? "" : " following " + scheme.name())
                            + ", with no SNAPSHOT dependency, " + built.evidence().get("tagSummary"))
                    .measured(shown).expected(expected(scheme));
        } else {
            result = Result.fail("the release version " + shown + " is not releasable as it stands: " + causes.get(0).message()
                            + (causes.size() > 1 ? " (and " + Words.plural(causes.size() - 1, "more finding") + ")" : ""))
                    .measured(shown).expected(expected(scheme))
                    .remedy("Release only versions that follow the scheme and are above every earlier release, with every"
                            + " dependency on a release version (mvn versions:use-releases).");
        }
        built.evidence().forEach(result::evidence);
        return result.findings(findings).build();
    }

    private static String expected(VersionScheme scheme) {
        return "a release version" + (scheme == null ? "" : " following " + scheme.name())
                + " above every release tag, with release dependencies";
    }

    /** Each SNAPSHOT in the graph, once per coordinate, with the shortest path that pulls it in. */
    static List<Finding> snapshots(DependencyNode root) {
        List<Finding> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Deque<List<DependencyNode>> todo = new ArrayDeque<>();
        todo.add(List.of(root));
        int visited = 0;
        while (!todo.isEmpty() && visited++ < MAX_NODES) {
            List<DependencyNode> path = todo.poll();
            DependencyNode node = path.get(path.size() - 1);
            if (path.size() > 1 && node.version() != null && Versions.isSnapshot(Words.cut(node.version(), Versions.MAX_LENGTH))
                    && seen.add(node.toString())) {
                String via = String.join(" > ", path.stream().map(DependencyNode::shortName).toList());
                found.add(Finding.of("dependency " + node.packageName() + ":" + node.version() + " (" + node.scope() + ") is a SNAPSHOT,"
                                + " pulled in by " + via + ": depend on a release version")
                        .key(node.packageName() + ":" + node.version()).at(via)
                        .with("package", node.packageName()).with("version", node.version()).with("scope", node.scope())
                        .with("path", via).build());
            }
            for (DependencyNode child : node.children()) {
                List<DependencyNode> next = new ArrayList<>(path);
                next.add(child);
                todo.add(next);
            }
        }
        return found;
    }

    /** The tag findings: a tag of a higher version, or of this version elsewhere than HEAD; the tags' facts into the evidence. */
    private static List<Finding> tags(ReleaseTags tags, String version, String shown, Result.Builder evidence) {
        Map<String, Object> facts = new LinkedHashMap<>();
        List<Finding> findings = new ArrayList<>();
        if (tags.repository() == null) {
            facts.put("repository", false);
            evidence.evidence("tags", facts).evidence("tagSummary", "and no Git repository to compare release tags with");
            return findings;
        }
        facts.put("read", tags.tags().size());
        facts.put("ignored", tags.ignored());
        facts.put("shallow", tags.shallow());
        if (tags.tags().isEmpty()) {
            evidence.evidence("tags", facts).evidence("tagSummary", tags.shallow() ? "and no release tag in the shallow clone"
                    : "and no release tag in the repository yet");
            return findings;
        }
        String shallow = tags.shallow() ? " (a shallow clone: earlier tags may be missing; fetch them with fetch-depth: 0 or"
                + " git fetch --tags --unshallow)" : "";
        ComparableVersion mine = new ComparableVersion(version);
        ReleaseTags.Tag own = null;
        ReleaseTags.Tag latest = null;
        for (ReleaseTags.Tag tag : tags.tags()) {
            int order = new ComparableVersion(tag.version()).compareTo(mine);
            if (order == 0 && tags.onHead(tag)) {
                own = tag;
                continue;
            }
            if (order >= 0) {
                String what = order == 0 ? "already released as tag " + Words.oneLine(tag.name()) + " at commit " + tag.shortCommit()
                        : "below the release tag " + Words.oneLine(tag.name()) + " (" + tag.version() + ")";
                findings.add(Finding.of("the version " + shown + " is " + what + ": raise it above "
                                + tag.version() + " (mvn versions:set -DnewVersion=...)")
                        .key("tag:" + Words.cut(tag.name(), Versions.MAX_LENGTH)).at("refs/tags/" + tag.name())
                        .with("tag", tag.name()).with("tagVersion", tag.version()).build());
            }
            if (latest == null || new ComparableVersion(tag.version()).compareTo(new ComparableVersion(latest.version())) > 0) {
                latest = tag;
            }
        }
        if (own != null) {
            facts.put("own", own.name());
        }
        if (latest != null) {
            facts.put("latest", latest.name());
        }
        evidence.evidence("tags", facts).evidence("tagSummary", latest == null
                ? "tagged " + own.name() + " on HEAD, its own release tag" + shallow
                : "above the latest release tag " + latest.name() + " (" + latest.version() + ")" + shallow);
        findings.sort(Comparator.comparing(Finding::key));
        return findings;
    }
}

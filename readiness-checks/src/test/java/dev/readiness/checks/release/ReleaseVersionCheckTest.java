package dev.readiness.checks.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.readiness.check.CheckContext;
import dev.readiness.check.DependencyNode;
import dev.readiness.check.Finding;
import dev.readiness.check.ProjectId;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code releaseVersion} check on real Git repositories made with JGit in a temporary folder: commits,
 * annotated and lightweight tags in the shapes projects use ({@code v1.2.0}, the release plugin's
 * {@code shop-1.2.0}, {@code 1.2.0}), shallow clones with and without tags, no repository, and hostile names.
 */
class ReleaseVersionCheckTest {

    private static final PersonIdent DANA = new PersonIdent("Dana Reyes", "dana@example.com");
    private static final DependencyNode NO_DEPENDENCIES = graph();

    @TempDir
    Path dir;

    private final ReleaseVersionCheck check = new ReleaseVersionCheck();

    private static DependencyNode graph(DependencyNode... children) {
        return new DependencyNode("com.example", "shop", "1.3.0", null, List.of(children));
    }

    private Result run(String version, ReleaseVersionConfig config, DependencyNode graph) throws Exception {
        CheckContext.Builder context = CheckContext.builder(dir).project(new ProjectId("com.example", "shop", version));
        if (graph != null) {
            context.dependencies(graph);
        }
        return check.run(config, context.build());
    }

    private Result run(String version) throws Exception {
        return run(version, ReleaseVersionConfig.defaults(), NO_DEPENDENCIES);
    }

    private Git repository() throws Exception {
        return Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
    }

    private RevCommit commit(Git git, String message) throws Exception {
        Files.writeString(dir.resolve("pom.xml"), message + System.nanoTime());
        git.add().addFilepattern("pom.xml").call();
        return git.commit().setMessage(message).setAuthor(DANA).setCommitter(DANA).setSign(false).call();
    }

    private void tag(Git git, String name, RevCommit commit, boolean annotated) throws Exception {
        if (annotated) {
            git.tag().setName(name).setObjectId(commit).setAnnotated(true).setSigned(false).setTagger(DANA).setMessage("release " + name).call();
        } else {
            git.tag().setName(name).setObjectId(commit).setAnnotated(false).call();
        }
    }

    // --- development builds ----------------------------------------------------------------------------------------------

    @Test
    void isSkippedOnASnapshotBuild() throws Exception {
        Result result = run("1.3.0-SNAPSHOT");

        assertThat(result.status()).isEqualTo(Status.SKIPPED);
        assertThat(result.summary()).isEqualTo("not a release build: versioning is judged on release builds (the version is 1.3.0-SNAPSHOT)");
    }

    @Test
    void failsASnapshotBuildWhenAReleaseIsRequired() throws Exception {
        Result result = run("1.3.0-SNAPSHOT", new ReleaseVersionConfig(null, true), NO_DEPENDENCIES);

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("the project version 1.3.0-SNAPSHOT is a SNAPSHOT, but requireRelease asks for a release build");
        assertThat(result.findings()).extracting(Finding::key, Finding::location).containsExactly(tuple("version:snapshot", "pom.xml"));
    }

    @Test
    void treatsADeployedSnapshotTimestampAsASnapshot() throws Exception {
        assertThat(run("1.3.0-20261201.101500-3").status()).isEqualTo(Status.SKIPPED);
        assertThat(Versions.isSnapshot("1.3.0-20261201.101500-3")).isTrue();
        assertThat(Versions.isSnapshot("2026.12.01-1")).isFalse();
    }

    // --- release builds --------------------------------------------------------------------------------------------------

    @Test
    void isErrorOutsideAGitRepositoryWhereNoReleaseTagCanBeRuledOut() throws Exception {
        Result result = run("1.3.0");

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("no Git repository to compare the version 1.3.0 with release tags: the project folder "
                + dir + " is in none, so an earlier, higher release cannot be ruled out");
        assertThat(result.remedy()).startsWith("Run the check in a clone of the project's repository");
        assertThat(result.evidence()).containsEntry("version", "1.3.0").containsEntry("snapshotDependencies", 0)
                .containsEntry("tags", Map.of("repository", false));
    }

    @Test
    void failsOutsideAGitRepositoryWhenAFindingAlreadyDecides() throws Exception {
        DependencyNode snapshot = new DependencyNode("com.example", "pricing", "2.1.0-SNAPSHOT", "compile", List.of());

        assertThat(run("1.3.0", ReleaseVersionConfig.defaults(), graph(snapshot)).status()).isEqualTo(Status.FAIL);
    }

    @Test
    void passesAFullCloneWithoutReleaseTagsAsTheFirstRelease() throws Exception {
        try (Git git = repository()) {
            commit(git, "first");
        }

        Result result = run("1.3.0");

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo("1.3.0 is a release version, with no SNAPSHOT dependency, and no release tag in the"
                + " repository yet");
        assertThat(result.evidence().get("tags")).isEqualTo(Map.of("read", 0, "ignored", 0, "shallow", false));
    }

    @Test
    void passesAboveTheLatestReleaseTagAnnotatedOrLightweightInEveryNamingShape() throws Exception {
        try (Git git = repository()) {
            tag(git, "1.0.0", commit(git, "first"), false);
            tag(git, "shop-1.1.0", commit(git, "second"), true);
            tag(git, "v1.2.0", commit(git, "third"), true);
            tag(git, "v1.2.0-rc1", commit(git, "fourth"), false);
            tag(git, "other-module-9.0.0", commit(git, "fifth"), false);
            tag(git, "nightly", commit(git, "sixth"), false);
        }

        Result result = run("1.3.0");

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo("1.3.0 is a release version, with no SNAPSHOT dependency, above the latest release tag"
                + " v1.2.0 (1.2.0)");
        assertThat(result.evidence().get("tags")).isEqualTo(Map.of("read", 4, "ignored", 2, "shallow", false, "latest", "v1.2.0"));
    }

    @Test
    void failsBelowTheLatestReleaseTagNamingIt() throws Exception {
        try (Git git = repository()) {
            tag(git, "shop-1.4.0", commit(git, "released"), true);
            commit(git, "work");
        }

        Result result = run("1.3.0");

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.findings()).extracting(Finding::key, Finding::location, Finding::message).containsExactly(tuple(
                "tag:shop-1.4.0", "refs/tags/shop-1.4.0", "the version 1.3.0 is below the release tag shop-1.4.0 (1.4.0): raise it"
                        + " above 1.4.0 (mvn versions:set -DnewVersion=...)"));
        assertThat(result.summary()).startsWith("the release version 1.3.0 is not releasable as it stands: the version 1.3.0 is below");
        assertThat(result.remedy()).contains("mvn versions:use-releases");
    }

    @Test
    void countsATagOfThisVersionOnHeadAsItsOwnAndOneElsewhereAsAConflict() throws Exception {
        RevCommit released;
        try (Git git = repository()) {
            tag(git, "v1.2.0", commit(git, "previous"), true);
            released = commit(git, "[maven-release-plugin] prepare release shop-1.3.0");
            tag(git, "shop-1.3.0", released, true);
        }

        Result onHead = run("1.3.0");

        assertThat(onHead.status()).isEqualTo(Status.PASS);
        assertThat(onHead.evidence().get("tags")).isEqualTo(Map.of("read", 2, "ignored", 0, "shallow", false, "own", "shop-1.3.0",
                "latest", "v1.2.0"));

        try (Git git = Git.open(dir.toFile())) {
            commit(git, "later work");
        }
        Result later = run("1.3.0");

        assertThat(later.status()).isEqualTo(Status.FAIL);
        assertThat(later.findings()).extracting(Finding::message).containsExactly("the version 1.3.0 is already released as tag"
                + " shop-1.3.0 at commit " + released.abbreviate(10).name() + ": raise it above 1.3.0 (mvn versions:set -DnewVersion=...)");
    }

    @Test
    void isErrorWhenAShallowCloneShowsNoReleaseTag() throws Exception {
        try (Git git = repository()) {
            RevCommit head = commit(git, "only the last commit");
            Files.writeString(dir.resolve(".git/shallow"), head.name() + "\n");
        }

        Result result = run("1.3.0");

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("the shallow clone at " + dir.toRealPath() + " shows no release tag, but an earlier,"
                + " higher release may be tagged in the repository; the version 1.3.0 cannot be compared with it");
        assertThat(result.remedy()).isEqualTo("Fetch the tags: git fetch --tags --unshallow, or actions/checkout with fetch-depth: 0"
                + " (GitLab CI: GIT_DEPTH: 0).");
        assertThat(result.evidence().get("tags")).isEqualTo(Map.of("read", 0, "ignored", 0, "shallow", true));
    }

    @Test
    void passesAShallowCloneThatShowsAReleaseTagSayingEarlierOnesMayBeMissing() throws Exception {
        try (Git git = repository()) {
            RevCommit head = commit(git, "the release before");
            tag(git, "v1.2.0", head, true);
            Files.writeString(dir.resolve(".git/shallow"), head.name() + "\n");
        }

        Result result = run("1.3.0");

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).endsWith("above the latest release tag v1.2.0 (1.2.0) (a shallow clone: earlier tags may be"
                + " missing; fetch them with fetch-depth: 0 or git fetch --tags --unshallow)");
    }

    @Test
    void failsOnEverySnapshotDependencyWithThePathThatPullsItIn() throws Exception {
        DependencyNode snapshot = new DependencyNode("com.example", "pricing", "2.1.0-SNAPSHOT", "compile", List.of());
        DependencyNode client = new DependencyNode("com.example", "client", "3.0.0", "compile", List.of(snapshot));
        DependencyNode fixtures = new DependencyNode("com.example", "fixtures", "0.9-SNAPSHOT", "test", List.of());

        Result result = run("1.3.0", ReleaseVersionConfig.defaults(), graph(client, fixtures, snapshot));

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.evidence()).containsEntry("snapshotDependencies", 2);
        assertThat(result.findings()).extracting(Finding::key, Finding::location).containsExactly(
                tuple("com.example:fixtures:0.9-SNAPSHOT", "shop:1.3.0 > fixtures:0.9-SNAPSHOT"),
                tuple("com.example:pricing:2.1.0-SNAPSHOT", "shop:1.3.0 > pricing:2.1.0-SNAPSHOT"));
        assertThat(result.findings().get(1).message()).isEqualTo("dependency com.example:pricing:2.1.0-SNAPSHOT (compile) is a SNAPSHOT,"
                + " pulled in by shop:1.3.0 > pricing:2.1.0-SNAPSHOT: depend on a release version");
    }

    @Test
    void reportsErrorWithoutADependencyGraph() throws Exception {
        Result result = run("1.3.0", ReleaseVersionConfig.defaults(), null);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("the dependency graph of com.example:shop was not given, so its SNAPSHOT dependencies"
                + " cannot be checked");
    }

    @Test
    void failsAnUnresolvedOrUnnumberedVersion() throws Exception {
        assertThat(run("${revision}").findings()).extracting(Finding::key).containsExactly("version:unresolved");
        Result result = run("RELEASE");
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.findings()).extracting(Finding::key).containsExactly("version:not-numbered");
    }

    // --- schemes ---------------------------------------------------------------------------------------------------------

    @Test
    void holdsTheVersionToTheNamedSchemes() throws Exception {
        record Row(String pattern, String version, boolean follows) {
        }
        try (Git git = repository()) {
            commit(git, "first");
        }
        for (Row row : List.of(
                new Row("semver", "1.3.0", true),
                new Row("semver", "1.3.0-rc.1+build.5", true),
                new Row("semver", "1.3", false),
                new Row("semver", "01.3.0", false),
                new Row("calver", "2026.12.1", true),
                new Row("calver", "26.12", true),
                new Row("calver", "2026.13.1", false),
                new Row("calver", "1.3.0", false),
                new Row("\\d+\\.\\d+", "1.3", true),
                new Row("\\d+\\.\\d+", "1.3.0", false))) {
            Result result = run(row.version(), new ReleaseVersionConfig(row.pattern(), null), NO_DEPENDENCIES);
            assertThat(result.status()).as("%s %s", row.pattern(), row.version()).isEqualTo(row.follows() ? Status.PASS : Status.FAIL);
        }
        assertThat(run("1.3", new ReleaseVersionConfig("semver", null), NO_DEPENDENCIES).findings()).extracting(Finding::message)
                .containsExactly("the version 1.3 does not follow semver: expected MAJOR.MINOR.PATCH, e.g. 1.4.0 (semver.org)");
    }

    @Test
    void rejectsAnInvalidOrOverlongPatternUpFront() {
        assertThatThrownBy(() -> new ReleaseVersionConfig("(1.2", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("pattern is neither semver, calver nor a valid regular expression: Unclosed group");
        assertThatThrownBy(() -> new ReleaseVersionConfig("a".repeat(501), null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pattern is 501 characters long; at most 500 are accepted (or use semver or calver)");
    }

    // --- hostile input ---------------------------------------------------------------------------------------------------

    @Test
    @Timeout(10)
    void reportsErrorOnABacktrackingPatternInsteadOfHanging() throws Exception {
        // a back reference defeats the JDK's memoization of repeated groups, so this one backtracks exponentially
        Result result = run("1111111111111111111111111111111111111111x", new ReleaseVersionConfig("((1+)\\2?)+y", null), NO_DEPENDENCIES);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).contains("takes more than 1000000 steps");
    }

    @Test
    @Timeout(10)
    void refusesAVersionOfAHundredThousandDigits() throws Exception {
        Result result = run("9".repeat(100_000));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("the project version is 100000 characters long (" + "9".repeat(39) + "…), longer than"
                + " the 128 a version is compared at; not evaluated");
    }

    @Test
    @Timeout(20)
    void ignoresATagNamedWithTenThousandCharacters() throws Exception {
        RevCommit head;
        try (Git git = repository()) {
            head = commit(git, "release");
            tag(git, "v1.2.0", head, false);
        }
        // a loose ref of that name would exceed the file system's name limit; packed-refs holds any length
        String name = "v1." + "9".repeat(10_000);
        Files.writeString(dir.resolve(".git/packed-refs"), "# pack-refs with: peeled fully-peeled sorted \n" + head.name()
                + " refs/tags/" + name + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);

        Result result = run("1.3.0");

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.evidence().get("tags")).isEqualTo(Map.of("read", 1, "ignored", 1, "shallow", false, "latest", "v1.2.0"));
    }
}

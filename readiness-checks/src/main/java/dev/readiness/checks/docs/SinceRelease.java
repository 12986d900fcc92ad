package dev.readiness.checks.docs;

import dev.readiness.checks.release.ReleaseTags;
import dev.readiness.text.Words;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.versioning.ComparableVersion;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * What changed in the project's Git repository between the latest release tag (the highest version, as Maven orders
 * versions, of the tags {@code releaseVersion} reads) and HEAD: the files, relative to the project folder. Without a
 * repository, a release tag or the tag's commit (a shallow clone), {@link #reason()} says why nothing can be compared.
 *
 * @param tag     the latest release tag, or {@code null}
 * @param changed the files that differ between the tag's commit and HEAD, relative to the project folder (committed changes only)
 * @param reason  why no comparison was made, or {@code null}
 */
record SinceRelease(String tag, List<String> changed, String reason) {

    /** The most changed files listed; a release with more is compared on these. */
    static final int MAX_CHANGED = 100_000;

    static SinceRelease read(Path basedir, String artifactId) throws IOException {
        ReleaseTags tags = ReleaseTags.read(basedir, artifactId);
        if (tags.repository() == null) {
            return new SinceRelease(null, List.of(), "the project is not in a Git repository");
        }
        ReleaseTags.Tag latest = null;
        for (ReleaseTags.Tag tag : tags.tags()) {
            if (latest == null || new ComparableVersion(tag.version()).compareTo(new ComparableVersion(latest.version())) > 0) {
                latest = tag;
            }
        }
        if (latest == null) {
            return new SinceRelease(null, List.of(), "the repository has no release tag yet" + (tags.shallow()
                    ? " (a shallow clone: fetch tags with fetch-depth: 0)" : ""));
        }
        if (tags.head() == null) {
            return new SinceRelease(latest.name(), List.of(), "the repository has no commit");
        }
        String prefix = Words.path(tags.repository().toRealPath(), basedir.toRealPath());
        prefix = prefix.isEmpty() ? "" : prefix + "/";
        try (Repository repository = new FileRepositoryBuilder().findGitDir(basedir.toFile()).setMustExist(true).build();
             RevWalk walk = new RevWalk(repository);
             TreeWalk tree = new TreeWalk(repository)) {
            ObjectId from;
            try {
                from = walk.parseCommit(latest.commit()).getTree();
            } catch (org.eclipse.jgit.errors.MissingObjectException e) {
                return new SinceRelease(latest.name(), List.of(), "the commit of release tag " + latest.name()
                        + " is not in this clone (a shallow clone: fetch with fetch-depth: 0)");
            }
            tree.addTree(from);
            tree.addTree(walk.parseCommit(repository.resolve(Constants.HEAD)).getTree());
            tree.setRecursive(true);
            tree.setFilter(TreeFilter.ANY_DIFF);
            List<String> changed = new ArrayList<>();
            while (tree.next() && changed.size() < MAX_CHANGED) {
                String path = tree.getPathString();
                if (path.startsWith(prefix)) {
                    changed.add(path.substring(prefix.length()));
                }
            }
            return new SinceRelease(latest.name(), List.copyOf(changed), null);
        }
    }

    /** Whether the file or folder {@code path} (relative to the project folder, forward slashes) changed. */
    boolean changed(String path) {
        String folder = path.endsWith("/") ? path : path + "/";
        return changed.stream().anyMatch(p -> p.equals(path) || p.startsWith(folder));
    }

    /** The changed files of the project's code (below {@code src/main/}), leaving out the document {@code except} itself. */
    List<String> codeChanges(String except) {
        return changed.stream().filter(p -> p.startsWith("src/main/") && !p.equals(except)).toList();
    }
}

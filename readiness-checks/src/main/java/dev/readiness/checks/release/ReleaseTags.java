package dev.readiness.checks.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The release tags of the Git repository that holds the project folder, read with JGit: each tag's name, the
 * version it names ({@link Versions#ofTag}) and the commit it points at (annotated tags peeled), with HEAD and
 * whether the clone is shallow (CI checkouts often are, and then lack tags).
 *
 * @param repository the repository's work tree, or {@code null} when the project is not in a Git repository
 * @param head       the commit HEAD points at, or {@code null} (no commit yet)
 * @param shallow    whether the clone is shallow ({@code .git/shallow})
 * @param tags       the release tags, in the repository's order
 * @param ignored    how many tags name no release of this artifact (other names, other artifacts, SNAPSHOTs, too long)
 */
public record ReleaseTags(Path repository, ObjectId head, boolean shallow, List<Tag> tags, int ignored) {

    /** The most tags read; more are ignored, and said so. */
    static final int MAX_TAGS = 100_000;

    /** One release tag: its name, the version it names, and its commit. */
    public record Tag(String name, String version, ObjectId commit) {

        /** The commit's id shortened to 10 hex digits, as Git shows it. */
        public String shortCommit() {
            return commit.abbreviate(10).name();
        }
    }

    /**
     * Whether the tag points at HEAD. Here rather than in the check, so that verifying the check's class (when the
     * engine discovers every check) loads nothing of JGit, whose jar is signed and costly to open.
     */
    public boolean onHead(Tag tag) {
        return tag.commit().equals(head);
    }

    public static ReleaseTags read(Path basedir, String artifactId) throws IOException {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(basedir.toFile());
        if (builder.getGitDir() == null) {
            return new ReleaseTags(null, null, false, List.of(), 0);
        }
        builder.setMustExist(true);
        try (Repository repository = builder.build()) {
            ObjectId head = repository.resolve(Constants.HEAD);
            Path gitDir = repository.getDirectory().toPath();
            boolean shallow = Files.isRegularFile(gitDir.resolve("shallow")) && Files.size(gitDir.resolve("shallow")) > 0;
            List<Tag> tags = new ArrayList<>();
            int ignored = 0;
            for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
                String name = ref.getName().substring(Constants.R_TAGS.length());
                String version = Versions.ofTag(name, artifactId);
                if (version == null || tags.size() >= MAX_TAGS) {
                    ignored++;
                    continue;
                }
                Ref peeled = repository.getRefDatabase().peel(ref);
                ObjectId commit = peeled.getPeeledObjectId() != null ? peeled.getPeeledObjectId() : ref.getObjectId();
                tags.add(new Tag(name, version, commit));
            }
            Path workTree = repository.isBare() ? gitDir : repository.getWorkTree().toPath();
            return new ReleaseTags(workTree, head, shallow, List.copyOf(tags), ignored);
        }
    }
}

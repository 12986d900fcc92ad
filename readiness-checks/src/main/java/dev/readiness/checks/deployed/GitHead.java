package dev.readiness.checks.deployed;

import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** The commit HEAD points at in the Git repository that holds the project folder, read with JGit. */
final class GitHead {

    private GitHead() {
    }

    /**
     * @return the full commit id in lower case, or {@code null} when the folder is in no Git repository or HEAD has no commit
     * @throws IOException when the repository cannot be read
     */
    static String of(Path basedir) throws IOException {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(basedir.toFile());
        if (builder.getGitDir() == null) {
            return null;
        }
        builder.setMustExist(true);
        try (Repository repository = builder.build()) {
            ObjectId head = repository.resolve(Constants.HEAD);
            return head == null ? null : head.name();
        }
    }
}

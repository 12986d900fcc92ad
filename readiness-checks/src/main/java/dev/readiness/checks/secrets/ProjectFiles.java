package dev.readiness.checks.secrets;

import dev.readiness.check.Finding;
import dev.readiness.io.BoundedInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.ignore.IgnoreNode;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The files the {@code secrets} check reads under the project folder: those git tracks, or without a
 * repository the file tree less what {@code .gitignore} files exclude.
 *
 * <p>With a repository (found from the project folder upwards, as git finds it), the files are the
 * entries of the index: what is committed, or staged to be. Their content is read from the
 * repository's objects, not the working tree, so an edit not yet staged is not read and a tracked
 * symbolic link is never followed (git stores only its target's name). Submodules are not entered.
 *
 * <p>Without one, the folder is walked without following links, skipping {@code .git}, the build
 * folder, and what the {@code .gitignore} files of the folder and its subfolders exclude (parsed with
 * JGit's {@link IgnoreNode}, the deeper file deciding first, as git does). A link that resolves outside
 * the project is listed as not followed.
 */
final class ProjectFiles implements AutoCloseable {

    /** How the files were found, as the evidence says it. */
    static final String GIT = "git index";
    static final String TREE = "file tree, less what .gitignore excludes (no git repository)";

    private static final int MAX_DEPTH = 64;

    /** One file to read. */
    interface Entry {
        /** Its path relative to the project folder, with forward slashes. */
        String path();

        /** Its content, or {@code null} with {@link Content#size()} when it is larger than {@code maxBytes}. */
        Content read(long maxBytes) throws IOException;
    }

    /** What reading a file gave: its size, and its bytes unless it was too large. */
    record Content(long size, byte[] bytes) {
    }

    private final String source;
    private final String repository;
    private final Repository git;
    private final List<Entry> entries = new ArrayList<>();
    private final List<Finding> notes = new ArrayList<>();
    private final Set<String> skipped = new TreeSet<>();
    private int symlinks;
    private int submodules;
    private boolean truncated;

    private ProjectFiles(String source, String repository, Repository git) {
        this.source = source;
        this.repository = repository;
        this.git = git;
    }

    /**
     * Lists the files under {@code basedir}, at most {@code maxFiles} (then {@link #truncated()}).
     *
     * @param buildDirectory left out of the file tree (git decides for itself)
     */
    static ProjectFiles list(Path basedir, Path buildDirectory, int maxFiles) throws IOException {
        Path base = basedir.toRealPath();
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(base.toFile());
        if (builder.getGitDir() != null) {
            Repository git = builder.setMustExist(true).build();
            try {
                Path work = git.isBare() ? null : git.getWorkTree().toPath().toRealPath();
                if (work != null && base.startsWith(work)) {
                    String shown = base.relativize(work).toString().replace('\\', '/');
                    ProjectFiles files = new ProjectFiles(GIT, shown.isEmpty() ? "." : shown, git);
                    files.index(base, maxFiles);
                    return files;
                }
            } catch (IOException | RuntimeException e) {
                git.close();
                throw e;
            }
            git.close();
        }
        ProjectFiles files = new ProjectFiles(TREE, null, null);
        Path build = buildDirectory.toAbsolutePath().normalize();
        files.walk(base, base, "", new ArrayList<>(), Files.exists(build) ? build.toRealPath() : build, maxFiles, 0);
        return files;
    }

    // --- with a repository --------------------------------------------------------------------------------------------

    private void index(Path base, int maxFiles) throws IOException {
        Path work = git.getWorkTree().toPath().toRealPath();
        String prefix = work.equals(base) ? "" : work.relativize(base).toString().replace('\\', '/') + "/";
        DirCache index = git.readDirCache();
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < index.getEntryCount(); k++) {
            DirCacheEntry entry = index.getEntry(k);
            String path = entry.getPathString();
            if (!path.startsWith(prefix) || !seen.add(path)) {
                continue;
            }
            FileMode mode = entry.getFileMode();
            if (mode == FileMode.SYMLINK) {
                symlinks++;
            } else if (mode == FileMode.GITLINK) {
                submodules++;
            } else if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
                if (entries.size() >= maxFiles) {
                    truncated = true;
                    return;
                }
                entries.add(new Blob(path.substring(prefix.length()), entry.getObjectId()));
            }
        }
    }

    /** A file as git stores it. */
    private final class Blob implements Entry {
        private final String path;
        private final ObjectId id;

        Blob(String path, ObjectId id) {
            this.path = path;
            this.id = id.copy();
        }

        @Override
        public String path() {
            return path;
        }

        @Override
        public Content read(long maxBytes) throws IOException {
            ObjectLoader loader = git.open(id, Constants.OBJ_BLOB);
            long size = loader.getSize();
            return size > maxBytes ? new Content(size, null) : new Content(size, loader.getCachedBytes((int) maxBytes));
        }
    }

    // --- without one --------------------------------------------------------------------------------------------------

    /** One folder's {@code .gitignore}, with the folder's path relative to the project ("" or "src/"). */
    private record Ignores(IgnoreNode node, String folder) {
    }

    private void walk(Path base, Path folder, String relative, List<Ignores> ignores, Path build, int maxFiles, int depth)
            throws IOException {
        if (depth > MAX_DEPTH) {
            note(relative + ":too-deep", relative + " is more than " + MAX_DEPTH + " folders deep; not read", relative);
            return;
        }
        List<Ignores> here = ignores;
        Path gitignore = folder.resolve(Constants.DOT_GIT_IGNORE);
        if (Files.isRegularFile(gitignore, LinkOption.NOFOLLOW_LINKS)) {
            IgnoreNode node = new IgnoreNode();
            try (InputStream in = new BoundedInput(Files.newInputStream(gitignore), SecretsConfig.DEFAULT_MAX_FILE_BYTES,
                    relative + Constants.DOT_GIT_IGNORE)) {
                node.parse(in);
            }
            here = new ArrayList<>(ignores);
            here.add(new Ignores(node, relative));
        }
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> list = Files.newDirectoryStream(folder)) {
            list.forEach(children::add);
        }
        children.sort(null);
        for (Path child : children) {
            if (truncated || Thread.currentThread().isInterrupted()) {
                return;
            }
            String name = child.getFileName().toString();
            String path = relative + name;
            BasicFileAttributes attributes = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (name.equals(Constants.DOT_GIT) || ignored(here, path, attributes.isDirectory())) {
                continue;
            }
            if (child.toAbsolutePath().normalize().equals(build)) {
                skipped.add(path + "/ (the build folder)");
            } else if (attributes.isSymbolicLink()) {
                symlinks++;
                link(base, child, path);
            } else if (attributes.isDirectory()) {
                walk(base, child, path + "/", here, build, maxFiles, depth + 1);
            } else if (attributes.isRegularFile()) {
                if (entries.size() >= maxFiles) {
                    truncated = true;
                    return;
                }
                entries.add(new TreeFile(path, child));
            }
        }
    }

    /** A link is not followed; one that leads out of the project is named, since what it reaches is not the project's. */
    private void link(Path base, Path link, String path) {
        Path target;
        try {
            target = link.toRealPath();
        } catch (IOException e) {
            return; // a dangling link holds nothing
        }
        if (!target.startsWith(base)) {
            notes.add(Finding.of(path + " is a symbolic link to " + target + ", outside the project; not followed")
                    .key(path + ":outside-project").at(path).note().build());
        }
    }

    /** Whether the .gitignore files exclude the path: the deepest that says anything decides. */
    private static boolean ignored(List<Ignores> ignores, String path, boolean directory) {
        for (int k = ignores.size() - 1; k >= 0; k--) {
            Ignores rules = ignores.get(k);
            Boolean ignored = rules.node().checkIgnored(path.substring(rules.folder().length()), directory);
            if (ignored != null) {
                return ignored;
            }
        }
        return false;
    }

    /** A file of the tree, read without following a link. */
    private record TreeFile(String path, Path file) implements Entry {
        @Override
        public Content read(long maxBytes) throws IOException {
            long size = Files.size(file);
            if (size > maxBytes) {
                return new Content(size, null);
            }
            try (InputStream in = new BoundedInput(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS), maxBytes, path)) {
                byte[] bytes = in.readAllBytes();
                return new Content(bytes.length, bytes);
            } catch (BoundedInput.LimitExceededException e) {
                return new Content(maxBytes + 1, null); // it grew while read
            }
        }
    }

    private void note(String key, String message, String location) {
        notes.add(Finding.of(message).key(key).at(location).note().build());
    }

    /** {@link #GIT} or {@link #TREE}. */
    String source() {
        return source;
    }

    /** The repository's work tree as seen from the project folder ({@code .}, {@code ..}), or {@code null} without one. */
    String repository() {
        return repository;
    }

    List<Entry> entries() {
        return entries;
    }

    /** Links not followed, folders too deep: remarks, not reasons to fail. */
    List<Finding> notes() {
        return notes;
    }

    /** Folders left out of the tree besides what .gitignore excludes (the build folder). */
    List<String> skipped() {
        return List.copyOf(skipped);
    }

    int symlinks() {
        return symlinks;
    }

    int submodules() {
        return submodules;
    }

    /** Whether there were more files than the check reads. */
    boolean truncated() {
        return truncated;
    }

    @Override
    public void close() {
        if (git != null) {
            git.close();
        }
    }
}

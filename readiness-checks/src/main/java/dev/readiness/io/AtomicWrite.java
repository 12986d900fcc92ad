package dev.readiness.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Replaces a file's content in one move, so that a reader never sees it half written: the bytes go to
 * a sibling named by this process and thread, which is then moved over the file (atomically where the
 * file system can).
 */
public final class AtomicWrite {

    private AtomicWrite() {
    }

    /** Writes {@code bytes} as the whole content of {@code file}, creating its folder when missing. */
    public static void replace(Path file, byte[] bytes) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        // A name of this process and thread: unique among writers, and cheaper than createTempFile.
        Path temp = folder.resolve(file.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-" + Thread.currentThread().getId());
        try {
            Files.write(temp, bytes);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}

package dev.readiness.io;

/** A file another tool wrote that cannot be read as what it should be; the message is one line saying why. */
public final class UnreadableFileException extends Exception {

    public UnreadableFileException(String reason) {
        super(reason);
    }
}

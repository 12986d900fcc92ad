package dev.readiness.checks.performance;

/** A results file that cannot be read as what it should be; the message is one line saying why. */
final class UnreadableException extends Exception {

    UnreadableException(String message) {
        super(message);
    }
}

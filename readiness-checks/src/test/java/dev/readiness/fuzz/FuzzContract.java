package dev.readiness.fuzz;

import java.util.function.Supplier;

/**
 * The checks every {@code *FuzzTest} makes of a parser's answer: plain conditions rather than AssertJ
 * chains, since they run for every part of every one of a million inputs, with the description built
 * only when a check fails.
 */
public final class FuzzContract {

    private FuzzContract() {
    }

    /** Fails the input, described as {@code what}, unless the condition holds. */
    public static void check(boolean condition, Supplier<String> what) {
        if (!condition) {
            throw new AssertionError(what.get());
        }
    }

    /** Fails the input unless the text is one line: no line feed, no carriage return. */
    public static void checkOneLine(String text, String what) {
        check(isOneLine(text), () -> what + " is not one line: " + text);
    }

    /** Whether the text holds no line feed and no carriage return. */
    public static boolean isOneLine(String text) {
        return text.indexOf('\n') < 0 && text.indexOf('\r') < 0;
    }
}

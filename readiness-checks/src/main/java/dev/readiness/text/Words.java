package dev.readiness.text;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/** How every message prints paths, counts and durations, one way for the engine and every check. */
public final class Words {

    private Words() {
    }

    /** A path as shown to people: relative to the project folder with forward slashes, else absolute. */
    public static String path(Path basedir, Path path) {
        Path base = basedir.toAbsolutePath().normalize();
        Path absolute = path.toAbsolutePath().normalize();
        Path shown = absolute.startsWith(base) ? base.relativize(absolute) : absolute;
        return shown.toString().replace(File.separatorChar, '/');
    }

    /**
     * The text cut to at most {@code max} characters, ending in "…" when cut, never between the two
     * halves of a character outside the Basic Multilingual Plane (an emoji).
     */
    public static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Math.max(0, max - 1);
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    /**
     * One line: control characters (ANSI escapes among them), line breaks, and the invisible
     * characters that reorder or hide text (bidi controls, zero-width characters) become spaces;
     * {@code null} becomes "".
     */
    public static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        return INVISIBLE.matcher(text).replaceAll(" ").trim();
    }

    private static final Pattern INVISIBLE =
            Pattern.compile("[\\s\\p{Cntrl}\\u2028\\u2029\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2069\\uFEFF]+");

    /** A URL as written, with any user info ({@code https://user:pass@host}) left out, for a message about it. */
    public static String withoutUserInfo(String url) {
        return url.replaceAll("//[^/@]*@", "//");
    }

    /** Text from the outside world as one line of at most {@code max} characters ({@code …} marks a cut). */
    public static String oneLine(String text, int max) {
        return cut(oneLine(text), max);
    }

    /** "1 test", "3 tests": the count and the word, with an s unless the count is one. */
    public static String plural(long count, String word) {
        return plural(count, word, word + "s");
    }

    /** "1 class has", "2 classes have": the count and the form that agrees with it. */
    public static String plural(long count, String one, String many) {
        return count + " " + (count == 1 ? one : many);
    }

    /** {@code 500ms}, {@code 1.5s}, {@code 10s}, {@code 2m}, {@code 1h}: the largest whole unit, as configuration is written. */
    public static String duration(Duration duration) {
        long ms = duration.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms % 1000 != 0) {
            return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        long s = ms / 1000;
        return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}

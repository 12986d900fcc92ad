package dev.readiness.checks.edge;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How minified a script or stylesheet is, from two figures: the share of its characters that are whitespace outside
 * strings or are comments ({@code waste}), and its average line length. A file is judged unminified when its waste is
 * above {@link #MAX_WASTE} (15%), or when it has at least {@link #MIN_LINES_FOR_LENGTH} (10) lines averaging under
 * {@link #MIN_AVERAGE_LINE} (80) characters. Minifiers (Terser, esbuild, cssnano) leave 0–5% waste, a license banner
 * included, and lines of thousands of characters; hand-written sources have 20–40% waste (indentation, comments) and
 * lines of 20–40 characters.
 *
 * <p>The scan knows strings, comments and (in scripts) regular expression literals well enough to count, not to parse:
 * a string or a regular expression ends at the end of its line at the latest, so a misread cannot swallow the file.
 *
 * @param characters    the characters scanned
 * @param waste         whitespace outside strings plus comment characters
 * @param lines         lines (a final line without a line break counts)
 * @param averageLine   characters per line, rounded down
 */
record Minification(int characters, int waste, int lines, int averageLine) {

    static final BigDecimal MAX_WASTE = new BigDecimal("0.15");
    static final int MIN_AVERAGE_LINE = 80;
    static final int MIN_LINES_FOR_LENGTH = 10;

    /** Measures a script ({@code script} true: line comments and regular expressions) or a stylesheet. */
    static Minification measure(String text, boolean script) {
        int waste = 0;
        int lines = text.isEmpty() ? 0 : 1;
        char previous = '(';
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            char next = i + 1 < n ? text.charAt(i + 1) : 0;
            if (c == '\n') {
                lines += i + 1 < n ? 1 : 0;
            }
            if (Character.isWhitespace(c)) {
                waste++;
            } else if (c == '/' && next == '*') {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                waste += end - i;
                lines += count(text, i, end);
                i = end - 1;
            } else if (script && c == '/' && next == '/') {
                int end = lineEnd(text, i);
                waste += end - i;
                i = end - 1;
            } else if (c == '"' || c == '\'' || c == '`' || script && c == '/' && "(,=:[!&|?{};+-*%<>~^".indexOf(previous) >= 0) {
                int end = literalEnd(text, i, c == '`');
                if (c == '`') {
                    lines += count(text, i, end);
                }
                i = end - 1;
                previous = 'a';
            } else {
                previous = c;
            }
        }
        return new Minification(n, waste, lines, lines == 0 ? 0 : n / lines);
    }

    /** Whether the figures are those of a minified file (see the class comment for the thresholds). */
    boolean minified() {
        return wasteRatio().compareTo(MAX_WASTE) <= 0 && !(lines >= MIN_LINES_FOR_LENGTH && averageLine < MIN_AVERAGE_LINE);
    }

    /** The waste as a fraction of the characters, exact to four places (rounded down). */
    BigDecimal wasteRatio() {
        return characters == 0 ? BigDecimal.ZERO
                : BigDecimal.valueOf(waste).divide(BigDecimal.valueOf(characters), 4, RoundingMode.DOWN);
    }

    /** "31.2% whitespace and comments, 42 lines averaging 28 characters". */
    String describe() {
        return wasteRatio().movePointRight(2).setScale(1, RoundingMode.DOWN) + "% whitespace and comments, " + lines
                + (lines == 1 ? " line of " : " lines averaging ") + averageLine + " characters";
    }

    /** The end (exclusive) of the string, template or regular expression opened at {@code start}. */
    private static int literalEnd(String text, int start, boolean template) {
        char quote = text.charAt(start);
        boolean inClass = false;
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '\n' && !template) {
                return i;
            } else if (quote == '/' && c == '[') {
                inClass = true;
            } else if (quote == '/' && c == ']') {
                inClass = false;
            } else if (c == quote && !inClass) {
                return i + 1;
            }
        }
        return text.length();
    }

    private static int lineEnd(String text, int from) {
        int end = text.indexOf('\n', from);
        return end < 0 ? text.length() : end;
    }

    private static int count(String text, int from, int to) {
        int lines = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n' && i + 1 < text.length()) {
                lines++;
            }
        }
        return lines;
    }
}

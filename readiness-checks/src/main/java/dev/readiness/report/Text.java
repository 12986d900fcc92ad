package dev.readiness.report;

import dev.readiness.text.Words;

/** Escaping for text quoted from outside (test names, headers, advisory text) in each report format. */
final class Text {

    private Text() {
    }

    /** One line, as {@link Words#oneLine} makes it. */
    static String oneLine(String text) {
        return Words.oneLine(text);
    }

    /**
     * Inline Markdown: characters with meaning in Markdown or HTML are escaped, so quoted text renders
     * as text. With brackets escaped no link or image can form, so parentheses stay as they are; {@code @}
     * is written as an entity so quoted text cannot mention (notify) people in a pull-request comment, and
     * the {@code :} of {@code ://} and the {@code .} of {@code www.} too, so a quoted URL stays text
     * instead of becoming a link (GitHub links bare URLs).
     */
    static String markdown(String text) {
        return escaped(text, (line, i) -> switch (line.charAt(i)) {
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '&' -> "&amp;";
            case '@' -> "&#64;";
            case ':' -> line.startsWith("//", i + 1) ? "&#58;" : null;
            case '.' -> i >= 3 && line.regionMatches(true, i - 3, "www", 0, 3) ? "&#46;" : null;
            case '\\', '`', '*', '_', '[', ']', '#', '|', '~' -> "\\" + line.charAt(i);
            default -> null;
        });
    }

    /**
     * HTML text or attribute value: one line, as {@link #oneLine} makes it, with {@code & < > " '} written
     * as character references, so quoted text can neither close an element or attribute nor open one.
     */
    static String html(String text) {
        return escaped(text, (line, i) -> switch (line.charAt(i)) {
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '&' -> "&amp;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            default -> null;
        });
    }

    /** What to write for the character at an index of a line: its escape, or {@code null} for the character itself. */
    private interface Escape {
        String at(String line, int index);
    }

    private static String escaped(String text, Escape escape) {
        String line = oneLine(text);
        StringBuilder out = new StringBuilder(line.length() + 16);
        for (int i = 0; i < line.length(); i++) {
            String replacement = escape.at(line, i);
            if (replacement == null) {
                out.append(line.charAt(i));
            } else {
                out.append(replacement);
            }
        }
        return out.toString();
    }

    /** XML 1.0 text: characters XML cannot carry are dropped (the writer escapes the rest). */
    static String xml(String text) {
        if (text == null) {
            return "";
        }
        return text.replaceAll("[^\\x09\\x0A\\x0D\\x20-\\uD7FF\\uE000-\\uFFFD\\x{10000}-\\x{10FFFF}]", "");
    }
}

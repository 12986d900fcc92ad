package dev.readiness.engine;

import dev.readiness.check.Ratio;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The percentage an item's text states (">80%", "at least 80 %", "80% or more"), read as an
 * inclusive minimum whatever word precedes it: checklists write ">80%" loosely. With several, the
 * highest counts.
 */
final class ChecklistFigure {

    private static final Pattern PERCENT = Pattern.compile("(?<![\\d.])(\\d{1,3}(?:\\.\\d{1,6})?) ?%");

    private ChecklistFigure() {
    }

    /** The highest percentage of 100% or less the text states, or {@code null}. */
    static Ratio of(String text) {
        Ratio highest = null;
        Matcher m = PERCENT.matcher(text);
        while (m.find()) {
            try {
                Ratio figure = Ratio.parse(m.group(1) + "%");
                if (highest == null || figure.compareTo(highest) > 0) {
                    highest = figure;
                }
            } catch (IllegalArgumentException above100) {
                // "120%" is no minimum a ratio can meet: not a figure of this kind
            }
        }
        return highest;
    }
}

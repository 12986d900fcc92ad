package dev.readiness.checks.headers;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A letter grade of the MDN HTTP Observatory, best first: {@code A+} down to {@code F}. Written
 * as the Observatory prints it ({@code "A+"}, {@code "B-"}) or as the constant's name ({@code A_PLUS}).
 */
public enum Grade {
    A_PLUS("A+"), A("A"), A_MINUS("A-"),
    B_PLUS("B+"), B("B"), B_MINUS("B-"),
    C_PLUS("C+"), C("C"), C_MINUS("C-"),
    D_PLUS("D+"), D("D"), D_MINUS("D-"),
    F("F");

    /** The lowest score of each grade but F, in declaration order. */
    private static final int[] FLOORS = {100, 90, 85, 80, 70, 65, 60, 50, 45, 40, 30, 25};

    private final String text;

    Grade(String text) {
        this.text = text;
    }

    /** Reads {@code A+}, {@code a-}, {@code B} or {@code A_PLUS}; anything else is an error listing the grades. */
    @JsonCreator
    public static Grade parse(String text) {
        String wanted = text == null ? "" : text.trim();
        for (Grade grade : values()) {
            if (grade.text.equalsIgnoreCase(wanted) || grade.name().equalsIgnoreCase(wanted)) {
                return grade;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not an Observatory grade: write one of "
                + Arrays.stream(values()).map(Grade::toString).collect(Collectors.joining(", ")));
    }

    /**
     * The grade of a score by the Observatory's chart: 100 and more is A+, 90 A, 85 A-, 80 B+, 70 B,
     * 65 B-, 60 C+, 50 C, 45 C-, 40 D+, 30 D, 25 D-, less F (the Observatory rounds down to a
     * multiple of 5 first, which these floors make unnecessary).
     */
    static Grade ofScore(int score) {
        Grade[] grades = values();
        for (int i = 0; i < FLOORS.length; i++) {
            if (score >= FLOORS[i]) {
                return grades[i];
            }
        }
        return F;
    }

    /** Whether this grade is as good as {@code minimum} or better. */
    boolean isAtLeast(Grade minimum) {
        return ordinal() <= minimum.ordinal();
    }

    @JsonValue
    @Override
    public String toString() {
        return text;
    }
}

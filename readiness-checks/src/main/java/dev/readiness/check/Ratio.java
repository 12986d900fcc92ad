package dev.readiness.check;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A ratio between 0 and 1, written {@code 80%} or {@code 0.8}. A bare {@code 80} is rejected
 * ("did you mean 80%?"), as is anything above 100% or below 0.
 *
 * @param value the ratio, 0..1
 * @since 0.1.0
 */
public record Ratio(double value) implements Comparable<Ratio> {

    public Ratio {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("a ratio must lie between 0% and 100%, got " + value);
        }
    }

    /** Parses {@code 80%}, {@code 79.5 %} or {@code 0.8}. */
    @JsonCreator
    public static Ratio parse(String text) {
        String s = text == null ? "" : text.trim();
        boolean percent = s.endsWith("%");
        String number = percent ? s.substring(0, s.length() - 1).trim() : s;
        BigDecimal parsed;
        try {
            parsed = new BigDecimal(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a ratio: write a percentage like 80% or a fraction like 0.8");
        }
        if (percent) {
            if (parsed.signum() < 0 || parsed.compareTo(BigDecimal.valueOf(100)) > 0) {
                throw new IllegalArgumentException("'" + text + "' is not a ratio: a percentage lies between 0% and 100%");
            }
            return new Ratio(parsed.doubleValue() / 100);
        }
        if (parsed.compareTo(BigDecimal.ONE) > 0 && parsed.compareTo(BigDecimal.valueOf(100)) <= 0) {
            throw new IllegalArgumentException("'" + text + "' is not a ratio: did you mean " + parsed.stripTrailingZeros().toPlainString() + "%?");
        }
        if (parsed.signum() < 0 || parsed.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("'" + text + "' is not a ratio: write a percentage between 0% and 100% or a fraction between 0 and 1");
        }
        return new Ratio(parsed.doubleValue());
    }

    /** A ratio written as a number in YAML or JSON: {@code 0.8}; a bare {@code 80} is rejected like the text. */
    @JsonCreator
    public static Ratio parse(double number) {
        return parse(BigDecimal.valueOf(number).stripTrailingZeros().toPlainString());
    }

    public static Ratio of(double value) {
        return new Ratio(value);
    }

    /** The ratio as a percentage with one decimal, rounded down: 0.7996 prints "79.9%". */
    public String percentFloor() {
        return percent(RoundingMode.FLOOR);
    }

    /** The ratio as a percentage with one decimal, rounded up: for a maximum that was exceeded. */
    public String percentCeiling() {
        return percent(RoundingMode.CEILING);
    }

    private String percent(RoundingMode mode) {
        return new BigDecimal(Double.toString(value)).movePointRight(2).setScale(1, mode).toPlainString() + "%";
    }

    @JsonValue
    @Override
    public String toString() {
        return new BigDecimal(Double.toString(value)).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    @Override
    public int compareTo(Ratio other) {
        return Double.compare(value, other.value);
    }
}

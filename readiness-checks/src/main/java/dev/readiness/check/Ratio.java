package dev.readiness.check;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A ratio between 0 and 1, written {@code 80%} or {@code 0.8}, held as an exact decimal from parsing
 * to printing: {@code 56.7%} prints as written, and 6,667 of 10,000 meets {@code 66.67%}. A bare
 * {@code 80} is rejected ("did you mean 80%?"), as is anything above 100% or below 0.
 *
 * @param value the ratio, 0..1, exactly as written (or as divided, see {@link #of(long, long)})
 * @since 0.1.0
 */
public record Ratio(BigDecimal value) implements Comparable<Ratio> {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** Digits kept when a ratio is a quotient that does not terminate (1 of 3), rounded down. */
    private static final MathContext QUOTIENT = new MathContext(20, RoundingMode.FLOOR);

    public Ratio {
        if (value == null || value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0) {
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
        if (parsed.scale() > 20 || parsed.precision() - parsed.scale() > 20) {
            throw new IllegalArgumentException("'" + text + "' is not a ratio: too many digits");
        }
        if (percent) {
            if (parsed.signum() < 0 || parsed.compareTo(HUNDRED) > 0) {
                throw new IllegalArgumentException("'" + text + "' is not a ratio: a percentage lies between 0% and 100%");
            }
            return new Ratio(parsed.movePointLeft(2));
        }
        if (parsed.compareTo(BigDecimal.ONE) > 0 && parsed.compareTo(HUNDRED) <= 0) {
            throw new IllegalArgumentException("'" + text + "' is not a ratio: did you mean " + parsed.stripTrailingZeros().toPlainString() + "%?");
        }
        if (parsed.signum() < 0 || parsed.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("'" + text + "' is not a ratio: write a percentage between 0% and 100% or a fraction between 0 and 1");
        }
        return new Ratio(parsed);
    }

    /** A ratio written as a number in YAML or JSON: {@code 0.8}; a bare {@code 80} is rejected like the text. */
    @JsonCreator
    public static Ratio parse(double number) {
        return parse(BigDecimal.valueOf(number).toPlainString());
    }

    /** A ratio written as a whole number in YAML or JSON: {@code 1} or {@code 0}; a bare {@code 80} is rejected like the text. */
    @JsonCreator
    public static Ratio parse(long number) {
        return parse(Long.toString(number));
    }

    /** The ratio of a decimal written in code: {@code Ratio.of(0.8)} is exactly 0.8. */
    public static Ratio of(double value) {
        return new Ratio(BigDecimal.valueOf(value));
    }

    /** {@code part} of {@code whole}, exact when the quotient terminates, else rounded down at 20 digits. */
    public static Ratio of(long part, long whole) {
        if (whole <= 0 || part < 0 || part > whole) {
            throw new IllegalArgumentException("not a ratio: " + part + " of " + whole);
        }
        return new Ratio(BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), QUOTIENT));
    }

    /** Whether {@code part} of {@code whole} reaches this ratio, compared exactly. */
    public boolean isMetBy(long part, long whole) {
        return BigDecimal.valueOf(part).compareTo(value.multiply(BigDecimal.valueOf(whole))) >= 0;
    }

    /** The ratio as a percentage with one decimal, rounded down: 0.7996 prints "79.9%". */
    public String percentFloor() {
        return percentFloor(1);
    }

    /** The ratio as a percentage with the given decimals, rounded down (toward failing a minimum). */
    public String percentFloor(int decimals) {
        return value.movePointRight(2).setScale(decimals, RoundingMode.FLOOR).toPlainString() + "%";
    }

    /** The ratio as a percentage with one decimal, rounded up: for a maximum that was exceeded. */
    public String percentCeiling() {
        return value.movePointRight(2).setScale(1, RoundingMode.CEILING).toPlainString() + "%";
    }

    /** The decimals this ratio needs as a percentage, at least one: 80% has 1, 66.67% has 2. */
    public int percentDecimals() {
        return Math.max(1, value.movePointRight(2).stripTrailingZeros().scale());
    }

    /** A threshold as people wrote it, with at least one decimal: "80.0%", "56.7%", "66.67%". */
    public String shown() {
        return value.movePointRight(2).setScale(percentDecimals(), RoundingMode.UNNECESSARY).toPlainString() + "%";
    }

    @JsonValue
    @Override
    public String toString() {
        return value.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Ratio r && value.compareTo(r.value) == 0;
    }

    @Override
    public int hashCode() {
        return value.stripTrailingZeros().hashCode();
    }

    @Override
    public int compareTo(Ratio other) {
        return value.compareTo(other.value);
    }
}

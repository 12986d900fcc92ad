package dev.readiness.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RatioTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"80%, 0.8", "0.8, 0.8", "79.5 %, 0.795", "100%, 1", "0, 0", "1, 1", "0%, 0"})
    void acceptsPercentagesAndFractions(String text, double value) {
        assertThat(Ratio.parse(text).value()).isEqualByComparingTo(java.math.BigDecimal.valueOf(value));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "80|'80' is not a ratio: did you mean 80%?",
            "180%|'180%' is not a ratio: a percentage lies between 0% and 100%",
            "abc|'abc' is not a ratio: write a percentage like 80% or a fraction like 0.8",
            "-0.1|'-0.1' is not a ratio: write a percentage between 0% and 100% or a fraction between 0 and 1",
            "180|'180' is not a ratio: write a percentage between 0% and 100% or a fraction between 0 and 1"})
    void rejectsWhatIsNotARatio(String text, String message) {
        assertThatThrownBy(() -> Ratio.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @ParameterizedTest(name = "{0} is kept exactly and prints as written: {1}")
    @CsvSource({"56.7%, 56.7%", "66.67%, 66.67%", "80%, 80.0%", "0.8, 80.0%", "0.5675, 56.75%", "100%, 100.0%"})
    void keepsAThresholdExactlyAsWritten(String text, String shown) {
        assertThat(Ratio.parse(text).shown()).isEqualTo(shown);
    }

    @ParameterizedTest(name = "{0} of {1} meets {2}: {3}")
    @CsvSource({"6667, 10000, 66.67%, true", "6666, 10000, 66.67%, false", "2, 3, 66.67%, false", "2, 3, 66.66%, true",
            "567, 1000, 56.7%, true", "4, 5, 80%, true", "799, 1000, 80%, false"})
    void comparesAPartOfAWholeExactly(long part, long whole, String minimum, boolean met) {
        assertThat(Ratio.parse(minimum).isMetBy(part, whole)).isEqualTo(met);
        assertThat(Ratio.of(part, whole).compareTo(Ratio.parse(minimum)) >= 0).isEqualTo(met);
    }

    @ParameterizedTest(name = "{0} prints {1} toward failing a minimum")
    @CsvSource({"0.7996, 79.9%", "0.8, 80.0%", "0.76425, 76.4%", "1, 100.0%", "0.0001, 0.0%"})
    void printsOneDecimalRoundedDown(double value, String printed) {
        assertThat(Ratio.of(value).percentFloor()).isEqualTo(printed);
    }
}

package dev.readiness.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WordsTest {

    @ParameterizedTest(name = "{0} ms prints {1}")
    @CsvSource({"0, 0ms", "500, 500ms", "1500, 1.5s", "10000, 10s", "90000, 90s", "120000, 2m", "3600000, 1h", "5400000, 90m"})
    void printsADurationInItsLargestWholeUnit(long millis, String printed) {
        assertThat(Words.duration(Duration.ofMillis(millis))).isEqualTo(printed);
    }

    @Test
    void printsACountWithTheWordThatAgreesWithIt() {
        assertThat(Words.plural(1, "test")).isEqualTo("1 test");
        assertThat(Words.plural(0, "test")).isEqualTo("0 tests");
        assertThat(Words.plural(2, "class has", "classes have")).isEqualTo("2 classes have");
    }

    @Test
    void printsAPathRelativeToTheProjectElseAbsolute() {
        Path base = Path.of("/work/shop");
        assertThat(Words.path(base, base.resolve("target/surefire-reports"))).isEqualTo("target/surefire-reports");
        assertThat(Words.path(base, Path.of("/elsewhere/x.exec"))).isEqualTo("/elsewhere/x.exec");
    }
}

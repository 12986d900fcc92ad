package dev.readiness.checks.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Flyway's versions, one row per way of writing them. */
class FlywayVersionTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "none", value = {
            "1, 1",
            "1_1, 1.1",
            "1.1, 1.1",
            "1_2_3, 1.2.3",
            "01.02, 1.2",
            "1.0, 1",
            "1.0.0, 1",
            "0, 0",
            "2023_11_30_1200, 2023.11.30.1200",
            "12345678901234567890123, 12345678901234567890123",
            "1..2, none",
            "1.a, none",
            "'', none",
            "_1, none"})
    void normalisesAsFlywayComparesVersions(String written, String normalised) {
        assertThat(FlywayVersion.normalise(written)).isEqualTo(normalised);
    }
}

package dev.readiness.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.readiness.check.Ratio;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigBinderTest {

    enum Counter { LINE, BRANCH }

    record Sample(Ratio minimum, Counter counter, List<String> excludes, Map<Counter, Ratio> limits, Duration timeout) {
    }

    private static JsonNode yaml(String text) throws Exception {
        return new YAMLMapper().readTree(text);
    }

    @Test
    void bindsYamlWithRatiosEnumsListsMapsAndDurations() throws Exception {
        Sample sample = ConfigBinder.bind("coverage", Sample.class, yaml("""
                minimum: 80%
                counter: branch
                excludes: [a.*, b.*]
                limits: {LINE: 0.9}
                timeout: 500ms
                """), List.of());

        assertThat(sample).isEqualTo(new Sample(Ratio.of(0.8), Counter.BRANCH, List.of("a.*", "b.*"),
                Map.of(Counter.LINE, Ratio.of(0.9)), Duration.ofMillis(500)));
    }

    @Test
    void bindsPomXmlShapedByTheRecord() throws Exception {
        ConfigElement xml = new ConfigElement("coverage", null, List.of(
                ConfigElement.text("minimum", "0.75"),
                new ConfigElement("excludes", null, List.of(ConfigElement.text("exclude", "gen.*"))),
                new ConfigElement("limits", null, List.of(ConfigElement.text("BRANCH", "60%"), ConfigElement.text("LINE", "70%"))),
                ConfigElement.text("timeout", "2m")));

        Sample sample = ConfigBinder.bind("coverage", Sample.class, ConfigBinder.toTree(xml, Sample.class), List.of());

        assertThat(sample).isEqualTo(new Sample(Ratio.of(0.75), null, List.of("gen.*"),
                Map.of(Counter.BRANCH, Ratio.of(0.6), Counter.LINE, Ratio.of(0.7)), Duration.ofMinutes(2)));
    }

    @Test
    void rejectsAnUnknownParameterListingTheKnownOnes() {
        assertThatThrownBy(() -> ConfigBinder.bind("coverage", Sample.class, yaml("minimun: 80%"), List.of("level")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("unknown parameter 'minimun' of coverage (did you mean 'minimum'?); known parameters: "
                        + "counter, excludes, level, limits, minimum, timeout");
    }

    @Test
    void rejectsAPercentageAboveOneHundred() {
        assertThatThrownBy(() -> ConfigBinder.bind("coverage", Sample.class, yaml("minimum: 180%"), List.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("coverage.minimum: '180%' is not a ratio: a percentage lies between 0% and 100%");
    }

    @Test
    void rejectsABarePercentageNumber() {
        assertThatThrownBy(() -> ConfigBinder.bind("coverage", Sample.class, yaml("minimum: 80"), List.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("coverage.minimum: '80' is not a ratio: did you mean 80%?");
    }

    @Test
    void rejectsTextThatIsNotARatio() {
        assertThatThrownBy(() -> ConfigBinder.bind("coverage", Sample.class, yaml("minimum: abc"), List.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("coverage.minimum: 'abc' is not a ratio: write a percentage like 80% or a fraction like 0.8");
    }

    @Test
    void rejectsAnUnknownEnumValue() {
        assertThatThrownBy(() -> ConfigBinder.bind("coverage", Sample.class, yaml("counter: lines"), List.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("coverage.counter: 'lines' is not valid; valid values: LINE, BRANCH");
    }

    @Test
    void rejectsABadDuration() {
        assertThatThrownBy(() -> ConfigBinder.bind("http", Sample.class, yaml("timeout: soon"), List.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("http.timeout: 'soon' is not a duration: write it as 10s, 500ms, 2m or 1h");
    }
}

package dev.readiness.checks.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.readiness.checks.http.StrictJson;
import java.io.InputStream;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Prometheus' answers, as a real Prometheus 2.42.0 gave them ({@link RecordedAnswer}) and, for what that version cannot
 * produce, in the shapes its HTTP API documents (see the fixtures' README), read as series or refused.
 */
class QueryAnswerTest {

    /** The JSON of a recording, or of a documented-shape fixture when the name ends with {@code .json}. */
    static JsonNode fixture(String name) throws Exception {
        if (!name.endsWith(".json")) {
            return StrictJson.MAPPER.readTree(RecordedAnswer.named(name).body());
        }
        try (InputStream in = QueryAnswerTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return StrictJson.MAPPER.readTree(in.readAllBytes());
        }
    }

    @Test
    void readsAVectorWithItsLabelsInPrometheusOrder() throws Exception {
        QueryAnswer answer = QueryAnswer.read(fixture("up-one-series"));

        assertThat(answer.resultType()).isEqualTo("vector");
        assertThat(answer.series()).singleElement().satisfies(s -> {
            assertThat(s.labelText()).isEqualTo("{__name__=\"up\",instance=\"127.0.0.1:39090\",job=\"prometheus\"}");
            assertThat(s.value()).isEqualTo("1");
        });
        assertThat(answer.warnings()).isEmpty();
        assertThat(answer.infos()).isEmpty();
    }

    @Test
    void readsEverySeriesValueExactlyAsPrometheusPrintsIt() throws Exception {
        QueryAnswer answer = QueryAnswer.read(fixture("several-series"));

        assertThat(answer.series()).extracting(QueryAnswer.Series::labelText, QueryAnswer.Series::number).containsExactly(
                tuple("{handler=\"/api/v1/query\"}", new BigDecimal("0.09838694767979293")),
                tuple("{handler=\"/metrics\"}", new BigDecimal("0.050699300699300696")));
    }

    @Test
    void readsAScalarAsOneSeriesWithoutLabels() throws Exception {
        QueryAnswer answer = QueryAnswer.read(fixture("scalar"));

        assertThat(answer.resultType()).isEqualTo("scalar");
        assertThat(answer.series()).singleElement().satisfies(s -> {
            assertThat(s.labels()).isEmpty();
            assertThat(s.labelText()).isEqualTo("{}");
            assertThat(s.number()).isEqualByComparingTo("1");
        });
    }

    @Test
    void readsAnEmptyVectorAsNoSeries() throws Exception {
        assertThat(QueryAnswer.read(fixture("unknown-metric-empty")).series()).isEmpty();
        assertThat(QueryAnswer.read(fixture("error-ratio-without-5xx-series")).series()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            error-ratio-no-traffic-nan | NaN
            division-by-zero           | +Inf
            """)
    void readsNanAndInfinityAsValuesThatAreNoNumber(String recording, String value) throws Exception {
        assertThat(QueryAnswer.read(fixture(recording)).series()).singleElement().satisfies(s -> {
            assertThat(s.value()).isEqualTo(value);
            assertThat(s.number()).isNull();
        });
    }

    @Test
    void keepsWarningsApartFromInfos() throws Exception {
        QueryAnswer warned = QueryAnswer.read(fixture("remote-read-warning-with-data"));
        QueryAnswer informed = QueryAnswer.read(fixture("cpu-baseline-with-info.json"));

        assertThat(warned.warnings()).containsExactly("remote_read: error sending request: Post"
                + " \"http://127.0.0.1:39091/api/v1/read\": dial tcp 127.0.0.1:39091: connect: connection refused");
        assertThat(warned.infos()).isEmpty();
        assertThat(warned.series()).hasSize(1);
        assertThat(informed.infos()).containsExactly("PromQL info: metric might not be a counter, name does not end in"
                + " _total/_sum/_count/_bucket: \"container_cpu_usage_seconds\" (1:10)");
        assertThat(informed.warnings()).isEmpty();
        assertThat(informed.series()).extracting(QueryAnswer.Series::number)
                .containsExactly(new BigDecimal("0.37"), new BigDecimal("0.41"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            parse-error           | Prometheus answered an error, errorType bad_data: invalid parameter "query": 1:45: parse error: unclosed left parenthesis
            query-timeout         | Prometheus answered an error, errorType timeout: query timed out in query execution
            range-vector          | the expression returns a range vector (resultType matrix), not one value per series: aggregate it over the range, as rate(x[15m]) or avg_over_time(x[15m]) do
            native-histogram.json | the series {__name__="http_request_duration_seconds",job="shop"} is a native histogram, not a number: wrap it in histogram_quantile(), histogram_count() or histogram_sum()
            """)
    void refusesAnswersThatHoldNoNumber(String fixture, String message) throws Exception {
        JsonNode json = fixture(fixture);

        assertThatThrownBy(() -> QueryAnswer.read(json)).isInstanceOf(QueryAnswer.UnusableException.class).hasMessage(message);
    }

    @Test
    void aTimeoutCarriesItsOwnRemedyAndOtherErrorsNone() throws Exception {
        JsonNode timeout = fixture("query-timeout");
        JsonNode execution = fixture("many-to-many");

        assertThatThrownBy(() -> QueryAnswer.read(timeout)).isInstanceOfSatisfying(QueryAnswer.UnusableException.class,
                e -> assertThat(e.remedy()).startsWith("Prometheus stopped the query at the timeout this build sends"));
        assertThatThrownBy(() -> QueryAnswer.read(execution)).isInstanceOfSatisfying(QueryAnswer.UnusableException.class, e -> {
            assertThat(e.getMessage()).startsWith("Prometheus answered an error, errorType execution: found duplicate series");
            assertThat(e.remedy()).isNull();
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"status":"ok"}                                                                | the answer's status is 'ok', neither success nor error, so it is not Prometheus' HTTP API
            []                                                                             | the answer is not a JSON object, so it is not Prometheus' HTTP API
            {"status":"success","data":{}}                                                 | the answer has no data.resultType and data.result
            {"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,0.5]}]}}   | a value is not [<unix time>, "<number>"] as Prometheus writes one
            {"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"1e99999"]}]}} | the value '1e99999' is not a number
            {"status":"success","data":{"resultType":"vector","result":[{"value":[1,"1"]}]}} | a series of the vector has no metric labels object
            {"status":"success","data":{"resultType":"string","result":[1,"x"]}}           | the expression returns a string (resultType string), not a number
            """)
    void refusesWhatIsNotTheDocumentedShape(String json, String message) throws Exception {
        JsonNode node = StrictJson.MAPPER.readTree(json);

        assertThatThrownBy(() -> QueryAnswer.read(node)).isInstanceOf(QueryAnswer.UnusableException.class).hasMessage(message);
    }

    @Test
    void flattensLabelValuesToOneLine() throws Exception {
        JsonNode json = StrictJson.MAPPER.readTree("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
                + "[{\"metric\":{\"path\":\"/a\\n\\u001b[31mFAKE\"},\"value\":[1,\"1\"]}]}}");

        assertThat(QueryAnswer.read(json).series()).singleElement()
                .satisfies(s -> assertThat(s.labelText()).isEqualTo("{path=\"/a [31mFAKE\"}"));
    }
}

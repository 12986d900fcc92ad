package dev.readiness.checks.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.readiness.checks.http.StrictJson;
import java.io.InputStream;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Prometheus' answers, in the shapes its HTTP API documents (see the fixtures' README), read as series or refused. */
class QueryAnswerTest {

    static JsonNode fixture(String name) throws Exception {
        try (InputStream in = QueryAnswerTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return StrictJson.MAPPER.readTree(in.readAllBytes());
        }
    }

    @Test
    void readsTheDocumentationsVectorExampleWithLabelsInOrder() throws Exception {
        QueryAnswer answer = QueryAnswer.read(fixture("up-two-targets.json"));

        assertThat(answer.resultType()).isEqualTo("vector");
        assertThat(answer.series()).extracting(QueryAnswer.Series::labelText, QueryAnswer.Series::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple("{__name__=\"up\",job=\"prometheus\",instance=\"localhost:9090\"}", "1"),
                org.assertj.core.groups.Tuple.tuple("{__name__=\"up\",job=\"node\",instance=\"localhost:9100\"}", "0"));
        assertThat(answer.warnings()).isEmpty();
    }

    @Test
    void readsAScalarAsOneSeriesWithoutLabels() throws Exception {
        QueryAnswer answer = QueryAnswer.read(fixture("p99-latency-scalar.json"));

        assertThat(answer.resultType()).isEqualTo("scalar");
        assertThat(answer.series()).singleElement().satisfies(s -> {
            assertThat(s.labels()).isEmpty();
            assertThat(s.labelText()).isEqualTo("{}");
            assertThat(s.number()).isEqualByComparingTo("0.245");
        });
    }

    @Test
    void readsAnEmptyVectorAsNoSeries() throws Exception {
        assertThat(QueryAnswer.read(fixture("empty-vector.json")).series()).isEmpty();
    }

    @Test
    void readsNanAsAValueThatIsNoNumber() throws Exception {
        assertThat(QueryAnswer.read(fixture("no-traffic-nan.json")).series()).singleElement()
                .satisfies(s -> {
                    assertThat(s.value()).isEqualTo("NaN");
                    assertThat(s.number()).isNull();
                });
    }

    @Test
    void keepsInfoAnnotationsAsWarnings() throws Exception {
        QueryAnswer answer = QueryAnswer.read(fixture("cpu-baseline-with-info.json"));

        assertThat(answer.warnings()).containsExactly("PromQL info: metric might not be a counter, name does not end in"
                + " _total/_sum/_count/_bucket: \"container_cpu_usage_seconds\" (1:10)");
        assertThat(answer.series()).extracting(QueryAnswer.Series::number)
                .containsExactly(new BigDecimal("0.37"), new BigDecimal("0.41"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bad-data-parse-error.json | Prometheus answered an error, errorType bad_data: invalid parameter "query": 1:45: parse error: unexpected right bracket ']'
            range-vector-matrix.json  | the expression returns a range vector (resultType matrix), not one value per series: aggregate it over the range, as rate(x[15m]) or avg_over_time(x[15m]) do
            native-histogram.json     | the series {__name__="http_request_duration_seconds",job="shop"} is a native histogram, not a number: wrap it in histogram_quantile(), histogram_count() or histogram_sum()
            """)
    void refusesAnswersThatHoldNoNumber(String fixture, String message) throws Exception {
        JsonNode json = fixture(fixture);

        assertThatThrownBy(() -> QueryAnswer.read(json)).isInstanceOf(QueryAnswer.UnusableException.class).hasMessage(message);
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

package dev.readiness.checks.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.readiness.text.Words;
import java.io.IOException;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * One GET of a JSON document from the deployed service (an Actuator endpoint such as {@code /actuator/info}) through the
 * shared client: the body read up to {@link HttpClients#MAX_BODY_BYTES} and parsed by {@link StrictJson}, or one line
 * saying why there is no document (unreachable, timed out, HTTP status other than 2xx, empty, not JSON).
 */
public final class JsonGet {

    private static final String ACCEPT = "application/json, application/vnd.spring-boot.actuator.v3+json, */*;q=0.5";

    /** Why a GET gave no document, for the remedy the caller gives. */
    public enum Problem {
        /** No answer: connection refused, timed out, TLS failed, a body over the limit. */
        UNREACHABLE,
        /** HTTP 401, 403 or 407. */
        CREDENTIALS,
        /** Another status than 2xx. */
        STATUS,
        /** A 2xx whose body is empty or not JSON. */
        NOT_JSON
    }

    /**
     * What one GET gave: the document, or the problem and one line about it.
     *
     * @param json    the parsed body, or {@code null} when there is none
     * @param problem why there is none, or {@code null}
     * @param failure one line naming the URL and what went wrong, or {@code null}
     */
    public record Answer(JsonNode json, Problem problem, String failure) {
    }

    private JsonGet() {
    }

    /** GETs {@code url} once; never throws for what the service or the network does. */
    public static Answer get(OkHttpClient client, HttpUrl url, Duration timeout) {
        String shown = HttpMessages.display(url);
        try (Response response = client.newCall(new Request.Builder().url(url).header("Accept", ACCEPT).get().build()).execute()) {
            int code = response.code();
            if (code == 401 || code == 403 || code == 407) {
                return new Answer(null, Problem.CREDENTIALS, shown + " answered HTTP " + code + ": the endpoint needs credentials");
            }
            if (code < 200 || code > 299) {
                return new Answer(null, Problem.STATUS, shown + " answered HTTP " + code + ", not 2xx");
            }
            byte[] body = BoundedBody.read(response.body(), "the answer of " + shown);
            JsonNode json;
            try {
                json = StrictJson.MAPPER.readTree(body);
            } catch (JsonProcessingException e) {
                return new Answer(null, Problem.NOT_JSON, shown + " answered HTTP " + code + " with a body that is not JSON ("
                        + Words.oneLine(e.getOriginalMessage(), 150) + (e.getLocation() == null ? ""
                        : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()) + ")");
            }
            if (json == null || json.isMissingNode()) {
                return new Answer(null, Problem.NOT_JSON, shown + " answered HTTP " + code + " with an empty body");
            }
            return new Answer(json, null, null);
        } catch (IOException e) {
            return new Answer(null, Problem.UNREACHABLE, HttpMessages.describe(e, url, timeout));
        }
    }

    /** The remedy for a problem, naming the endpoint that should answer ({@code /actuator/info}) and how to expose it. */
    public static String remedy(Problem problem, String endpoint, String expose) {
        return switch (problem) {
            case UNREACHABLE -> HttpMessages.UNREACHABLE_REMEDY;
            case CREDENTIALS -> "Send credentials with <http><headers> (an Authorization header taken from an environment variable),"
                    + " or let " + endpoint + " answer without authentication.";
            case STATUS, NOT_JSON -> "Expose " + endpoint + " (" + expose + "), or point the check's url at where it answers JSON.";
        };
    }
}

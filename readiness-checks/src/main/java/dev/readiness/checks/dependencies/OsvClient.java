package dev.readiness.checks.dependencies;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.readiness.checks.http.HttpClients;
import dev.readiness.checks.http.HttpMessages;
import dev.readiness.io.BoundedInput;
import dev.readiness.text.Words;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A client of the OSV API v1: {@code POST /v1/querybatch} in batches of at most 1000 queries,
 * following each result's {@code next_page_token}, and {@code GET /v1/vulns/{id}} for the records,
 * a bounded number at a time. Every call is safe to repeat ({@code querybatch} only reads, though
 * it is a POST): a pooled connection the server has closed since its last answer is replaced by a
 * fresh one at once ({@link HttpClients}), and a 429 or 5xx answer, a failed connection or an answer
 * broken off is retried with exponential backoff (honouring {@code Retry-After}) within a bounded
 * total time; then, or on any other non-2xx answer or a body that is not the JSON expected, an
 * {@link OsvException} says what was asked and what went wrong, naming the cause (refused, closed
 * without answering, broken off). Response bodies are read up to a bound.
 */
final class OsvClient {

    /** OSV's own limit of queries per batch ({@code maxBatchQueries}). */
    static final int MAX_BATCH = 1000;
    /** The most of a batch answer read: OSV caps HTTP/1.1 responses at 32 MiB. */
    static final long MAX_BATCH_BYTES = 32L * 1024 * 1024;
    /** The most of one record read. */
    static final long MAX_RECORD_BYTES = 4L * 1024 * 1024;
    /** OSV answers a batch within its 35 s batch timeout; wait that long whatever the HTTP timeout. */
    static final Duration BATCH_TIMEOUT = Duration.ofSeconds(40);
    /** Rounds of {@code next_page_token} followed before giving up on a server that never stops paging. */
    static final int MAX_PAGES = 100;

    private static final MediaType JSON = MediaType.get("application/json");

    /**
     * How calls are retried.
     *
     * @param attempts   the most attempts of one call (the first included)
     * @param firstDelay the wait before the first retry; doubled before each next one
     * @param budget     the most time one call may take with its retries: no retry starts after it
     * @param parallel   how many records are fetched at a time
     */
    record Policy(int attempts, Duration firstDelay, Duration budget, int parallel) {
        static final Policy DEFAULT = new Policy(4, Duration.ofMillis(500), Duration.ofSeconds(30), 8);
    }

    /** One advisory a query listed: its id and when it was last modified. */
    record VulnRef(String id, String modified) {
    }

    /** One query: a Maven package and version. */
    record Query(String packageName, String version) {
    }

    private final OkHttpClient client;
    private final OkHttpClient batchClient;
    private final HttpUrl base;
    private final String shownBase;
    private final Policy policy;
    private final AtomicInteger requests = new AtomicInteger();

    OsvClient(OkHttpClient client, String osvUrl, Policy policy) {
        this.client = client;
        Duration longest = BATCH_TIMEOUT.compareTo(Duration.ofMillis(client.readTimeoutMillis())) > 0 ? BATCH_TIMEOUT
                : Duration.ofMillis(client.readTimeoutMillis());
        this.batchClient = client.newBuilder().readTimeout(longest).callTimeout(longest).build();
        this.base = HttpUrl.get(osvUrl);
        this.shownBase = osvUrl;
        this.policy = policy;
    }

    /** How many HTTP requests were sent (retries included). */
    int requests() {
        return requests.get();
    }

    /**
     * The advisories listed for each query, in the order of the queries, every page followed.
     */
    List<List<VulnRef>> queryBatch(List<Query> queries) throws OsvException {
        List<List<VulnRef>> answers = new ArrayList<>(queries.size());
        for (int from = 0; from < queries.size(); from += MAX_BATCH) {
            answers.addAll(batch(queries.subList(from, Math.min(queries.size(), from + MAX_BATCH))));
        }
        return answers;
    }

    private List<List<VulnRef>> batch(List<Query> queries) throws OsvException {
        List<List<VulnRef>> answers = new ArrayList<>(queries.size());
        for (int i = 0; i < queries.size(); i++) {
            answers.add(new ArrayList<>());
        }
        Map<Integer, String> pending = new LinkedHashMap<>();
        for (int i = 0; i < queries.size(); i++) {
            pending.put(i, null);
        }
        for (int round = 0; !pending.isEmpty(); round++) {
            if (round == MAX_PAGES) {
                throw new OsvException("OSV API at " + shownBase + " was still paging after " + MAX_PAGES
                        + " rounds of next_page_token for POST /v1/querybatch");
            }
            List<Integer> asked = new ArrayList<>(pending.keySet());
            ObjectNode body = OsvRecord.MAPPER.createObjectNode();
            ArrayNode list = body.putArray("queries");
            for (int index : asked) {
                Query q = queries.get(index);
                ObjectNode query = list.addObject();
                query.putObject("package").put("name", q.packageName()).put("ecosystem", "Maven");
                query.put("version", q.version());
                if (pending.get(index) != null) {
                    query.put("page_token", pending.get(index));
                }
            }
            List<Query> askedQueries = asked.stream().map(queries::get).toList();
            JsonNode results = post("v1/querybatch", body, askedQueries);
            pending.clear();
            for (int k = 0; k < asked.size(); k++) {
                int index = asked.get(k);
                JsonNode result = results.get(k);
                JsonNode vulns = result.get("vulns");
                for (int v = 0; vulns != null && v < vulns.size(); v++) {
                    JsonNode modified = vulns.get(v).get("modified");
                    answers.get(index).add(new VulnRef(vulns.get(v).get("id").textValue(), modified == null ? null : modified.textValue()));
                }
                JsonNode token = result.get("next_page_token");
                if (token != null && !token.textValue().isEmpty()) {
                    pending.put(index, token.textValue());
                }
            }
        }
        return answers;
    }

    /** The batch's {@code results}, one per query, each held to the shape OSV documents before anything uses it. */
    private JsonNode post(String path, JsonNode body, List<Query> queries) throws OsvException {
        HttpUrl url = base.newBuilder().addPathSegments(path).build();
        byte[] bytes;
        try {
            bytes = OsvRecord.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serialises", e);
        }
        // A batch query only reads, though it is a POST: safe to send again on a fresh connection.
        Request request = HttpClients.safeToRepeat(new Request.Builder().url(url).post(RequestBody.create(bytes, JSON)).build());
        String what = "POST /" + path + " with " + Words.plural(queries.size(), "query", "queries");
        JsonNode tree = call(batchClient, request, what, MAX_BATCH_BYTES);
        JsonNode results = tree.get("results");
        if (results == null || !results.isArray()) {
            throw answered(what, results == null ? "its answer holds no results" : "its results are " + OsvSchema.kind(results) + ", not an array");
        }
        if (results.size() != queries.size()) {
            throw answered(what, "it gave " + Words.plural(results.size(), "result") + " for " + Words.plural(queries.size(), "query", "queries"));
        }
        for (int k = 0; k < queries.size(); k++) {
            String problem = resultProblem(results.get(k));
            if (problem != null) {
                Query query = queries.get(k);
                throw answered(what, "its result for " + query.packageName() + ":" + query.version() + " " + problem);
            }
        }
        return results;
    }

    /**
     * How one batch result breaks the documented shape ({@code {"vulns":[{"id","modified"}],"next_page_token"}},
     * every part optional but the id), or {@code null}.
     */
    private static String resultProblem(JsonNode result) {
        if (!result.isObject()) {
            return "is " + OsvSchema.kind(result) + ", not an object";
        }
        JsonNode vulns = result.get("vulns");
        if (vulns != null && !vulns.isArray()) {
            return "gives vulns as " + OsvSchema.kind(vulns) + ", not an array";
        }
        for (int v = 0; vulns != null && v < vulns.size(); v++) {
            JsonNode vuln = vulns.get(v);
            JsonNode id = vuln.get("id");
            JsonNode modified = vuln.get("modified");
            if (!vuln.isObject()) {
                return "lists " + OsvSchema.kind(vuln) + " as an advisory";
            } else if (id == null || !id.isTextual()) {
                return "lists an advisory without a string id (" + (id == null ? "none" : OsvSchema.kind(id)) + ")";
            } else if (!OsvRecord.isId(id.textValue())) {
                return "lists '" + OsvSchema.shown(id.textValue()) + "', which is not an OSV id";
            } else if (modified != null && !isTime(modified)) {
                return "gives " + id.textValue() + " a modified time that is not RFC 3339";
            }
        }
        JsonNode token = result.get("next_page_token");
        return token != null && !token.isTextual() ? "gives a next_page_token that is " + OsvSchema.kind(token) + ", not a string" : null;
    }

    private static boolean isTime(JsonNode node) {
        try {
            return node.isTextual() && OsvSchema.time(node.textValue()) != null;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** The API answered, but with something unusable: asking again will not help. */
    private OsvException answered(String what, String problem) {
        return new OsvException("OSV API at " + shownBase + " answered " + what + ", but " + problem, true);
    }

    /**
     * The records of these ids, fetched {@link Policy#parallel()} at a time; every failure is reported at once.
     */
    Map<String, JsonNode> vulns(Collection<String> ids) throws OsvException {
        Map<String, JsonNode> records = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return records;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(policy.parallel(), ids.size()), r -> {
            Thread thread = new Thread(r, "readiness-osv");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Map<String, Future<JsonNode>> futures = new LinkedHashMap<>();
            for (String id : ids) {
                futures.put(id, pool.submit(() -> vuln(id)));
            }
            List<String> failures = new ArrayList<>();
            for (Map.Entry<String, Future<JsonNode>> entry : futures.entrySet()) {
                try {
                    records.put(entry.getKey(), entry.getValue().get());
                } catch (ExecutionException e) {
                    failures.add(e.getCause().getMessage());
                }
            }
            if (!failures.isEmpty()) {
                throw new OsvException(failures.get(0) + (failures.size() == 1 ? "" : " (and " + (failures.size() - 1) + " more failed like it)"));
            }
            return records;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OsvException("interrupted while asking the OSV API at " + shownBase + " for advisory records");
        } finally {
            pool.shutdownNow();
        }
    }

    private JsonNode vuln(String id) throws OsvException {
        HttpUrl url = base.newBuilder().addPathSegments("v1/vulns").addPathSegment(id).build();
        JsonNode record = call(client, new Request.Builder().url(url).get().build(), "GET /v1/vulns/" + id, MAX_RECORD_BYTES);
        if (!id.equals(record.path("id").asText())) {
            throw new OsvException("OSV API at " + shownBase + " answered GET /v1/vulns/" + id + " with a record that is not " + id, true);
        }
        return record;
    }

    /** One call with retries; the parsed JSON body of a 2xx answer. */
    private JsonNode call(OkHttpClient http, Request request, String what, long maxBytes) throws OsvException {
        long start = System.nanoTime();
        long delay = policy.firstDelay().toMillis();
        for (int attempt = 1; ; attempt++) {
            String failure;
            long retryAfter = -1;
            requests.incrementAndGet();
            try (Response response = http.newCall(request).execute()) {
                if (response.isSuccessful()) {
                    return parse(response.body(), what, maxBytes);
                }
                failure = "answered " + response.code() + " for " + what + detail(response.body());
                if (response.code() != 429 && response.code() < 500) {
                    throw new OsvException("OSV API at " + shownBase + " " + failure, true);
                }
                retryAfter = retryAfterMillis(response.header("Retry-After"));
            } catch (InterruptedIOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new OsvException("interrupted while asking the OSV API at " + shownBase + " for " + what);
                }
                failure = "did not answer " + what + " within " + Words.duration(Duration.ofMillis(http.callTimeoutMillis()));
            } catch (IOException e) {
                failure = failure(e, what);
            }
            long wait = retryAfter >= 0 ? retryAfter : delay;
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            if (attempt >= policy.attempts() || elapsed + wait > policy.budget().toMillis()) {
                throw new OsvException("OSV API at " + shownBase + " " + failure + (attempt > 1 ? ", after " + attempt + " attempts" : ""));
            }
            try {
                TimeUnit.MILLISECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OsvException("interrupted while waiting to retry " + what + " at the OSV API at " + shownBase);
            }
            delay *= 2;
        }
    }

    /**
     * The JSON object of a 2xx answer. A body that breaks off (the connection closed or reset while it
     * was read) is a {@link BrokenOff} failure, which is retried; a body that is not the JSON expected
     * or too large is not.
     */
    private JsonNode parse(ResponseBody body, String what, long maxBytes) throws OsvException, IOException {
        try (InputStream in = new BoundedInput(body.byteStream(), maxBytes, "the answer of the OSV API to " + what)) {
            JsonNode tree = OsvRecord.MAPPER.readTree(in);
            if (tree == null || !tree.isObject()) {
                throw answered(what, "its answer is not a JSON object");
            }
            return tree;
        } catch (BoundedInput.LimitExceededException e) {
            throw new OsvException(e.getMessage(), true);
        } catch (JsonProcessingException e) {
            throw answered(what, "its answer is not JSON (" + OsvSchema.problem(e) + ")");
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            throw new BrokenOff(e);
        }
    }

    /**
     * Why a call failed, in words that name the cause: "closed the connection without answering",
     * "could not be reached (connection refused)", never a guess from the exception's text alone.
     */
    private String failure(IOException e, String what) {
        Throwable cause = e instanceof BrokenOff ? e.getCause() : e;
        String detail = Words.oneLine(String.valueOf(HttpMessages.deepest(cause).getMessage()), 200);
        if (e instanceof BrokenOff) {
            boolean closed = HttpMessages.find(cause, EOFException.class) != null || detail.startsWith("unexpected end of stream");
            return "broke off its answer to " + what + " (" + (closed ? "the connection closed before the answer's end" : detail) + ")";
        }
        if (HttpMessages.find(e, UnknownHostException.class) != null) {
            return "could not be reached for " + what + " (unknown host " + base.host() + ")";
        }
        if (HttpMessages.find(e, ConnectException.class) != null || HttpMessages.find(e, NoRouteToHostException.class) != null) {
            return "could not be reached for " + what + " (" + Words.oneLine(String.valueOf(e.getMessage()), 200) + ")";
        }
        if (HttpMessages.find(e, SSLException.class) != null) {
            return "could not be reached for " + what + " (the TLS handshake failed: " + detail + ")";
        }
        if (HttpMessages.find(e, EOFException.class) != null) {
            return "closed the connection without answering " + what;
        }
        if (detail.toLowerCase(Locale.ROOT).contains("connection reset")) {
            return "reset the connection without answering " + what;
        }
        return "failed to answer " + what + " (" + detail + ")";
    }

    /** OSV's error text ({@code {"code":3,"message":"too many queries"}}), at most a line of it. */
    private static String detail(ResponseBody body) {
        try (InputStream in = body.byteStream()) {
            byte[] head = in.readNBytes(2048);
            JsonNode error = OsvRecord.MAPPER.readTree(head);
            String message = error == null ? null : error.path("message").asText(null);
            if (message == null || message.isBlank()) {
                return "";
            }
            String line = message.lines().findFirst().orElse("").replaceAll("\\p{Cntrl}", "");
            return " (\"" + Words.cut(line, 200) + "\")";
        } catch (IOException e) {
            return "";
        }
    }

    /** {@code Retry-After} in seconds, as milliseconds; -1 when absent or a date. */
    private static long retryAfterMillis(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Math.max(0, Long.parseLong(header.trim())) * 1000;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The connection failed while an answer's body was read. */
    private static final class BrokenOff extends IOException {
        BrokenOff(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** The OSV API could not answer: unreachable, failing, or answering something unusable. */
    static final class OsvException extends Exception {
        /** Whether the API answered, with something unusable (not the JSON expected, a 4xx), rather than could not answer. */
        final boolean answered;

        OsvException(String message) {
            this(message, false);
        }

        OsvException(String message, boolean answered) {
            super(message);
            this.answered = answered;
        }
    }
}

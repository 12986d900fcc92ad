package dev.readiness.checks.smoke;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.readiness.check.CheckLog;
import dev.readiness.checks.http.BoundedBody;
import dev.readiness.checks.http.HttpMessages;
import dev.readiness.checks.http.StrictJson;
import dev.readiness.text.Words;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Sends the smoke probes, at most {@link #PARALLEL} at once, through the shared client (its timeouts,
 * proxy and headers), and records what each answer was: nothing judged here. Redirects are not followed,
 * bodies are read up to {@link dev.readiness.checks.http.HttpClients#MAX_BODY_BYTES}.
 */
final class Prober {

    /** The most probes in flight at once. */
    static final int PARALLEL = 8;
    private static final String ACCEPT = "application/json, */*;q=0.5";

    /**
     * What one probe observed.
     *
     * @param url       the URL as fit to print
     * @param status    the HTTP status, or -1 when no answer came
     * @param latencyMs from sending the request to the end of the body
     * @param location  where a redirect points, as fit to print, or {@code null}
     * @param json      the body as JSON, when the probe has expectations and it parsed; else {@code null}
     * @param notJson   why the body could not be read as JSON, when the probe has expectations; else {@code null}
     * @param failure   why no answer came (unreachable, timed out, a body over the limit), or {@code null}
     */
    record Answer(SmokeConfig.Probe probe, String url, int status, long latencyMs, String location, JsonNode json, String notJson,
                  String failure) {
    }

    private final OkHttpClient client;
    private final Duration timeout;
    private final CheckLog log;

    Prober(OkHttpClient client, Duration timeout, CheckLog log) {
        this.client = client;
        this.timeout = timeout;
        this.log = log;
    }

    /** Sends every probe to its URL, the answers in the probes' order. */
    List<Answer> send(List<SmokeConfig.Probe> probes, List<HttpUrl> urls) throws InterruptedException {
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(PARALLEL, probes.size())), task -> {
            Thread thread = new Thread(task, "readiness-smoke-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Set<Call> inFlight = ConcurrentHashMap.newKeySet();
        try {
            List<Future<Answer>> futures = new ArrayList<>();
            for (int i = 0; i < probes.size(); i++) {
                SmokeConfig.Probe probe = probes.get(i);
                HttpUrl url = urls.get(i);
                futures.add(pool.submit(() -> send(probe, url, inFlight)));
            }
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } catch (InterruptedException e) {
            inFlight.forEach(Call::cancel);
            throw e;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a smoke probe crashed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private Answer send(SmokeConfig.Probe probe, HttpUrl url, Set<Call> inFlight) {
        String shown = HttpMessages.display(url);
        Request.Builder request = new Request.Builder().url(url).header("Accept", ACCEPT);
        probe.headers().forEach(request::header);
        request.method(probe.method(), probe.body() == null ? emptyBodyFor(probe.method())
                : RequestBody.create(probe.body().getBytes(StandardCharsets.UTF_8), contentType(probe)));
        Call call = client.newCall(request.build());
        inFlight.add(call);
        long start = System.nanoTime();
        try (Response response = call.execute()) {
            byte[] body = BoundedBody.read(response.body(), "the answer to probe '" + probe.name() + "' from " + shown);
            long latencyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            String location = null;
            if (response.isRedirect() && response.header("Location") != null) {
                HttpUrl next = url.resolve(response.header("Location"));
                location = next == null ? Words.oneLine(response.header("Location"), 100) : HttpMessages.display(next);
            }
            JsonNode json = null;
            String notJson = null;
            if (!probe.expect().isEmpty()) {
                try {
                    json = StrictJson.MAPPER.readTree(body);
                    if (json == null || json.isMissingNode()) {
                        json = null;
                        notJson = "the body is empty";
                    }
                } catch (JsonProcessingException e) {
                    notJson = "the body is not JSON (" + Words.oneLine(e.getOriginalMessage(), 150)
                            + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()) + ")";
                }
            }
            return new Answer(probe, shown, response.code(), latencyMs, location, json, notJson, null);
        } catch (IOException e) {
            log.debug("smoke: " + probe.method() + " " + shown + " failed: " + e);
            return new Answer(probe, shown, -1, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), null, null, null,
                    HttpMessages.describe(e, url, timeout));
        } finally {
            inFlight.remove(call);
        }
    }

    /** OkHttp requires a body for POST, PUT and PATCH: an empty one. */
    private static RequestBody emptyBodyFor(String method) {
        return Set.of("POST", "PUT", "PATCH").contains(method) ? RequestBody.create(new byte[0], null) : null;
    }

    /** The probe's own Content-Type, else JSON for a body that starts like JSON, else plain text. */
    private static MediaType contentType(SmokeConfig.Probe probe) {
        for (Map.Entry<String, String> header : probe.headers().entrySet()) {
            if (header.getKey().equalsIgnoreCase("Content-Type")) {
                MediaType type = MediaType.parse(header.getValue());
                if (type != null) {
                    return type;
                }
            }
        }
        String start = probe.body().stripLeading();
        return MediaType.get(start.startsWith("{") || start.startsWith("[") ? "application/json" : "text/plain; charset=utf-8");
    }
}

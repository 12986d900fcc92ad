package dev.readiness.checks.edge;

import dev.readiness.check.CheckLog;
import dev.readiness.checks.http.BoundedBody;
import dev.readiness.checks.http.HttpClients;
import dev.readiness.checks.http.HttpMessages;
import dev.readiness.io.BoundedInput;
import dev.readiness.text.Words;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Fetches the linked assets through the shared client, at most {@link #PARALLEL} at once: a GET offering gzip (so the
 * transferred encoding stays visible), the text of scripts and stylesheets (at most 1 MiB, un-gzipped by hand, also at
 * most 1 MiB), the weight of images (read up to the image budget), and a conditional GET with the asset's own ETag or
 * Last-Modified.
 */
final class AssetFetcher {

    static final int PARALLEL = 8;

    private final OkHttpClient client;
    private final Duration timeout;
    private final long maxImageBytes;
    private final CheckLog log;

    AssetFetcher(OkHttpClient client, Duration timeout, long maxImageBytes, CheckLog log) {
        this.client = client;
        this.timeout = timeout;
        this.maxImageBytes = maxImageBytes;
        this.log = log;
    }

    List<Asset> fetch(List<PageAssets.Link> links) throws InterruptedException {
        ExecutorService threads = Executors.newFixedThreadPool(Math.max(1, Math.min(PARALLEL, links.size())), r -> {
            Thread thread = new Thread(r, "readiness-edge");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Asset>> futures = new ArrayList<>();
            for (PageAssets.Link link : links) {
                futures.add(threads.submit(() -> fetch(link)));
            }
            List<Asset> assets = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    assets.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    Throwable cause = HttpMessages.deepest(e);
                    assets.add(Asset.unanswered(links.get(i), "could not be read: " + (cause.getMessage() == null
                            ? cause.getClass().getSimpleName() : Words.oneLine(cause.getMessage(), 200))));
                }
            }
            return assets;
        } finally {
            threads.shutdownNow();
        }
    }

    private Asset fetch(PageAssets.Link link) {
        Request request = new Request.Builder().url(link.url()).header("Accept-Encoding", "gzip").get().build();
        String shown = HttpMessages.display(link.url());
        try (Response response = client.newCall(request).execute()) {
            int status = response.code();
            if (status < 200 || status >= 300) {
                return new Asset(link, null, status, response.headers(), -1, false, null, 0);
            }
            long bytes;
            boolean over = false;
            Minification figures = null;
            if (link.kind().text()) {
                byte[] raw = BoundedBody.read(response.body(), shown);
                bytes = raw.length;
                String text = text(raw, response.header("Content-Encoding"), shown);
                figures = text == null ? null : Minification.measure(text, link.kind() == PageAssets.Kind.SCRIPT);
            } else {
                bytes = weigh(response.body());
                over = bytes > maxImageBytes;
            }
            int revalidation = revalidate(link, response);
            return new Asset(link, null, status, response.headers(), bytes, over, figures, revalidation);
        } catch (IOException e) {
            log.debug("edge: GET " + shown + " failed: " + e);
            return Asset.unanswered(link, HttpMessages.describe(e, link.url(), timeout));
        }
    }

    /** The text of a body, un-gzipped when it was sent so; {@code null} for an encoding it cannot decode (br). */
    private static String text(byte[] raw, String encoding, String shown) throws IOException {
        if (encoding == null || encoding.isBlank() || encoding.trim().equalsIgnoreCase("identity")) {
            return new String(raw, StandardCharsets.UTF_8);
        }
        if (!encoding.trim().equalsIgnoreCase("gzip")) {
            return null;
        }
        try (InputStream in = new BoundedInput(new GZIPInputStream(new ByteArrayInputStream(raw)), HttpClients.MAX_BODY_BYTES,
                "the un-gzipped body of " + shown)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The body's bytes, counted up to one past the image budget (the declared length when that is already over it). */
    private long weigh(ResponseBody body) throws IOException {
        if (body.contentLength() > maxImageBytes) {
            return body.contentLength();
        }
        long count = 0;
        byte[] buffer = new byte[8192];
        try (InputStream in = body.byteStream()) {
            for (int n; count <= maxImageBytes && (n = in.read(buffer)) >= 0; ) {
                count += n;
            }
        }
        return count;
    }

    /** The status of a GET conditional on the asset's ETag (else its Last-Modified); 0 when it has neither. */
    private int revalidate(PageAssets.Link link, Response first) throws IOException {
        String etag = first.header("ETag");
        String lastModified = first.header("Last-Modified");
        if (etag == null && lastModified == null) {
            return 0;
        }
        Request.Builder conditional = new Request.Builder().url(link.url()).header("Accept-Encoding", "gzip").get();
        if (etag != null) {
            conditional.header("If-None-Match", etag);
        } else {
            conditional.header("If-Modified-Since", lastModified);
        }
        try (Response response = client.newCall(conditional.build()).execute()) {
            return response.code();
        }
    }
}

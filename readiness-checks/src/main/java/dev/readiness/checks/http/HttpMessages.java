package dev.readiness.checks.http;

import dev.readiness.io.BoundedInput;
import dev.readiness.text.Words;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLException;
import okhttp3.HttpUrl;
import okhttp3.Response;

/**
 * The words the HTTP checks use for what they tried: a URL fit to print (no user info, no query
 * values), a timeout as people write it, a failed call as one line naming host, port and timeout,
 * and text from the outside world cut to one bounded line. Never prints header values.
 */
public final class HttpMessages {

    private HttpMessages() {
    }

    /** The URL without user info and with any query replaced by {@code ?…}: safe to print. */
    public static String display(HttpUrl url) {
        String shown = url.newBuilder().username("").password("").query(null).fragment(null).build().toString();
        return url.encodedQuery() == null ? shown : shown + "?…";
    }

    /**
     * ", a redirect to https://host/login" when the answer to {@code url} is a redirect with a {@code Location} (resolved
     * against {@code url}, shown as {@link #display} shows it), else "": for messages about a redirect not followed.
     */
    public static String redirectTo(Response response, HttpUrl url) {
        String location = response.isRedirect() ? response.header("Location") : null;
        HttpUrl next = location == null ? null : url.resolve(location);
        return next == null ? "" : ", a redirect to " + display(next);
    }

    /**
     * One line saying why a call to {@code url} failed, naming host, port and the timeout:
     * "could not connect to localhost:8080 within 10s: connection refused".
     */
    public static String describe(IOException failure, HttpUrl url, Duration timeout) {
        String where = url.host() + ":" + url.port();
        String within = " within " + Words.duration(timeout);
        if (find(failure, UnknownHostException.class) != null) {
            return "could not resolve host " + url.host() + " (port " + url.port() + ")";
        }
        BoundedInput.LimitExceededException tooLarge = find(failure, BoundedInput.LimitExceededException.class);
        if (tooLarge != null) {
            return tooLarge.getMessage();
        }
        if (inGzipDecoding(failure)) {
            return "the body from " + where + " is declared gzip (Content-Encoding: gzip), but is not gzip data";
        }
        ConnectException refused = find(failure, ConnectException.class);
        if (refused != null) {
            String reason = String.valueOf(deepest(refused).getMessage());
            return "could not connect to " + where + within + ": "
                    + (reason.toLowerCase(Locale.ROOT).contains("refused") ? "connection refused" : Words.oneLine(reason, 200));
        }
        if (find(failure, NoRouteToHostException.class) != null) {
            return "could not connect to " + where + within + ": no route to host";
        }
        SocketTimeoutException timedOut = find(failure, SocketTimeoutException.class);
        if (timedOut != null && String.valueOf(timedOut.getMessage()).toLowerCase(Locale.ROOT).contains("connect")) {
            return "could not connect to " + where + within + ": timed out";
        }
        if (find(failure, InterruptedIOException.class) != null) {
            return Thread.currentThread().isInterrupted() ? "the call to " + where + " was interrupted"
                    : where + " did not answer" + within;
        }
        Throwable root = deepest(failure);
        String rootMessage = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (failure instanceof SSLException) {
            return "the TLS handshake with " + where + " failed: " + Words.oneLine(rootMessage, 300);
        }
        if (rootMessage.contains("not found: limit=0 ") || rootMessage.endsWith("not found: limit=0")
                || rootMessage.startsWith("unexpected end of stream")) {
            return where + " closed the connection without answering";
        }
        if (rootMessage.contains("not found: limit=")) {
            return "the response headers of " + where + " are larger than the 256 KiB an HTTP client reads; not read further";
        }
        return "the call to " + where + " failed: " + Words.oneLine(rootMessage, 300);
    }

    /** What to do when a service cannot be reached: the remedy every HTTP check gives for it. */
    public static final String UNREACHABLE_REMEDY = "Check that the service is running and reachable from this machine"
            + " (host, port, firewall, Maven proxy settings), or raise <http><timeout>.";

    /** The first cause of {@code failure} (itself included) of the given type, or {@code null}. */
    public static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /**
     * Whether {@code failure} (or a cause) was raised by okio's gzip reader on data that is not gzip:
     * OkHttp un-gzips only a body declared {@code Content-Encoding: gzip}, and okio's own words ("ID1ID2:
     * actual 0x00007b22 != expected 0x00001f8b") name no cause a user knows. A connection that breaks
     * off while a body is un-gzipped is raised elsewhere, and described as such.
     */
    private static boolean inGzipDecoding(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) {
            StackTraceElement[] frames = t.getStackTrace();
            String raisedBy = frames.length == 0 ? "" : frames[0].getClassName();
            if (raisedBy.equals("okio.GzipSource") || raisedBy.equals("okio.InflaterSource")) {
                return true;
            }
        }
        return false;
    }

    /** The deepest cause of {@code failure} (itself when it has none). */
    public static Throwable deepest(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t.getCause() != null && t.getCause() != t && depth < 20; depth++) {
            t = t.getCause();
        }
        return t;
    }
}

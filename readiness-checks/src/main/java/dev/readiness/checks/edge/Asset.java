package dev.readiness.checks.edge;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import okhttp3.CacheControl;
import okhttp3.Headers;

/**
 * What was observed of one linked asset: its answer (or why there was none), its body's figures and how it answered a
 * revalidation. Judged by {@link EdgeCheck}.
 *
 * @param link         the asset and its kind
 * @param failure      why it got no answer (one line), or {@code null}
 * @param status       the HTTP status, 0 without an answer
 * @param headers      the answer's headers (empty without an answer)
 * @param bytes        the body's bytes as transferred (compressed when it was), -1 when not read
 * @param overImageCap whether an image was found heavier than the image budget (its reading stopped there)
 * @param minification the figures of a script's or stylesheet's text, or {@code null} when not read
 * @param revalidation the status of the conditional GET (If-None-Match or If-Modified-Since), 0 when none was sent
 */
record Asset(PageAssets.Link link, String failure, int status, Headers headers, long bytes, boolean overImageCap,
             Minification minification, int revalidation) {

    /** A name holding a content hash: a token of 8 to 32 hex characters with a digit, or of mixed-case letters and digits. */
    private static final Pattern HEX = Pattern.compile("(?=.*[0-9])[0-9a-f]{8,32}");
    private static final Pattern MIXED = Pattern.compile("(?=.*[0-9])(?=.*[a-z])(?=.*[A-Z])[0-9A-Za-z]{8,32}");

    static Asset unanswered(PageAssets.Link link, String failure) {
        return new Asset(link, failure, 0, Headers.of(), -1, false, null, 0);
    }

    String url() {
        return link.url().toString();
    }

    boolean answered2xx() {
        return failure == null && status >= 200 && status < 300;
    }

    /** Whether its file name holds a content hash ({@code app.3f9a1c2e.js}, {@code index-B9e2Kd7f.js}). */
    boolean fingerprinted() {
        String segment = link.url().pathSegments().get(link.url().pathSegments().size() - 1);
        int dot = segment.lastIndexOf('.');
        String stem = dot > 0 ? segment.substring(0, dot) : segment;
        for (String token : stem.split("[.\\-_~@]")) {
            if (HEX.matcher(token).matches() || MIXED.matcher(token).matches()) {
                return true;
            }
        }
        return false;
    }

    /** The {@code max-age} of its Cache-Control in seconds, when it has one and does not forbid storing or reusing it. */
    OptionalLong maxAge() {
        CacheControl directives = cacheControl();
        return directives.noStore() || directives.noCache() || directives.maxAgeSeconds() < 0 ? OptionalLong.empty()
                : OptionalLong.of(directives.maxAgeSeconds());
    }

    /** The directives of its Cache-Control fields (not of Pragma, which says nothing in an answer). */
    CacheControl cacheControl() {
        Headers.Builder fields = new Headers.Builder();
        headers.values("Cache-Control").forEach(value -> fields.add("Cache-Control", value));
        return CacheControl.parse(fields.build());
    }

    /** Its Content-Encoding, lower case, or {@code null}. */
    String encoding() {
        String value = headers.get("Content-Encoding");
        return value == null ? null : value.trim().toLowerCase(Locale.ROOT);
    }
}

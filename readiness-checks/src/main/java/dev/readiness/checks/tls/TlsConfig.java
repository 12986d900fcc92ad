package dev.readiness.checks.tls;

import dev.readiness.check.Param;
import okhttp3.HttpUrl;

/**
 * Configuration of the {@code tls} check.
 *
 * @param url         the HTTPS URL whose handshake is verified; {@code null} means the shared {@code <target>}
 * @param minDaysLeft the fewest days every certificate the server sends (its own and its chain's) must stay valid; default 30
 */
public record TlsConfig(
        @Param("the https:// URL whose TLS handshake and certificate are verified; default: the <target>") String url,
        @Param("the fewest days every certificate the server sends (its own and its chain's intermediates) must still be"
                + " valid, counted from today; default 30") Integer minDaysLeft) {

    public static final int DEFAULT_MIN_DAYS_LEFT = 30;

    public TlsConfig {
        if (url != null && HttpUrl.parse(url) == null) {
            throw new IllegalArgumentException("url '" + url + "' is not an http(s) URL: write it as https://host[:port]/");
        }
        minDaysLeft = minDaysLeft == null ? DEFAULT_MIN_DAYS_LEFT : minDaysLeft;
        if (minDaysLeft < 0) {
            throw new IllegalArgumentException("minDaysLeft is " + minDaysLeft + ", but it counts days and cannot be negative");
        }
    }
}

package dev.readiness.checks.health;

import dev.readiness.check.Param;
import okhttp3.HttpUrl;

/**
 * Configuration of the {@code health} check.
 *
 * @param url         the health endpoint; {@code null} means the shared {@code <target>} + {@code /actuator/health}
 * @param waitSeconds how long to keep retrying, with backoff, until the endpoint answers healthy; default 0 (one attempt)
 */
public record HealthConfig(
        @Param("the health endpoint to GET; default: the <target> + /actuator/health") String url,
        @Param("seconds to keep retrying (with backoff) until the endpoint answers healthy, for a service that is still"
                + " starting; default 0: a single attempt") Integer waitSeconds) {

    /** The longest wait accepted: one hour. */
    public static final int MAX_WAIT_SECONDS = 3600;

    public HealthConfig {
        if (url != null && HttpUrl.parse(url) == null) {
            throw new IllegalArgumentException("url '" + url + "' is not an http(s) URL: write it as https://host[:port]/actuator/health");
        }
        waitSeconds = waitSeconds == null ? 0 : waitSeconds;
        if (waitSeconds < 0 || waitSeconds > MAX_WAIT_SECONDS) {
            throw new IllegalArgumentException("waitSeconds is " + waitSeconds + ", but it counts seconds from 0 to " + MAX_WAIT_SECONDS);
        }
    }
}

package dev.readiness.checks.health;

import dev.readiness.check.Param;
import dev.readiness.text.Words;
import java.util.List;
import okhttp3.HttpUrl;

/**
 * Configuration of the {@code health} check.
 *
 * @param url         the health endpoint; {@code null} means the shared {@code <target>} + {@code /actuator/health}
 * @param waitSeconds how long to keep retrying, with backoff, until the endpoint answers healthy; default 0 (one attempt)
 * @param requiredComponents the components that must be present and UP for {@code health.integrations}; default none
 */
public record HealthConfig(
        @Param("the health endpoint to GET; default: the <target> + /actuator/health") String url,
        @Param("seconds to keep retrying (with backoff) until the endpoint answers healthy, for a service that is still"
                + " starting; default 0: a single attempt") Integer waitSeconds,
        @Param("the components that must be present and UP in the health answer, for \"External service integrations"
                + " verified\" (after deployment): names such as db, redis, paymentGateway, or paths of nested components such"
                + " as db/primary; default none") List<String> requiredComponents) {

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
        requiredComponents = requiredComponents == null ? List.of() : List.copyOf(requiredComponents);
        for (String name : requiredComponents) {
            if (name == null || name.isBlank() || name.startsWith("/") || name.endsWith("/") || !name.equals(Words.oneLine(name))) {
                throw new IllegalArgumentException("requiredComponents holds '" + Words.oneLine(String.valueOf(name), 100)
                        + "', which is not a component name: write db, or db/primary for a nested one");
            }
        }
    }

    /** A configuration that requires no component. */
    public HealthConfig(String url, Integer waitSeconds) {
        this(url, waitSeconds, null);
    }
}

package dev.readiness.checks.ratelimit;

import dev.readiness.check.Param;
import dev.readiness.text.Words;

/**
 * The configuration of {@link RateLimitCheck}: which endpoint of the target receives the burst, and how many requests.
 *
 * @param path     the endpoint, under the target; required
 * @param requests the most requests of the burst, 1 to {@link #MAX_REQUESTS}; {@link #DEFAULT_REQUESTS} by default
 */
public record RateLimitConfig(
        @Param("the endpoint that receives the burst of GET requests, starting with / and appended to the <target> (such as"
                + " /api/products); required")
        String path,
        @Param("the most requests of the burst, sent one after another and stopped at the first answer that shows a limit;"
                + " 1 to 50; default 20")
        Integer requests) {

    static final int DEFAULT_REQUESTS = 20;
    static final int MAX_REQUESTS = 50;

    public RateLimitConfig {
        if (path == null || !path.strip().startsWith("/") || path.strip().startsWith("//")) {
            throw new IllegalArgumentException("path must start with a single / (it is appended to the <target>), got "
                    + (path == null ? "none" : "'" + Words.oneLine(path, 100) + "'"));
        }
        path = path.strip();
        requests = requests == null ? DEFAULT_REQUESTS : requests;
        if (requests < 1 || requests > MAX_REQUESTS) {
            throw new IllegalArgumentException("requests is " + requests + ", but a burst sends 1 to " + MAX_REQUESTS
                    + " requests to a live service: write " + MAX_REQUESTS + " or less");
        }
    }
}

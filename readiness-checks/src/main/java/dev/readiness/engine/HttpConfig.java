package dev.readiness.engine;

import dev.readiness.check.Param;
import dev.readiness.text.Words;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code <http>} settings the HTTP checks share.
 *
 * @param timeout           connect, read and whole-call timeout of each request
 * @param trustCertificates a PEM file of extra CA certificates, relative to the project folder
 * @param headers           sent with the requests to the target (to every request when no target is set); values are never printed
 * @param server            the id of a settings.xml {@code <server>} whose credentials become headers (the Maven plugin resolves it)
 */
public record HttpConfig(
        @Param("connect, read and whole-call timeout of each request, at most 1h; default 10s") Duration timeout,
        @Param("a PEM file of extra CA certificates (private CAs), relative to the project folder; default none") String trustCertificates,
        @Param("headers sent with the requests to the <target> (scheme, host and port), or with every request when no target"
                + " is set, e.g. an auth token; values are never printed; default none") Map<String, String> headers,
        @Param("the id of a <server> in settings.xml whose credentials authenticate the requests like headers: its"
                + " configuration's httpHeaders, else Basic with its username and password, else its password as a Bearer"
                + " token; default none") String server) {

    /** The longest time limit of one call: an hour. */
    public static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    public HttpConfig {
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            throw new IllegalArgumentException("timeout is " + timeout.toMillis() + "ms, but every call needs a time limit:"
                    + " write one longer than 0, such as 10s (0 would let a call wait forever)");
        }
        if (timeout != null && timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("timeout is " + Words.duration(timeout) + ", but a call may wait at most "
                    + Words.duration(MAX_TIMEOUT) + ": write " + Words.duration(MAX_TIMEOUT) + " or less, such as 10s");
        }
    }
}

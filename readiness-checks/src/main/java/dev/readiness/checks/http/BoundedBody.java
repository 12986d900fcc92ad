package dev.readiness.checks.http;

import dev.readiness.io.BoundedInput;
import java.io.IOException;
import java.io.InputStream;
import okhttp3.ResponseBody;

/**
 * Reads a response body into memory, at most {@link HttpClients#MAX_BODY_BYTES}; a larger body
 * (declared by {@code Content-Length} or found while reading) fails with
 * {@link BoundedInput.LimitExceededException} before more than the limit is buffered.
 */
public final class BoundedBody {

    private BoundedBody() {
    }

    /**
     * @param what names the body in the error: "the response of https://host/actuator/health"
     */
    public static byte[] read(ResponseBody body, String what) throws IOException {
        long limit = HttpClients.MAX_BODY_BYTES;
        if (body.contentLength() > limit) {
            throw new BoundedInput.LimitExceededException(what + " declares " + body.contentLength()
                    + " bytes, more than the " + limit + " read at most; not read");
        }
        try (InputStream in = new BoundedInput(body.byteStream(), limit, what)) {
            return in.readAllBytes();
        }
    }
}

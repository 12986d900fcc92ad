package dev.readiness.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An input stream that fails once more than a set number of bytes has been read, so a hostile or
 * runaway source (a 10 MB body, an endless file) cannot exhaust memory.
 */
public final class BoundedInput extends FilterInputStream {

    private final long limit;
    private final String what;
    private long count;

    /**
     * @param what names the source in the error: "the response of https://host/health"
     */
    public BoundedInput(InputStream in, long limit, String what) {
        super(in);
        this.limit = limit;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(long n) throws IOException {
        count += n;
        if (count > limit) {
            throw new LimitExceededException(what + " is larger than " + limit + " bytes; not read further");
        }
    }

    /** Thrown when the bound is crossed. */
    public static final class LimitExceededException extends IOException {
        public LimitExceededException(String message) {
            super(message);
        }
    }
}

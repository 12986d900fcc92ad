package demo.payments;

/** Splits an amount in cents into equal instalments, the remainder on the first. */
public final class Payments {
    public long[] instalments(long cents, int count) {
        long[] parts = new long[count];
        java.util.Arrays.fill(parts, cents / count);
        parts[0] += cents % count;
        return parts;
    }
}

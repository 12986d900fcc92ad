package demo.shipping;

/** Shipping costs in cents by weight in grams: free from 5 kg. */
public final class Shipping {
    public long cost(int grams) {
        return grams >= 5000 ? 0 : 490;
    }
}

package demo;

/** Prices an order line; only the app module's tests run it, so only the reactor's aggregate sees it covered. */
public class Pricing {

    public long total(long unitCents, int quantity) {
        if (quantity < 0) {
            throw new IllegalArgumentException("quantity must not be negative");
        }
        long total = unitCents * quantity;
        if (quantity >= 10) {
            total = total * 9 / 10;
        }
        return total;
    }
}

package demo;

/** Takes stock and prices the order: the app module's code, built on core's. */
public class Checkout {
    private final Inventory inventory;
    private final Pricing pricing = new Pricing();

    public Checkout(Inventory inventory) {
        this.inventory = inventory;
    }

    public long buy(String sku, long unitCents, int quantity) {
        if (!inventory.take(sku, quantity)) {
            return -1;
        }
        return pricing.total(unitCents, quantity);
    }
}

package demo.orders;

import demo.catalog.Catalog;

/** Totals an order against the catalog. */
public final class Orders {
    private final Catalog catalog = new Catalog();

    public long total(String code, int quantity) {
        return catalog.price(code) * quantity;
    }
}

package demo;

import java.util.HashMap;
import java.util.Map;

/** A small stock ledger: the code under test of the sample project. */
public class Inventory {
    private final Map<String, Integer> stock = new HashMap<>();

    public void add(String sku, int quantity) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive");
        }
        stock.merge(sku, quantity, Integer::sum);
    }

    public boolean take(String sku, int quantity) {
        int available = stock.getOrDefault(sku, 0);
        if (available < quantity) {
            return false;
        }
        stock.put(sku, available - quantity);
        return true;
    }

    public int count(String sku) {
        return stock.getOrDefault(sku, 0);
    }
}

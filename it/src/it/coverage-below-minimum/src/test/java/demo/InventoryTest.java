package demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InventoryTest {
    @Test
    void addsAndCounts() {
        Inventory inventory = new Inventory();
        inventory.add("apple", 3);
        assertEquals(3, inventory.count("apple"));
    }
}

package demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class InventoryTest {
    @Test
    void addsAndCounts() {
        Inventory inventory = new Inventory();
        inventory.add("apple", 3);
        assertEquals(3, inventory.count("apple"));
    }

    @Test
    void refusesToTakeMoreThanItHolds() {
        Inventory inventory = new Inventory();
        inventory.add("pear", 1);
        assertFalse(inventory.take("pear", 2));
    }
}

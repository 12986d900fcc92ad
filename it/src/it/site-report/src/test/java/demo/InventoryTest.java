package demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InventoryTest {
    @Test
    void addsAndCounts() {
        Inventory inventory = new Inventory();
        inventory.add("apple", 3);
        inventory.add("apple", 2);
        assertEquals(5, inventory.count("apple"));
    }

    @Test
    void takesOnlyWhatIsThere() {
        Inventory inventory = new Inventory();
        inventory.add("pear", 2);
        assertTrue(inventory.take("pear", 2));
        assertFalse(inventory.take("pear", 1));
    }

    @Test
    void rejectsNonPositiveQuantities() {
        assertThrows(IllegalArgumentException.class, () -> new Inventory().add("plum", 0));
    }

    @Test
    void countsWhatWasNeverAdded() {
        assertEquals(1, new Inventory().count("kiwi"), "an unknown sku has no stock");
    }
}

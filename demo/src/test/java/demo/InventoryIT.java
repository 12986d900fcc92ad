package demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** Run by Failsafe after packaging: a day of deliveries and orders against one ledger. */
class InventoryIT {
    @Test
    void keepsTheLedgerRightThroughADayOfDeliveriesAndOrders() {
        Inventory inventory = new Inventory();
        for (int hour = 0; hour < 24; hour++) {
            inventory.add("apple", 10);
            inventory.take("apple", 7);
        }
        assertEquals(72, inventory.count("apple"));
        assertFalse(inventory.take("apple", 73));
    }
}

package demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CheckoutTest {
    @Test
    void pricesWhatIsInStock() {
        Inventory inventory = new Inventory();
        inventory.add("apple", 20);
        Checkout checkout = new Checkout(inventory);
        assertEquals(300, checkout.buy("apple", 100, 3));
        assertEquals(900, checkout.buy("apple", 100, 10));
        assertEquals(-1, checkout.buy("apple", 100, 50));
    }

    @Test
    void refusesNegativeQuantities() {
        assertThrows(IllegalArgumentException.class, () -> new Pricing().total(100, -1));
    }
}

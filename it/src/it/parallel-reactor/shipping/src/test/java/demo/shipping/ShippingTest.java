package demo.shipping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ShippingTest {
    @Test
    void shipsHeavyParcelsForFree() {
        assertEquals(0, new Shipping().cost(5000));
        assertEquals(490, new Shipping().cost(4999));
    }
}

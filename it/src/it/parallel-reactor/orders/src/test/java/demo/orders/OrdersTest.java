package demo.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OrdersTest {
    @Test
    void multipliesThePriceByTheQuantity() {
        assertEquals(285, new Orders().total("pear", 3));
    }
}

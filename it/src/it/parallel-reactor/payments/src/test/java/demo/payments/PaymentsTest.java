package demo.payments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class PaymentsTest {
    @Test
    void putsTheRemainderOnTheFirstInstalment() {
        assertArrayEquals(new long[] {34, 33, 33}, new Payments().instalments(100, 3));
    }
}

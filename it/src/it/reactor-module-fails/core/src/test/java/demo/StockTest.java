package demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StockTest {
    @Test
    void reservesNoMoreThanIsOnHand() {
        assertEquals(3, new Stock().reserve(3, 5));
    }

    @Test
    void reservesWhatIsAskedWhenEnoughIsOnHand() {
        // fails on purpose: the gate, not Surefire (testFailureIgnore), is what fails core
        assertEquals(4, new Stock().reserve(2, 5));
    }
}

package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Broken on purpose: one failing assertion and one unexpected exception. */
class AveragingTest {

    private final Calculator calculator = new Calculator();

    @Test
    void averagesTwoNumbers() {
        assertEquals(3, calculator.average(2, 4));
    }

    @Test
    void averagesRoundedUp() {
        assertEquals(3, calculator.average(2, 3), "average of 2 and 3\nshould round half up");
    }

    @Test
    void averagesNothing() {
        assertEquals(0, calculator.average());
    }
}

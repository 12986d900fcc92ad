package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CalculatorIT {

    @Test
    void addsLargeNumbers() {
        assertEquals(2_000_000, new Calculator().add(1_000_000, 1_000_000));
    }

    @Test
    void dividesNegativeNumbers() {
        assertEquals(-4, new Calculator().divide(-8, 2));
    }
}

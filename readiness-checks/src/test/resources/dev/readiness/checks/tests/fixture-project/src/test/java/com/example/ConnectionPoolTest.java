package com.example;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Its class setup throws, so none of its tests runs: Surefire reports a class-level error. */
class ConnectionPoolTest {

    @BeforeAll
    static void startPool() {
        throw new IllegalStateException("database not reachable at localhost:5432");
    }

    @Test
    void borrowsConnection() {
        assertTrue(true);
    }

    @Test
    void returnsConnection() {
        assertTrue(true);
    }
}

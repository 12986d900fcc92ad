package com.example;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Fails on its first run and passes on the rerun: Surefire reports it as flaky. */
class RetryingClientTest {

    private static final AtomicInteger RUNS = new AtomicInteger();

    @Test
    void connectsOnSecondAttempt() {
        assertTrue(RUNS.incrementAndGet() > 1, "connection refused on attempt " + RUNS.get());
    }
}

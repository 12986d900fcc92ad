package demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GreetingTest {
    @Test
    void greetsByName() {
        assertEquals("Hello, Ada", new Greeting().to("Ada"));
    }

    @Test
    void greetsAnyone() {
        assertEquals("Hello, ", new Greeting().to(""));
    }
}

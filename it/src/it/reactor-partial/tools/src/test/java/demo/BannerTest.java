package demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BannerTest {
    @Test
    void drawsALineOfTheWidth() {
        assertEquals("===", new Banner().line(3));
    }
}

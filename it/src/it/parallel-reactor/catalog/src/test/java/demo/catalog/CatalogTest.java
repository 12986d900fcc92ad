package demo.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CatalogTest {
    @Test
    void pricesKnownProducts() {
        assertEquals(120, new Catalog().price("apple"));
    }

    @Test
    void rejectsUnknownProducts() {
        assertThrows(IllegalArgumentException.class, () -> new Catalog().price("plum"));
    }
}

package dev.readiness.it.boot;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Places and lists orders in the database; the counter orders_placed_total is the application metric the gate looks
 * for, and the list is the endpoint {@link OrdersRateLimiter} limits.
 */
@RestController
public class OrdersController {

    /** The most orders one list answer holds. */
    static final int PAGE = 100;

    private final JdbcTemplate jdbc;
    private final Counter placed;

    public OrdersController(JdbcTemplate jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.placed = Counter.builder("orders.placed").description("orders placed").register(registry);
    }

    @PostMapping("/api/orders")
    @ResponseStatus(HttpStatus.CREATED)
    public Order place(@RequestBody Map<String, String> order) {
        String sku = order.get("sku");
        Long id = jdbc.queryForObject("SELECT id FROM FINAL TABLE (INSERT INTO orders (sku) VALUES (?))", Long.class, sku);
        placed.increment();
        return new Order(id, sku);
    }

    @GetMapping("/api/orders")
    public List<Order> list() {
        return jdbc.query("SELECT id, sku FROM orders ORDER BY id LIMIT ?", (row, n) -> new Order(row.getLong("id"),
                row.getString("sku")), PAGE);
    }

    /** One order as the API answers it. */
    public record Order(long id, String sku) {
    }
}

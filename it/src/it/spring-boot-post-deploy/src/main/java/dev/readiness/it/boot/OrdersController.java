package dev.readiness.it.boot;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Places and counts orders; the counter orders_placed_total is the application metric the gate looks for. */
@RestController
public class OrdersController {

    private final JdbcTemplate jdbc;
    private final Counter placed;

    public OrdersController(JdbcTemplate jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.placed = Counter.builder("orders.placed").description("orders placed").register(registry);
    }

    @GetMapping("/api/orders/count")
    public Map<String, Object> count() {
        return Map.of("count", jdbc.queryForObject("SELECT COUNT(*) FROM orders", Long.class));
    }

    @PostMapping("/api/orders")
    @ResponseStatus(HttpStatus.CREATED)
    public Map<String, Object> place(@RequestBody Map<String, String> order) {
        jdbc.update("INSERT INTO orders (sku) VALUES (?)", order.get("sku"));
        placed.increment();
        return Map.of("id", jdbc.queryForObject("SELECT MAX(id) FROM orders", Long.class), "sku", order.get("sku"));
    }
}

package dev.readiness.it.boot;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Places orders in the database; the counter orders_placed_total is the application metric the gate looks for. */
@RestController
public class OrdersController {

    private final JdbcTemplate jdbc;
    private final Counter placed;

    public OrdersController(JdbcTemplate jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.placed = Counter.builder("orders.placed").description("orders placed").register(registry);
    }

    @PostMapping("/api/orders")
    @ResponseStatus(HttpStatus.CREATED)
    public Map<String, Object> place(@RequestBody Map<String, String> order) {
        String sku = order.get("sku");
        Long id = jdbc.queryForObject("SELECT id FROM FINAL TABLE (INSERT INTO orders (sku) VALUES (?))", Long.class, sku);
        placed.increment();
        return Map.of("id", id, "sku", sku);
    }
}

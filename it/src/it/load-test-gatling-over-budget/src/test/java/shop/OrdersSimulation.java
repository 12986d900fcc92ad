package shop;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * Five new users a second for four seconds (20 users), each listing the orders at /api/limited of the service at the
 * URL the build passes as -Dservice.url: its limiter answers the first 5 requests and every later one 429, which
 * Gatling counts as failed.
 */
public class OrdersSimulation extends Simulation {

    private final ScenarioBuilder list = scenario("list orders").exec(http("orders").get("/api/limited"));

    {
        setUp(list.injectOpen(constantUsersPerSec(5).during(Duration.ofSeconds(4))))
                .protocols(http.baseUrl(System.getProperty("service.url")).shareConnections());
    }
}

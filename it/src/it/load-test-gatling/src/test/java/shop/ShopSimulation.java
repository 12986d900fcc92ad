package shop;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * Five new users a second for four seconds (20 users), each loading the shop page (in the group "catalogue") and the
 * health endpoint of the service at the URL the build passes as -Dservice.url: 40 requests in all. The users share
 * their connections, as the clients of a service behind a pool do, so the run measures the service more than TLS
 * handshakes.
 */
public class ShopSimulation extends Simulation {

    private final ScenarioBuilder browse = scenario("browse")
            .exec(group("catalogue").on(http("shop page").get("/shop/")))
            .exec(http("health").get("/actuator/health"));

    {
        setUp(browse.injectOpen(constantUsersPerSec(5).during(Duration.ofSeconds(4))))
                .protocols(http.baseUrl(System.getProperty("service.url")).shareConnections());
    }
}

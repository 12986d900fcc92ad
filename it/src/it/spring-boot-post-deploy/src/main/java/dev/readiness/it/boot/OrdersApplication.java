package dev.readiness.it.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The service the gate checks after its deployment: orders in an H2 database that Flyway migrates. It exits with the
 * build that started it (spring-boot:start's Maven): when the gate fails that build, spring-boot:stop never runs, and a
 * service left behind would hold the build's output open and hang the invoker.
 */
@SpringBootApplication
public class OrdersApplication {

    public static void main(String[] args) {
        ProcessHandle.current().parent().ifPresent(build -> build.onExit().thenRun(() -> System.exit(0)));
        SpringApplication.run(OrdersApplication.class, args);
    }
}

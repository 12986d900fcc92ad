package dev.readiness.checks.coverage.sample;

/** A sample the coverage tests instrument with JaCoCo and run: one branch, two methods. */
public class Greeter {

    public String greet(String name) {
        if (name == null || name.isBlank()) {
            return "Hello, stranger";
        }
        return "Hello, " + name;
    }

    public String farewell(String name) {
        return "Goodbye, " + name;
    }
}

package dev.readiness.checks.coverage.sample.generated;

/** A sample standing for generated code that the tests never run and the excludes leave out. */
public class Stub {

    public int answer(int question) {
        if (question > 0) {
            return 42;
        }
        return question * 2;
    }
}

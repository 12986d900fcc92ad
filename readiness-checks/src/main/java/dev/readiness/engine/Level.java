package dev.readiness.engine;

/** How much an item matters: an unmet REQUIRED item fails the build, an unmet RECOMMENDED one warns. */
public enum Level {
    REQUIRED, RECOMMENDED, INFO
}

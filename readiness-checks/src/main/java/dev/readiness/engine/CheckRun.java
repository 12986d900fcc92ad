package dev.readiness.engine;

import dev.readiness.check.Result;

/** One check's result, with how long it took. */
public record CheckRun(String id, Level level, Result result, long durationMs) {
}

package dev.readiness.engine;

import dev.readiness.check.CheckContext;

/**
 * One module's run of the gate in a reactor, kept for the aggregate: its context (folders, coordinates) and outcome.
 */
public record ModuleOutcome(CheckContext context, Outcome outcome) {
}

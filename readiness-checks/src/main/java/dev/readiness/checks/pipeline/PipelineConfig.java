package dev.readiness.checks.pipeline;

/** Configuration of the {@code pipeline} check: none besides what every check takes; it reads the repository's pipeline files. */
public record PipelineConfig() {
}

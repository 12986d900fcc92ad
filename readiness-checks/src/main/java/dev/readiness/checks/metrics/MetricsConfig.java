package dev.readiness.checks.metrics;

import dev.readiness.check.Param;

/**
 * The configuration of {@link MetricsCheck}.
 *
 * @param url the Prometheus (or OpenMetrics) endpoint; the target's {@code /actuator/prometheus} by default
 */
public record MetricsConfig(
        @Param("the Prometheus or OpenMetrics text endpoint to GET; default: the <target> + /actuator/prometheus")
        String url) {

    public MetricsConfig {
        url = url == null || url.isBlank() ? null : url.trim();
    }
}

package dev.readiness.checks.monitoring;

import dev.readiness.check.Param;
import java.util.List;
import java.util.Locale;

/**
 * Configuration of the {@code monitoring} check.
 *
 * @param paths          files or folders holding the monitoring files, relative to the project folder; {@code null}
 *                       means those of {@link #DEFAULT_PATHS} that exist
 * @param pageSeverities the severity labels whose alerts must reach a pager; default {@code critical}
 */
public record MonitoringConfig(
        @Param("files or folders of Prometheus rules, Alertmanager configuration, Grafana dashboard JSON and SLO definitions"
                + " (OpenSLO, Sloth, Pyrra), relative to the project folder; folders are searched for .yml, .yaml and .json files;"
                + " default: those of monitoring, prometheus, alertmanager, grafana and slo that exist")
        List<String> paths,
        @Param("the severity labels whose alerts must reach a pager (a receiver with pagerduty_configs, opsgenie_configs or"
                + " victorops_configs); default critical")
        List<String> pageSeverities) {

    /** The folders read when {@code paths} is not set, those that exist. */
    public static final List<String> DEFAULT_PATHS = List.of("monitoring", "prometheus", "alertmanager", "grafana", "slo");

    public MonitoringConfig {
        if (paths != null) {
            if (paths.isEmpty() || paths.stream().anyMatch(p -> p == null || p.isBlank())) {
                throw new IllegalArgumentException("paths holds no path or an empty one: list the files or folders of the monitoring"
                        + " files, or leave paths out to read " + String.join(", ", DEFAULT_PATHS));
            }
            paths = List.copyOf(paths);
        }
        if (pageSeverities == null) {
            pageSeverities = List.of("critical");
        } else if (pageSeverities.isEmpty() || pageSeverities.stream().anyMatch(s -> s == null || s.isBlank())) {
            throw new IllegalArgumentException("pageSeverities holds no severity or an empty one: list severity labels such as critical");
        } else {
            pageSeverities = pageSeverities.stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
        }
    }

    /** The defaults: the default folders, critical alerts page. */
    public static MonitoringConfig defaults() {
        return new MonitoringConfig(null, null);
    }
}

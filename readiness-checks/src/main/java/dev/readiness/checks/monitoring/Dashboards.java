package dev.readiness.checks.monitoring;

import static dev.readiness.checks.monitoring.Nodes.finding;
import static dev.readiness.checks.monitoring.Nodes.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.readiness.check.Finding;
import dev.readiness.checks.monitoring.MonitoringFiles.Doc;
import dev.readiness.checks.monitoring.MonitoringFiles.Format;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Grafana dashboards among the monitoring files: JSON as Grafana exports it (the dashboard itself, or
 * the API's {@code {"dashboard": ...}}), its panels counted through collapsed rows ({@code panels} inside a
 * row panel) and the old {@code rows} layout. A panel counts when one of its targets has a query
 * ({@code expr}, {@code query}, {@code rawSql} or {@code expression}) on a real data source: Grafana's
 * TestData source draws made-up series.
 */
final class Dashboards {

    private static final List<String> QUERY_FIELDS = List.of("expr", "query", "rawSql", "expression");
    private static final Set<String> MADE_UP = Set.of("testdata", "grafana-testdata-datasource", "datasource");
    private static final int MAX_PANELS = 10_000;

    /** A dashboard: its file, title, panels and the panels with a query. */
    record Dashboard(String file, String title, int panels, int queried) {
    }

    private final List<Dashboard> dashboards = new ArrayList<>();
    private final List<Finding> notDashboards = new ArrayList<>();

    static Dashboards of(List<Doc> docs) {
        Dashboards found = new Dashboards();
        for (Doc doc : docs) {
            if (doc.format() != Format.JSON) {
                continue;
            }
            JsonNode root = doc.root();
            JsonNode dashboard = root.isObject() && root.path("dashboard").isObject() ? root.get("dashboard") : root;
            if (!dashboard.isObject() || !(dashboard.has("panels") || dashboard.has("rows"))) {
                found.notDashboards.add(finding(doc.file() + ":panels", doc.file(), doc.file() + " is not a Grafana dashboard"
                        + " (no panels: and no rows:): export the dashboard from Grafana (Share, Export, Save to file) into it"));
                continue;
            }
            int[] counts = {0, 0};
            count(dashboard.get("panels"), counts);
            for (JsonNode row : Nodes.list(dashboard.get("rows"))) {
                count(row.get("panels"), counts);
            }
            String title = text(dashboard, "title");
            found.dashboards.add(new Dashboard(doc.file(), title == null ? doc.file() : title, counts[0], counts[1]));
        }
        return found;
    }

    List<Dashboard> dashboards() {
        return dashboards;
    }

    /** The JSON files that are not dashboards. */
    List<Finding> notDashboards() {
        return notDashboards;
    }

    /** Panels and the panels with a query, into {@code counts[0]} and {@code counts[1]}, through rows. */
    private static void count(JsonNode panels, int[] counts) {
        for (JsonNode panel : Nodes.list(panels)) {
            if (counts[0] >= MAX_PANELS || !panel.isObject()) {
                continue;
            }
            if ("row".equals(text(panel, "type"))) {
                count(panel.get("panels"), counts);
                continue;
            }
            counts[0]++;
            if (queried(panel)) {
                counts[1]++;
            }
        }
    }

    private static boolean queried(JsonNode panel) {
        boolean panelMadeUp = madeUp(panel.get("datasource"));
        for (JsonNode target : Nodes.list(panel.get("targets"))) {
            JsonNode source = target.get("datasource");
            boolean targetMadeUp = source == null || source.isNull() ? panelMadeUp : madeUp(source);
            if (!targetMadeUp && QUERY_FIELDS.stream().anyMatch(field -> text(target, field) != null)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a data source is Grafana's TestData or the "-- Dashboard --" source that reuses another panel's query. */
    private static boolean madeUp(JsonNode source) {
        if (source == null || source.isNull()) {
            return false;
        }
        String type = source.isObject() ? text(source, "type") : source.asText();
        return type != null && (MADE_UP.contains(type) || type.equals("-- Dashboard --") || type.equals("-- Grafana --"));
    }

    /** Dashboards by file, for the evidence: file → "title: n of m panels queried". */
    Map<String, String> evidence() {
        Map<String, String> evidence = new LinkedHashMap<>();
        for (Dashboard d : dashboards) {
            evidence.put(d.file(), d.title() + ": " + d.queried() + " of " + d.panels() + " panels with a query");
        }
        return evidence;
    }
}

package dev.readiness.checks.performance;

import dev.readiness.checks.performance.LoadRun.Figures;
import dev.readiness.io.ToolFiles;
import dev.readiness.io.UnreadableFileException;
import dev.readiness.text.Words;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The figures of a Gatling run from the statistics table of its HTML report's {@code index.html}: Gatling 3.15 writes
 * them nowhere else (no {@code js/stats.json}, a binary simulation.log). The head table's one row is all requests, the
 * body's rows the groups and requests, each naming its group by {@code data-parent}; a request in a group is labelled
 * "group / request". Columns are found by their headers (Total, KO, Cnt/s, 95th pct, 99th pct), so a report whose
 * configured percentiles leave out the 95th or 99th has no such figure. The only class of the check that touches jsoup.
 */
final class GatlingReport {

    /** The report's page that holds the statistics table. */
    static final String FILE_NAME = "index.html";

    private GatlingReport() {
    }

    /** The figures of all requests; those of each request are added to {@code byLabel}, in the table's order. */
    static Figures read(Path indexHtml, Map<String, Figures> byLabel) throws UnreadableFileException {
        Document page;
        try (InputStream in = ToolFiles.open(indexHtml)) {
            page = Jsoup.parse(in, "UTF-8", "");
        } catch (IOException e) {
            throw new UnreadableFileException(Words.oneLine(e.getMessage(), 300));
        }
        Element head = page.getElementById("container_statistics_head");
        Element body = page.getElementById("container_statistics_body");
        Element all = head == null ? null : head.selectFirst("tbody > tr");
        if (all == null || body == null) {
            throw new UnreadableFileException("it has no statistics table (container_statistics_head and _body): not the "
                    + "index.html of a Gatling report");
        }
        Map<String, String> columns = new LinkedHashMap<>();
        for (Element header : head.select("thead th[id~=^col-[0-9]+$]")) {
            columns.putIfAbsent(header.text().strip(), header.id());
        }
        if (!columns.containsKey("Total") || !columns.containsKey("KO")) {
            throw new UnreadableFileException("its statistics table lacks the Total or the KO column (its columns: "
                    + Words.oneLine(String.join(", ", columns.keySet()), 200) + ")");
        }
        Figures figures = figures(all, "all requests", columns);
        Map<String, String> groups = new HashMap<>();
        for (Element row : body.select("tbody > tr")) {
            Element button = row.selectFirst("td.col-1 .expand-button");
            String name = row.select("td.col-1 .ellipsed-name").text();
            String group = groups.get(row.attr("data-parent"));
            String path = group == null ? name : group + " / " + name;
            if (button != null && !button.hasClass("hidden")) {
                groups.put(button.id(), path);
            } else {
                String label = GatlingStats.label(path, byLabel);
                byLabel.put(label, figures(row, "'" + label + "'", columns));
            }
        }
        return figures;
    }

    private static Figures figures(Element row, String what, Map<String, String> columns) throws UnreadableFileException {
        return GatlingStats.figures(what, cell(row, what, columns, "Total"), cell(row, what, columns, "KO"),
                cell(row, what, columns, "95th pct"), cell(row, what, columns, "99th pct"), cell(row, what, columns, "Cnt/s"));
    }

    /** The number in the row's cell under {@code header}; null where the table has no such column or the cell says "-". */
    private static BigDecimal cell(Element row, String what, Map<String, String> columns, String header)
            throws UnreadableFileException {
        String column = columns.get(header);
        Element cell = column == null ? null : row.selectFirst("td." + column);
        return cell == null ? null : GatlingStats.number(header + " of " + what, cell.text());
    }
}

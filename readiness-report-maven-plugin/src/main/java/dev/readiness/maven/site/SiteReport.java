package dev.readiness.maven.site;

import com.fasterxml.jackson.databind.JsonNode;
import dev.readiness.check.Status;
import dev.readiness.report.ResultDocument;
import dev.readiness.text.Words;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.maven.doxia.sink.Sink;
import org.apache.maven.reporting.AbstractMavenReportRenderer;

/**
 * The site page of {@link ReportMojo}: a {@code readiness.json} through the Doxia sink (which escapes every
 * text), or the reason there is none to show. Every value from the document is shown as one line.
 */
final class SiteReport extends AbstractMavenReportRenderer {

    /** The most findings shown per claim, as in the HTML report; readiness.json holds them all. */
    static final int MAX_FINDINGS = 200;

    private static final String[] STATUSES = Arrays.stream(Status.values()).map(Status::name).toArray(String[]::new);

    private final ResultDocument result;

    SiteReport(Sink sink, ResultDocument result) {
        super(sink);
        this.result = result;
    }

    @Override
    public String getTitle() {
        return "Readiness";
    }

    @Override
    protected void renderBody() {
        if (result.root() == null) {
            startSection("Readiness");
            paragraph("No verdict to show: " + result.problem() + ".");
            endSection();
            return;
        }
        JsonNode root = result.root();
        startSection("Readiness " + line(root.path("verdict")));
        JsonNode project = root.path("project");
        paragraph("Project " + line(project.path("groupId")) + ":" + line(project.path("artifactId")) + ":" + line(project.path("version"))
                + " · stage " + line(root.path("stage")) + " · checklist " + line(root.path("checklist")) + " · "
                + Words.plural(root.path("items").size(), "item") + " · " + Words.plural(root.path("checks").size(), "check"));
        counts(root.path("summary"));
        list("Why the build fails", root.path("failures"));
        list("Warnings", root.path("warnings"));
        list("Needs a person", root.path("notices"));
        endSection();
        sections(root.path("items"));
        findings(root.path("checks"));
        modules(root.path("modules"));
    }

    private void counts(JsonNode summary) {
        startTable();
        tableHeader(STATUSES);
        String[] counts = new String[STATUSES.length];
        for (int i = 0; i < STATUSES.length; i++) {
            counts[i] = String.valueOf(summary.path(STATUSES[i]).asInt());
        }
        row(counts);
        endTable();
    }

    private void list(String title, JsonNode lines) {
        if (lines.isEmpty()) {
            return;
        }
        paragraph(title + ":");
        sink.list();
        for (JsonNode line : lines) {
            sink.listItem();
            text(line(line));
            sink.listItem_();
        }
        sink.list_();
    }

    /** One table per checklist section, items in checklist order. */
    private void sections(JsonNode items) {
        Map<String, List<JsonNode>> sections = new LinkedHashMap<>();
        items.forEach(item -> sections.computeIfAbsent(line(item.path("section")), s -> new ArrayList<>()).add(item));
        sections.forEach((section, sectionItems) -> {
            startSection(section.isEmpty() ? "Items" : section);
            startTable();
            tableHeader(new String[] {"Item", "Status", "Level", "Checks and claims", "Evidence"});
            for (JsonNode item : sectionItems) {
                row(new String[] {line(item.path("text")), line(item.path("status")), line(item.path("level")),
                        claims(item), line(item.path("evidence"))});
            }
            endTable();
            endSection();
        });
    }

    /** "tests (settles, FAIL)", "tests (settles, FAIL, accounted as WAIVED)", or the claims that could verify an item no configured check decides. */
    private static String claims(JsonNode item) {
        List<String> shown = new ArrayList<>();
        item.path("claims").forEach(c -> shown.add(line(c.path("id")) + " (" + line(c.path("strength")).toLowerCase(Locale.ROOT)
                + ", " + line(c.path("status")) + (c.has("accountedAs") ? ", accounted as " + line(c.path("accountedAs")) : "") + ")"));
        if (shown.isEmpty() && !item.path("couldBeVerifiedBy").isEmpty()) {
            List<String> could = new ArrayList<>();
            item.path("couldBeVerifiedBy").forEach(c -> could.add(line(c.path("claim"))));
            return "could be verified by " + String.join(", ", could);
        }
        return String.join(", ", shown);
    }

    /** Every claim's findings, the first {@link #MAX_FINDINGS} of each, with where and the key waivers and baselines use. */
    private void findings(JsonNode checks) {
        List<JsonNode> withFindings = new ArrayList<>();
        checks.forEach(check -> check.path("claims").forEach(claim -> {
            if (!claim.path("findings").isEmpty()) {
                withFindings.add(claim);
            }
        }));
        if (withFindings.isEmpty()) {
            return;
        }
        startSection("Findings");
        for (JsonNode claim : withFindings) {
            JsonNode findings = claim.path("findings");
            startSection(line(claim.path("id")) + " (" + line(claim.path("status")) + ")");
            startTable();
            tableHeader(new String[] {"Finding", "Location", "Key"});
            for (int i = 0; i < Math.min(findings.size(), MAX_FINDINGS); i++) {
                JsonNode f = findings.get(i);
                row(new String[] {(f.path("note").asBoolean() ? "note: " : "") + line(f.path("message")), line(f.path("location")),
                        line(f.path("key"))});
            }
            endTable();
            if (findings.size() > MAX_FINDINGS) {
                paragraph("and " + (findings.size() - MAX_FINDINGS) + " more (see readiness.json)");
            }
            if (!claim.path("remedy").isNull() && !claim.path("remedy").isMissingNode()) {
                paragraph("Fix: " + line(claim.path("remedy")));
            }
            endSection();
        }
        endSection();
    }

    /** In a reactor's aggregate, each module's own verdict and counts. */
    private void modules(JsonNode modules) {
        if (modules.isEmpty()) {
            return;
        }
        startSection("Modules");
        startTable();
        String[] header = new String[STATUSES.length + 2];
        header[0] = "Module";
        header[1] = "Verdict";
        System.arraycopy(STATUSES, 0, header, 2, STATUSES.length);
        tableHeader(header);
        for (JsonNode module : modules) {
            String[] row = new String[header.length];
            row[0] = line(module.path("artifactId"));
            row[1] = line(module.path("verdict"));
            for (int i = 0; i < STATUSES.length; i++) {
                row[i + 2] = String.valueOf(module.path("summary").path(STATUSES[i]).asInt());
            }
            row(row);
        }
        endTable();
        endSection();
    }

    /**
     * A table row of plain text: unlike {@code tableRow}, which reads {@code {text, url}} in a cell as a link, a
     * cell never becomes markup or a link, whatever the document quotes.
     */
    private void row(String... cells) {
        sink.tableRow();
        for (String cell : cells) {
            sink.tableCell();
            sink.text(cell);
            sink.tableCell_();
        }
        sink.tableRow_();
    }

    /** A value of the document as one line of text ("" when absent). */
    private static String line(JsonNode value) {
        return value.isValueNode() && !value.isNull() ? Words.oneLine(value.asText()) : "";
    }
}

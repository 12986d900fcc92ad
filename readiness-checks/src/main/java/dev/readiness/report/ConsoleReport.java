package dev.readiness.report;

import dev.readiness.engine.ItemResult;
import dev.readiness.engine.Outcome;
import java.util.ArrayList;
import java.util.List;

/** The console lines: one per item (status, text, evidence), then the verdict with counts. */
public final class ConsoleReport {

    private ConsoleReport() {
    }

    public static List<String> lines(Outcome outcome) {
        List<String> lines = new ArrayList<>();
        int width = outcome.items().stream().mapToInt(i -> i.status().name().length()).max().orElse(4);
        for (ItemResult item : outcome.items()) {
            lines.add(String.format("%-" + width + "s  %s — %s", item.status(), Text.oneLine(item.item().text()),
                    Text.oneLine(item.evidence())));
        }
        lines.add(verdict(outcome));
        return lines;
    }

    public static String verdict(Outcome outcome) {
        return "Readiness " + (outcome.passed() ? "PASS" : "FAIL") + ": " + MarkdownReport.counts(outcome.counts())
                + " (" + outcome.items().size() + " items, " + outcome.checks().size() + " checks)";
    }
}

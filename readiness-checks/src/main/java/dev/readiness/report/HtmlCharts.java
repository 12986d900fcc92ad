package dev.readiness.report;

import dev.readiness.check.Finding;
import dev.readiness.check.Ratio;
import dev.readiness.check.Status;
import dev.readiness.engine.CheckRun;
import dev.readiness.engine.ClaimVerdict;
import dev.readiness.engine.ItemResult;
import dev.readiness.engine.ModuleSummary.Covered;
import dev.readiness.engine.ModuleSummary;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The pictures of the HTML report, as inline SVG (the page's policy allows no style attribute): a
 * section's progress bar, the coverage counters, per module and least-covered classes, the dependency paths of the
 * advisories as a tree.
 */
final class HtmlCharts {

    /** How an item stands in its section's progress bar, from its status and the strength of its claims. */
    enum Standing {
        SETTLED, SUPPORTED, ATTESTED, WAIVED, MANUAL, SKIPPED, FAILING;

        static Standing of(ItemResult item) {
            return switch (item.status()) {
                case PASS -> SETTLED;
                case ATTESTED -> ATTESTED;
                case WAIVED -> WAIVED;
                case SKIPPED -> SKIPPED;
                case FAIL, ERROR -> FAILING;
                case MANUAL -> item.claims().stream().anyMatch(c -> c.status() == Status.PASS) ? SUPPORTED : MANUAL;
            };
        }

        String css() {
            return "seg-" + name().toLowerCase(Locale.ROOT);
        }
    }

    /** The advisory path separator of the dependencyScan check's findings. */
    private static final String STEP = " → ";

    private static final int WIDTH = 1000;

    /** The counter the coverage check limits unless configured otherwise. */
    private static final String DEFAULT_COUNTER = "LINE";

    private HtmlCharts() {
    }

    /** A bar of the section's items by standing, segment widths in proportion, with a legend of the counts. */
    static void progress(StringBuilder html, List<ItemResult> items) {
        Map<Standing, Integer> counts = new EnumMap<>(Standing.class);
        items.forEach(item -> counts.merge(Standing.of(item), 1, Integer::sum));
        List<String> labels = new ArrayList<>();
        StringBuilder rects = new StringBuilder();
        StringBuilder legend = new StringBuilder();
        int done = 0;
        for (Map.Entry<Standing, Integer> e : counts.entrySet()) {
            int x = WIDTH * done / items.size();
            done += e.getValue();
            int end = WIDTH * done / items.size();
            String label = e.getValue() + " " + e.getKey().name().toLowerCase(Locale.ROOT);
            labels.add(label);
            rects.append("<rect class=\"").append(e.getKey().css()).append("\" x=\"").append(x).append("\" y=\"0\" width=\"").append(end - x)
                    .append("\" height=\"10\"><title>").append(label).append("</title></rect>");
            legend.append("<span class=\"").append(e.getKey().css()).append("\" data-standing=\"").append(e.getKey()).append("\">")
                    .append(label).append("</span>");
        }
        html.append("<svg class=\"bar\" viewBox=\"0 0 ").append(WIDTH).append(" 10\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"")
                .append(String.join(", ", labels)).append("\">").append(rects).append("</svg>\n<p class=\"legend\">").append(legend)
                .append("</p>\n");
    }

    /**
     * The coverage check's counters, the least-covered classes its findings name, and in a reactor's aggregate
     * each module's own covered share, as bars of their covered share.
     */
    static void coverage(StringBuilder html, CheckRun run, List<ModuleSummary> modules) {
        if (run == null) {
            return;
        }
        List<Bar> counters = new ArrayList<>();
        Covered.counters(run.result()).forEach((counter, figures) -> {
            if (figures.covered() + figures.missed() > 0) {
                counters.add(new Bar(counter, figures.covered(), figures.missed()));
            }
        });
        List<Bar> classes = new ArrayList<>();
        String ranked = null;
        for (ClaimVerdict claim : run.claims()) {
            for (Finding f : claim.result().findings()) {
                if (f.evidence().get("class") != null && f.evidence().get("covered") instanceof Number covered
                        && f.evidence().get("missed") instanceof Number missed) {
                    classes.add(new Bar(f.evidence().get("class") + " (" + f.evidence().get("counter") + ")",
                            covered.longValue(), missed.longValue()));
                    ranked = ranked == null ? String.valueOf(f.evidence().get("counter")) : ranked;
                }
            }
        }
        List<Bar> perModule = modules(modules, ranked == null ? DEFAULT_COUNTER : ranked);
        if (counters.isEmpty() && classes.isEmpty() && perModule.isEmpty()) {
            return;
        }
        html.append("<section id=\"coverage\">\n<h2>Coverage</h2>\n");
        if (!counters.isEmpty()) {
            chart(html, "coverage-counters", "Covered share per counter", counters);
        }
        if (!perModule.isEmpty()) {
            html.append("<h3>Coverage per module</h3>\n");
            chart(html, "coverage-modules", "Covered share per module", perModule);
        }
        if (!classes.isEmpty()) {
            html.append("<h3>Least-covered classes</h3>\n");
            chart(html, "coverage-classes", "Covered share of the least-covered classes", classes);
        }
        html.append("</section>\n");
    }

    /**
     * One bar per module that measured {@code counter} (the one the least-covered classes are ranked by, else the
     * check's default), from the module's own coverage evidence, in reactor order; modules that measured nothing
     * (a {@code pom} module) have none.
     */
    private static List<Bar> modules(List<ModuleSummary> modules, String counter) {
        List<Bar> bars = new ArrayList<>();
        for (ModuleSummary module : modules) {
            Covered figures = module.coverage().get(counter);
            if (figures != null && figures.covered() + figures.missed() > 0) {
                bars.add(new Bar(module.project().artifactId() + " (" + counter + ")", figures.covered(), figures.missed()));
            }
        }
        return bars;
    }

    /** One labelled figure: how much of it is covered. */
    record Bar(String label, long covered, long missed) {
        long total() {
            return covered + missed;
        }
    }

    private static void chart(StringBuilder html, String id, String title, List<Bar> bars) {
        int row = 30;
        html.append("<svg class=\"chart\" id=\"").append(id).append("\" viewBox=\"0 0 720 ").append(bars.size() * row)
                .append("\" role=\"img\" aria-label=\"").append(title).append("\">\n");
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = i * row;
            long width = bar.total() == 0 ? 0 : 480 * bar.covered() / bar.total();
            String percent = bar.total() == 0 ? "n/a" : Ratio.of(bar.covered(), bar.total()).percentFloor();
            html.append("<g class=\"row\"><text x=\"0\" y=\"").append(y + 11).append("\">").append(Text.html(bar.label())).append("</text>")
                    .append("<rect class=\"track\" x=\"0\" y=\"").append(y + 15).append("\" width=\"480\" height=\"10\"/>")
                    .append("<rect class=\"covered\" x=\"0\" y=\"").append(y + 15).append("\" width=\"").append(width).append("\" height=\"10\"/>")
                    .append("<text x=\"488\" y=\"").append(y + 24).append("\">").append(percent).append(" (").append(bar.covered()).append(" of ")
                    .append(bar.total()).append(")</text></g>\n");
        }
        html.append("</svg>\n");
    }

    /** The paths that pull in each advisory's dependency, merged into one tree from the project down, each advisory at its dependency. */
    static void dependencies(StringBuilder html, CheckRun run) {
        if (run == null) {
            return;
        }
        Node root = new Node();
        Set<String> seen = new LinkedHashSet<>();
        for (ClaimVerdict claim : run.claims()) {
            for (Finding f : claim.result().findings()) {
                if (f.evidence().get("path") instanceof String path && !path.isBlank() && seen.add(f.key() + "\n" + path)) {
                    Node node = root;
                    for (String step : path.split(STEP)) {
                        node = node.children.computeIfAbsent(step, s -> new Node());
                    }
                    node.findings.add(f);
                }
            }
        }
        if (root.children.isEmpty()) {
            return;
        }
        html.append("<section id=\"dependencies\">\n<h2>Advisories by dependency path</h2>\n<ul class=\"tree\">\n");
        tree(html, root);
        html.append("</ul>\n</section>\n");
    }

    private static void tree(StringBuilder html, Node node) {
        for (Map.Entry<String, Node> child : node.children.entrySet()) {
            html.append("<li><code>").append(Text.html(child.getKey())).append("</code>");
            for (Finding f : child.getValue().findings) {
                html.append("<div class=\"advisory").append(f.cause() ? "" : " note").append("\" data-key=\"").append(Text.html(f.key()))
                        .append("\">").append(Text.html(f.message())).append("</div>");
            }
            if (!child.getValue().children.isEmpty()) {
                html.append("\n<ul>\n");
                tree(html, child.getValue());
                html.append("</ul>");
            }
            html.append("</li>\n");
        }
    }

    /** A dependency in the tree: what it pulls in, in name order, and the advisories against it. */
    private static final class Node {
        final Map<String, Node> children = new TreeMap<>();
        final List<Finding> findings = new ArrayList<>();
    }
}

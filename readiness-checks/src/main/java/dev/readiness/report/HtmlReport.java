package dev.readiness.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.readiness.check.Claim;
import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import dev.readiness.check.Waiver;
import dev.readiness.engine.Attestation;
import dev.readiness.engine.Baseline;
import dev.readiness.engine.ClaimAccount;
import dev.readiness.engine.ClaimVerdict;
import dev.readiness.engine.ItemResult;
import dev.readiness.engine.Level;
import dev.readiness.engine.Outcome;
import dev.readiness.text.Words;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Writes {@code readiness.html}: one self-contained page for people, readable as a CI artifact. It opens
 * with the verdict, the project, the stage and the counts per status, then what needs a person, then the
 * checklist by section, each with a progress bar, every item's claims, evidence and findings in an
 * expandable block, filters by status and level, and the coverage and dependency pictures where those
 * checks ran. It loads nothing: its one inline style and one inline script are allowed by their SHA-256
 * hashes in a Content-Security-Policy that forbids everything else. Everything quoted from outside is
 * escaped; the same outcome gives the same bytes (the page shows no time).
 */
public final class HtmlReport {

    /** The most findings shown per claim; the JSON report holds them all. */
    static final int MAX_FINDINGS = 200;

    static final String STYLE = resource("readiness-html.css");
    static final String SCRIPT = resource("readiness-html.js");

    /** The page's policy: nothing but its own inline style and script, by hash, and data: images. */
    static final String POLICY = "default-src 'none'; script-src '" + sha256(SCRIPT) + "'; style-src '" + sha256(STYLE)
            + "'; img-src data:; base-uri 'none'; form-action 'none'";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private HtmlReport() {
    }

    public static void write(Outcome outcome, Path file) throws IOException {
        // getBytes replaces what UTF-8 cannot carry (a lone surrogate in quoted text) instead of failing the write.
        Files.write(file, render(outcome).getBytes(StandardCharsets.UTF_8));
    }

    static String render(Outcome outcome) {
        StringBuilder html = new StringBuilder(8192);
        String title = Text.html(outcome.checklist().title());
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(POLICY).append("\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Readiness ").append(outcome.passed() ? "PASS" : "FAIL").append(": ").append(title).append("</title>\n")
                .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
        header(html, outcome, title);
        needsAPerson(html, outcome);
        filters(html, outcome);
        checklist(html, outcome);
        HtmlCharts.coverage(html, outcome.check("coverage"), outcome.modules());
        HtmlCharts.dependencies(html, outcome.check("dependencyScan"));
        html.append("<script>").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void header(StringBuilder html, Outcome outcome, String title) {
        String verdict = outcome.passed() ? "PASS" : "FAIL";
        html.append("<header>\n<h1>").append(title).append("</h1>\n")
                .append("<p><span class=\"verdict verdict-").append(verdict).append("\" id=\"verdict\">Readiness ").append(verdict)
                .append("</span></p>\n<p class=\"meta\">Project <code id=\"project\">").append(Text.html(outcome.project().toString()))
                .append("</code> · stage <code id=\"stage\">").append(outcome.stage().id()).append("</code> · checklist <code>")
                .append(Text.html(outcome.checklist().source())).append("</code> · ")
                .append(Text.html(Words.plural(outcome.items().size(), "item"))).append(" · ")
                .append(Text.html(Words.plural(outcome.checks().size(), "check"))).append("</p>\n<ul class=\"counts\" id=\"counts\">\n");
        outcome.counts().forEach((status, count) -> html.append("<li data-status=\"").append(status).append("\">")
                .append(badge(status)).append("<span class=\"count\">").append(count).append("</span></li>\n"));
        html.append("</ul>\n");
        list(html, "failures", outcome.failures());
        list(html, "warnings", outcome.warnings());
        html.append("</header>\n");
    }

    private static void list(StringBuilder html, String kind, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        html.append("<ul class=\"").append(kind).append("\">\n");
        lines.forEach(line -> html.append("<li>").append(Text.html(line)).append("</li>\n"));
        html.append("</ul>\n");
    }

    /**
     * What needs a person, first, as the Markdown report puts it: the items whose attestation is required
     * and missing, the manual items nobody has attested, and the notices (waivers ending soon or matching
     * nothing, attestations not used, baseline entries fixed).
     */
    private static void needsAPerson(StringBuilder html, Outcome outcome) {
        List<Integer> toAttest = new ArrayList<>();
        List<Integer> manual = new ArrayList<>();
        for (int i = 0; i < outcome.items().size(); i++) {
            ItemResult item = outcome.items().get(i);
            if (item.needsAttestation()) {
                toAttest.add(i);
            } else if (item.status() == Status.MANUAL) {
                manual.add(i);
            }
        }
        if (toAttest.isEmpty() && manual.isEmpty() && outcome.notices().isEmpty()) {
            return;
        }
        html.append("<section class=\"needs\" id=\"needs-a-person\">\n<h2>Needs a person</h2>\n<ul>\n");
        for (int i : toAttest) {
            ItemResult item = outcome.items().get(i);
            html.append("<li>Attest <a href=\"#item-").append(i).append("\">").append(Text.html(item.item().text())).append("</a> (<code>")
                    .append(Text.html(item.item().key())).append("</code>)");
            if (item.item().attester() != null) {
                html.append(": ").append(Text.html(item.item().attester()));
            }
            html.append("</li>\n");
        }
        if (!manual.isEmpty()) {
            html.append("<li><details><summary>").append(Words.plural(manual.size(), "manual item", "manual items"))
                    .append(" nobody has attested (<code>mvn readiness:list</code> prints an attestation entry for each)</summary>\n<ul>\n");
            for (int i : manual) {
                html.append("<li><a href=\"#item-").append(i).append("\">").append(Text.html(outcome.items().get(i).item().text()))
                        .append("</a></li>\n");
            }
            html.append("</ul></details></li>\n");
        }
        outcome.notices().forEach(notice -> html.append("<li class=\"notice\">").append(Text.html(notice)).append("</li>\n"));
        html.append("</ul>\n</section>\n");
    }

    private static void filters(StringBuilder html, Outcome outcome) {
        html.append("<form class=\"filters\" id=\"filters\">\n<fieldset><legend>Status</legend>");
        for (Status status : Status.values()) {
            checkbox(html, "status", status.name());
        }
        html.append("</fieldset>\n<fieldset><legend>Level</legend>");
        for (Level level : Level.values()) {
            checkbox(html, "level", level.name());
        }
        html.append("</fieldset>\n<button type=\"button\" id=\"expand-all\">Expand all</button> <span class=\"shown\" id=\"shown\">")
                .append(outcome.items().size()).append(" of ").append(outcome.items().size()).append(" items shown</span>\n</form>\n");
    }

    private static void checkbox(StringBuilder html, String kind, String value) {
        html.append("<label><input type=\"checkbox\" checked data-filter=\"").append(kind).append("\" value=\"").append(value)
                .append("\" id=\"filter-").append(kind).append('-').append(value).append("\"> ")
                .append(value.toLowerCase(Locale.ROOT)).append("</label>");
    }

    private static void checklist(StringBuilder html, Outcome outcome) {
        Map<String, List<Integer>> sections = new LinkedHashMap<>();
        for (int i = 0; i < outcome.items().size(); i++) {
            sections.computeIfAbsent(outcome.items().get(i).item().section(), s -> new ArrayList<>()).add(i);
        }
        html.append("<main id=\"checklist\">\n");
        for (Map.Entry<String, List<Integer>> section : sections.entrySet()) {
            List<ItemResult> items = section.getValue().stream().map(outcome.items()::get).toList();
            html.append("<section class=\"checklist-section\">\n<h2>")
                    .append(section.getKey().isEmpty() ? "Items" : Text.html(section.getKey())).append("</h2>\n");
            HtmlCharts.progress(html, items);
            html.append("<ul class=\"items\">\n");
            for (int i : section.getValue()) {
                item(html, outcome, outcome.items().get(i), i);
            }
            html.append("</ul>\n</section>\n");
        }
        html.append("</main>\n");
    }

    private static void item(StringBuilder html, Outcome outcome, ItemResult item, int index) {
        html.append("<li class=\"item\" id=\"item-").append(index).append("\" data-status=\"").append(item.status())
                .append("\" data-level=\"").append(item.level()).append("\">\n<details><summary>").append(badge(item.status()))
                .append("<span class=\"text\">").append(Text.html(item.item().text())).append("</span><span class=\"level\">")
                .append(item.level().name().toLowerCase(Locale.ROOT)).append("</span> <span class=\"evidence\">· ")
                .append(Text.html(item.evidence())).append("</span></summary>\n<div class=\"body\">\n<p class=\"meta\">key <code>")
                .append(Text.html(item.item().key())).append("</code>");
        if (item.item().line() > 0) {
            html.append(" · ").append(Text.html(outcome.checklist().source())).append(':').append(item.item().line());
        }
        html.append("</p>\n");
        if (item.attestation() != null) {
            attestation(html, item.attestation());
        }
        if (item.waiver() != null) {
            html.append("<p class=\"waiver\">").append(waiver(item.waiver())).append("</p>\n");
        }
        if (item.baseline() != null) {
            html.append("<p class=\"baseline\">known since ").append(item.baseline()).append(" (").append(Baseline.FILE).append(")</p>\n");
        }
        if (!item.couldBeVerifiedBy().isEmpty()) {
            html.append("<p class=\"could\">Could be verified by:");
            for (Claim claim : item.couldBeVerifiedBy()) {
                html.append(" <code>").append(Text.html(claim.id())).append("</code> (").append(strength(claim)).append(')');
            }
            html.append("</p>\n");
        }
        for (ClaimVerdict claim : item.claims()) {
            claim(html, claim, outcome.account(claim), item.waiver());
        }
        html.append("</div>\n</details>\n</li>\n");
    }

    private static void attestation(StringBuilder html, Attestation a) {
        html.append("<p class=\"attestation\">attested by ").append(Text.html(a.shown()));
        if (a.note() != null) {
            html.append(": ").append(Text.html(a.note()));
        }
        html.append(" (").append(Text.html(a.origin())).append(')');
        if (!a.counts()) {
            html.append(" — does not count: ").append(Text.html(a.problem()));
        }
        html.append("</p>\n");
    }

    /**
     * One claim of an item: its strength and status as accounted, summary, its waiver unless the item shows
     * the same one, figures, evidence, findings and remedy.
     */
    private static void claim(StringBuilder html, ClaimVerdict claim, ClaimAccount account, Waiver shown) {
        Result r = claim.result();
        html.append("<div class=\"claim\" data-claim=\"").append(Text.html(claim.id())).append("\">\n<h3><code>")
                .append(Text.html(claim.id())).append("</code> ").append(strength(claim.claim())).append(' ')
                .append(badge(account.status())).append("</h3>\n<p>").append(Text.html(r.summary())).append("</p>\n");
        if (account.waiver() != null && !account.waiver().equals(shown)) {
            html.append("<p class=\"waiver\">").append(waiver(account.waiver())).append("</p>\n");
        }
        if (account.expired() != null) {
            html.append("<p class=\"waiver\">expired: ").append(waiver(account.expired())).append("</p>\n");
        }
        Map<String, String> facts = new LinkedHashMap<>();
        if (r.measured() != null) {
            facts.put("measured", r.measured());
        }
        if (r.expected() != null) {
            facts.put("expected", r.expected());
        }
        r.evidence().forEach((key, value) -> facts.put(key, shown(value)));
        if (!facts.isEmpty()) {
            html.append("<dl class=\"facts\">\n");
            facts.forEach((key, value) -> html.append("<dt>").append(Text.html(key)).append("</dt><dd>").append(Text.html(value))
                    .append("</dd>\n"));
            html.append("</dl>\n");
        }
        findings(html, r.findings(), account);
        if (r.remedy() != null) {
            html.append("<p class=\"remedy\">Fix: ").append(Text.html(r.remedy())).append("</p>\n");
        }
        html.append("</div>\n");
    }

    private static void findings(StringBuilder html, List<Finding> findings, ClaimAccount account) {
        if (findings.isEmpty()) {
            return;
        }
        html.append("<ul class=\"findings\">\n");
        for (Finding f : findings.subList(0, Math.min(findings.size(), MAX_FINDINGS))) {
            html.append("<li class=\"finding").append(f.cause() ? "" : " note").append("\" data-key=\"").append(Text.html(f.key()))
                    .append("\">").append(Text.html(f.message()));
            if (f.location() != null) {
                html.append(" <span class=\"location\">(").append(Text.html(f.location())).append(")</span>");
            }
            Waiver waiver = account.findings().get(f.key());
            if (waiver != null) {
                html.append(" — ").append(waiver(waiver));
            } else if (account.baselined().containsKey(f.key())) {
                html.append(" — known since ").append(account.baselined().get(f.key()));
            }
            html.append("</li>\n");
        }
        if (findings.size() > MAX_FINDINGS) {
            html.append("<li>and ").append(findings.size() - MAX_FINDINGS).append(" more (see readiness.json)</li>\n");
        }
        html.append("</ul>\n");
    }

    private static String waiver(Waiver w) {
        return "waived until " + w.until() + " by " + Text.html(w.owner()) + ": " + Text.html(w.reason()) + " ("
                + Text.html(w.shown()) + ", " + Text.html(w.origin()) + ")";
    }

    private static String strength(Claim claim) {
        return "<span class=\"strength\">" + claim.strength().name().toLowerCase(Locale.ROOT) + "</span>";
    }

    static String badge(Status status) {
        return "<span class=\"status status-" + status + "\">" + status + "</span>";
    }

    /** An evidence value as text: a string or number as it is, anything else as compact JSON with sorted keys. */
    private static String shown(Object value) {
        if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        try {
            JsonNode node = MAPPER.valueToTree(value);
            return MAPPER.writeValueAsString(node);
        } catch (IllegalArgumentException | IOException e) {
            return String.valueOf(value);
        }
    }

    private static String resource(String name) {
        try (InputStream in = Objects.requireNonNull(HtmlReport.class.getResourceAsStream(name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CSP source of an inline block: {@code sha256-} and the Base64 of the SHA-256 of its UTF-8 bytes. */
    static String sha256(String block) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(block.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

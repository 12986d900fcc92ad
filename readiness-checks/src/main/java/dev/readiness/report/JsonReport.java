package dev.readiness.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import dev.readiness.check.Waiver;
import dev.readiness.engine.Attestation;
import dev.readiness.engine.Baseline;
import dev.readiness.engine.CheckRun;
import dev.readiness.engine.ClaimAccount;
import dev.readiness.engine.ClaimVerdict;
import dev.readiness.engine.ItemResult;
import dev.readiness.engine.ModuleSummary;
import dev.readiness.engine.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code readiness.json}: the {@code readiness/v1} document DESIGN.md specifies, in a
 * fixed order (items as on the checklist, checks as configured, evidence keys sorted), so the same
 * inputs give the same bytes apart from durations.
 */
public final class JsonReport {

    public static final String SCHEMA = "readiness/v1";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private JsonReport() {
    }

    public static void write(Outcome outcome, Path file) throws IOException {
        Files.writeString(file, MAPPER.writeValueAsString(toJson(outcome)) + "\n");
    }

    static ObjectNode toJson(Outcome outcome) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", SCHEMA);
        ObjectNode project = root.putObject("project");
        project.put("groupId", outcome.project().groupId());
        project.put("artifactId", outcome.project().artifactId());
        project.put("version", outcome.project().version());
        root.put("stage", outcome.stage().id());
        if (outcome.environment() != null) {
            root.put("environment", outcome.environment());
        }
        root.put("verdict", outcome.passed() ? "PASS" : "FAIL");
        root.put("checklist", outcome.checklist().source());
        ObjectNode summary = root.putObject("summary");
        outcome.counts().forEach((status, count) -> summary.put(status.name(), count));
        ArrayNode items = root.putArray("items");
        for (ItemResult item : outcome.items()) {
            ObjectNode node = items.addObject();
            node.put("key", item.item().key());
            node.put("section", item.item().section());
            node.put("text", item.item().text());
            node.put("level", item.level().name());
            node.put("status", item.status().name());
            ArrayNode checks = node.putArray("checks");
            item.checks().forEach(checks::add);
            ArrayNode claims = node.putArray("claims");
            for (ClaimVerdict claim : item.claims()) {
                ObjectNode c = claims.addObject().put("id", claim.id()).put("strength", claim.claim().strength().name());
                status(c, claim, outcome.account(claim));
            }
            node.put("evidence", item.evidence());
            if (!item.couldBeVerifiedBy().isEmpty()) {
                ArrayNode could = node.putArray("couldBeVerifiedBy");
                item.couldBeVerifiedBy().forEach(c -> could.addObject().put("claim", c.id()).put("strength", c.strength().name()));
            }
            if (item.attestation() != null) {
                node.set("attestation", attestation(item.attestation()));
            }
            if (item.waiver() != null) {
                ObjectNode waiver = waiver(item.waiver());
                if (item.status() != Status.WAIVED) {
                    // a waiver that no longer accounts for the item: its until has passed
                    waiver.put("expired", true);
                }
                node.set("waiver", waiver);
            }
            if (item.baseline() != null) {
                node.putObject("baseline").put("since", item.baseline().toString()).put("file", Baseline.FILE);
            }
        }
        ArrayNode checks = root.putArray("checks");
        for (CheckRun run : outcome.checks()) {
            checks.add(check(run, outcome));
        }
        ArrayNode failures = root.putArray("failures");
        outcome.failures().forEach(failures::add);
        ArrayNode warnings = root.putArray("warnings");
        outcome.warnings().forEach(warnings::add);
        ArrayNode notices = root.putArray("notices");
        outcome.notices().forEach(notices::add);
        if (!outcome.modules().isEmpty()) {
            ArrayNode modules = root.putArray("modules");
            for (ModuleSummary module : outcome.modules()) {
                ObjectNode node = modules.addObject().put("artifactId", module.project().artifactId())
                        .put("verdict", module.passed() ? "PASS" : "FAIL");
                ObjectNode counts = node.putObject("summary");
                for (Status status : Status.values()) {
                    counts.put(status.name(), module.counts().getOrDefault(status, 0));
                }
            }
        }
        return root;
    }

    private static ObjectNode attestation(Attestation a) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("by", a.by()).put("date", a.date().toString()).put("evidence", a.evidence()).put("expires", a.expires().toString());
        if (a.note() != null) {
            node.put("note", a.note());
        }
        node.put("counts", a.counts());
        if (!a.counts()) {
            node.put("problem", a.problem());
        }
        return node.put("origin", a.origin());
    }

    private static ObjectNode waiver(Waiver w) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put(w.scope().key(), w.target()).put("reason", w.reason()).put("owner", w.owner());
        if (w.link() != null) {
            node.put("link", w.link());
        }
        return node.put("until", w.until().toString()).put("origin", w.origin());
    }

    /** A claim's own status, and {@code accountedAs} when a waiver or the baseline accounts for it otherwise. */
    private static void status(ObjectNode node, ClaimVerdict claim, ClaimAccount account) {
        node.put("status", claim.status().name());
        if (account.status() != claim.status()) {
            node.put("accountedAs", account.status().name());
        }
    }

    /** A check: its status the worst of its claims its main verdict's summary and shared evidence, then every claim's verdict. */
    private static ObjectNode check(CheckRun run, Outcome outcome) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", run.id());
        node.put("level", run.level().name());
        node.put("status", run.status().name());
        verdict(node, run.result(), run.claims().isEmpty() ? null : outcome.account(run.claims().get(0)));
        ArrayNode claims = MAPPER.createArrayNode();
        for (ClaimVerdict claim : run.claims()) {
            ObjectNode c = claims.addObject();
            c.put("id", claim.id());
            c.put("strength", claim.claim().strength().name());
            c.put("level", claim.level().name());
            ClaimAccount account = outcome.account(claim);
            status(c, claim, account);
            if (account.waiver() != null) {
                c.set("waiver", waiver(account.waiver()));
            }
            verdict(c, claim.result(), account);
        }
        node.set("claims", claims);
        node.put("durationMs", run.durationMs());
        return node;
    }

    private static void verdict(ObjectNode node, Result r, ClaimAccount account) {
        node.put("summary", r.summary());
        node.put("measured", r.measured());
        node.put("expected", r.expected());
        node.set("evidence", MAPPER.valueToTree(r.evidence()));
        ArrayNode findings = node.putArray("findings");
        for (Finding f : r.findings()) {
            ObjectNode finding = findings.addObject();
            finding.put("key", f.key());
            finding.put("message", f.message());
            if (f.location() != null) {
                finding.put("location", f.location());
            }
            finding.set("evidence", MAPPER.valueToTree(f.evidence()));
            if (!f.cause()) {
                finding.put("note", true);
            }
            if (account != null && account.findings().containsKey(f.key())) {
                finding.set("waiver", waiver(account.findings().get(f.key())));
            }
            if (account != null && account.baselined().containsKey(f.key())) {
                finding.putObject("baseline").put("since", account.baselined().get(f.key()).toString()).put("file", Baseline.FILE);
            }
        }
        node.put("remedy", r.remedy());
    }
}

package dev.readiness.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.readiness.check.Finding;
import dev.readiness.check.Status;
import dev.readiness.check.Waiver;
import dev.readiness.engine.Baseline;
import dev.readiness.engine.CheckRun;
import dev.readiness.engine.ClaimAccount;
import dev.readiness.engine.ClaimVerdict;
import dev.readiness.engine.Level;
import dev.readiness.engine.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code readiness.sarif}, SARIF 2.1.0 for code-scanning dashboards: one rule per claim of
 * every check that ran, one result per finding that makes a claim fail (one for the claim itself when
 * it fails without findings, such as missing evidence), at the level of the claim (REQUIRED is
 * {@code error}, RECOMMENDED {@code warning}, INFO {@code note}), with the file and line where the
 * finding names them, a fingerprint from the claim and the finding's key (the same on every run), and
 * a suppression for what a waiver or the baseline accounts for.
 */
public final class SarifReport {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    /** The fingerprint's name: the claim and the finding's stable key, hashed. */
    static final String FINGERPRINT = "readinessFinding/v1";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private SarifReport() {
    }

    public static void write(Outcome outcome, Path file) throws IOException {
        Files.writeString(file, MAPPER.writeValueAsString(toSarif(outcome)) + "\n", StandardCharsets.UTF_8);
    }

    static ObjectNode toSarif(Outcome outcome) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "Readiness");
        driver.put("informationUri", "https://github.com/readiness-dev/readiness");
        ArrayNode rules = driver.putArray("rules");
        ArrayNode results = run.putArray("results");
        for (CheckRun check : outcome.checks()) {
            for (ClaimVerdict claim : check.claims()) {
                rules.add(rule(claim));
                if (claim.status() == Status.FAIL || claim.status() == Status.ERROR) {
                    results(results, claim, outcome.account(claim));
                }
            }
        }
        run.putArray("invocations").addObject().put("executionSuccessful", true);
        run.putObject("properties").put("verdict", outcome.passed() ? "PASS" : "FAIL");
        return root;
    }

    private static ObjectNode rule(ClaimVerdict claim) {
        ObjectNode rule = MAPPER.createObjectNode();
        rule.put("id", claim.id());
        rule.putObject("shortDescription").put("text", Text.oneLine(claim.claim().description()));
        if (!claim.claim().phrases().isEmpty()) {
            rule.putObject("fullDescription").put("text", "Decides the checklist items: " + String.join("; ", claim.claim().phrases()));
        }
        rule.putObject("defaultConfiguration").put("level", level(claim.level()));
        rule.putObject("properties").put("strength", claim.claim().strength().name());
        return rule;
    }

    private static void results(ArrayNode results, ClaimVerdict claim, ClaimAccount account) {
        List<Finding> causes = claim.result().findings().stream().filter(Finding::cause).toList();
        if (causes.isEmpty()) {
            ObjectNode result = result(results, claim, claim.status() + ": " + claim.result().summary(), claim.id());
            suppress(result, account.waiver(), null);
            return;
        }
        for (Finding finding : causes) {
            ObjectNode result = result(results, claim, finding.message(), finding.key());
            location(result, finding);
            Waiver waiver = account.waiver() != null ? account.waiver() : account.findings().get(finding.key());
            suppress(result, waiver, account.baselined().get(finding.key()));
        }
    }

    private static ObjectNode result(ArrayNode results, ClaimVerdict claim, String message, String key) {
        ObjectNode result = results.addObject();
        result.put("ruleId", claim.id());
        result.put("level", level(claim.level()));
        result.putObject("message").put("text", Text.oneLine(message));
        result.putObject("partialFingerprints").put(FINGERPRINT, fingerprint(claim.id(), key));
        result.putObject("properties").put("key", key).put("status", claim.status().name());
        return result;
    }

    /** The file (and line) where the finding was found, when its location or evidence names a file of the project. */
    private static void location(ObjectNode result, Finding finding) {
        Object file = finding.evidence().getOrDefault("file", finding.location());
        if (!(file instanceof String path) || path.isBlank() || path.contains("://") || path.contains(" ") || path.startsWith("/")) {
            return;
        }
        ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", path).put("uriBaseId", "%SRCROOT%");
        if (finding.evidence().get("line") instanceof Number line && line.intValue() > 0) {
            physical.putObject("region").put("startLine", line.intValue());
        }
    }

    private static void suppress(ObjectNode result, Waiver waiver, LocalDate baselined) {
        if (waiver == null && baselined == null) {
            return;
        }
        ObjectNode suppression = result.putArray("suppressions").addObject();
        suppression.put("kind", "external");
        suppression.put("status", "accepted");
        suppression.put("justification", waiver != null
                ? Text.oneLine(waiver.reason()) + " (waived by " + Text.oneLine(waiver.owner()) + " until " + waiver.until() + ", " + waiver.origin() + ")"
                : "known since " + baselined + " (" + Baseline.FILE + ")");
    }

    private static String level(Level level) {
        return switch (level) {
            case REQUIRED -> "error";
            case RECOMMENDED -> "warning";
            case INFO -> "note";
        };
    }

    static String fingerprint(String claimId, String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((claimId + "\u0000" + key.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}

package dev.readiness.checks.staticanalysis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.readiness.checks.staticanalysis.StaticAnalysisConfig.Severity;
import dev.readiness.io.ToolFiles;
import dev.readiness.io.UnreadableFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SARIF 2.1.0 log (CodeQL, Semgrep, SpotBugs' {@code sarifOutput}, ...): each run's results, with the rules of
 * its driver and extensions. A result's level (its own, else its rule's {@code defaultConfiguration}, else
 * SARIF's default, warning) maps error to HIGH, warning to MEDIUM, note to LOW; none, a result whose kind is
 * not fail and a suppressed result are left out. A rule's {@code security-severity} (GitHub's convention,
 * a CVSS-like score) decides instead when given: 7.0 or more HIGH, 4.0 or more MEDIUM, else LOW. A rule
 * tagged security or carrying a security-severity is a security rule; CWEs come from tags
 * ({@code external/cwe/cwe-089}, {@code CWE-89}) and from relationships to a CWE taxonomy.
 */
final class SarifReport {

    private static final Pattern CWE_TAG = Pattern.compile("(?i)(?:external/cwe/)?cwe-0*(\\d{1,6})");
    private static final Pattern CWE_ID = Pattern.compile("(?i)(?:cwe-)?0*(\\d{1,6})");

    private SarifReport() {
    }

    static Report read(Path file, String name, SourceFiles sources) throws UnreadableFileException {
        JsonNode log = ToolFiles.json(file);
        if (!log.isObject()) {
            throw new UnreadableFileException("it is not a JSON object: not a SARIF log");
        }
        String version = log.path("version").asText("");
        if (!version.equals("2.1.0")) {
            throw new UnreadableFileException("its version is " + (version.isEmpty() ? "missing" : "'" + ReportFiles.oneLine(version) + "'")
                    + ", not 2.1.0: only SARIF 2.1.0 is read");
        }
        JsonNode runs = log.path("runs");
        if (!runs.isArray() || runs.isEmpty()) {
            throw new UnreadableFileException("it has no runs: a SARIF log holds its results in runs[]");
        }
        List<Issue> issues = new ArrayList<>();
        Set<String> tools = new LinkedHashSet<>();
        boolean securityRan = false;
        boolean sqlRan = false;
        boolean xssRan = false;
        int analysed = -1;
        for (JsonNode run : runs) {
            JsonNode driver = run.path("tool").path("driver");
            String tool = ReportFiles.oneLine(driver.path("name").asText(""));
            if (tool.isEmpty()) {
                throw new UnreadableFileException("a run names no tool (runs[].tool.driver.name)");
            }
            if (tool.equalsIgnoreCase("Readiness")) {
                throw new UnreadableFileException("it is this gate's own SARIF report, not a static-analysis tool's");
            }
            for (JsonNode invocation : run.path("invocations")) {
                if (invocation.path("executionSuccessful").isBoolean() && !invocation.path("executionSuccessful").asBoolean()) {
                    throw new UnreadableFileException(tool + " says its run did not succeed (executionSuccessful is false), so "
                            + "its results are incomplete");
                }
            }
            tools.add(tool);
            Map<String, Rule> rules = new HashMap<>();
            List<Rule> driverRules = new ArrayList<>();
            boolean findSecBugs = isFindSecBugs(driver);
            for (JsonNode rule : driver.path("rules")) {
                Rule r = Rule.of(rule);
                driverRules.add(r);
                rules.putIfAbsent(r.id, r);
            }
            for (JsonNode extension : run.path("tool").path("extensions")) {
                findSecBugs |= isFindSecBugs(extension);
                for (JsonNode rule : extension.path("rules")) {
                    Rule r = Rule.of(rule);
                    rules.putIfAbsent(r.id, r);
                }
            }
            for (Rule rule : rules.values()) {
                securityRan |= rule.security;
                sqlRan |= rule.cwes.contains(89);
                xssRan |= rule.cwes.contains(79);
            }
            securityRan |= findSecBugs;
            sqlRan |= findSecBugs;
            xssRan |= findSecBugs;
            if (run.path("artifacts").isArray()) {
                analysed = Math.max(analysed, 0) + run.path("artifacts").size();
            }
            String toolKey = tool.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-");
            for (JsonNode result : run.path("results")) {
                Issue issue = issue(result, toolKey, rules, driverRules, sources);
                if (issue != null) {
                    issues.add(issue);
                }
            }
        }
        return new Report(String.join(", ", tools), name, issues, analysed, securityRan, sqlRan, xssRan);
    }

    private static boolean isFindSecBugs(JsonNode component) {
        String name = component.path("name").asText("").toLowerCase(Locale.ROOT);
        return name.contains("findsecbugs") || name.contains("find security bugs");
    }

    /** The SARIF result kinds that leave a rule unmet: failed, or not decided by the tool. */
    private static final Set<String> UNSETTLED_KINDS = Set.of("fail", "open", "review");

    private static Issue issue(JsonNode result, String tool, Map<String, Rule> rules, List<Rule> driverRules, SourceFiles sources) {
        String kind = result.path("kind").asText("fail");
        // "open" (the tool could not decide) and "review" (a person must) are no pass either: only pass,
        // informational and notApplicable results are left out
        if (!UNSETTLED_KINDS.contains(kind) || suppressed(result)) {
            return null;
        }
        String ruleId = result.path("ruleId").asText(result.path("rule").path("id").asText(""));
        Rule rule = rules.get(ruleId);
        int index = result.path("ruleIndex").asInt(-1);
        if (rule == null && index >= 0 && index < driverRules.size()) {
            rule = driverRules.get(index);
            ruleId = rule.id;
        }
        rule = rule == null ? Rule.of(com.fasterxml.jackson.databind.node.MissingNode.getInstance()) : rule;
        String level = result.path("level").asText(rule.level).toLowerCase(Locale.ROOT);
        Severity severity = rule.securitySeverity != null ? rule.securitySeverity : switch (level) {
            case "error" -> Severity.HIGH;
            case "warning" -> Severity.MEDIUM;
            case "note" -> Severity.LOW;
            default -> null;
        };
        if (severity == null) {
            return null;
        }
        Set<Integer> cwes = new HashSet<>(rule.cwes);
        boolean security = rule.security;
        for (JsonNode tag : result.path("properties").path("tags")) {
            security |= tag.asText("").equalsIgnoreCase("security");
            cwe(CWE_TAG, tag.asText(""), cwes);
        }
        for (JsonNode taxon : result.path("taxa")) {
            if (taxon.path("toolComponent").path("name").asText("").equalsIgnoreCase("CWE")) {
                cwe(CWE_ID, taxon.path("id").asText(""), cwes);
            }
        }
        JsonNode physical = result.path("locations").path(0).path("physicalLocation");
        String uri = physical.path("artifactLocation").path("uri").asText("");
        String file = uri.isEmpty() ? "" : sources.shown(uri);
        int line = Math.max(0, physical.path("region").path("startLine").asInt(0));
        String message = ReportFiles.oneLine(result.path("message").path("text").asText(ruleId));
        String native_ = rule.securitySeverity != null ? "security-severity " + rule.securitySeverityText : "level " + level;
        return new Issue(tool, ReportFiles.oneLine(ruleId.isEmpty() ? "unnamed-rule" : ruleId), file, line, severity, native_,
                message, security, cwes, rule.fix(ruleId));
    }

    /** Whether a suppression holds: one that is not under review or rejected. */
    private static boolean suppressed(JsonNode result) {
        for (JsonNode suppression : result.path("suppressions")) {
            String status = suppression.path("status").asText("accepted");
            if (status.equals("accepted")) {
                return true;
            }
        }
        return false;
    }

    /** Adds the CWE the text names; CWE-0 (an id of zeros) names none. */
    private static void cwe(Pattern pattern, String text, Set<Integer> into) {
        Matcher matcher = pattern.matcher(text.strip());
        if (matcher.matches() && Integer.parseInt(matcher.group(1)) > 0) {
            into.add(Integer.parseInt(matcher.group(1)));
        }
    }

    /** What a run says about one of its rules. */
    private record Rule(String id, String level, boolean security, Severity securitySeverity, String securitySeverityText,
                        Set<Integer> cwes, String help) {

        static Rule of(JsonNode rule) {
            Set<Integer> cwes = new HashSet<>();
            boolean security = false;
            for (JsonNode tag : rule.path("properties").path("tags")) {
                String text = tag.asText("");
                security |= text.equalsIgnoreCase("security");
                cwe(CWE_TAG, text, cwes);
            }
            for (JsonNode relationship : rule.path("relationships")) {
                JsonNode target = relationship.path("target");
                if (target.path("toolComponent").path("name").asText("").equalsIgnoreCase("CWE")) {
                    cwe(CWE_ID, target.path("id").asText(""), cwes);
                }
            }
            JsonNode score = rule.path("properties").path("security-severity");
            Severity severity = null;
            String scoreText = null;
            if (!score.isMissingNode() && !score.isNull()) {
                try {
                    double value = Double.parseDouble(score.asText("").strip());
                    severity = value >= 7.0 ? Severity.HIGH : value >= 4.0 ? Severity.MEDIUM : Severity.LOW;
                    scoreText = ReportFiles.oneLine(score.asText(""));
                    security = true;
                } catch (NumberFormatException e) {
                    // not a score: the level decides
                }
            }
            String help = ReportFiles.oneLine(rule.path("helpUri").asText(""));
            if (help.isEmpty()) {
                help = ReportFiles.oneLine(rule.path("help").path("text").asText(""));
            }
            return new Rule(rule.path("id").asText(""), rule.path("defaultConfiguration").path("level").asText("warning"),
                    security, severity, scoreText, cwes, help);
        }

        String fix(String ruleId) {
            if (cwes.contains(89)) {
                return "Pass the values as bind parameters of a prepared statement instead of building the SQL from them"
                        + (help.isEmpty() ? "" : "; see " + help);
            }
            if (cwes.contains(79)) {
                return "Encode the value for the context it is written into before it reaches the response"
                        + (help.isEmpty() ? "" : "; see " + help);
            }
            return help.isEmpty() ? "See the documentation of the rule " + ReportFiles.oneLine(ruleId) : "See " + help;
        }
    }
}

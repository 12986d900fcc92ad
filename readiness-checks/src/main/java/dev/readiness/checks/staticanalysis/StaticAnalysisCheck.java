package dev.readiness.checks.staticanalysis;

import dev.readiness.check.Check;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Claim;
import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import dev.readiness.checks.staticanalysis.StaticAnalysisConfig.Severity;
import dev.readiness.io.NewestFile;
import dev.readiness.io.UnreadableFileException;
import dev.readiness.text.Words;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The {@code staticAnalysis} check: reads the reports SpotBugs, PMD and Checkstyle (and any tool writing SARIF
 * 2.1.0) left in the build, maps each tool's priority or severity onto HIGH, MEDIUM, LOW, and fails when an issue
 * is at or above {@code failOn}. It is an ERROR when no report exists (naming the paths looked at), when a
 * report is older than what it analysed (SpotBugs' than the compiled classes, the others' than the sources:
 * evidence of an earlier run), unreadable, or says it analysed nothing.
 *
 * <p>Three supporting claims read the same issues: {@code staticAnalysis.security} fails on a HIGH security
 * issue, {@code staticAnalysis.sqlInjection} on any CWE-89 issue, {@code staticAnalysis.outputEncoding} on any
 * CWE-79 issue; each is SKIPPED unless an issue of its kind was found or the detectors for it are known to have
 * run (Find Security Bugs in SpotBugs' report, or SARIF rules of that kind).
 */
public final class StaticAnalysisCheck implements Check<StaticAnalysisConfig> {

    static final String SECURITY = "staticAnalysis.security";
    static final String SQL_INJECTION = "staticAnalysis.sqlInjection";
    static final String OUTPUT_ENCODING = "staticAnalysis.outputEncoding";

    /** The most issues listed as findings of one claim; the counts in the evidence give the total. */
    static final int MAX_FINDINGS = 100;

    @Override
    public String id() {
        return "staticAnalysis";
    }

    @Override
    public String description() {
        return "Reads the reports of SpotBugs, PMD, Checkstyle and SARIF tools and fails on an issue at or above failOn.";
    }

    @Override
    public List<String> phrases() {
        return List.of("Static code analysis issues addressed");
    }

    @Override
    public List<Claim> claims() {
        return List.of(
                Claim.settles(id(), "The static-analysis reports found (SpotBugs, PMD, Checkstyle, SARIF) are newer than what they "
                        + "analysed, analysed at least one file, and list no issue at or above failOn.", phrases()),
                Claim.supports(SECURITY, "No security issue (Find Security Bugs' SECURITY category, PMD's Security rules, SARIF "
                        + "rules tagged security) is HIGH; not evaluated unless security detectors ran.",
                        List.of("Security audit completed with no high-severity issues")),
                Claim.supports(SQL_INJECTION, "No issue is SQL injection (CWE-89: SQL_INJECTION_*, SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE, "
                        + "SQL_PREPARED_STATEMENT_GENERATED_FROM_NONCONSTANT_STRING, SARIF rules tagged CWE-89); not evaluated unless "
                        + "its detectors ran.", List.of("SQL injection protection verified")),
                Claim.supports(OUTPUT_ENCODING, "No issue is cross-site scripting (CWE-79: XSS_*, SARIF rules tagged CWE-79); not "
                        + "evaluated unless its detectors ran.", List.of("Output encoding implemented")));
    }

    @Override
    public Class<StaticAnalysisConfig> configType() {
        return StaticAnalysisConfig.class;
    }

    @Override
    public boolean readsBuildOutputs() {
        return true;
    }

    /** The formats read, each with its reader and what it is judged against. */
    private enum Format {
        SPOTBUGS("SpotBugs", "spotbugsXml.xml", true, "spotbugs-maven-plugin's spotbugs goal (xmlOutput is on by default)"),
        PMD("PMD", "pmd.xml", false, "maven-pmd-plugin's pmd or check goal"),
        CHECKSTYLE("Checkstyle", "checkstyle-result.xml", false, "maven-checkstyle-plugin's checkstyle or check goal"),
        SARIF("SARIF", null, false, "the tool that writes it");

        final String tool;
        final String defaultName;
        final boolean readsClasses;
        final String writer;

        Format(String tool, String defaultName, boolean readsClasses, String writer) {
            this.tool = tool;
            this.defaultName = defaultName;
            this.readsClasses = readsClasses;
            this.writer = writer;
        }

        Report read(Path file, String name, SourceFiles sources) throws UnreadableFileException {
            return switch (this) {
                case SPOTBUGS -> SpotBugsReport.read(file, name, sources);
                case PMD -> PmdReport.read(file, name, sources);
                case CHECKSTYLE -> CheckstyleReport.read(file, name, sources);
                case SARIF -> SarifReport.read(file, name, sources);
            };
        }
    }

    /** One report to look for: where, and whether the configuration named it (then it must exist). */
    private record Source(Format format, Path file, String shown, boolean configured) {
    }

    @Override
    public Result run(StaticAnalysisConfig config, CheckContext context) throws IOException {
        Path basedir = context.basedir();
        List<Source> sources = new ArrayList<>();
        add(sources, Format.SPOTBUGS, config.spotbugs(), context);
        add(sources, Format.PMD, config.pmd(), context);
        add(sources, Format.CHECKSTYLE, config.checkstyle(), context);
        for (String sarif : config.sarif()) {
            add(sources, Format.SARIF, sarif, context);
        }
        List<String> looked = sources.stream().map(Source::shown).toList();

        Path own = context.buildDirectory().resolve("readiness").resolve("readiness.sarif").toAbsolutePath().normalize();
        for (Source source : sources) {
            if (source.file().equals(own)) {
                return Result.error(source.shown() + " is this gate's own SARIF report, not a static-analysis tool's")
                        .evidence("reports", looked)
                        .remedy("Remove " + source.shown() + " from sarif and list the SARIF logs your analysis tools write.")
                        .build();
            }
        }
        List<Source> missing = sources.stream().filter(s -> s.configured() && !Files.isRegularFile(s.file())).toList();
        if (!missing.isEmpty()) {
            return Result.error("no " + missing.stream().map(s -> s.format().tool + " report at " + s.shown()).collect(Collectors.joining(", "))
                            + ", though the configuration names it")
                    .evidence("reports", looked)
                    .remedy("Run " + missing.stream().map(s -> s.format().writer).distinct().collect(Collectors.joining(" and "))
                            + " before the gate (in the same mvn verify), or correct the path in the configuration.")
                    .build();
        }
        List<Source> present = sources.stream().filter(s -> Files.isRegularFile(s.file())).toList();
        if (present.isEmpty()) {
            Result.Builder none = Result.error("no static-analysis report in " + String.join(", ", looked)
                            + ": did SpotBugs, PMD or Checkstyle run?")
                    .evidence("reports", looked)
                    .remedy("Bind spotbugs-maven-plugin's spotbugs goal, maven-pmd-plugin's pmd goal or maven-checkstyle-plugin's "
                            + "checkstyle goal to the build before the gate, or list another tool's SARIF log in sarif.");
            for (String claim : List.of(SECURITY, SQL_INJECTION, OUTPUT_ENCODING)) {
                if (context.isBound(claim)) {
                    none.claim(claim, Result.skipped("not evaluated: no static-analysis report in " + String.join(", ", looked))
                            .evidence("reports", looked).build());
                }
            }
            return none.build();
        }

        NewestFile classes = NewestFile.in(context.outputDirectory());
        NewestFile code = NewestFile.in(basedir.resolve("src").resolve("main").resolve("java"));
        for (Source source : present) {
            NewestFile analysed = source.format().readsClasses ? classes : code;
            if (analysed != null && analysed.time().isAfter(NewestFile.modified(source.file()))) {
                String what = source.format().readsClasses ? "the compiled classes" : "the sources";
                return Result.error("the " + source.format().tool + " report " + source.shown() + " (" + NewestFile.modified(source.file())
                                + ") is older than " + what + " (newest " + Words.path(basedir, analysed.file()) + ", " + analysed.time()
                                + "): it is from an earlier run")
                        .measured("report of " + NewestFile.modified(source.file()))
                        .expected("report newer than " + analysed.time())
                        .evidence("reports", looked)
                        .evidence("staleReport", source.shown())
                        .evidence("newestAnalysed", Words.path(basedir, analysed.file()))
                        .remedy("Run " + source.format().writer + " again in the same build as the gate (mvn verify), so the report "
                                + "comes from the code as it is.")
                        .build();
            }
        }

        SourceFiles files = new SourceFiles(basedir);
        List<Report> reports = new ArrayList<>();
        for (Source source : present) {
            Report report;
            try {
                report = source.format().read(source.file(), source.shown(), files);
            } catch (UnreadableFileException e) {
                return Result.error("cannot read the " + source.format().tool + " report " + source.shown() + ": " + e.getMessage())
                        .evidence("reports", looked)
                        .evidence("file", source.shown())
                        .remedy("Delete " + source.shown() + " and run " + source.format().writer + " again; it writes "
                                + (source.format() == Format.SARIF ? "SARIF 2.1.0 JSON." : "well-formed XML without a DOCTYPE."))
                        .build();
            }
            if (report.analysed() == 0) {
                return Result.error("the " + report.tool() + " report " + source.shown() + " says it analysed no "
                                + (source.format() == Format.SPOTBUGS ? "class" : "file") + ": nothing was checked")
                        .evidence("reports", looked)
                        .evidence("file", source.shown())
                        .remedy("Check that " + source.format().writer + " runs after compilation and on the module's sources "
                                + "(its includes, excludes and source folders), then run mvn verify again.")
                        .build();
            }
            reports.add(report);
        }
        return decide(config.failOn(), reports, context);
    }

    private static void add(List<Source> sources, Format format, String configured, CheckContext context) {
        Path file = configured != null ? context.basedir().resolve(configured) : context.buildDirectory().resolve(format.defaultName);
        file = file.toAbsolutePath().normalize();
        sources.add(new Source(format, file, Words.path(context.basedir(), file), configured != null));
    }

    private static Result decide(Severity failOn, List<Report> reports, CheckContext context) {
        Map<String, Issue> unique = new LinkedHashMap<>();
        for (Report report : reports) {
            for (Issue issue : report.issues()) {
                unique.merge(issue.key(), issue, (a, b) -> b.severity().ordinal() < a.severity().ordinal() ? b : a);
            }
        }
        List<Issue> issues = unique.values().stream().sorted(ORDER).toList();
        List<Issue> failing = issues.stream().filter(i -> i.severity().atLeast(failOn)).toList();
        Map<String, Object> counts = new LinkedHashMap<>();
        for (Severity severity : Severity.values()) {
            counts.put(severity.name(), issues.stream().filter(i -> i.severity() == severity).count());
        }
        List<String> read = reports.stream().map(r -> r.file() + " (" + r.tool() + ")").toList();
        String where = String.join(", ", read);

        Result.Builder main;
        if (!failing.isEmpty()) {
            main = Result.fail(Words.plural(failing.size(), "issue") + " at or above " + failOn + " in " + where + " (of "
                            + issues.size() + " in all)")
                    .remedy("Fix the issues listed (each names its file, line, tool, rule and how to fix it)"
                            + (failing.size() > MAX_FINDINGS ? ", the first " + MAX_FINDINGS + " of " + failing.size() : "")
                            + ", then run mvn verify again; an issue that is a false positive is suppressed in the tool's own "
                            + "filter (SpotBugs excludeFilterFile, PMD's @SuppressWarnings(\"PMD.Rule\"), Checkstyle's suppressions) "
                            + "or waived in readiness-waivers.yaml by its key.");
        } else {
            main = Result.pass("no issue at or above " + failOn + " in " + where
                    + (issues.isEmpty() ? "" : " (" + Words.plural(issues.size(), "issue") + " below it)"));
        }
        main.measured(failing.size() + " at or above " + failOn)
                .expected("0 at or above " + failOn)
                .evidence("failOn", failOn.name())
                .evidence("issues", counts)
                .evidence("reports", read)
                .findings(findings(issues, i -> i.severity().atLeast(failOn)));

        offer(main, SECURITY, context, issues, i -> i.security() && i.severity() == Severity.HIGH,
                reports.stream().anyMatch(Report::securityRan), "HIGH security issue",
                "security detectors (Find Security Bugs in SpotBugs, or SARIF rules tagged security)",
                "Fix the security issues listed, then run mvn verify again.");
        offer(main, SQL_INJECTION, context, issues, i -> i.cwes().contains(89),
                reports.stream().anyMatch(Report::sqlInjectionRan), "SQL injection issue (CWE-89)",
                "SQL-injection detectors (Find Security Bugs in SpotBugs, or SARIF rules tagged CWE-89)",
                "Build every query as a PreparedStatement with bind parameters (?), never from concatenated values, then run "
                        + "mvn verify again.");
        offer(main, OUTPUT_ENCODING, context, issues, i -> i.cwes().contains(79),
                reports.stream().anyMatch(Report::xssRan), "cross-site scripting issue (CWE-79)",
                "cross-site-scripting detectors (Find Security Bugs in SpotBugs, or SARIF rules tagged CWE-79)",
                "Encode every value for the context it is written into (OWASP Java Encoder's Encode.forHtml, a template "
                        + "engine that escapes by default), then run mvn verify again.");
        return main.build();
    }

    /** Adds a supporting claim's verdict when an item binds it or it is evaluated. */
    private static void offer(Result.Builder main, String claim, CheckContext context, List<Issue> issues, Predicate<Issue> counts,
                              boolean detectorsRan, String kind, String detectors, String remedy) {
        List<Issue> found = issues.stream().filter(counts).toList();
        Result verdict;
        if (!found.isEmpty()) {
            verdict = Result.fail(Words.plural(found.size(), kind, kind.replace("issue", "issues")) + " found: the first at "
                            + found.get(0).file() + ":" + found.get(0).line() + " (" + found.get(0).tool() + " " + found.get(0).rule() + ")")
                    .evidence("issues", found.size())
                    .findings(findings(found, i -> true))
                    .remedy(remedy)
                    .build();
        } else if (detectorsRan) {
            verdict = Result.pass("no " + kind + " found by the " + detectors + " that ran").evidence("issues", 0).build();
        } else {
            verdict = Result.skipped("not evaluated: no " + detectors + " ran").evidence("issues", 0)
                    .remedy("Add com.h3xstream.findsecbugs:findsecbugs-plugin under spotbugs-maven-plugin's <plugins>, or list a "
                            + "security scanner's SARIF log in sarif.")
                    .build();
        }
        if (verdict.status() != Status.SKIPPED || context.isBound(claim)) {
            main.claim(claim, verdict);
        }
    }

    private static final Comparator<Issue> ORDER = Comparator.comparing(Issue::severity)
            .thenComparing(Issue::file).thenComparingInt(Issue::line).thenComparing(Issue::tool).thenComparing(Issue::rule);

    /** The first {@link #MAX_FINDINGS} issues as findings; those {@code cause} rejects are notes. */
    private static List<Finding> findings(List<Issue> issues, Predicate<Issue> cause) {
        return issues.stream().limit(MAX_FINDINGS).map(issue -> {
            Finding.Builder finding = Finding.of(issue.file() + ":" + issue.line() + ": " + issue.message() + " (" + issue.tool()
                            + " " + issue.rule() + ", " + issue.severity() + " from " + issue.native_() + "). " + issue.fix())
                    .key(issue.key())
                    .at(issue.file() + ":" + issue.line())
                    .with("tool", issue.tool())
                    .with("rule", issue.rule())
                    .with("file", issue.file())
                    .with("line", issue.line())
                    .with("severity", issue.severity().name())
                    .with("toolSeverity", issue.native_())
                    .with("cwe", issue.cwes().isEmpty() ? null : issue.cwes().stream().sorted().toList())
                    .with("fix", issue.fix());
            if (!cause.test(issue)) {
                finding.note();
            }
            return finding.build();
        }).toList();
    }
}

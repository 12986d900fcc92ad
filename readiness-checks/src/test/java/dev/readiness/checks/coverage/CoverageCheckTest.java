package dev.readiness.checks.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.readiness.check.Check;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Finding;
import dev.readiness.check.Measure;
import dev.readiness.check.ModuleResult;
import dev.readiness.check.ProjectId;
import dev.readiness.check.Ratio;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import dev.readiness.checks.coverage.CoverageConfig.Counter;
import dev.readiness.checks.coverage.sample.Greeter;
import dev.readiness.checks.coverage.sample.Invoice;
import dev.readiness.checks.coverage.sample.generated.Stub;
import dev.readiness.engine.ConfigBinder;
import dev.readiness.engine.ConfigurationException;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.jacoco.core.analysis.Analyzer;
import org.jacoco.core.analysis.CoverageBuilder;
import org.jacoco.core.analysis.IBundleCoverage;
import org.jacoco.core.data.ExecutionDataStore;
import org.jacoco.core.data.ExecutionDataWriter;
import org.jacoco.core.tools.ExecFileLoader;
import org.jacoco.report.IReportVisitor;
import org.jacoco.report.xml.XMLFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The coverage check on real JaCoCo data: the sample classes are instrumented with JaCoCo, run,
 * their execution data written to {@code target/jacoco.exec}, and their original class files laid
 * out in {@code target/classes}, as a Maven build with jacoco-maven-plugin leaves them.
 */
class CoverageCheckTest {

    private static final String GREETER = "dev.readiness.checks.coverage.sample.Greeter";
    private static final String INVOICE = "dev.readiness.checks.coverage.sample.Invoice";

    private final CoverageCheck check = new CoverageCheck();

    @TempDir
    Path project;

    // --- outcomes -----------------------------------------------------------------------------

    @Test
    void passesWhenLineCoverageMeetsMinimum() throws Exception {
        try (JacocoRun run = JacocoRun.of(Greeter.class)) {
            Object greeter = run.create(Greeter.class);
            run.call(greeter, "greet", "Ada");
            run.call(greeter, "greet", (Object) null);
            run.call(greeter, "farewell", "Ada");
            run.writeExec(project.resolve("target/jacoco.exec"));
        }
        classes(Greeter.class);

        Result result = run(config(null, null));

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo("line coverage is 100.0% (5 of 5 lines), meeting the minimum of 80.0%");
        assertThat(result.measured()).isEqualTo("line 100.0%");
        assertThat(result.expected()).isEqualTo("line >= 80.0%");
        assertThat(result.evidence()).containsOnlyKeys("counters", "source", "execFiles", "classes");
        assertThat(result.evidence()).containsEntry("source", "exec")
                .containsEntry("execFiles", List.of("target/jacoco.exec"))
                .containsEntry("classes", 1);
        assertThat(counters(result)).containsOnlyKeys("INSTRUCTION", "BRANCH", "LINE", "COMPLEXITY", "METHOD", "CLASS");
        assertThat(counters(result).get("LINE")).isEqualTo(Map.of("covered", 5, "missed", 0));
        assertThat(result.findings()).isEmpty();
        assertThat(result.remedy()).isNull();
    }

    @Test
    void failsWhenLineCoverageIsBelowMinimum() throws Exception {
        recordPartialRun();

        Result result = run(config(null, null));

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("line coverage is 72.7% (16 of 22 lines), but expected minimum is 80.0%");
        assertThat(result.measured()).isEqualTo("line 72.7%");
        assertThat(result.expected()).isEqualTo("line >= 80.0%");
        assertThat(result.evidence()).containsEntry("classes", 3);
        assertThat(counters(result).get("LINE")).isEqualTo(Map.of("covered", 16, "missed", 6));
        assertThat(result.findings()).extracting(Finding::message).containsExactly(
                "dev.readiness.checks.coverage.sample.Invoice$1: line coverage is 50.0% (1 of 2 lines)",
                "dev.readiness.checks.coverage.sample.Greeter: line coverage is 60.0% (3 of 5 lines)",
                "dev.readiness.checks.coverage.sample.Invoice: line coverage is 81.2% (13 of 16 lines)");
        Finding worst = result.findings().get(0);
        assertThat(worst.location()).isEqualTo("target/classes/dev/readiness/checks/coverage/sample/Invoice$1.class");
        assertThat(worst.evidence()).containsEntry("class", INVOICE + "$1").containsEntry("counter", "LINE")
                .containsEntry("covered", 1).containsEntry("missed", 1).containsEntry("ratio", "50.0%")
                .containsEntry("sourceFile", "dev/readiness/checks/coverage/sample/Invoice.java");
        assertThat(result.remedy()).startsWith("Add tests that exercise the least-covered classes listed");
    }

    @Test
    void failsOnEachUnmetLimitWhenSeveralAreSet() throws Exception {
        recordPartialRun();
        Map<Counter, Ratio> limits = new LinkedHashMap<>();
        limits.put(Counter.BRANCH, Ratio.parse("70%"));
        limits.put(Counter.LINE, Ratio.parse("50%"));
        limits.put(Counter.METHOD, Ratio.parse("0.9"));

        Result result = run(new CoverageConfig(null, null, limits, null, null));

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("branch coverage is 58.3% (7 of 12 branches), but expected minimum is 70.0%; "
                + "method coverage is 70.0% (7 of 10 methods), but expected minimum is 90.0%");
        assertThat(result.measured()).isEqualTo("branch 58.3%, line 72.7%, method 70.0%");
        assertThat(result.expected()).isEqualTo("branch >= 70.0%, line >= 50.0%, method >= 90.0%");
        assertThat(result.findings()).extracting(f -> f.evidence().get("counter")).containsOnly("BRANCH", "METHOD");
    }

    @Test
    void leavesExcludedClassesOutOfTheFigures() throws Exception {
        recordPartialRun();
        classes(Stub.class);
        Result all = run(config(null, null));

        for (String glob : List.of("dev/readiness/checks/coverage/sample/generated/**", "dev.readiness.checks.coverage.sample.generated.*",
                "**/generated/**", "**/Stub.class")) {
            Result excluded = run(new CoverageConfig(null, null, null, null, List.of(glob)));

            assertThat(excluded.summary()).as(glob).isEqualTo("line coverage is 72.7% (16 of 22 lines), but expected minimum is 80.0%");
            assertThat(excluded.evidence()).as(glob).containsEntry("classes", 3).containsEntry("excludedClasses", 1);
        }
        assertThat(all.summary()).isEqualTo("line coverage is 61.5% (16 of 26 lines), but expected minimum is 80.0%");
        assertThat(all.evidence()).containsEntry("classes", 4).doesNotContainKey("excludedClasses");
        Result packageOnly = run(new CoverageConfig(null, null, null, null, List.of("dev.readiness.checks.coverage.sample.*")));
        assertThat(packageOnly.summary()).as("* stays within the package")
                .isEqualTo("line coverage is 0.0% (0 of 4 lines), but expected minimum is 80.0%");
        assertThat(packageOnly.evidence()).containsEntry("classes", 1).containsEntry("excludedClasses", 3);
    }

    @Test
    void reportsClassesThatNoLongerMatchTheExecutionData() throws Exception {
        recordPartialRun();
        Path greeter = project.resolve("target/classes/dev/readiness/checks/coverage/sample/Greeter.class");
        Files.write(greeter, withExtraField(Files.readAllBytes(greeter)));

        Result result = run(config(null, null));

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("line coverage is 59.0% (13 of 22 lines), but expected minimum is 80.0%;"
                + " 1 class does not match the execution data and counts as not covered");
        assertThat(result.evidence()).containsEntry("mismatchedClasses", 1);
        Finding mismatch = result.findings().get(0);
        assertThat(mismatch.message()).isEqualTo("1 class does not match the execution data and counts as not covered,"
                + " as in JaCoCo's report: " + GREETER);
        assertThat(mismatch.location()).isEqualTo("target/classes");
        assertThat(mismatch.evidence()).containsEntry("count", 1).containsEntry("classes", List.of(GREETER));
        assertThat(result.remedy()).endsWith("Run the tests again on the current class files (mvn clean verify):"
                + " 1 class has changed since the execution data was recorded.");
        assertThat(counters(result)).isEqualTo(counters(jacoco(project.resolve("target/jacoco.exec"))));
    }

    @Test
    void reportsErrorWhenExecFileIsMissing() throws Exception {
        classes(Greeter.class);

        Result result = run(config(null, null));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("no JaCoCo execution data at target/jacoco.exec:"
                + " add jacoco-maven-plugin's prepare-agent goal and run the tests");
        assertThat(result.evidence()).containsOnly(Map.entry("missingExecFiles", List.of("target/jacoco.exec")));
        assertThat(result.remedy()).contains("prepare-agent").contains("execFiles");
    }

    @Test
    void readsTheJacocoXmlReportWhenNoExecFileExists() throws Exception {
        recordPartialRun();
        Path exec = project.resolve("target/jacoco.exec");
        writeXmlReport(exec, project.resolve("target/site/jacoco/jacoco.xml"));
        Map<String, Object> fromExec = counters(run(config(null, null)));
        Files.delete(exec);

        Result result = run(config(null, null));

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("line coverage is 72.7% (16 of 22 lines), but expected minimum is 80.0%");
        assertThat(result.evidence()).containsEntry("source", "jacoco.xml")
                .containsEntry("report", "target/site/jacoco/jacoco.xml")
                .containsEntry("missingExecFiles", List.of("target/jacoco.exec"))
                .containsEntry("execFiles", List.of())
                .containsEntry("classes", 3);
        assertThat(counters(result)).isEqualTo(fromExec);
        assertThat(result.findings()).extracting(Finding::message).containsExactly("no JaCoCo execution data at"
                + " target/jacoco.exec; the figures are the totals of target/site/jacoco/jacoco.xml");
    }

    @Test
    void reportsErrorWhenTheJacocoXmlReportIsOlderThanTheClasses() throws Exception {
        recordPartialRun();
        Path exec = project.resolve("target/jacoco.exec");
        Path report = project.resolve("target/site/jacoco/jacoco.xml");
        writeXmlReport(exec, report);
        Files.delete(exec);
        Files.setLastModifiedTime(report, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));

        Result result = run(config(null, null));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).startsWith("target/site/jacoco/jacoco.xml (of 2026-01-01T00:00:00Z) is older than the compiled class"
                + " target/classes/").endsWith(": its figures are of an earlier build, and there is no execution data at target/jacoco.exec");
        assertThat(result.evidence()).containsEntry("source", "jacoco.xml").containsKey("newestClass");
        assertThat(result.remedy()).startsWith("Run mvn clean verify");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "counts that overflow when added|<counter type=\"LINE\" missed=\"1\" covered=\"2147483647\"/>"
                    + "|its LINE counter has missed=\"1\" covered=\"2147483647\"",
            "a counter given twice|<counter type=\"LINE\" missed=\"1\" covered=\"1\"/><counter type=\"LINE\" missed=\"0\" covered=\"9\"/>"
                    + "|it gives the report's LINE counter twice",
            "a counter given twice, first as 0 of 0|<counter type=\"LINE\" missed=\"0\" covered=\"0\"/>"
                    + "<counter type=\"LINE\" missed=\"0\" covered=\"9\"/>|it gives the report's LINE counter twice"})
    void reportsErrorOnAJacocoXmlReportWhoseTotalsCannotBeTrue(String what, String counters, String why) throws Exception {
        classes(Greeter.class);
        Path report = project.resolve("target/site/jacoco/jacoco.xml");
        Files.createDirectories(report.getParent());
        Files.writeString(report, "<report name=\"x\">" + counters + "</report>");

        Result result = run(config(null, null));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("target/site/jacoco/jacoco.xml is not a JaCoCo XML report: " + why);
    }

    @Test
    void reportsErrorWhenAnExecRecordDeclaresMoreProbesThanTheFileHolds() throws Exception {
        classes(Greeter.class);
        Path exec = project.resolve("target/jacoco.exec");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(exec))) {
            out.writeByte(ExecutionDataWriter.BLOCK_HEADER);
            out.writeChar(ExecutionDataWriter.MAGIC_NUMBER);
            out.writeChar(ExecutionDataWriter.FORMAT_VERSION);
            out.writeByte(ExecutionDataWriter.BLOCK_EXECUTIONDATA);
            out.writeLong(42);
            out.writeUTF("demo/Greeter");
            out.write(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07}); // 2^31 - 1 probes, as a var int
        }

        Result result = run(config(null, null));

        assertThat(Files.size(exec)).isLessThan(40);
        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("target/jacoco.exec is not a JaCoCo exec file or is truncated: the record of class"
                + " demo/Greeter declares 2147483647 probes, more than the file's " + 8 * Files.size(exec) + " bits can hold");
    }

    @Test
    void reportsErrorWhenExecFileIsNotExecutionData() throws Exception {
        classes(Greeter.class);
        Path exec = project.resolve("target/jacoco.exec");
        Files.writeString(exec, "<html>not execution data</html>");

        Result result = run(config(null, null));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("target/jacoco.exec is not a JaCoCo exec file or is truncated:"
                + " Invalid execution data file.");
        assertThat(result.remedy()).isEqualTo("Delete target/jacoco.exec and run the tests again with"
                + " jacoco-maven-plugin's prepare-agent goal (mvn clean verify).");
    }

    @Test
    void reportsErrorWhenExecFileIsTruncated() throws Exception {
        recordPartialRun();
        Path exec = project.resolve("target/jacoco.exec");
        byte[] bytes = Files.readAllBytes(exec);
        Files.write(exec, Arrays.copyOf(bytes, bytes.length - 3));

        Result result = run(config(null, null));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("target/jacoco.exec is not a JaCoCo exec file or is truncated:"
                + " it ends in the middle of a record");
    }

    @Test
    void reportsErrorWhenExecFileIsEmpty() throws Exception {
        classes(Greeter.class);
        Files.createDirectories(project.resolve("target"));
        Files.write(project.resolve("target/jacoco.exec"), new byte[0]);

        Result result = run(config(null, null));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("target/jacoco.exec is not a JaCoCo exec file or is truncated: the file is empty");
    }

    @Test
    void reportsErrorWhenTheExcludesLeaveNoClass() throws Exception {
        recordPartialRun();

        Result result = run(new CoverageConfig(null, null, null, null, List.of("**")));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("no classes to measure in target/classes: all 3 class files are excluded");
        assertThat(result.evidence()).containsEntry("classes", 0).containsEntry("excludedClasses", 3);
        assertThat(result.remedy()).isEqualTo("Narrow the excludes so they leave the module's own classes in.");
    }

    @Test
    void mergesSeveralExecFiles() throws Exception {
        classes(Greeter.class);
        try (JacocoRun unit = JacocoRun.of(Greeter.class)) {
            unit.call(unit.create(Greeter.class), "greet", "Ada");
            unit.writeExec(project.resolve("target/jacoco.exec"));
        }
        try (JacocoRun it = JacocoRun.of(Greeter.class)) {
            it.call(it.create(Greeter.class), "farewell", "Ada");
            it.writeExec(project.resolve("target/jacoco-it.exec"));
        }
        Result unitOnly = run(config(null, null));

        Result merged = run(new CoverageConfig(null, null, null, List.of("target/jacoco.exec", "target/jacoco-it.exec"), null));

        assertThat(unitOnly.summary()).isEqualTo("line coverage is 60.0% (3 of 5 lines), but expected minimum is 80.0%");
        assertThat(merged.status()).isEqualTo(Status.PASS);
        assertThat(merged.summary()).isEqualTo("line coverage is 80.0% (4 of 5 lines), meeting the minimum of 80.0%");
        assertThat(merged.evidence()).containsEntry("execFiles", List.of("target/jacoco.exec", "target/jacoco-it.exec"));
        assertThat(counters(merged)).isEqualTo(counters(jacoco(project.resolve("target/jacoco.exec"),
                project.resolve("target/jacoco-it.exec"))));
    }

    @Test
    void aReactorsCoverageMergesEveryModulesExecutionDataOverEveryModulesClassesAsReportAggregateDoes() throws Exception {
        Path core = project.resolve("core");
        Path app = project.resolve("app");
        // compiled first, then tested, as in a build
        JacocoRun.writeClasses(core.resolve("target/classes"), JacocoRun.classFiles(Greeter.class));
        JacocoRun.writeClasses(app.resolve("target/classes"), JacocoRun.classFiles(Invoice.class));
        try (JacocoRun coreTests = JacocoRun.of(Greeter.class)) {
            coreTests.call(coreTests.create(Greeter.class), "greet", "Ada");
            coreTests.writeExec(core.resolve("target/jacoco.exec"));
        }
        try (JacocoRun appTests = JacocoRun.of(Greeter.class, Invoice.class)) {
            appTests.call(appTests.create(Greeter.class), "farewell", "Ada");
            Object invoice = appTests.create(Invoice.class);
            appTests.call(invoice, "add", 20);
            appTests.call(invoice, "total");
            appTests.writeExec(app.resolve("target/jacoco.exec"));
        }
        List<ModuleResult> modules = List.of(
                new ModuleResult(new ProjectId("dev.shop", "core", "1.0"), CheckContext.builder(core).build(), check.run(config(null, null), CheckContext.builder(core).build())),
                new ModuleResult(new ProjectId("dev.shop", "app", "1.0"), CheckContext.builder(app).build(), check.run(config(null, null), CheckContext.builder(app).build())),
                new ModuleResult(new ProjectId("dev.shop", "shop", "1.0"), CheckContext.builder(project).packaging("pom").build(),
                        Result.skipped("a module of packaging pom has no build outputs of its own for 'coverage' to read").build()));

        Result aggregate = check.aggregate(config(null, null), CheckContext.builder(project).packaging("pom").build(), modules);

        ExecFileLoader loader = new ExecFileLoader();
        loader.load(core.resolve("target/jacoco.exec").toFile());
        loader.load(app.resolve("target/jacoco.exec").toFile());
        CoverageBuilder builder = new CoverageBuilder();
        Analyzer analyzer = new Analyzer(loader.getExecutionDataStore(), builder);
        analyzer.analyzeAll(core.resolve("target/classes").toFile());
        analyzer.analyzeAll(app.resolve("target/classes").toFile());
        assertThat(counters(aggregate)).isEqualTo(counters(builder.getBundle("reactor")));
        assertThat(aggregate.evidence()).containsEntry("execFiles", List.of("core/target/jacoco.exec", "app/target/jacoco.exec"))
                .containsEntry("classes", 3);
        assertThat(counters(modules.get(0).result()).get("LINE")).isEqualTo(Map.of("covered", 3, "missed", 2));
        // Greeter's farewell, which only app's tests ran, counts: Greeter's 3 lines covered by core's tests, 1 by app's
        Map<?, ?> appOwn = (Map<?, ?>) counters(modules.get(1).result()).get("LINE");
        assertThat(((Map<?, ?>) counters(aggregate).get("LINE")).get("covered")).isEqualTo(3 + 1 + (Integer) appOwn.get("covered"));
    }

    @Test
    void aReactorWithoutExecutionDataInAnyModuleIsAnError() throws Exception {
        Path core = Files.createDirectories(project.resolve("core"));
        List<ModuleResult> modules = List.of(new ModuleResult(new ProjectId("dev.shop", "core", "1.0"), CheckContext.builder(core).build(),
                Result.error("no JaCoCo execution data at target/jacoco.exec").build()));

        Result aggregate = check.aggregate(config(null, null), CheckContext.builder(project).build(), modules);

        assertThat(aggregate.status()).isEqualTo(Status.ERROR);
        assertThat(aggregate.summary()).isEqualTo("no JaCoCo execution data in any module of the reactor: core/target/jacoco.exec");
    }

    @Test
    void measuresTheExecFilesThatExistAndNotesTheMissingOnes() throws Exception {
        recordPartialRun();

        Result result = run(new CoverageConfig(null, null, null, List.of("target/jacoco.exec", "target/jacoco-it.exec"), null));

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.evidence()).containsEntry("execFiles", List.of("target/jacoco.exec"))
                .containsEntry("missingExecFiles", List.of("target/jacoco-it.exec"));
        Finding note = result.findings().get(0);
        assertThat(note.message()).isEqualTo("target/jacoco-it.exec does not exist; the figures come from target/jacoco.exec");
        assertThat(note.location()).isEqualTo("target/jacoco-it.exec");
    }

    @Test
    void roundsTheFigureTowardFailing() throws Exception {
        // a class with 3998 of its 5000 instructions run: 79.96%, which must not print as 80.0%
        runWideClass();

        Result result = run(config("80%", Counter.INSTRUCTION));

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("instruction coverage is 79.9% (3998 of 5000 instructions),"
                + " but expected minimum is 80.0%");
        assertThat(result.measured()).isEqualTo("instruction 79.9%");
    }

    @Test
    void comparesAndPrintsAMinimumExactlyAsWritten() throws Exception {
        // 3998 of 5000 is exactly 79.96%: it meets a 79.96% minimum and misses 79.97%, printed at the minimum's two decimals
        runWideClass();

        Result met = run(config("79.96%", Counter.INSTRUCTION));
        Result missed = run(config("79.97%", Counter.INSTRUCTION));

        assertThat(met.status()).isEqualTo(Status.PASS);
        assertThat(met.summary()).isEqualTo("instruction coverage is 79.96% (3998 of 5000 instructions), meeting the minimum of 79.96%");
        assertThat(missed.status()).isEqualTo(Status.FAIL);
        assertThat(missed.summary()).isEqualTo("instruction coverage is 79.96% (3998 of 5000 instructions), but expected minimum is 79.97%");
        assertThat(missed.expected()).isEqualTo("instruction >= 79.97%");
    }

    @Test
    void measuresTheCounterItsMinimumIsSetOnForAChecklistFigure() throws Exception {
        runWideClass();

        Result result = run(config("56.7%", Counter.INSTRUCTION));

        assertThat(result.summary()).endsWith("meeting the minimum of 56.7%");
        assertThat(result.measure()).isEqualTo(new Measure("instruction coverage", Ratio.of(3998, 5000), Ratio.parse("56.7%")));
    }

    @Test
    void reportsErrorWhenClassesCarryNoLineNumbers() throws Exception {
        runWideClass();

        Result result = run(config(null, null));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("line coverage cannot be measured: the classes carry no line numbers");
        assertThat(result.remedy()).contains("INSTRUCTION");
    }

    @Test
    void reportsErrorWhenClassFolderIsMissing() throws Exception {
        try (JacocoRun run = JacocoRun.of(Greeter.class)) {
            run.call(run.create(Greeter.class), "greet", "Ada");
            run.writeExec(project.resolve("target/jacoco.exec"));
        }

        Result result = run(config(null, null));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("no class folder at target/classes to match the JaCoCo execution data"
                + " in target/jacoco.exec against");
        assertThat(result.remedy()).contains("mvn verify");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "cut short in its constant pool|cafebabe0000003d0009|it ends in the middle of its structure (cut short or corrupt)",
            "a macOS universal binary|cafebabe00000002010000078000000300004000000000000000|its constant pool holds an entry of no known"
                    + " kind (a corrupt file, or another format with the CAFEBABE magic, such as a macOS universal binary)",
            "from a future JDK|cafebabe00000063000a0a000200030c000400050100016101000162|Unsupported class file version 99.0"})
    void reportsErrorSayingWhatIsWrongWithABrokenClassFile(String what, String hex, String why) throws Exception {
        recordPartialRun();
        Path broken = project.resolve("target/classes/dev/readiness/checks/coverage/sample/Broken.class");
        Files.write(broken, HexFormat.of().parseHex(hex));

        Result result = run(config(null, null));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("target/classes/dev/readiness/checks/coverage/sample/Broken.class"
                + " cannot be analysed as a class file: " + why);
    }

    @Test
    void reportsErrorWhenTwoDifferentClassesShareAName() throws Exception {
        recordPartialRun();
        byte[] greeter = Files.readAllBytes(project.resolve("target/classes/dev/readiness/checks/coverage/sample/Greeter.class"));
        Path stale = project.resolve("target/classes/old/Greeter.class");
        Files.createDirectories(stale.getParent());
        Files.write(stale, withExtraField(greeter));

        Result result = run(config(null, null));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).matches("two different classes are named " + GREETER.replace(".", "\\.") + ": "
                + "target/classes/(old|dev/readiness/checks/coverage/sample)/Greeter\\.class and "
                + "target/classes/(old|dev/readiness/checks/coverage/sample)/Greeter\\.class;"
                + " JaCoCo cannot report on both: remove the stale one \\(mvn clean\\)");
        assertThat(result.remedy()).contains("mvn clean verify");
    }

    @Test
    void refusesExternalEntitiesInTheXmlReport() throws Exception {
        Path report = project.resolve("target/site/jacoco/jacoco.xml");
        Files.createDirectories(report.getParent());
        Path secret = project.resolve("secret.txt");
        Files.writeString(secret, "s3cr3t");
        Files.writeString(report, "<?xml version=\"1.0\"?>\n<!DOCTYPE report [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<report name=\"&x;\"><counter type=\"LINE\" missed=\"0\" covered=\"10\"/></report>");

        Result result = run(config(null, null));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("target/site/jacoco/jacoco.xml is not well-formed XML (line 3):"
                + " The entity \"x\" was referenced, but not declared.");
    }

    // --- the figures are JaCoCo's -------------------------------------------------------------

    @Test
    void reportsErrorOnExecutionDataOlderThanTheCompiledTests() throws Exception {
        try (JacocoRun run = JacocoRun.of(Greeter.class)) {
            run.call(run.create(Greeter.class), "greet", "Ada");
            run.writeExec(project.resolve("target/jacoco.exec"));
        }
        classes(Greeter.class);
        Path testClass = Files.createDirectories(project.resolve("target/test-classes/sample")).resolve("GreeterTest.class");
        Files.write(testClass, new byte[] {(byte) 0xCA, (byte) 0xFE});
        Files.setLastModifiedTime(testClass, FileTime.from(Instant.now().plus(Duration.ofMinutes(5))));

        Result result = runAsFound(config(null, null));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).startsWith("target/jacoco.exec (of ").contains(") is older than the compiled class"
                + " target/test-classes/sample/GreeterTest.class (of ").endsWith("): its execution data is of an earlier test run");
        assertThat(result.remedy()).isEqualTo("Run the tests again with jacoco-maven-plugin's prepare-agent goal (mvn clean verify), so"
                + " the execution data comes from the tests of the classes as they are.");
    }

    @Test
    void figuresAreThoseOfJacocosOwnReport() throws Exception {
        recordPartialRun();
        classes(Stub.class);
        Path exec = project.resolve("target/jacoco.exec");
        Path xml = project.resolve("report/jacoco.xml");
        writeXmlReport(exec, xml);

        Result result = run(config(null, null));

        Map<String, Object> expected = counters(jacoco(exec));
        assertThat(counters(result)).isEqualTo(expected);
        assertThat(JacocoXmlReport.totals(xml, "jacoco.xml").asEvidence()).isEqualTo(expected);
        // the anonymous class shares a line with Invoice's constructor: counted once, as JaCoCo does
        int classLines = builder(exec).getClasses().stream().mapToInt(c -> c.getLineCounter().getTotalCount()).sum();
        assertThat(classLines).isGreaterThan(jacoco(exec).getLineCounter().getTotalCount());
    }

    @Test
    void appliesKotlinInlineFunctionFragmentsAsJacocoDoes() throws Exception {
        // real kotlin-stdlib classes: one inlines the other's inline function, so JaCoCo folds the
        // inlined lines into the defining class (2 lines of 1 instruction each instead of 8 instructions)
        try (JacocoRun run = JacocoRun.of(Greeter.class)) {
            run.call(run.create(Greeter.class), "greet", "Ada");
            run.writeExec(project.resolve("target/jacoco.exec"));
        }
        classes(Greeter.class);
        for (String name : List.of("SequencesKt__SequencesKt$Sequence$1", "SequencesKt__SequencesKt$asSequence$$inlined$Sequence$1")) {
            Path file = project.resolve("target/classes/kotlin/sequences/" + name + ".class");
            Files.createDirectories(file.getParent());
            try (InputStream in = getClass().getResourceAsStream("kotlin/" + name + ".class")) {
                Files.write(file, in.readAllBytes());
            }
        }
        int greeterInstructions = JacocoRun.classFiles(Greeter.class).values().stream()
                .mapToInt(bytes -> instructions(bytes)).sum();

        Result result = run(config("1%", Counter.INSTRUCTION));

        assertThat(counters(result)).isEqualTo(counters(jacoco(project.resolve("target/jacoco.exec"))));
        @SuppressWarnings("unchecked")
        Map<String, Integer> instructions = (Map<String, Integer>) counters(result).get("INSTRUCTION");
        assertThat(instructions.get("covered") + instructions.get("missed")).isEqualTo(greeterInstructions + 2);
        assertThat(result.evidence()).containsEntry("classes", 3);
    }

    // --- configuration ------------------------------------------------------------------------

    @Test
    void bindsItsConfigurationFromYaml() throws Exception {
        CoverageConfig config = bind("""
                limits:
                  line: 80%
                  BRANCH: 0.7
                execFiles: [target/jacoco.exec, target/jacoco-it.exec]
                excludes: com/acme/generated/**
                """);

        assertThat(config.limits()).containsExactly(Map.entry(Counter.BRANCH, Ratio.of(0.7)), Map.entry(Counter.LINE, Ratio.of(0.8)));
        assertThat(config.effectiveLimits()).isEqualTo(config.limits());
        assertThat(config.execFiles()).containsExactly("target/jacoco.exec", "target/jacoco-it.exec");
        assertThat(config.excludes()).containsExactly("com/acme/generated/**");
        CoverageConfig defaults = bind("");
        assertThat(defaults.effectiveLimits()).containsExactly(Map.entry(Counter.LINE, Ratio.of(0.8)));
        assertThat(defaults.execFiles()).containsExactly("target/jacoco.exec");
        assertThat(bind("minimum: 65%\ncounter: branch").effectiveLimits()).containsExactly(Map.entry(Counter.BRANCH, Ratio.of(0.65)));
    }

    @Test
    void rejectsAMinimumAbove100Percent() {
        assertThatThrownBy(() -> bind("minimum: 180%")).isInstanceOf(ConfigurationException.class)
                .hasMessage("coverage.minimum: '180%' is not a ratio: a percentage lies between 0% and 100%");
    }

    @Test
    void rejectsAMinimumThatIsNotANumber() {
        assertThatThrownBy(() -> bind("minimum: abc")).isInstanceOf(ConfigurationException.class)
                .hasMessage("coverage.minimum: 'abc' is not a ratio: write a percentage like 80% or a fraction like 0.8");
    }

    @Test
    void rejectsAnExcludeThatIsNotAClassNameGlob() {
        assertThatThrownBy(() -> bind("excludes: ['com/acme/[gen]/**']")).isInstanceOf(ConfigurationException.class)
                .hasMessageEndingWith("'com/acme/[gen]/**' is not a class-name glob: '[' does not occur in class names;"
                        + " use * within a package and ** across packages");
    }

    @Test
    void rejectsAMinimumBesideLimits() {
        assertThatThrownBy(() -> bind("minimum: 80%\nlimits: {BRANCH: 70%}")).isInstanceOf(ConfigurationException.class)
                .hasMessageEndingWith("set either minimum and counter, or limits, not both");
    }

    @Test
    void rejectsAnUnknownCounter() {
        assertThatThrownBy(() -> bind("counter: lines")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("coverage.counter");
    }

    @Test
    void isFoundAsAServiceAndReadsBuildOutputs() {
        assertThat(ServiceLoader.load(Check.class).stream().map(ServiceLoader.Provider::get))
                .filteredOn(c -> c.id().equals("coverage"))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c).isInstanceOf(CoverageCheck.class);
                    assertThat(c.readsBuildOutputs()).isTrue();
                    assertThat(c.phrases()).containsExactly("Test coverage meets minimum threshold");
                });
    }

    // --- helpers ------------------------------------------------------------------------------

    /** Greeter greeted once by name; Invoice with two amounts, totalled and described; nothing else run. */
    private void recordPartialRun() throws Exception {
        try (JacocoRun run = JacocoRun.of(Greeter.class, Invoice.class)) {
            run.call(run.create(Greeter.class), "greet", "Ada");
            Object invoice = run.create(Invoice.class);
            run.call(invoice, "add", 20);
            run.call(invoice, "add", 22);
            run.call(invoice, "total");
            run.call(invoice, "describe");
            run.writeExec(project.resolve("target/jacoco.exec"));
        }
        classes(Greeter.class, Invoice.class);
    }

    private void classes(Class<?>... samples) throws IOException {
        for (Class<?> sample : samples) {
            JacocoRun.writeClasses(project.resolve("target/classes"), JacocoRun.classFiles(sample));
        }
    }

    /** Runs the check as after a build whose tests ran last: the execution data newer than every class file laid out. */
    private Result run(CoverageConfig config) throws Exception {
        for (String exec : List.of("target/jacoco.exec", "target/jacoco-it.exec")) {
            if (Files.isRegularFile(project.resolve(exec))) {
                Files.setLastModifiedTime(project.resolve(exec), FileTime.from(Instant.now().plus(Duration.ofHours(1))));
            }
        }
        return runAsFound(config);
    }

    /** Runs the check on the files as they are, their times too. */
    private Result runAsFound(CoverageConfig config) throws Exception {
        return check.run(config, CheckContext.builder(project).build());
    }

    private static CoverageConfig config(String minimum, Counter counter) {
        return new CoverageConfig(minimum == null ? null : Ratio.parse(minimum), counter, null, null, null);
    }

    private static CoverageConfig bind(String yaml) throws Exception {
        JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        return ConfigBinder.bind("coverage", CoverageConfig.class, tree, List.of("level"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> counters(Result result) {
        return (Map<String, Object>) result.evidence().get("counters");
    }

    /** JaCoCo's own figures: its builder over the same classes and execution data, as its report makes them. */
    private IBundleCoverage jacoco(Path... execFiles) throws IOException {
        return builder(execFiles).getBundle("sample");
    }

    private CoverageBuilder builder(Path... execFiles) throws IOException {
        ExecFileLoader loader = new ExecFileLoader();
        for (Path exec : execFiles) {
            loader.load(exec.toFile());
        }
        CoverageBuilder builder = new CoverageBuilder();
        new Analyzer(loader.getExecutionDataStore(), builder).analyzeAll(project.resolve("target/classes").toFile());
        return builder;
    }

    private static Map<String, Object> counters(IBundleCoverage bundle) {
        Counts counts = new Counts();
        counts.add(bundle);
        return counts.asEvidence();
    }

    /** The instruction count JaCoCo gives one class on its own. */
    private static int instructions(byte[] classFile) {
        CoverageBuilder builder = new CoverageBuilder();
        try {
            new Analyzer(new ExecutionDataStore(), builder).analyzeClass(classFile, "sample");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return builder.getBundle("one").getInstructionCounter().getTotalCount();
    }

    /** Writes JaCoCo's XML report, as jacoco-maven-plugin's report goal does. */
    private void writeXmlReport(Path exec, Path xml) throws IOException {
        ExecFileLoader loader = new ExecFileLoader();
        loader.load(exec.toFile());
        Files.createDirectories(xml.getParent());
        try (OutputStream out = Files.newOutputStream(xml)) {
            IReportVisitor visitor = new XMLFormatter().createVisitor(out);
            visitor.visitInfo(loader.getSessionInfoStore().getInfos(), loader.getExecutionDataStore().getContents());
            visitor.visitBundle(jacoco(exec), null);
            visitor.visitEnd();
        }
    }

    /** The class as if recompiled after the tests ran: same name, one more field, so another class id. */
    private static byte[] withExtraField(byte[] original) {
        ClassReader reader = new ClassReader(original);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visitEnd() {
                visitField(Opcodes.ACC_PRIVATE, "addedLater", "I", null, null).visitEnd();
                super.visitEnd();
            }
        }, 0);
        return writer.toByteArray();
    }

    /** Records a run of the generated {@link #wideClass} (3998 of 5000 instructions, no line numbers) into the project. */
    private void runWideClass() throws Exception {
        String name = "dev.readiness.checks.coverage.sample.Wide";
        byte[] wide = wideClass(name.replace('.', '/'));
        try (JacocoRun run = new JacocoRun(Map.of(name, wide))) {
            run.call(run.type(name), "run");
            run.writeExec(project.resolve("target/jacoco.exec"));
        }
        JacocoRun.writeClasses(project.resolve("target/classes"), Map.of(name, wide));
    }

    /**
     * A class without line numbers whose static {@code run()} has 3998 instructions and {@code skip()} 1002.
     */
    private static byte[] wideClass(String internalName) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, internalName, null, "java/lang/Object", null);
        straightMethod(writer, "run", 1998);
        straightMethod(writer, "skip", 500);
        writer.visitEnd();
        return writer.toByteArray();
    }

    /** {@code pairs} times ICONST_0 POP, then ICONST_0 IRETURN: 2 * pairs + 2 instructions. */
    private static void straightMethod(ClassWriter writer, String name, int pairs) {
        MethodVisitor method = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, name, "()I", null, null);
        method.visitCode();
        for (int i = 0; i < pairs; i++) {
            method.visitInsn(Opcodes.ICONST_0);
            method.visitInsn(Opcodes.POP);
        }
        method.visitInsn(Opcodes.ICONST_0);
        method.visitInsn(Opcodes.IRETURN);
        method.visitMaxs(0, 0);
        method.visitEnd();
    }
}

package dev.readiness.hostile;

import static dev.readiness.hostile.HostileProject.TOKEN;
import static dev.readiness.hostile.HostileProject.param;
import static dev.readiness.hostile.Row.errs;
import static dev.readiness.hostile.Row.fails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.readiness.checks.coverage.sample.Greeter;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jacoco.core.data.ExecutionData;
import org.jacoco.core.data.ExecutionDataWriter;
import org.jacoco.core.data.SessionInfo;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * The readers of build outputs against hostile files: Surefire's and Failsafe's JUnit XML, JaCoCo's
 * exec data, the class files it is matched against, and JaCoCo's XML report. Each row lays out a
 * real project folder, runs the real engine with all built-in checks and writes the three reports
 * (see {@link HostileProject}); none may pass, hang, crash or print the secret.
 */
class HostileBuildOutputsTest {

    private static final String SUREFIRE = "target/surefire-reports/";

    /** Surefire's and Failsafe's {@code TEST-*.xml}, read by the {@code tests} check. */
    @Nested
    class SurefireAndFailsafeReports {

        static Stream<Row> rows() {
            return Stream.of(
                    fails("a fork that crashed after writing the suite summary and no testcase", "tests", "0 tests ran",
                            p -> report(p, "<testsuite name=\"com.shop.CheckoutTest\" tests=\"12\" failures=\"0\" errors=\"0\" skipped=\"0\"/>")),
                    fails("a suite summary counting a failure that no testcase holds", "tests", "counts 1 failure and 0 errors, but none",
                            p -> report(p, "<testsuite name=\"com.shop.CheckoutTest\" tests=\"2\" failures=\"1\" errors=\"0\">"
                                    + "<testcase classname=\"com.shop.CheckoutTest\" name=\"paysByCard\"/>"
                                    + "<testcase classname=\"com.shop.CheckoutTest\" name=\"refunds\"/></testsuite>")),
                    errs("a suite summary counting more tests than its testcases", "tests", "counts 12 tests, but holds 1 testcase",
                            p -> report(p, "<testsuite name=\"com.shop.CheckoutTest\" tests=\"12\" failures=\"0\" errors=\"0\">"
                                    + "<testcase classname=\"com.shop.CheckoutTest\" name=\"paysByCard\"/></testsuite>")),
                    fails("a failure message quoting the bearer token over several lines", "tests", "1 of 1 test failed",
                            p -> report(p, "<testsuite name=\"com.shop.GatewayTest\" tests=\"1\" failures=\"1\">"
                                    + "<testcase classname=\"com.shop.GatewayTest\" name=\"authenticates\">"
                                    + "<failure message=\"expected 200 but was 401 for Authorization: Bearer " + TOKEN + "&#10;retry with "
                                    + TOKEN.substring(0, 18) + "\" type=\"org.opentest4j.AssertionFailedError\">"
                                    + "org.opentest4j.AssertionFailedError: expected 200 but was 401 for Bearer " + TOKEN + "\n"
                                    + "\tat com.shop.GatewayTest.authenticates(GatewayTest.java:42)\n</failure></testcase></testsuite>")),
                    fails("an XML 1.1 report with terminal escapes in its test names", "tests", "1 of 1 test failed",
                            p -> report(p, "<?xml version=\"1.1\" encoding=\"UTF-8\"?><testsuite name=\"com.shop.PayTest\" tests=\"1\">"
                                    + "<testcase classname=\"com.shop.Pay&#x1b;[31mTest\" name=\"pays&#x7;&#x1b;]0;owned&#x7;\">"
                                    + "<failure message=\"boom&#x1b;[2J&#x1b;[H\"/></testcase></testsuite>"))
                            .also((run, p) -> assertThat(run.markdown + run.junit + run.json).doesNotContain("\u001b").doesNotContain("\u0007")),
                    fails("test names that close a CDATA section and open markup", "tests", "1 of 1 test failed",
                            p -> report(p, "<testsuite name=\"x\" tests=\"1\"><testcase classname=\"com.shop.XssTest\""
                                    + " name=\"]]&gt;&lt;/failure&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">"
                                    + "<failure message=\"&lt;img src=x onerror=alert(2)&gt;\"><![CDATA[x]]]]><![CDATA[>]]></failure>"
                                    + "</testcase></testsuite>"))
                            .also((run, p) -> assertThat(run.markdown).doesNotContain("<script>").doesNotContain("<img")),
                    errs("a folder named like a report", "tests", "no Surefire reports",
                            p -> Files.createDirectories(p.check("tests").dir.resolve(SUREFIRE + "TEST-com.shop.CheckoutTest.xml"))),
                    errs("a report replaced by a link to /dev/zero", "tests", "no Surefire reports", p -> {
                        p.check("tests");
                        Files.createDirectories(p.dir.resolve(SUREFIRE));
                        Files.createSymbolicLink(p.dir.resolve(SUREFIRE + "TEST-com.shop.CheckoutTest.xml"), Path.of("/dev/zero"));
                    }),
                    fails("testcases under a namespace prefix the reader does not know", "tests", "0 tests ran",
                            p -> report(p, "<testsuite xmlns:j=\"urn:junit\" name=\"x\" tests=\"1\"><j:testcase classname=\"com.shop.A\""
                                    + " name=\"a\"><j:failure message=\"boom\"/></j:testcase></testsuite>")),
                    errs("a report declaring an encoding the JDK does not know", "tests",
                            "declares the encoding 'x-ebcdic-klingon', which this JVM does not support",
                            p -> report(p, "<?xml version=\"1.0\" encoding=\"x-ebcdic-klingon\"?><testsuite tests=\"1\">"
                                    + "<testcase classname=\"A\" name=\"a\"/></testsuite>")),
                    fails("a 5 MiB failure message on one line", "tests", "1 of 1 test failed",
                            p -> report(p, "<testsuite name=\"x\" tests=\"1\"><testcase classname=\"com.shop.BulkTest\" name=\"imports\">"
                                    + "<failure message=\"" + "x".repeat(5 << 20) + "\"/></testcase></testsuite>"))
                            .also((run, p) -> assertThat(run.json.length() + run.markdown.length() + run.junit.length())
                                    .as("the message is cut, not copied into every report").isLessThan(64 * 1024)),
                    errs("a Failsafe report that is another runner's JSON", "tests.integration", "cannot read test report", p -> {
                        report(p, "<testsuite name=\"x\" tests=\"1\"><testcase classname=\"com.shop.A\" name=\"a\"/></testsuite>");
                        p.write("target/failsafe-reports/TEST-com.shop.CheckoutIT.xml", "{\"numFailedTests\":0,\"success\":true}");
                    }));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("rows")
        void neverPassesOnAHostileTestReport(Row row, @TempDir Path dir) throws Exception {
            HostileProject.verify(row, dir);
        }

        private static void report(HostileProject p, String xml) throws IOException {
            p.check("tests");
            p.write(SUREFIRE + "TEST-com.shop.CheckoutTest.xml", xml);
        }
    }

    /** JaCoCo's exec data ({@code target/jacoco.exec}), read by the {@code coverage} check. */
    @Nested
    class JacocoExecData {

        static Stream<Row> rows() {
            return Stream.of(
                    errs("a jar renamed jacoco.exec", "coverage", "is not a JaCoCo exec file", p -> exec(p, zip())),
                    errs("exec data in a future JaCoCo format", "coverage", "written by another JaCoCo version",
                            p -> exec(p, bytes(out -> {
                                out.writeByte(ExecutionDataWriter.BLOCK_HEADER);
                                out.writeChar(ExecutionDataWriter.MAGIC_NUMBER);
                                out.writeChar(0x1010);
                            }))),
                    errs("a block of an unknown type after the header", "coverage", "is not a JaCoCo exec file",
                            p -> exec(p, bytes(out -> {
                                header(out);
                                out.writeByte(0x7F);
                            }))),
                    errs("a dump cut inside a class name", "coverage", "ends in the middle of a record",
                            p -> exec(p, bytes(out -> {
                                header(out);
                                out.writeByte(ExecutionDataWriter.BLOCK_EXECUTIONDATA);
                                out.writeLong(0x2AL);
                                out.writeShort(500);
                                out.writeBytes("com/sh");
                            }))),
                    errs("two exec files naming one class id differently", "coverage", "cannot be merged", p -> {
                        p.check("coverage", param("execFiles", param("execFile", "target/unit.exec"), param("execFile", "target/it.exec")));
                        classes(p);
                        p.write("target/unit.exec", data(new ExecutionData(0x2AL, "com/shop/Cart", new boolean[] {true, false})));
                        p.write("target/it.exec", data(new ExecutionData(0x2AL, "com/shop/Order", new boolean[] {true, false})));
                    }),
                    errs("the exec path is a folder", "coverage", "no JaCoCo execution data", p -> {
                        p.check("coverage");
                        classes(p);
                        Files.createDirectories(p.dir.resolve("target/jacoco.exec"));
                    }),
                    errs("a 2 GiB sparse exec file of zeros", "coverage", "is not a JaCoCo exec file", p -> {
                        p.check("coverage");
                        classes(p);
                        sparse(p.dir.resolve("target/jacoco.exec"), 2L << 30);
                    }));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("rows")
        void neverPassesOnHostileExecData(Row row, @TempDir Path dir) throws Exception {
            HostileProject.verify(row, dir);
        }

        private static void exec(HostileProject p, byte[] bytes) throws IOException {
            p.check("coverage");
            classes(p);
            p.write("target/jacoco.exec", bytes);
        }

        private static byte[] zip() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
                zip.write("Manifest-Version: 1.0\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            return bytes.toByteArray();
        }
    }

    /** The class files under {@code target/classes}, analysed by the {@code coverage} check against the exec data. */
    @Nested
    class ClassFiles {

        static Stream<Row> rows() {
            return Stream.of(
                    errs("a class file from a future JDK (major version 99)", "coverage", "cannot be analysed as a class file", p -> {
                        byte[] bytes = greeter();
                        bytes[6] = 0;
                        bytes[7] = 99;
                        measured(p, bytes);
                    }),
                    errs("a class file cut short by a full disk", "coverage", "cannot be analysed as a class file",
                            p -> measured(p, Arrays.copyOf(greeter(), greeter().length / 2))),
                    errs("an empty class file", "coverage", "cannot be analysed as a class file", p -> measured(p, new byte[0])),
                    errs("a macOS universal binary (the same CAFEBABE magic) named like a class", "coverage",
                            "cannot be analysed as a class file: its constant pool holds an entry of no known kind", p -> {
                                byte[] fat = new byte[4096];
                                System.arraycopy(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 2,
                                        1, 0, 0, 7, (byte) 0x80, 0, 0, 3, 0, 0, 0x40, 0}, 0, fat, 0, 20);
                                measured(p, fat);
                            }),
                    errs("a 17 MiB file named like a class", "coverage", "larger than", p -> {
                        Files.createDirectories(p.dir.resolve("target/classes/com/shop"));
                        sparse(p.dir.resolve("target/classes/com/shop/Generated.class"), 17L << 20);
                        measured(p, greeter());
                    }),
                    errs("a module of only module-info.class", "coverage", "no classes to measure", p -> {
                        p.check("coverage");
                        p.write("target/classes/module-info.class", moduleInfo());
                        p.write("target/jacoco.exec", data());
                    }));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("rows")
        void neverPassesOnHostileClassFiles(Row row, @TempDir Path dir) throws Exception {
            HostileProject.verify(row, dir);
        }

        /** Real exec data (a session, no class run) beside the Greeter and this class file, written after them as a build does. */
        private static void measured(HostileProject p, byte[] classFile) throws IOException {
            p.check("coverage");
            classes(p);
            p.write("target/classes/com/shop/Cart.class", classFile);
            p.write("target/jacoco.exec", data());
        }

        private static byte[] moduleInfo() {
            ClassWriter writer = new ClassWriter(0);
            writer.visit(Opcodes.V17, Opcodes.ACC_MODULE, "module-info", null, null, null);
            writer.visitModule("com.shop", 0, null).visitEnd();
            writer.visitEnd();
            return writer.toByteArray();
        }
    }

    /** JaCoCo's XML report ({@code target/site/jacoco/jacoco.xml}), read by {@code coverage} when there is no exec file. */
    @Nested
    class JacocoXmlReports {

        static Stream<Row> rows() {
            return Stream.of(
                    errs("a LINE counter repeated after a 0-of-0 decoy", "coverage", "gives the report's LINE counter twice",
                            p -> report(p, "<report name=\"shop\"><counter type=\"INSTRUCTION\" missed=\"0\" covered=\"100\"/>"
                                    + "<counter type=\"LINE\" missed=\"0\" covered=\"0\"/><counter type=\"LINE\" missed=\"0\" covered=\"100\"/></report>")),
                    errs("billion laughs in the internal DTD subset", "coverage", "not well-formed XML",
                            p -> report(p, "<?xml version=\"1.0\"?><!DOCTYPE report [<!ENTITY a \"aaaaaaaaaa\">"
                                    + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
                                    + "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
                                    + "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">]>"
                                    + "<report name=\"&g;\"><counter type=\"LINE\" missed=\"0\" covered=\"100\"/></report>")),
                    fails("a parameter entity that would fetch a remote DTD", "coverage", "line coverage is 10.0%", p -> {
                        ScriptedServer dtd = p.scripted(ScriptedServer.answering((out, socket) ->
                                ScriptedServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")));
                        report(p, "<?xml version=\"1.0\"?><!DOCTYPE report [<!ENTITY % remote SYSTEM \"" + dtd.url("/evil.dtd") + "\">"
                                + " %remote;]><report name=\"shop\"><counter type=\"INSTRUCTION\" missed=\"900\" covered=\"100\"/>"
                                + "<counter type=\"LINE\" missed=\"90\" covered=\"10\"/></report>");
                    }).also((run, p) -> assertThat(p.scripted().get(0).connections()).as("connections to the DTD's host").isZero()),
                    errs("totals only inside packages (a report cut to its packages)", "coverage", "reports no classes",
                            p -> report(p, "<report name=\"shop\"><package name=\"com/shop\"><counter type=\"INSTRUCTION\" missed=\"0\""
                                    + " covered=\"100\"/><counter type=\"LINE\" missed=\"0\" covered=\"10\"/></package></report>")),
                    errs("a counter whose value is the bearer token", "coverage", "its LINE counter has",
                            p -> report(p, "<report name=\"shop\"><counter type=\"INSTRUCTION\" missed=\"0\" covered=\"100\"/>"
                                    + "<counter type=\"LINE\" missed=\"0\" covered=\"Bearer " + TOKEN + "\"/></report>")),
                    errs("the HTML report saved as jacoco.xml", "coverage", "not a JaCoCo XML report",
                            p -> report(p, "<!DOCTYPE html><html lang=\"en\"><head><title>shop</title></head><body>"
                                    + "<table><tr><td>Total</td><td>100%</td></tr></table></body></html>")),
                    errs("two reports appended into one file", "coverage", "not well-formed XML",
                            p -> report(p, "<report name=\"shop\"><counter type=\"INSTRUCTION\" missed=\"0\" covered=\"100\"/>"
                                    + "<counter type=\"LINE\" missed=\"0\" covered=\"10\"/></report>\n"
                                    + "<report name=\"shop\"><counter type=\"LINE\" missed=\"90\" covered=\"10\"/></report>")),
                    errs("a report without a LINE counter", "coverage", "line coverage cannot be measured",
                            p -> report(p, "<report name=\"shop\"><counter type=\"INSTRUCTION\" missed=\"0\" covered=\"100\"/></report>")));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("rows")
        void neverPassesOnAHostileJacocoXmlReport(Row row, @TempDir Path dir) throws Exception {
            HostileProject.verify(row, dir);
        }

        private static void report(HostileProject p, String xml) throws IOException {
            p.check("coverage");
            p.write("target/site/jacoco/jacoco.xml", xml);
        }
    }

    // ---------------------------------------------------------------- shared fixtures

    /** The compiled Greeter sample, laid out under target/classes as the compiler writes it. */
    static void classes(HostileProject p) throws IOException {
        p.write("target/classes/dev/readiness/checks/coverage/sample/Greeter.class", greeter());
    }

    static byte[] greeter() throws IOException {
        try (InputStream in = Greeter.class.getResourceAsStream("Greeter.class")) {
            return in.readAllBytes();
        }
    }

    /** Exec data as JaCoCo's agent dumps it: the header, a session, then these class records. */
    static byte[] data(ExecutionData... records) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ExecutionDataWriter writer = new ExecutionDataWriter(bytes);
        writer.visitSessionInfo(new SessionInfo("shop-ci-1", 1_700_000_000_000L, 1_700_000_060_000L));
        for (ExecutionData record : records) {
            writer.visitClassExecution(record);
        }
        return bytes.toByteArray();
    }

    /** Exec bytes as a hand-written stream. */
    static byte[] bytes(Writing writing) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writing.to(out);
        }
        return bytes.toByteArray();
    }

    static void header(DataOutputStream out) throws IOException {
        out.writeByte(ExecutionDataWriter.BLOCK_HEADER);
        out.writeChar(ExecutionDataWriter.MAGIC_NUMBER);
        out.writeChar(ExecutionDataWriter.FORMAT_VERSION);
    }

    @FunctionalInterface
    interface Writing {
        void to(DataOutputStream out) throws IOException;
    }

    /** A file of this length that takes no disk: zeros, as a crashed writer or a hostile hand leaves. */
    static void sparse(Path file, long length) throws IOException {
        Files.createDirectories(file.getParent());
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(length);
        }
    }
}

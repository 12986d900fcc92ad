package dev.readiness.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.readiness.check.CheckContext;
import dev.readiness.check.CheckLog;
import dev.readiness.check.DependencyNode;
import dev.readiness.check.ProjectId;
import dev.readiness.check.Status;
import dev.readiness.engine.ClaimVerdict;
import dev.readiness.engine.ConfigElement;
import dev.readiness.engine.ConfigurationException;
import dev.readiness.engine.Engine;
import dev.readiness.engine.ItemResult;
import dev.readiness.engine.Outcome;
import dev.readiness.engine.ReadinessConfig;
import dev.readiness.engine.ReadinessYaml;
import dev.readiness.io.SafeXml;
import dev.readiness.report.ConsoleReport;
import dev.readiness.report.Reports;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import mockwebserver3.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.w3c.dom.Document;

/**
 * A project folder laid out with hostile inputs, run through the real engine end to end as the
 * Maven plugin runs it ({@link Engine#discover} with the built-in checks, {@link Engine#verify} with
 * the POM-shaped configuration, {@code readiness.yaml} read as the plugin reads it), with all three
 * reports written by {@link Reports#writeAll}. Every run sends a configured header secret, so each
 * row can show that no report prints it; servers a row starts are closed with the project.
 */
final class HostileProject implements AutoCloseable {

    /** The secret every run is configured with; no report may print it or any 8 characters of it. */
    static final String TOKEN = "s3cr3t-hostile-token-0001";
    static final String AUTHORIZATION = "Bearer " + TOKEN;

    /**
     * A hang guard, not a benchmark: every run is configured with checkTimeout 10s (and http.timeout
     * 1s), so the engine itself must end a run within about 10s; 25s leaves room for a loaded
     * two-core machine. A run still going then is hanging.
     */
    static final Duration HANG_GUARD = Duration.ofSeconds(25);

    /** {@code -Dreadiness.hostile.defects=true} runs the rows that show a known defect too: to see one fixed. */
    static final String RUN_DEFECTS = "readiness.hostile.defects";

    static final ProjectId PROJECT = new ProjectId("dev.readiness.samples", "shop", "1.0.0");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EXCEPTION_NAME = Pattern.compile("\\b[A-Z][A-Za-z]*(Exception|Error)\\b");
    private static HeldCertificate authority;
    private static HeldCertificate localhost;

    final Path dir;
    private final List<ConfigElement> checks = new ArrayList<>();
    private final Map<String, String> headers = new LinkedHashMap<>(Map.of("Authorization", AUTHORIZATION));
    private final List<AutoCloseable> servers = new ArrayList<>();
    private final List<ScriptedServer> scripted = new ArrayList<>();
    private String checklist;
    private String target;
    private String checkTimeout = "10s";
    private String httpTimeout = "1s";
    private String trustCertificates;
    private DependencyNode dependencies;
    private boolean offline;

    HostileProject(Path dir) {
        this.dir = dir;
    }

    /** Runs a row: skipped with its reason when it shows a known defect, else laid out, run and held to the gate's promises. */
    static void verify(Row row, Path dir) throws Exception {
        assumeTrue(row.defect() == null || Boolean.getBoolean(RUN_DEFECTS), row.defect());
        try (HostileProject project = new HostileProject(dir)) {
            row.arrange().in(project);
            Run run = project.run();
            run.assertHolds(row);
            if (row.also() != null) {
                row.also().check(run, project);
            }
        }
    }

    // ---------------------------------------------------------------- laying out the project

    /** Writes a file of the project, creating its folders. */
    Path write(String relative, String text) throws IOException {
        return write(relative, text.getBytes(StandardCharsets.UTF_8));
    }

    Path write(String relative, byte[] bytes) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    /** A check under {@code <checks>}, with its parameters as POM elements. */
    HostileProject check(String id, ConfigElement... parameters) {
        checks.add(new ConfigElement(id, null, List.of(parameters)));
        return this;
    }

    /** A POM element with a text value. */
    static ConfigElement param(String name, String value) {
        return ConfigElement.text(name, value);
    }

    /** A POM element with child elements. */
    static ConfigElement param(String name, ConfigElement... children) {
        return new ConfigElement(name, null, List.of(children));
    }

    /** The team's checklist, written to {@code PRODUCTION_READINESS.md} and configured as {@code <checklist>}. */
    HostileProject checklist(String markdown) throws IOException {
        write("PRODUCTION_READINESS.md", markdown);
        checklist = "PRODUCTION_READINESS.md";
        return this;
    }

    /** {@code <checklist>} as written, for a file laid out otherwise. */
    HostileProject checklistPath(String path) {
        checklist = path;
        return this;
    }

    HostileProject target(String url) {
        target = url;
        return this;
    }

    /** A header under {@code <http><headers>}; the Authorization secret is always there. */
    HostileProject header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    HostileProject httpTimeout(String timeout) {
        httpTimeout = timeout;
        return this;
    }

    HostileProject checkTimeout(String timeout) {
        checkTimeout = timeout;
        return this;
    }

    HostileProject dependencies(DependencyNode root) {
        dependencies = root;
        return this;
    }

    HostileProject offline() {
        offline = true;
        return this;
    }

    /** A MockWebServer on loopback, closed with the project. */
    MockWebServer server() throws IOException {
        MockWebServer server = new MockWebServer();
        server.start(InetAddress.getByName("localhost"), 0);
        servers.add(server);
        return server;
    }

    /**
     * A MockWebServer speaking HTTPS with a certificate for localhost from a private CA, whose
     * certificate the project trusts through {@code <http><trustCertificates>}.
     */
    MockWebServer httpsServer() throws IOException {
        synchronized (HostileProject.class) {
            if (authority == null) {
                authority = new HeldCertificate.Builder().certificateAuthority(0).commonName("Hostile suite CA").build();
                localhost = new HeldCertificate.Builder().signedBy(authority).commonName("localhost")
                        .addSubjectAlternativeName("localhost").build();
            }
        }
        MockWebServer server = new MockWebServer();
        server.useHttps(new HandshakeCertificates.Builder().heldCertificate(localhost, authority.certificate()).build().sslSocketFactory());
        server.start(InetAddress.getByName("localhost"), 0);
        servers.add(server);
        write("ca.pem", authority.certificatePem());
        trustCertificates = "ca.pem";
        return server;
    }

    /** A scripted server on loopback, closed with the project. */
    ScriptedServer scripted(ScriptedServer server) {
        servers.add(server);
        scripted.add(server);
        return server;
    }

    /** The scripted servers started so far, in order. */
    List<ScriptedServer> scripted() {
        return List.copyOf(scripted);
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable server : servers) {
            server.close();
        }
    }

    // ---------------------------------------------------------------- running

    /** Runs the engine and writes the reports, within the hang guard. */
    Run run() {
        return assertTimeoutPreemptively(HANG_GUARD, this::runOnce,
                () -> "hang guard: the run did not end within " + HANG_GUARD.toSeconds() + "s although checkTimeout is " + checkTimeout);
    }

    private Run runOnce() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try {
            ReadinessYaml yaml = ReadinessYaml.read(dir.resolve(ReadinessYaml.FILE));
            List<ConfigElement> http = new ArrayList<>();
            http.add(param("timeout", httpTimeout));
            http.add(new ConfigElement("headers", null, headers.entrySet().stream().map(h -> param(h.getKey(), h.getValue())).toList()));
            if (trustCertificates != null) {
                http.add(param("trustCertificates", trustCertificates));
            }
            ReadinessConfig.Pom pom = new ReadinessConfig.Pom(checklist, checks, target, new ConfigElement("http", null, http),
                    checkTimeout, null, Set.of(), Set.of());
            ReadinessConfig.Sources sources = new ReadinessConfig.Sources(dir, pom, yaml, null, null, Set.of());
            CheckContext.Builder context = CheckContext.builder(dir).project(PROJECT).offline(offline).dependencies(dependencies);
            Outcome outcome = Engine.discover(HostileProject.class.getClassLoader()).verify(sources, context, recording(log));
            Path reports = dir.resolve("target/readiness");
            Reports.writeAll(outcome, reports, null);
            return new Run(outcome, null, reports, List.copyOf(log));
        } catch (ConfigurationException e) {
            return new Run(null, e, dir.resolve("target/readiness"), List.copyOf(log));
        }
    }

    private static CheckLog recording(List<String> lines) {
        return new CheckLog() {
            @Override
            public void info(String message) {
                lines.add(message);
            }

            @Override
            public void warn(String message) {
                lines.add(message);
            }

            @Override
            public void debug(String message) {
                lines.add(message);
            }
        };
    }

    /**
     * What one run left: the outcome and its three reports as written, or the configuration error
     * that stopped it before anything ran (then there is no outcome to report), and the log.
     */
    static final class Run {
        final Outcome outcome;
        final ConfigurationException refusal;
        final Path reports;
        final List<String> log;
        String json;
        String markdown;
        String junit;

        Run(Outcome outcome, ConfigurationException refusal, Path reports, List<String> log) {
            this.outcome = outcome;
            this.refusal = refusal;
            this.reports = reports;
            this.log = log;
        }

        /** The items the claim decides. */
        List<ItemResult> itemsOf(String claim) {
            return outcome.items().stream().filter(i -> i.claims().stream().anyMatch(c -> c.id().equals(claim))).toList();
        }

        /** The claim's verdict as the check gave it. */
        ClaimVerdict verdict(String claim) {
            return outcome.checks().stream().map(c -> c.claim(claim)).filter(java.util.Objects::nonNull).findFirst().orElseThrow();
        }

        /** The common promises: the right status (never PASS), a one-line reason saying what was wrong, reports that parse, no secret. */
        void assertHolds(Row row) throws Exception {
            if (row.expect() == Row.Expect.REFUSED) {
                assertThat(refusal).as("the configuration is refused before anything runs, but the run went ahead: %s",
                        outcome == null ? "" : outcome.items().stream().map(i -> i.status() + " " + i.evidence()).toList()).isNotNull();
                assertOneLineSaying("the refusal", refusal.getMessage(), row.why());
                assertNoSecret("the refusal", refusal.getMessage());
                assertNoSecret("the log", String.join("\n", log));
                return;
            }
            assertThat(refusal).as("the run was refused: %s", refusal == null ? "" : refusal.getMessage()).isNull();
            List<ItemResult> concerned = itemsOf(row.claim());
            assertThat(concerned).as("the items decided by %s", row.claim()).isNotEmpty();
            for (ItemResult item : concerned) {
                assertThat(item.status()).as("the status of '%s' (%s)", item.item().text(), item.evidence())
                        .isEqualTo(row.expect().status()).isNotEqualTo(Status.PASS);
                assertOneLineSaying("the reason of '" + item.item().text() + "'", item.evidence(), row.why());
            }
            assertOneLineSaying("the summary of " + row.claim(), verdict(row.claim()).result().summary(), row.why());
            assertThat(outcome.passed()).as("the gate's verdict").isFalse();
            assertReportsParse(concerned);
            for (String text : List.of(json, markdown, junit, String.join("\n", ConsoleReport.lines(outcome)))) {
                assertThat(text).as("no stack trace in a report").doesNotContain("\tat ").doesNotContain("\\tat ").doesNotContain("Caused by:");
            }
            assertNoSecret(Reports.JSON, json);
            assertNoSecret(Reports.MARKDOWN, markdown);
            assertNoSecret(Reports.JUNIT, junit);
            assertNoSecret("the console", String.join("\n", ConsoleReport.lines(outcome)));
            assertNoSecret("the log", String.join("\n", log));
        }

        private void assertReportsParse(List<ItemResult> concerned) throws Exception {
            Path jsonFile = reports.resolve(Reports.JSON);
            Path markdownFile = reports.resolve(Reports.MARKDOWN);
            Path junitFile = reports.resolve(Reports.JUNIT);
            assertThat(jsonFile).as("readiness.json is written").isRegularFile();
            assertThat(markdownFile).as("readiness.md is written").isRegularFile();
            assertThat(junitFile).as("TEST-readiness.xml is written").isRegularFile();
            json = utf8(jsonFile);
            markdown = utf8(markdownFile);
            junit = utf8(junitFile);

            JsonNode root = JSON.readTree(json);
            assertThat(root.path("schema").asText()).isEqualTo("readiness/v1");
            assertThat(root.path("verdict").asText()).isEqualTo("FAIL");
            assertThat(root.path("items")).hasSize(outcome.items().size());
            Map<String, String> statuses = new LinkedHashMap<>();
            root.path("items").forEach(i -> statuses.put(i.path("key").asText(), i.path("status").asText()));
            for (ItemResult item : concerned) {
                assertThat(statuses).as("readiness.json's status of %s", item.item().key())
                        .containsEntry(item.item().key(), item.status().name());
            }

            Document document = SafeXml.parse(junitFile, 64L * 1024 * 1024);
            assertThat(document.getDocumentElement().getTagName()).isEqualTo("testsuite");
            assertThat(document.getElementsByTagName("testcase").getLength()).isEqualTo(outcome.items().size());

            assertThat(markdown).startsWith("# ").contains("**Readiness: FAIL**");
        }

        /** The file as strict UTF-8: a report that is not valid UTF-8 does not parse. */
        private static String utf8(Path file) throws IOException {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
            } catch (CharacterCodingException e) {
                throw new AssertionError(file.getFileName() + " is not valid UTF-8", e);
            }
        }

        /** One line, saying what was wrong, without a crash's exception name or stack. */
        static void assertOneLineSaying(String what, String text, String why) {
            assertThat(text).as("%s", what).isNotBlank()
                    .doesNotContain("\n").doesNotContain("\r")
                    .doesNotContain("crashed")
                    .containsIgnoringCase(why);
            assertThat(EXCEPTION_NAME.matcher(text).find()).as("%s names an exception class: %s", what, text).isFalse();
        }

        /** Neither the token nor any 8 characters of it. */
        static void assertNoSecret(String where, String text) {
            for (int i = 0; i + 8 <= TOKEN.length(); i++) {
                assertThat(text).as("%s prints part of the secret", where).doesNotContain(TOKEN.substring(i, i + 8));
            }
        }
    }

    /** Bytes of the given length, all {@code b}. */
    static byte[] filled(int length, char b) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) b);
        return bytes;
    }
}

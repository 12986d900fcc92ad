package dev.readiness.checks.deployed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.readiness.check.CheckContext;
import dev.readiness.check.HttpSettings;
import dev.readiness.check.ProjectId;
import dev.readiness.check.Result;
import dev.readiness.check.Stage;
import dev.readiness.check.Status;
import dev.readiness.checks.http.LoopbackServer;
import dev.readiness.engine.ConfigBinder;
import dev.readiness.engine.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real OkHttp client against the JDK's HTTP server on loopback, serving Spring Boot 3's {@code /actuator/info} shapes. */
@Timeout(30)
class DeployedVersionCheckTest {

    private static final String VERSION = "1.4.2";
    private static final String SNAPSHOT = "1.5.0-SNAPSHOT";
    private static final PersonIdent DANA = new PersonIdent("Dana Reyes", "dana@example.com");

    @TempDir
    Path dir;

    private final LoopbackServer server = new LoopbackServer();
    private final DeployedVersionCheck check = new DeployedVersionCheck();

    DeployedVersionCheckTest() throws IOException {
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static DeployedVersionConfig config(String yaml) throws ConfigurationException {
        try {
            return ConfigBinder.bind("deployedVersion", DeployedVersionConfig.class, new YAMLMapper().readTree(yaml), List.of());
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private CheckContext context(String version, Duration timeout, Set<String> bound) {
        return CheckContext.builder(dir).stage(Stage.POST_DEPLOY).project(new ProjectId("com.example", "application", version))
                .boundClaims(bound).http(new HttpSettings(URI.create(server.url()), timeout, null, Map.of(), null)).build();
    }

    private Result run(String yaml) throws Exception {
        return check.run(config(yaml), context(VERSION, Duration.ofSeconds(5), Set.of()));
    }

    /** One sample of a project whose version is {@link #SNAPSHOT}. */
    private Result runSnapshot() throws Exception {
        return check.run(config("{samples: 1}"), context(SNAPSHOT, Duration.ofSeconds(5), Set.of()));
    }

    /** A fixture with its version and commit replaced. */
    private static String info(String fixture, String version, String commit) throws IOException {
        try (InputStream in = DeployedVersionCheckTest.class.getResourceAsStream(fixture)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("1.0.3", version)
                    .replace("df027cf0a3b1f4e5c6d7e8f90a1b2c3d4e5f6a7b", commit).replace("df027cf", commit.substring(0, 7));
        }
    }

    private String head() throws Exception {
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            Files.writeString(dir.resolve("pom.xml"), "<project/>");
            git.add().addFilepattern("pom.xml").call();
            RevCommit commit = git.commit().setMessage("release").setAuthor(DANA).setCommitter(DANA).setSign(false).call();
            return commit.name();
        }
    }

    @Test
    void passesWhenEveryAnswerReportsTheProjectVersion() throws Exception {
        server.on("/actuator/info", LoopbackServer.json(200, info("spring-boot-3-info.json", VERSION, "df027cf0")));

        Result result = run("pause: 0ms");

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo(server.url() + "/actuator/info reports 1.4.2 (commit df027cf) in all 3 answers: this build");
        assertThat(result.expected()).isEqualTo("1.4.2");
        assertThat(result.evidence()).containsEntry("expectedVersion", "1.4.2").doesNotContainKey("headCommit")
                .containsEntry("samples", List.of(Map.of("version", "1.4.2", "commit", "df027cf"), Map.of("version", "1.4.2", "commit", "df027cf"),
                        Map.of("version", "1.4.2", "commit", "df027cf")));
        assertThat(server.received).hasSize(3).allSatisfy(r -> assertThat(r.method() + " " + r.pathAndQuery()).isEqualTo("GET /actuator/info"));
    }

    @Test
    void passesWhenTheFullGitInfoNamesHead() throws Exception {
        String head = head();
        server.on("/actuator/info", LoopbackServer.json(200, info("spring-boot-3-info-git-full.json", VERSION, head)));

        Result result = run("{samples: 2, pause: 10ms}");

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo(server.url() + "/actuator/info reports 1.4.2 (commit " + head
                + ") in all 2 answers: this build (HEAD)");
        assertThat(result.evidence()).containsEntry("headCommit", head);
    }

    @Test
    void passesOnTheAbbreviatedCommitOfHeadAlone() throws Exception {
        String head = head();
        server.on("/actuator/info", LoopbackServer.json(200, "{\"git\":{\"branch\":\"main\",\"commit\":{\"id\":\"" + head.substring(0, 7)
                + "\",\"time\":\"2026-12-01T10:00:00Z\"}}}"));

        Result result = run("{samples: 1}");

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.measured()).isEqualTo("commit " + head.substring(0, 7));
    }

    @Test
    void failsOnADifferentVersionNamingBoth() throws Exception {
        server.on("/actuator/info", LoopbackServer.json(200, info("spring-boot-3-info.json", "1.4.1", "df027cf0")));

        Result result = run("pause: 0ms");

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo(server.url() + "/actuator/info reports version 1.4.1, but this build is 1.4.2");
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo("deployedVersion:version");
            assertThat(f.location()).isEqualTo(server.url() + "/actuator/info");
        });
        assertThat(result.remedy()).startsWith("Deploy this build (1.4.2) to ");
    }

    @Test
    void failsOnTheRightVersionBuiltFromAnotherCommit() throws Exception {
        String head = head();
        server.on("/actuator/info", LoopbackServer.json(200, info("spring-boot-3-info.json", VERSION, "0123abcd")));

        Result result = run("pause: 0ms");

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo(server.url() + "/actuator/info reports commit 0123abc, but HEAD is " + head.substring(0, 12));
        assertThat(result.findings()).extracting(f -> f.key()).containsExactly("deployedVersion:commit");
    }

    @Test
    void errorsOnTheSnapshotVersionWithoutACommitInsteadOfPassing() throws Exception {
        String head = head();
        server.on("/actuator/info", LoopbackServer.json(200, "{\"build\":{\"version\":\"" + SNAPSHOT + "\"}}"));

        Result result = runSnapshot();

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo(server.url() + "/actuator/info reports 1.5.0-SNAPSHOT but no commit, and a SNAPSHOT"
                + " version names no single build (an older snapshot build reports 1.5.0-SNAPSHOT too), so whether it runs this"
                + " build could not be determined");
        assertThat(result.measured()).isEqualTo(SNAPSHOT);
        assertThat(result.expected()).isEqualTo(SNAPSHOT + " (commit " + head + ")");
        assertThat(result.remedy()).startsWith("Let the service report its commit: expose git.commit.id in /actuator/info"
                + " (git-commit-id-maven-plugin").endsWith("or deploy a release version.");
    }

    @Test
    void errorsOnTheSnapshotVersionWhenTheProjectHasNoCommitToCompare() throws Exception {
        server.on("/actuator/info", LoopbackServer.json(200, info("spring-boot-3-info.json", SNAPSHOT, "df027cf0")));

        Result result = runSnapshot();

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo(server.url() + "/actuator/info reports 1.5.0-SNAPSHOT (commit df027cf), but the"
                + " project is in no Git repository with a commit, and a SNAPSHOT version names no single build (an older"
                + " snapshot build reports 1.5.0-SNAPSHOT too), so whether it runs this build could not be determined");
        assertThat(result.remedy()).isEqualTo("Run the gate from the Git checkout of the deployed commit, or deploy a release version.");
    }

    @Test
    void passesTheSnapshotVersionBuiltFromHead() throws Exception {
        String head = head();
        server.on("/actuator/info", LoopbackServer.json(200, info("spring-boot-3-info.json", SNAPSHOT, head)));

        Result result = runSnapshot();

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo(server.url() + "/actuator/info reports 1.5.0-SNAPSHOT (commit " + head.substring(0, 7)
                + ") in its answer: this build (HEAD)");
        assertThat(result.expected()).isEqualTo(SNAPSHOT + " (commit " + head + ")");
    }

    @Test
    void failsOnTheSnapshotVersionBuiltFromAnotherCommit() throws Exception {
        String head = head();
        server.on("/actuator/info", LoopbackServer.json(200, info("spring-boot-3-info.json", SNAPSHOT, "0123abcd")));

        Result result = runSnapshot();

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo(server.url() + "/actuator/info reports commit 0123abc, but HEAD is " + head.substring(0, 12));
        assertThat(result.findings()).extracting(f -> f.key()).containsExactly("deployedVersion:commit");
    }

    @Test
    void namesARolloutInProgressInsteadOfPassing() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        server.on("/actuator/info", exchange -> LoopbackServer.answer(exchange, 200, "application/json",
                info("spring-boot-3-info.json", calls.getAndIncrement() == 1 ? "1.4.1" : VERSION, "df027cf0")));

        Result result = run("pause: 0ms");

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo(server.url() + "/actuator/info: 2 of 3 answers report 1.4.2 (commit df027cf),"
                + " 1 reports 1.4.1 (commit df027cf): rollout in progress");
        assertThat(result.findings()).extracting(f -> f.key()).containsExactly("deployedVersion:rollout");
    }

    @Test
    void errorsOnAnAnswerWithoutAnyVersion() throws Exception {
        server.on("/actuator/info", LoopbackServer.json(200, "{}"));

        Result result = run("{samples: 1}");

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("the answer holds no version at /build/version and no commit id at /git/commit/id ("
                + server.url() + "/actuator/info), so which build runs there could not be determined");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"build\":{\"version\":[\"1.4.2\"]}}     | the version at /build/version is a list, not a version: [\"1.4.2\"]",
            "{\"build\":{\"version\":{\"v\":\"1.4.2\"}}} | the version at /build/version is an object, not a version: {\"v\":\"1.4.2\"}",
            "{\"build\":{\"version\":true}}            | the version at /build/version is a boolean, not a version: true",
            "{\"git\":{\"commit\":{\"id\":\"HEAD\"}}}  | the commit at /git/commit/id is 'HEAD', not a commit id (4 to 40 hex digits)",
            "{\"git\":{\"commit\":{\"id\":[1]}}}       | the commit at /git/commit/id is a list, not a commit id: [1]"})
    void errorsOnAVersionOrCommitThatIsNotOne(String body, String problem) throws Exception {
        server.on("/actuator/info", LoopbackServer.json(200, body));

        Result result = run("{samples: 1}");

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).startsWith(problem + " (");
    }

    @Test
    void errorsOnABodyThatIsNotJson() throws Exception {
        server.on("/actuator/info", exchange -> LoopbackServer.answer(exchange, 200, "text/html", "<html>login</html>"));

        Result result = run("{samples: 1}");

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).startsWith(server.url() + "/actuator/info answered HTTP 200 with a body that is not JSON (");
        assertThat(result.remedy()).startsWith("Expose /actuator/info (Spring Boot: include 'info'");
    }

    @Test
    void errorsOnANotFoundEndpoint() throws Exception {
        Result result = run("{samples: 1}");

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo(server.url() + "/actuator/info answered HTTP 404, not 2xx, so which build runs there"
                + " could not be determined");
    }

    @Test
    void errorsOnABodyOfTenMegabytesWithoutReadingItAll() throws Exception {
        server.on("/actuator/info", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 160; i++) { // 10 MiB
                    out.write(chunk);
                }
            } catch (IOException e) {
                // the client stopped reading: expected
            }
        });

        Result result = run("{samples: 1}");

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).contains("1048576");
    }

    @Test
    @Timeout(10)
    void errorsOnASlowServerWithinTheTimeout() throws Exception {
        server.on("/actuator/info", exchange -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        Result result = check.run(config("{samples: 1}"), context(VERSION, Duration.ofMillis(500), Set.of()));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).contains("did not answer within 500ms");
    }

    @Test
    void errorsWhenTheServiceIsUnreachable() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        Result result = run("{samples: 1, url: 'http://127.0.0.1:" + closed + "/actuator/info'}");

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).startsWith("could not connect to 127.0.0.1:" + closed + " within 5s: connection refused");
        assertThat(result.remedy()).startsWith("Check that the service is running");
    }

    @Test
    void readsTheConfiguredUrlAndPointers() throws Exception {
        server.on("/version", LoopbackServer.json(200, "{\"app\":{\"release\":\"1.4.2\",\"sha\":\"abcdef0\"}}"));

        Result result = run("{url: '" + server.url() + "/version', versionPointer: /app/release, commitPointer: /app/sha, samples: 1}");

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.measured()).isEqualTo("1.4.2 (commit abcdef0)");
    }

    @Test
    void decidesTheDemoEnvironmentFromItsOwnUrl() throws Exception {
        server.on("/actuator/info", LoopbackServer.json(200, info("spring-boot-3-info.json", VERSION, "df027cf0")))
                .on("/demo/actuator/info", LoopbackServer.json(200, info("spring-boot-3-info.json", "1.3.0", "df027cf0")));

        Result result = run("{samples: 1, demoUrl: '" + server.url() + "/demo/actuator/info'}");

        assertThat(result.status()).isEqualTo(Status.PASS);
        Result demo = result.claims().get(DeployedVersionCheck.DEMO);
        assertThat(demo.status()).isEqualTo(Status.FAIL);
        assertThat(demo.summary()).isEqualTo(server.url() + "/demo/actuator/info reports version 1.3.0, but this build is 1.4.2");
        assertThat(demo.findings()).extracting(f -> f.key()).containsExactly("deployedVersion.demo:version");
    }

    @Test
    void errorsOnTheDemoClaimWhenItIsBoundAndNoDemoUrlIsConfigured() throws Exception {
        server.on("/actuator/info", LoopbackServer.json(200, info("spring-boot-3-info.json", VERSION, "df027cf0")));

        Result result = check.run(config("{samples: 1}"), context(VERSION, Duration.ofSeconds(5), Set.of(DeployedVersionCheck.DEMO)));

        assertThat(result.claims().get(DeployedVersionCheck.DEMO).status()).isEqualTo(Status.ERROR);
        assertThat(result.claims().get(DeployedVersionCheck.DEMO).summary()).startsWith("no demoUrl is configured");
    }

    @Test
    void itsMainClaimIsAboutProductionAfterDeployment() {
        assertThat(check.claims().get(0).aboutProduction()).isTrue();
        assertThat(check.claims().get(1).aboutProduction()).isFalse();
        assertThat(check.claims()).allSatisfy(c -> assertThat(c.stage()).isEqualTo(Stage.POST_DEPLOY));
    }

    @Test
    void rejectsSamplesOutOfRangeAndAPointerThatIsNotOne() {
        assertThatThrownBy(() -> config("samples: 0")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("samples is 0, but it counts answers from 1 to 10");
        assertThatThrownBy(() -> config("versionPointer: build.version")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("versionPointer 'build.version' is not a JSON pointer");
    }
}

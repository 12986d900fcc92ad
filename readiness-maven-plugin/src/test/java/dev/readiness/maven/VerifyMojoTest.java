package dev.readiness.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.readiness.engine.Engine;
import java.io.IOException;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.inject.Inject;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Credentials;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mockito;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;

/**
 * readiness:verify configured from a POM by the plugin testing harness, run on a project in a
 * temporary folder: the real engine, the real {@code tests} check on real Surefire reports, real
 * report files. The harness's project is a Mockito spy of a real {@link MavenProject}: its base
 * folder, coordinates and build folders are set here (the harness leaves the base folder unset and
 * points the build folders at this module's own {@code target}).
 */
@MojoTest
class VerifyMojoTest {

    private static final String POM_HEAD = Fixtures.POM_HEAD;

    private static final String POM_TAIL = Fixtures.POM_TAIL;

    private static final String TESTS_POM = POM_HEAD + """
            <checks>
              <tests/>
            </checks>
            """ + POM_TAIL;

    private static final String POST_DEPLOY_POM = POM_HEAD + """
            <stage>postDeploy</stage>
            <checks>
              <tests/>
            </checks>
            """ + POM_TAIL;

    private static final String UNKNOWN_CHECK_POM = POM_HEAD + """
            <checks>
              <tests/>
              <testz/>
            </checks>
            """ + POM_TAIL;

    private static final String MISSING_CHECKLIST_POM = POM_HEAD + """
            <checklist>docs/PRODUCTION-READINESS.md</checklist>
            <checks>
              <tests/>
            </checks>
            """ + POM_TAIL;

    /** The header value is also in the report folder's name, which the tests check quotes in its summary and evidence. */
    private static final String API_KEY = "rdy-7f3a9c2e51d4";

    private static final String HEADER_POM = POM_HEAD + """
            <http>
              <headers>
                <X-Api-Key>rdy-7f3a9c2e51d4</X-Api-Key>
              </headers>
            </http>
            <checks>
              <tests>
                <reports>
                  <report>target/rdy-7f3a9c2e51d4-reports</report>
                </reports>
              </tests>
            </checks>
            """ + POM_TAIL;

    private static final String MISSPELT_PARAMETER_POM = POM_HEAD + """
            <checklsit>docs/PRODUCTION-READINESS.md</checklsit>
            <checks>
              <tests/>
            </checks>
            """ + POM_TAIL;

    private static final String EMPTY_POM = POM_HEAD + POM_TAIL;

    private static final String RECOMMENDED_TESTS_POM = POM_HEAD + """
            <checks>
              <tests><level>RECOMMENDED</level></tests>
            </checks>
            """ + POM_TAIL;

    /** BackupCheck (a test-scope custom check) has two claims: backup (PASS) and backup.restore (FAIL). */
    private static final String BACKUP_CHECKLIST = """
            # Operations
            - [ ] Backups are taken daily
            - [ ] Backups restore cleanly
            - [ ] Restore drill done quarterly
            - [ ] Backups verified
            """;

    private static final String BACKUP_POM = POM_HEAD + """
            <checklist>CHECKLIST.md</checklist>
            <checks>
              <backup/>
            </checks>
            """ + POM_TAIL;

    private static final String RESTORE_RECOMMENDED_POM = POM_HEAD + """
            <checklist>CHECKLIST.md</checklist>
            <checks>
              <backup>
                <claims>
                  <restore>
                    <level>RECOMMENDED</level>
                    <items>
                      <item>Restore drill done quarterly</item>
                      <item>backups-verified</item>
                    </items>
                  </restore>
                </claims>
              </backup>
            </checks>
            """ + POM_TAIL;

    private static final String RESTORE_RECOMMENDED_YAML = """
            checklist: CHECKLIST.md
            checks:
              backup:
                claims:
                  restore:
                    level: RECOMMENDED
                    items: [Restore drill done quarterly, backups-verified]
            """;

    private static final String UNKNOWN_CLAIM_POM = POM_HEAD + """
            <checks>
              <backup>
                <claims>
                  <restor><level>INFO</level></restor>
                </claims>
              </backup>
            </checks>
            """ + POM_TAIL;

    /** Folders named by secrets that settings.xml and the environment hold, which the tests check quotes in its evidence. */
    private static final String SECRET_FOLDERS_POM = POM_HEAD + """
            <checks>
              <tests>
                <reports>
                  <report>target/srv-decrypted-pa55-reports</report>
                  <report>target/gpg-pa55phrase-value-reports</report>
                  <report>target/db-pa55word-0-reports</report>
                </reports>
              </tests>
            </checks>
            """ + POM_TAIL;

    /** A health endpoint reached through settings.xml's proxy (the test's own proxy on loopback). */
    private static final String HEALTH_THROUGH_PROXY_POM = POM_HEAD + """
            <checks>
              <health><url>http://staging.readiness.invalid/actuator/health</url></health>
            </checks>
            """ + POM_TAIL;

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path projectDir;

    @Inject
    MavenProject project;

    @Inject
    MavenSession session;

    private final RecordingLog log = new RecordingLog();

    @BeforeEach
    void projectInTemporaryFolder() {
        project.setFile(projectDir.resolve("pom.xml").toFile());
        project.setGroupId("com.example");
        project.setArtifactId("shop");
        project.setVersion("1.0.0");
        Build build = project.getBuild();
        build.setDirectory(projectDir.resolve("target").toString());
        build.setOutputDirectory(projectDir.resolve("target/classes").toString());
        build.setTestOutputDirectory(projectDir.resolve("target/test-classes").toString());
    }

    @Test
    @InjectMojo(goal = "verify", pom = TESTS_POM)
    void passesAndWritesTheReportsWhenTheSurefireReportsShowNoFailure(VerifyMojo mojo) throws Exception {
        copyReports("passing", "target/surefire-reports");
        mojo.setLog(log);

        mojo.execute();

        Path readiness = projectDir.resolve("target/readiness");
        assertThat(readiness.resolve("readiness.json")).isRegularFile();
        assertThat(readiness.resolve("readiness.md")).isRegularFile();
        assertThat(readiness.resolve("TEST-readiness.xml")).isRegularFile();
        JsonNode json = JSON.readTree(readiness.resolve("readiness.json").toFile());
        assertThat(json.get("verdict").asText()).isEqualTo("PASS");
        assertThat(json.at("/project/artifactId").asText()).isEqualTo("shop");
        assertThat(json.at("/items/0/text").asText()).isEqualTo("All unit tests pass");
        assertThat(json.at("/items/0/status").asText()).isEqualTo("PASS");
        assertThat(json.at("/items/0/evidence").asText()).isEqualTo("5 tests passed in target/surefire-reports (1 skipped, 1 flaky)");
        assertThat(json.at("/checks/0/evidence/tests").asInt()).isEqualTo(6);
        assertThat(log.lines()).contains(
                "[INFO] PASS  All unit tests pass — 5 tests passed in target/surefire-reports (1 skipped, 1 flaky)",
                "[INFO] Readiness PASS: 1 PASS (1 items, 1 checks)");
    }

    @Test
    @InjectMojo(goal = "verify", pom = POST_DEPLOY_POM)
    void skipsTheBuildStagesClaimsInAPostDeployRunAndNamesTheStage(VerifyMojo mojo) throws Exception {
        copyReports("failing", "target/surefire-reports");
        mojo.setLog(log);

        mojo.execute();

        JsonNode json = JSON.readTree(projectDir.resolve("target/readiness/readiness.json").toFile());
        assertThat(json.get("stage").asText()).isEqualTo("postDeploy");
        assertThat(json.get("verdict").asText()).isEqualTo("PASS");
        assertThat(json.at("/items/0/status").asText()).isEqualTo("SKIPPED");
        assertThat(json.at("/checks/0/claims/0/summary").asText())
                .isEqualTo("'tests' evaluated in the build stage: mvn verify (or mvn readiness:verify without -Dreadiness.stage)");
    }

    @Test
    @InjectMojo(goal = "verify", pom = TESTS_POM)
    void failsTheBuildNamingTheItemWhenATestFailed(VerifyMojo mojo) throws Exception {
        copyReports("failing", "target/surefire-reports");
        mojo.setLog(log);

        Path markdown = projectDir.resolve("target/readiness/readiness.md");
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("Readiness gate failed: 1 required item unmet\n"
                        + "  FAIL All unit tests pass: 2 of 8 tests failed (1 failure, 1 error) in target/surefire-reports\n"
                        + "See " + markdown);

        assertThat(markdown).isRegularFile();
        JsonNode json = JSON.readTree(projectDir.resolve("target/readiness/readiness.json").toFile());
        assertThat(json.get("verdict").asText()).isEqualTo("FAIL");
        assertThat(json.at("/items/0/status").asText()).isEqualTo("FAIL");
        assertThat(log.lines()).contains(
                "[ERROR] FAIL  All unit tests pass — 2 of 8 tests failed (1 failure, 1 error) in target/surefire-reports");
    }

    @Test
    @InjectMojo(goal = "verify", pom = UNKNOWN_CHECK_POM)
    void rejectsAnUnknownCheckBeforeAnythingRuns(VerifyMojo mojo) throws Exception {
        copyReports("failing", "target/surefire-reports");
        String available = String.join(", ", Engine.discover(VerifyMojo.class.getClassLoader()).available().keySet());
        assertThat(available).contains("tests");

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage("Readiness configuration error: unknown check 'testz' (did you mean 'tests'?); available checks: " + available);

        assertThat(projectDir.resolve("target/readiness")).doesNotExist();
    }

    @Nested
    class WhenReadinessSkipIsTrue {

        @BeforeEach
        void userPropertyReadinessSkip() {
            session.getUserProperties().setProperty("readiness.skip", "true");
        }

        @Test
        @InjectMojo(goal = "verify", pom = UNKNOWN_CHECK_POM)
        void runsNothingAndWritesNoReport(VerifyMojo mojo) throws Exception {
            copyReports("failing", "target/surefire-reports");
            mojo.setLog(log);

            mojo.execute();

            assertThat(projectDir.resolve("target/readiness")).doesNotExist();
            assertThat(log.lines()).containsExactly("[INFO] Readiness gate skipped (readiness.skip)");
        }
    }

    @Nested
    class WhenAFlagIsNeitherTrueNorFalse {

        @Test
        @InjectMojo(goal = "verify", pom = MISSING_CHECKLIST_POM)
        @MojoParameter(name = "requireFullReactor", value = "yes")
        void refusesRequireFullReactorYesRatherThanReadingItAsFalse(VerifyMojo mojo) throws Exception {
            assertThatThrownBy(mojo::execute)
                    .isInstanceOf(MojoExecutionException.class)
                    .hasMessage("Readiness configuration error: requireFullReactor: 'yes' is not true or false (readiness.requireFullReactor)");
            assertThat(projectDir.resolve("target/readiness")).doesNotExist();
        }

        @Test
        @InjectMojo(goal = "verify", pom = MISSING_CHECKLIST_POM)
        @MojoParameter(name = "skip", value = "on")
        void refusesSkipOnRatherThanRunningOrSkipping(VerifyMojo mojo) throws Exception {
            mojo.setLog(log);

            assertThatThrownBy(mojo::execute)
                    .isInstanceOf(MojoExecutionException.class)
                    .hasMessage("Readiness configuration error: skip: 'on' is not true or false (readiness.skip)");
            assertThat(log.lines()).isEmpty();
        }
    }

    @Test
    @InjectMojo(goal = "verify", pom = MISSING_CHECKLIST_POM)
    void rejectsAChecklistThatDoesNotExist(VerifyMojo mojo) throws Exception {
        copyReports("passing", "target/surefire-reports");

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage("Readiness configuration error: checklist docs/PRODUCTION-READINESS.md does not exist: "
                        + "create it or point <checklist> at your checklist");

        assertThat(projectDir.resolve("target/readiness")).doesNotExist();
    }

    @Test
    @InjectMojo(goal = "verify", pom = HEADER_POM)
    void masksHeaderValuesInTheFailureEveryReportAndTheLog(VerifyMojo mojo) throws Exception {
        copyReports("failing", "target/" + API_KEY + "-reports");
        mojo.setLog(log);

        Path readiness = projectDir.resolve("target/readiness");
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("Readiness gate failed: 1 required item unmet\n"
                        + "  FAIL All unit tests pass: 2 of 8 tests failed (1 failure, 1 error) in target/****-reports\n"
                        + "See " + readiness.resolve("readiness.md"));

        JsonNode json = JSON.readTree(readiness.resolve("readiness.json").toFile());
        assertThat(json.at("/checks/0/evidence/reports/0").asText()).isEqualTo("target/****-reports");
        assertThat(json.at("/checks/0/findings/0/location").asText())
                .isEqualTo("target/****-reports/TEST-com.example.AveragingTest.xml");
        assertThat(Files.readString(readiness.resolve("readiness.md"))).contains("target/\\*\\*\\*\\*-reports");
        assertThat(Files.readString(readiness.resolve("TEST-readiness.xml"))).contains("target/****-reports");
        assertPrintedNowhere(API_KEY);
    }

    /** No report and no line of the log holds any of these. */
    private void assertPrintedNowhere(String... secrets) throws IOException {
        Path readiness = projectDir.resolve("target/readiness");
        for (String secret : secrets) {
            for (String report : List.of("readiness.json", "readiness.md", "TEST-readiness.xml")) {
                assertThat(Files.readString(readiness.resolve(report))).as(report).doesNotContain(secret);
            }
            assertThat(log.lines()).isNotEmpty().noneMatch(line -> line.contains(secret));
        }
    }

    /**
     * Maven 3 drops unknown plugin parameters silently (so does the harness when it configures the
     * mojo); the goal reads the plugin's configuration from the project model, as Maven builds it
     * from the POM, and rejects them.
     */
    @Test
    @InjectMojo(goal = "verify", pom = MISSPELT_PARAMETER_POM)
    void rejectsAMisspeltParameterNamingTheKnownOnes(VerifyMojo mojo) throws Exception {
        copyReports("passing", "target/surefire-reports");
        Model model = new MavenXpp3Reader().read(new StringReader(MISSPELT_PARAMETER_POM));
        project.getBuild().addPlugin(model.getBuild().getPlugins().get(0));

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage("Readiness configuration error: unknown parameter 'checklsit' of readiness:verify (did you mean 'checklist'?); "
                        + "known parameters: cache, checkTimeout, checklist, checks, environment, failOnWarnings, http, maxWaiverDays, "
                        + "outputDirectory, requireAttestation, requireFullReactor, runChecks, skip, skipChecks, stage, stepSummary, target");

        assertThat(projectDir.resolve("target/readiness")).doesNotExist();
    }

    /**
     * The goal's known parameters come from its own descriptor: every parameter the README documents is
     * accepted in the POM (the misspelt-parameter test shows the rest is not).
     */
    @Test
    @InjectMojo(goal = "verify", pom = TESTS_POM)
    void acceptsEveryParameterTheReadmeDocuments(VerifyMojo mojo) throws Exception {
        copyReports("passing", "target/surefire-reports");
        List<String> documented = documentedParameters();
        assertThat(documented).contains("checklist", "checks", "failOnWarnings", "stepSummary", "requireAttestation", "maxWaiverDays", "stage", "environment")
                .hasSize(17);
        Xpp3Dom configuration = new Xpp3Dom("configuration");
        documented.forEach(name -> configuration.addChild(new Xpp3Dom(name)));
        Plugin plugin = new Plugin();
        plugin.setGroupId("dev.readiness");
        plugin.setArtifactId("readiness-maven-plugin");
        plugin.setConfiguration(configuration);
        project.getBuild().addPlugin(plugin);
        mojo.setLog(log);

        mojo.execute();

        assertThat(log.lines()).contains("[INFO] Readiness PASS: 1 PASS (1 items, 1 checks)");
    }

    /** Maven would read "yes" as false and so stop failing on warnings: the goal takes only true or false. */
    @Test
    @InjectMojo(goal = "verify", pom = RECOMMENDED_TESTS_POM)
    @MojoParameter(name = "failOnWarnings", value = "yes")
    void rejectsFailOnWarningsOtherThanTrueOrFalse(VerifyMojo mojo) throws Exception {
        copyReports("failing", "target/surefire-reports");

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage("Readiness configuration error: failOnWarnings: 'yes' is not true or false");

        assertThat(projectDir.resolve("target/readiness")).doesNotExist();
    }

    /** 200000d would overflow the deadline of the checks' run; it is a configuration error naming the bound. */
    @Test
    @InjectMojo(goal = "verify", pom = TESTS_POM)
    @MojoParameter(name = "checkTimeout", value = "200000d")
    void rejectsACheckTimeoutLongerThanADay(VerifyMojo mojo) throws Exception {
        copyReports("passing", "target/surefire-reports");

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage("Readiness configuration error: checkTimeout: '200000d' is longer than 24h, the longest time limit a check"
                        + " may have: write 24h or less, such as 5m");

        assertThat(projectDir.resolve("target/readiness")).doesNotExist();
    }

    /** -Dreadiness.failOnWarnings=false and the POM's failOnWarnings win over readiness.yaml's, as every other key does. */
    @Nested
    class WhenReadinessYamlFailsOnWarnings {

        @BeforeEach
        void failingTestsAndReadinessYaml() throws Exception {
            copyReports("failing", "target/surefire-reports");
            Files.writeString(projectDir.resolve("readiness.yaml"), "failOnWarnings: true\n");
        }

        @Test
        @InjectMojo(goal = "verify", pom = RECOMMENDED_TESTS_POM)
        void failsTheBuildOnAnUnmetRecommendedItem(VerifyMojo mojo) throws Exception {
            mojo.setLog(log);

            assertThatThrownBy(mojo::execute)
                    .isInstanceOf(MojoFailureException.class)
                    .hasMessageStartingWith("Readiness gate failed: 1 reason\n"
                            + "  FAIL All unit tests pass: 2 of 8 tests failed (1 failure, 1 error) in target/surefire-reports\n");
        }

        @Test
        @InjectMojo(goal = "verify", pom = RECOMMENDED_TESTS_POM)
        @MojoParameter(name = "failOnWarnings", value = "false")
        void onlyWarnsWhenThePomSaysFalse(VerifyMojo mojo) throws Exception {
            passesWarningOfTheFailedTests(mojo);
        }

        @Nested
        class AndTheUserPropertySaysFalse {

            @BeforeEach
            void userPropertyReadinessFailOnWarnings() {
                session.getUserProperties().setProperty("readiness.failOnWarnings", "false");
            }

            @Test
            @InjectMojo(goal = "verify", pom = RECOMMENDED_TESTS_POM)
            void onlyWarns(VerifyMojo mojo) throws Exception {
                passesWarningOfTheFailedTests(mojo);
            }
        }

        private void passesWarningOfTheFailedTests(VerifyMojo mojo) throws Exception {
            mojo.setLog(log);

            mojo.execute();

            assertThat(log.lines()).contains(
                    "[WARNING] FAIL  All unit tests pass — 2 of 8 tests failed (1 failure, 1 error) in target/surefire-reports",
                    "[INFO] Readiness PASS: 1 FAIL (1 items, 1 checks)");
        }
    }

    /** A team sets the level and the items of one claim (BackupCheck's restore) without touching the check's other claim. */
    @Nested
    class ClaimsOfACheck {

        @BeforeEach
        void checklist() throws IOException {
            Files.writeString(projectDir.resolve("CHECKLIST.md"), BACKUP_CHECKLIST);
        }

        @Test
        @InjectMojo(goal = "verify", pom = BACKUP_POM)
        void holdEveryClaimToTheChecksLevelByDefault(VerifyMojo mojo) {
            mojo.setLog(log);

            assertThatThrownBy(mojo::execute)
                    .isInstanceOf(MojoFailureException.class)
                    .hasMessageStartingWith("Readiness gate failed: 1 required item unmet\n"
                            + "  FAIL Backups restore cleanly: the last restore drill failed\n");
        }

        @Test
        @InjectMojo(goal = "verify", pom = RESTORE_RECOMMENDED_POM)
        void takeTheirOwnLevelAndItemsFromThePom(VerifyMojo mojo) throws Exception {
            mojo.setLog(log);

            mojo.execute();

            assertOnlyTheRestoreClaimIsRecommended();
        }

        @Test
        @InjectMojo(goal = "verify", pom = EMPTY_POM)
        void takeTheirOwnLevelAndItemsFromReadinessYaml(VerifyMojo mojo) throws Exception {
            Files.writeString(projectDir.resolve("readiness.yaml"), RESTORE_RECOMMENDED_YAML);
            mojo.setLog(log);

            mojo.execute();

            assertOnlyTheRestoreClaimIsRecommended();
        }

        @Test
        @InjectMojo(goal = "verify", pom = UNKNOWN_CLAIM_POM)
        void areNamedAmongTheChecksClaimsWhenOneIsUnknown(VerifyMojo mojo) {
            assertThatThrownBy(mojo::execute)
                    .isInstanceOf(MojoExecutionException.class)
                    .hasMessage("Readiness configuration error: backup.claims: unknown claim 'restor' (did you mean 'restore'?); "
                            + "claims of backup: backup, restore");

            assertThat(projectDir.resolve("target/readiness")).doesNotExist();
        }

        private void assertOnlyTheRestoreClaimIsRecommended() throws IOException {
            JsonNode json = JSON.readTree(projectDir.resolve("target/readiness/readiness.json").toFile());
            assertThat(json.get("verdict").asText()).isEqualTo("PASS");
            assertThat(json.get("items")).extracting(i -> i.get("text").asText(), i -> i.get("status").asText(), i -> i.get("level").asText())
                    .containsExactly(
                            tuple("Backups are taken daily", "PASS", "REQUIRED"),
                            tuple("Backups restore cleanly", "FAIL", "RECOMMENDED"),
                            tuple("Restore drill done quarterly", "FAIL", "RECOMMENDED"),
                            tuple("Backups verified", "FAIL", "RECOMMENDED"));
            assertThat(log.lines()).contains(
                    "[INFO] PASS  Backups are taken daily — last backup 2h ago",
                    "[WARNING] FAIL  Backups restore cleanly — the last restore drill failed");
        }
    }

    /**
     * settings.xml as Maven reads it, its passwords encrypted with a master password of the test's own
     * settings-security.xml: the gate sends and masks them as Maven decrypts them, and masks the secrets
     * the environment holds too.
     */
    @Nested
    class SecretsOfSettingsAndTheEnvironment {

        private static final String MASTER = "m4ster-pa55phrase";

        private final DefaultPlexusCipher cipher = new DefaultPlexusCipher();
        private final Settings settings = new Settings();
        private String previousSecurity;

        @BeforeEach
        void settingsWithAMasterPassword() throws Exception {
            Path security = Files.writeString(projectDir.resolve("settings-security.xml"), "<settingsSecurity><master>"
                    + cipher.encryptAndDecorate(MASTER, "settings.security") + "</master></settingsSecurity>");
            previousSecurity = System.setProperty("settings.security", security.toString());
            Mockito.lenient().when(session.getSettings()).thenReturn(settings);
        }

        @AfterEach
        void restoreTheSecurityFile() {
            if (previousSecurity == null) {
                System.clearProperty("settings.security");
            } else {
                System.setProperty("settings.security", previousSecurity);
            }
        }

        @Test
        @InjectMojo(goal = "verify", pom = SECRET_FOLDERS_POM)
        void masksServerPasswordsAsDecryptedAndSecretEnvironmentVariablesInEveryReportAndTheLog(VerifyMojo mojo) throws Exception {
            String encrypted = cipher.encryptAndDecorate("srv-decrypted-pa55", MASTER);
            Server server = new Server();
            server.setId("deploy");
            server.setUsername("deployer");
            server.setPassword(encrypted);
            settings.addServer(server);
            session.getSystemProperties().setProperty("env.SIGNING_PASSPHRASE", "gpg-pa55phrase-value");
            session.getSystemProperties().setProperty("env.DATABASE_URL", "postgres://app:db-pa55word-0@db.example.com/shop");
            for (String folder : List.of("srv-decrypted-pa55", "gpg-pa55phrase-value", "db-pa55word-0")) {
                copyReports("passing", "target/" + folder + "-reports");
            }
            mojo.setLog(log);

            mojo.execute();

            Path readiness = projectDir.resolve("target/readiness");
            JsonNode json = JSON.readTree(readiness.resolve("readiness.json").toFile());
            assertThat(json.at("/checks/0/evidence/reports")).extracting(JsonNode::asText)
                    .containsExactly("target/****-reports", "target/****-reports", "target/****-reports");
            assertPrintedNowhere("srv-decrypted-pa55", encrypted, "gpg-pa55phrase-value", "db-pa55word-0");
        }

        @Test
        @InjectMojo(goal = "verify", pom = HEALTH_THROUGH_PROXY_POM)
        void sendsTheProxyItsPasswordDecryptedAndPrintsItInNoForm(VerifyMojo mojo) throws Exception {
            String encrypted = cipher.encryptAndDecorate("pr0xy-decrypted-pa55", MASTER);
            try (MockWebServer proxy = new MockWebServer()) {
                proxy.start();
                proxy.enqueue(new MockResponse.Builder().code(407).addHeader("Proxy-Authenticate", "Basic realm=\"corp\"").build());
                proxy.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body("{\"status\":\"UP\"}").build());
                settings.addProxy(proxy(proxy.getHostName(), proxy.getPort(), encrypted));
                mojo.setLog(log);

                mojo.execute();

                RecordedRequest challenged = proxy.takeRequest(5, TimeUnit.SECONDS);
                RecordedRequest answered = proxy.takeRequest(5, TimeUnit.SECONDS);
                assertThat(challenged.getRequestLine()).isEqualTo("GET http://staging.readiness.invalid/actuator/health HTTP/1.1");
                assertThat(answered.getHeaders().get("Proxy-Authorization")).isEqualTo(Credentials.basic("ci", "pr0xy-decrypted-pa55"));
                assertThat(proxy.getRequestCount()).isEqualTo(2);
            }
            JsonNode json = JSON.readTree(projectDir.resolve("target/readiness/readiness.json").toFile());
            assertThat(json.get("verdict").asText()).isEqualTo("PASS");
            assertPrintedNowhere("pr0xy-decrypted-pa55", encrypted);
        }

        @Test
        @InjectMojo(goal = "verify", pom = HEALTH_THROUGH_PROXY_POM)
        void rejectsAnActiveProxyWhosePasswordDoesNotDecrypt(VerifyMojo mojo) throws Exception {
            settings.addProxy(proxy("127.0.0.1", 3128, cipher.encryptAndDecorate("pr0xy-decrypted-pa55", "not-the-master")));

            assertThatThrownBy(mojo::execute)
                    .isInstanceOf(MojoExecutionException.class)
                    .hasMessage("Readiness configuration error: settings.xml: cannot decrypt the password of the active proxy 'corp'"
                            + " (Given final block not properly padded. Such issues can arise if a bad key is used during decryption.):"
                            + " encrypt it again with mvn --encrypt-password under the master password of settings-security.xml,"
                            + " or make the proxy inactive");

            assertThat(projectDir.resolve("target/readiness")).doesNotExist();
        }

        private static Proxy proxy(String host, int port, String password) {
            Proxy proxy = new Proxy();
            proxy.setId("corp");
            proxy.setActive(true);
            proxy.setProtocol("http");
            proxy.setHost(host);
            proxy.setPort(port);
            proxy.setUsername("ci");
            proxy.setPassword(password);
            return proxy;
        }
    }

    /** The names in the README's "Goal parameters" table. */
    private static List<String> documentedParameters() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "README.md"));
        int from = lines.indexOf("### Goal parameters");
        assertThat(from).as("README's Goal parameters section").isNotNegative();
        return lines.subList(from, lines.size()).stream()
                .dropWhile(line -> !line.startsWith("|"))
                .takeWhile(line -> line.startsWith("|"))
                .map(line -> Pattern.compile("^\\| `([A-Za-z]+)` \\|").matcher(line))
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .toList();
    }

    /** Copies the real Surefire reports of a fixture folder into the temporary project. */
    private void copyReports(String fixture, String to) throws IOException, URISyntaxException {
        Fixtures.copyReports(projectDir, fixture, to);
    }
}

package dev.readiness.checks.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Claim;
import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import dev.readiness.check.Strength;
import dev.readiness.checks.secrets.SecretDetector.Match;
import dev.readiness.checks.secrets.SecretDetector.Rule;
import dev.readiness.checks.secrets.SecretsConfig.Allow;
import dev.readiness.engine.Engine;
import dev.readiness.engine.Outcome;
import dev.readiness.engine.ReadinessConfig;
import dev.readiness.engine.Redactor;
import dev.readiness.report.Reports;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code secrets} check on real git repositories made with JGit, on plain folders with
 * {@code .gitignore} files, and on the false positives real projects hold (placeholders, example
 * documentation, lockfile hashes, base64 images: {@code false-positives/}).
 *
 * <p>No secret is written in this file or its fixtures: each is generated when the test runs (random
 * tokens from a seeded generator, a fresh EC key, a JWT signed with a random key), so the repository
 * itself trips no scanner. The documented AWS example key is assembled from its parts.
 */
class SecretsCheckTest {

    @TempDir
    Path dir;

    private final SecretsCheck check = new SecretsCheck();
    private final Random random = new Random(20261204L);

    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    // --- secrets made at run time -------------------------------------------------------------------------------------

    private String chars(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private String awsKeyId() {
        return "AKIA" + chars(BASE32, 16);
    }

    private String awsSecretKey() {
        return chars(ALNUM + "/+", 40);
    }

    private String githubToken() {
        return "ghp" + "_" + chars(ALNUM, 36);
    }

    private String gitlabToken() {
        return "glpat" + "-" + chars(ALNUM, 20);
    }

    private String slackToken() {
        return "xoxb" + "-" + random.nextInt(1_000_000_000) + "-" + random.nextInt(1_000_000_000) + "-" + chars(ALNUM, 24);
    }

    private String slackWebhook() {
        return "https://hooks.slack.com/services/" + "T" + chars(BASE32, 8) + "/B" + chars(BASE32, 10) + "/" + chars(ALNUM, 24);
    }

    private String stripeKey() {
        return "sk_" + "live_" + chars(ALNUM, 24);
    }

    private String privateKeyPem() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
        return "-----BEGIN " + "PRIVATE KEY-----\n" + body + "\n-----END " + "PRIVATE KEY-----\n";
    }

    private String jwt() throws Exception {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String header = url.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = url.encodeToString(("{\"sub\":\"" + chars(ALNUM, 12) + "\",\"iat\":1767225600}").getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(chars(ALNUM, 32).getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        return header + "." + payload + "." + url.encodeToString(mac.doFinal((header + "." + payload).getBytes(StandardCharsets.US_ASCII)));
    }

    private String password() {
        return chars(ALNUM, 12) + "7" + chars(ALNUM, 11);
    }

    // --- running it ---------------------------------------------------------------------------------------------------

    private Result run(SecretsConfig config) throws Exception {
        return check.run(config, CheckContext.builder(dir).build());
    }

    private Result run() throws Exception {
        return run(SecretsConfig.defaults());
    }

    private Path write(String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private Git repository(String... tracked) throws Exception {
        Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
        for (String path : tracked) {
            git.add().addFilepattern(path).call();
        }
        git.commit().setMessage("initial").setAuthor("Test", "test@example.com").setCommitter("Test", "test@example.com")
                .setSign(false).call();
        return git;
    }

    private static List<String> keys(Result result) {
        return result.findings().stream().filter(Finding::cause).map(Finding::key).toList();
    }

    private static List<Object> rules(Result result) {
        return result.findings().stream().filter(Finding::cause).map(f -> f.evidence().get("rule")).toList();
    }

    // --- claims -------------------------------------------------------------------------------------------------------

    @Test
    void settlesNoSecretsCommittedAndSupportsSecretsManagement() {
        assertThat(check.claims()).extracting(Claim::id, Claim::strength, Claim::phrases).containsExactly(
                org.assertj.core.groups.Tuple.tuple("secrets", Strength.SETTLES, List.of("No secrets committed")),
                org.assertj.core.groups.Tuple.tuple("secrets.management", Strength.SUPPORTS, List.of("Secrets management configured")));
    }

    // --- what git tracks ----------------------------------------------------------------------------------------------

    @Test
    void reportsASecretGitTracksButNotOneUntrackedOrIgnored() throws Exception {
        String tracked = awsKeyId();
        write("src/main/resources/application.properties", "aws.region=eu-west-1\naws.accessKeyId=" + tracked + "\n");
        write(".gitignore", "local.env\n");
        write("local.env", "API_TOKEN=" + githubToken() + "\n");
        write("notes/untracked.txt", "key " + awsKeyId() + "\n");
        try (Git git = repository("src", ".gitignore")) {
            Result result = run();

            assertThat(result.status()).isEqualTo(Status.FAIL);
            assertThat(result.evidence()).containsEntry("source", "git index").containsEntry("repository", ".")
                    .containsEntry("files", 2).containsEntry("read", 2).containsEntry("secrets", 1)
                    .containsEntry("byRule", Map.of("aws-access-key-id", 1));
            Finding finding = result.findings().get(0);
            String fingerprint = (String) finding.evidence().get("fingerprint");
            assertThat(fingerprint).hasSize(16).matches("[0-9a-f]+");
            assertThat(finding.key()).isEqualTo("src/main/resources/application.properties:aws-access-key-id:" + fingerprint);
            assertThat(finding.location()).isEqualTo("src/main/resources/application.properties:2");
            assertThat(finding.message()).isEqualTo("src/main/resources/application.properties:2: an AWS access key id, AKIA…"
                    + tracked.substring(16) + " (20 chars), fingerprint " + fingerprint + " is committed");
            assertThat(finding.isNamed(fingerprint)).as("a waiver may name the fingerprint alone").isTrue();
            assertThat(result.summary()).isEqualTo("1 secret is committed in the 2 files git tracks under the project folder; "
                    + "src/main/resources/application.properties:2: an AWS access key id, AKIA…" + tracked.substring(16)
                    + " (20 chars), fingerprint " + fingerprint);
            assertThat(result.remedy()).startsWith("Revoke or rotate each secret listed first");
            Result management = result.claims().get(SecretsCheck.MANAGEMENT);
            assertThat(management.status()).isEqualTo(Status.FAIL);
            assertThat(management.summary()).startsWith("1 secret is committed to the repository, so secrets are not kept in a secret store");
            assertThat(management.findings()).extracting(Finding::key).containsExactly(finding.key());
        }
    }

    @Test
    void readsWhatIsStagedNotAnEditOfTheWorkingTree() throws Exception {
        write("app.properties", "greeting=hello\n");
        try (Git git = repository("app.properties")) {
            write("app.properties", "token=" + githubToken() + "\n");

            assertThat(run().status()).isEqualTo(Status.PASS);

            git.add().addFilepattern("app.properties").call();
            assertThat(rules(run())).containsExactly("github-token");
        }
    }

    @Test
    void keepsAFindingsKeyWhenItsLineMovesAndReadsOnlyTheProjectFolderOfTheRepository() throws Exception {
        String token = gitlabToken();
        write("service/deploy.sh", "#!/bin/sh\nexport GITLAB=" + token + "\n");
        write("other/leak.txt", "GITLAB=" + gitlabToken() + "\n");
        try (Git git = repository("service", "other")) {
            Result before = check.run(SecretsConfig.defaults(), CheckContext.builder(dir.resolve("service")).build());
            write("service/deploy.sh", "#!/bin/sh\nset -eu\n\n# deploy\nexport GITLAB=" + token + "\n");
            git.add().addFilepattern("service").call();
            Result after = check.run(SecretsConfig.defaults(), CheckContext.builder(dir.resolve("service")).build());

            assertThat(keys(before)).hasSize(1).isEqualTo(keys(after));
            assertThat(before.findings().get(0).location()).isEqualTo("deploy.sh:2");
            assertThat(after.findings().get(0).location()).isEqualTo("deploy.sh:5");
            assertThat(after.evidence()).containsEntry("repository", "..").containsEntry("files", 1);
        }
    }

    @Test
    void neverFollowsATrackedSymbolicLink() throws Exception {
        Path outside = Files.createTempDirectory("outside");
        try {
            Files.writeString(outside.resolve("id_ecdsa"), privateKeyPem());
            Files.createSymbolicLink(dir.resolve("key.pem"), outside.resolve("id_ecdsa"));
            write("README.md", "# shop\n");
            try (Git git = repository("key.pem", "README.md")) {
                Result result = run();

                assertThat(result.status()).isEqualTo(Status.PASS);
                assertThat(result.evidence()).containsEntry("files", 1).containsEntry("symlinks", 1);
            }
        } finally {
            Files.deleteIfExists(outside.resolve("id_ecdsa"));
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void isSkippedWhenGitTracksNoFileUnderTheProjectFolder() throws Exception {
        write("README.md", "# shop\n");
        write("module/secret.txt", "token=" + githubToken());
        try (Git git = repository("README.md")) {
            Result result = check.run(SecretsConfig.defaults(), CheckContext.builder(dir.resolve("module")).build());

            assertThat(result.status()).isEqualTo(Status.SKIPPED);
            assertThat(result.summary()).isEqualTo("git tracks no file under the project folder (repository at ..), so none can hold a secret");
            assertThat(result.claims().get(SecretsCheck.MANAGEMENT).status()).isEqualTo(Status.SKIPPED);
        }
    }

    // --- without git --------------------------------------------------------------------------------------------------

    @Test
    void readsTheFileTreeLessWhatGitignoreExcludesWithoutARepository() throws Exception {
        write(".gitignore", "*.env\nbuild-cache/\n!keep.env\n");
        write("prod.env", "STRIPE=" + stripeKey() + "\n");
        write("keep.env", "STRIPE=" + stripeKey() + "\n");
        write("build-cache/x.txt", "AWS=" + awsKeyId() + "\n");
        write("web/.gitignore", "generated/\n");
        write("web/generated/client.js", "const key = '" + githubToken() + "';\n");
        write("web/app.js", "const hook = '" + slackWebhook() + "';\n");
        write("target/classes/app.properties", "token=" + githubToken() + "\n");

        Result result = run();

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.evidence()).containsEntry("source", "file tree, less what .gitignore excludes (no git repository)")
                .containsEntry("skipped", List.of("target/ (the build folder)")).containsEntry("files", 4);
        assertThat(result.findings()).filteredOn(Finding::cause).extracting(Finding::location)
                .containsExactly("keep.env:1", "web/app.js:1");
        assertThat(rules(result)).containsExactly("stripe-key", "slack-webhook");
    }

    @Test
    void neverFollowsALinkOutOfTheProjectAndNamesIt() throws Exception {
        Path outside = Files.createTempDirectory("outside");
        try {
            Files.writeString(outside.resolve("credentials"), "aws_secret_access_key = " + awsSecretKey() + "\n");
            Files.createSymbolicLink(dir.resolve("credentials"), outside.resolve("credentials"));
            Files.createSymbolicLink(dir.resolve("home"), outside);
            write("README.md", "# shop\n");

            Result result = run();

            assertThat(result.status()).isEqualTo(Status.PASS);
            assertThat(result.evidence()).containsEntry("symlinks", 2).containsEntry("files", 1);
            assertThat(result.findings()).extracting(Finding::message).containsExactly(
                    "credentials is a symbolic link to " + outside.toRealPath().resolve("credentials") + ", outside the project; not followed",
                    "home is a symbolic link to " + outside.toRealPath() + ", outside the project; not followed");
            assertThat(result.findings()).noneMatch(Finding::cause);
        } finally {
            Files.deleteIfExists(outside.resolve("credentials"));
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void isSkippedWhenTheProjectFolderHoldsNoFile() throws Exception {
        Result result = run();

        assertThat(result.status()).isEqualTo(Status.SKIPPED);
        assertThat(result.summary()).isEqualTo("the project folder holds no file to read (no git repository; .gitignore applied)");
    }

    // --- each detector ------------------------------------------------------------------------------------------------

    private record Row(String name, String text, Rule rule) {
    }

    @TestFactory
    List<DynamicTest> findsEachKindOfSecret() throws Exception {
        String pem = privateKeyPem();
        List<Row> rows = List.of(
                new Row("PEM private key", "key:\n" + pem, Rule.PRIVATE_KEY),
                new Row("PEM private key in a JSON string (a service account)",
                        "{\"private_key\": \"" + pem.replace("\n", "\\n") + "\"}", Rule.PRIVATE_KEY),
                new Row("encrypted PEM with header lines", "-----BEGIN RSA " + "PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,"
                        + chars("0123456789ABCDEF", 32) + "\n\n" + chars(ALNUM, 64) + "\n" + chars(ALNUM, 40) + "\n-----END RSA PRIVATE KEY-----",
                        Rule.PRIVATE_KEY),
                new Row("AWS access key id", "aws_access_key_id = " + awsKeyId(), Rule.AWS_ACCESS_KEY_ID),
                new Row("AWS temporary access key id", "\"AccessKeyId\": \"ASIA" + chars(BASE32, 16) + "\"", Rule.AWS_ACCESS_KEY_ID),
                new Row("AWS secret access key", "aws_secret_access_key = " + awsSecretKey(), Rule.AWS_SECRET_ACCESS_KEY),
                new Row("AWS secret access key in JSON", "{\"SecretAccessKey\": \"" + awsSecretKey() + "\"}", Rule.AWS_SECRET_ACCESS_KEY),
                new Row("GitHub personal access token", "GITHUB_TOKEN=" + githubToken(), Rule.GITHUB_TOKEN),
                new Row("GitHub OAuth token", "oauth: gho" + "_" + chars(ALNUM, 36), Rule.GITHUB_TOKEN),
                new Row("GitHub app token", "ghs" + "_" + chars(ALNUM, 36), Rule.GITHUB_TOKEN),
                new Row("GitHub fine-grained token", "github" + "_pat_" + chars(ALNUM, 22) + "_" + chars(ALNUM, 59), Rule.GITHUB_TOKEN),
                new Row("GitLab token", "CI_TOKEN: " + gitlabToken(), Rule.GITLAB_TOKEN),
                new Row("Slack bot token", "slack.token=" + slackToken(), Rule.SLACK_TOKEN),
                new Row("Slack app token", "xapp" + "-1-" + chars(ALNUM, 30), Rule.SLACK_TOKEN),
                new Row("Slack webhook", "url: " + slackWebhook(), Rule.SLACK_WEBHOOK),
                new Row("Stripe live secret key", "Stripe.apiKey = \"" + stripeKey() + "\";", Rule.STRIPE_KEY),
                new Row("Stripe restricted key", "rk_" + "live_" + chars(ALNUM, 30), Rule.STRIPE_KEY),
                new Row("JWT", "Authorization: Bearer " + jwt(), Rule.JWT),
                new Row("password in properties", "spring.datasource.password=" + password(), Rule.GENERIC),
                new Row("api key in YAML", "  api-key: \"" + password() + "\"", Rule.GENERIC),
                new Row("token in Java", "private static final String API_TOKEN = \"" + password() + "\";", Rule.GENERIC),
                new Row("password in Maven settings", "<password>" + password() + "</password>", Rule.GENERIC),
                new Row("secret in Go", "clientSecret := `" + password() + "`", Rule.GENERIC));
        SecretDetector detector = new SecretDetector(SecretsConfig.DEFAULT_MIN_ENTROPY, SecretsConfig.DEFAULT_MIN_LENGTH);
        return rows.stream().map(row -> DynamicTest.dynamicTest(row.name(), () ->
                assertThat(detector.scan(row.text())).extracting(Match::rule).containsExactly(row.rule()))).toList();
    }

    @TestFactory
    List<DynamicTest> ignoresWhatIsNoSecret() {
        List<Row> rows = List.of(
                new Row("AWS's documented example key id", "aws_access_key_id = AKIA" + "IOSFODNN7EXAMPLE", null),
                new Row("AWS's documented example secret key", "aws_secret_access_key" + " = " + "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYEXAMPLEKEY", null),
                new Row("a key id inside a longer word", "XAKIA" + chars(BASE32, 16), null),
                new Row("a key id of the wrong length", "AKIA" + chars(BASE32, 17), null),
                new Row("a GitHub token too short", "ghp" + "_" + chars(ALNUM, 20), null),
                new Row("a placeholder GitHub token", "ghp" + "_" + "x".repeat(36), null),
                new Row("a PEM header without key material", "if (pem.startsWith(\"-----BEGIN " + "PRIVATE KEY-----\")) {", null),
                new Row("a public key", "-----BEGIN PUBLIC KEY-----\n" + chars(ALNUM, 64) + "\n-----END PUBLIC KEY-----", null),
                new Row("a JWT header alone", "eyJhbGciOiJIUzI1NiJ9 is the header", null),
                new Row("dotted base64 that is no JWT", "eyJ" + chars(ALNUM, 20) + "." + chars(ALNUM, 20) + "." + chars(ALNUM, 20), null),
                new Row("jwt.io's sample token", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9" + ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
                        + "." + "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c", null),
                new Row("a placeholder", "password=${DB_PASSWORD}", null),
                new Row("an angle-bracket placeholder", "api_key: <your-api-key-goes-here-2024>", null),
                new Row("changeme", "password: changeme-changeme-1234", null),
                new Row("a dummy value", "token = dummy-token-value-12345678", null),
                new Row("an environment reference", "PASSWORD=$DB_PASSWORD_FROM_VAULT_2024", null),
                new Row("a short password", "password=s3cr3t", null),
                new Row("a low-entropy value", "password=aaaaaaaabbbbbbbb1111", null),
                new Row("a value without a digit", "password=correcthorsebatterystaple", null),
                new Row("a code call", "String password = System.getenv(\"DB_PASSWORD\");", null),
                new Row("a comparison", "if (token == expectedTokenValue2024x) {", null),
                new Row("a file path", "password_file=/run/secrets/db-password-2fa9c41e7b", null),
                new Row("a URL of a token endpoint", "token-uri: https://auth.example.com/oauth2/token/v2024", null),
                new Row("a digest", "token_hash: sha256:e9bd4e3ef4b3bd06e4c5f9e8e1d6a9b2a0c8f7d6e5b4", null),
                new Row("an encrypted value", "db.password=ENC(G6N718UuyPE5bHyWKyuLQSm02auQPUtm)", null),
                new Row("a Kubernetes secret reference", "secretKeyRef:\n  name: db-credentials-2024-prod", null),
                new Row("a base64 image", "<img src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(bytes(3000)) + "\">", null),
                new Row("a lockfile hash", "\"integrity\": \"sha512-" + Base64.getEncoder().encodeToString(bytes(64)) + "\"", null));
        SecretDetector detector = new SecretDetector(SecretsConfig.DEFAULT_MIN_ENTROPY, SecretsConfig.DEFAULT_MIN_LENGTH);
        return rows.stream().map(row -> DynamicTest.dynamicTest(row.name(), () -> assertThat(detector.scan(row.text())).isEmpty())).toList();
    }

    private byte[] bytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    @Test
    void passesOnTheFalsePositivesRealProjectsHold() throws Exception {
        Path fixtures = Path.of(getClass().getResource("false-positives").toURI());
        try (Stream<Path> files = Files.list(fixtures)) {
            for (Path file : files.toList()) {
                Files.copy(file, dir.resolve(file.getFileName()));
            }
        }

        Result result = run();

        assertThat(result.findings()).isEmpty();
        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo("no secret in the 7 files of the project folder (no git repository; .gitignore applied)");
        assertThat(result.claims().get(SecretsCheck.MANAGEMENT).status()).isEqualTo(Status.PASS);
        assertThat(result.claims().get(SecretsCheck.MANAGEMENT).summary()).endsWith("whether secrets come from a secret store needs a person");
    }

    @Test
    void entropyThresholdDecidesAGenericValue() {
        String value = "ab12ab12ab12ab12cd";
        assertThat(new SecretDetector(new BigDecimal("2.0"), 16).isPlainSecret(value)).isTrue();
        assertThat(new SecretDetector(new BigDecimal("3.5"), 16).isPlainSecret(value)).isFalse();
        assertThat(SecretDetector.entropy("abcd")).isEqualTo(2.0);
    }

    // --- files not read -----------------------------------------------------------------------------------------------

    @Test
    void isErrorNamingAFileOverTheSizeBoundAndSaysBinaryFilesAreNotRead() throws Exception {
        byte[] binary = ("PK\0\0" + "token=" + githubToken()).getBytes(StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("app.jar"), binary);
        write("dump.sql", "-- " + "x".repeat(2000) + "\npassword=" + password() + "\n");
        write("README.md", "# shop\n");

        Result result = run(new SecretsConfig(null, 1000L, null, null, null));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("not every file could be read, so a secret may be missed: 1 file is larger than"
                + " maxFileBytes (1000 bytes), so not read: dump.sql (2038 bytes)");
        assertThat(result.remedy()).isEqualTo("Raise maxFileBytes to at least 2038 (the largest file not read) so every file is read,"
                + " or leave a file that holds no secret (a data dump, a vendored bundle) unread with an allow entry by path, such as"
                + " {path: \"dump.sql\"}.");
        assertThat(result.evidence()).containsEntry("binary", 1).containsEntry("read", 1).containsEntry("tooLarge", List.of("dump.sql"));
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.cause()).isTrue();
            assertThat(f.message()).isEqualTo("dump.sql is 2038 bytes, but maxFileBytes is 1000; not read, so a secret in it would be missed");
        });
        assertThat(result.claims().get(SecretsCheck.MANAGEMENT).status()).isEqualTo(Status.ERROR);

        Result allowed = run(new SecretsConfig(List.of(new Allow("dump.sql", null, "a schema dump without data")), 1000L, null, null, null));

        assertThat(allowed.status()).isEqualTo(Status.PASS);
        assertThat(allowed.summary()).isEqualTo("no secret in the 3 files of the project folder (no git repository; .gitignore applied)"
                + "; 1 binary, 1 allowed by path not read");
    }

    @Test
    void namesTheFirstFilesOverTheSizeBoundAndCountsTheRest() throws Exception {
        for (int i = 1; i <= 5; i++) {
            write("data/part" + i + ".csv", "x".repeat(100 + i) + "\n");
        }

        Result result = run(new SecretsConfig(null, 100L, null, null, null));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("not every file could be read, so a secret may be missed: 5 files are larger than"
                + " maxFileBytes (100 bytes), so not read: data/part1.csv (102 bytes), data/part2.csv (103 bytes), data/part3.csv"
                + " (104 bytes) and 2 more");
        assertThat(result.remedy()).startsWith("Raise maxFileBytes to at least 106 (the largest file not read)");
        assertThat(keys(result)).hasSize(5).allMatch(key -> key.endsWith(":too-large"));
    }

    @Test
    void failsOnACommittedKeystoreAndSshKeyButLeavesOtherBinaryFilesUnread() throws Exception {
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        keystore.load(null, null);
        keystore.setEntry("app", new KeyStore.SecretKeyEntry(new SecretKeySpec(bytes(32), "AES")),
                new KeyStore.PasswordProtection("store-password".toCharArray()));
        ByteArrayOutputStream p12 = new ByteArrayOutputStream();
        keystore.store(p12, "store-password".toCharArray());
        byte[] sshKey = KeyPairGenerator.getInstance("EC").generateKeyPair().getPrivate().getEncoded();
        assertThat(p12.toByteArray()).as("binary, as git sees it").contains((byte) 0);
        assertThat(sshKey).as("binary, as git sees it").contains((byte) 0);
        Files.createDirectories(dir.resolve("certs"));
        Files.write(dir.resolve("certs/server.p12"), p12.toByteArray());
        Files.createDirectories(dir.resolve("deploy"));
        Files.write(dir.resolve("deploy/id_ed25519"), sshKey);
        Files.write(dir.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13});
        write("README.md", "# shop\n");
        try (Git git = repository("certs", "deploy", "logo.png", "README.md")) {
            Result result = run();

            assertThat(result.status()).isEqualTo(Status.FAIL);
            assertThat(rules(result)).containsExactly("keystore", "keystore");
            assertThat(result.findings()).filteredOn(Finding::cause).extracting(Finding::location)
                    .containsExactly("certs/server.p12", "deploy/id_ed25519");
            Finding finding = result.findings().get(0);
            String fingerprint = (String) finding.evidence().get("fingerprint");
            assertThat(finding.key()).isEqualTo("certs/server.p12:keystore:" + fingerprint);
            assertThat(finding.message()).isEqualTo("a keystore is committed: certs/server.p12 (a binary file of " + p12.size()
                    + " bytes, fingerprint " + fingerprint + ")");
            assertThat(result.evidence()).containsEntry("binary", 1).containsEntry("read", 3)
                    .containsEntry("byRule", Map.of("keystore", 2));
            assertThat(result.summary()).startsWith("2 secrets are committed in the 4 files git tracks under the project folder;"
                    + " 1 binary not read; first: certs/server.p12: a keystore, a binary file of ");
            assertThat(result.claims().get(SecretsCheck.MANAGEMENT).status()).isEqualTo(Status.FAIL);
        }
    }

    @Test
    void decodesAndScansUtf16TextWithAByteOrderMark() throws Exception {
        String little = githubToken();
        String big = stripeKey();
        Files.write(dir.resolve("settings.ini"), concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
                ("[github]\r\ntoken=" + little + "\r\n").getBytes(StandardCharsets.UTF_16LE)));
        Files.write(dir.resolve("payments.cfg"), concat(new byte[] {(byte) 0xFE, (byte) 0xFF},
                ("stripe=" + big + "\n").getBytes(StandardCharsets.UTF_16BE)));

        Result result = run();

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.findings()).filteredOn(Finding::cause).extracting(Finding::location, f -> f.evidence().get("rule"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("payments.cfg:1", "stripe-key"),
                        org.assertj.core.groups.Tuple.tuple("settings.ini:2", "github-token"));
        assertThat(result.evidence()).containsEntry("read", 2).containsEntry("binary", 0);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    @Test
    void isErrorWhenTheProjectHoldsMoreFilesThanItReads() throws Exception {
        for (int i = 0; i < 4; i++) {
            write("f" + i + ".txt", "hello\n");
        }

        Result result = run(new SecretsConfig(null, null, 3, null, null));

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("not every file could be read, so a secret may be missed: the project holds more than 3 files;"
                + " those after the first 3 were not read");
        assertThat(result.claims().get(SecretsCheck.MANAGEMENT).status()).isEqualTo(Status.ERROR);
    }

    @Test
    void failsRatherThanErrsWhenASecretIsFoundAmongTheFilesRead() throws Exception {
        write("a.txt", "GITHUB_TOKEN=" + githubToken() + "\n");
        write("b.txt", "hello\n");

        Result result = run(new SecretsConfig(null, null, 1, null, null));

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.findings()).extracting(Finding::key).contains("too-many-files");
    }

    @Test
    @Timeout(60) // a guard against a hang, not a speed goal: a quadratic scan of these 11 MiB takes hours, a linear one a second
    void scansHostileTextInLinearTime() {
        SecretDetector detector = new SecretDetector(SecretsConfig.DEFAULT_MIN_ENTROPY, SecretsConfig.DEFAULT_MIN_LENGTH);
        for (String unit : List.of("eyJ", "eyJa.", "-----BEGIN ", "-----BEGIN PRIVATE KEY-----", "password=", "AKIA", "ghp_",
                "hooks.slack.com/services/", "a", "password.", "<password>")) {
            String text = unit.repeat(1024 * 1024 / unit.length());
            assertThat(detector.scan(text)).as(unit).isEmpty();
        }
    }

    // --- allow-list ---------------------------------------------------------------------------------------------------

    @Test
    void allowsByPathWithoutReadingAndByFingerprintWhereverTheValueOccurs() throws Exception {
        String fixture = githubToken();
        write("src/test/resources/fixture.env", "TOKEN=" + awsKeyId() + "\n");
        write("docs/setup.md", "export TOKEN=" + fixture + "\n");
        write("scripts/setup.sh", "TOKEN=" + fixture + "\n");
        write("src/main/resources/app.properties", "slack=" + slackToken() + "\n");
        String fingerprint = fingerprint(Rule.GITHUB_TOKEN, fixture);

        Result result = run(new SecretsConfig(List.of(new Allow("src/test/**", null, null),
                new Allow(null, fingerprint.substring(0, 12), "the revoked token of the setup guide"),
                new Allow("**/*.p12", null, null)), null, null, null, null));

        assertThat(rules(result)).containsExactly("slack-token");
        assertThat(result.evidence()).containsEntry("allowedFiles", 1).containsEntry("secrets", 1);
        assertThat(result.findings()).filteredOn(f -> !f.cause()).extracting(Finding::message).containsExactly(
                "docs/setup.md:1: a GitHub token, ghp_…" + fixture.substring(fixture.length() - 4) + " (40 chars), fingerprint "
                        + fingerprint.substring(0, 16) + ": allowed by allow fingerprint " + fingerprint.substring(0, 12)
                        + " (the revoked token of the setup guide)",
                "scripts/setup.sh:1: a GitHub token, ghp_…" + fixture.substring(fixture.length() - 4) + " (40 chars), fingerprint "
                        + fingerprint.substring(0, 16) + ": allowed by allow fingerprint " + fingerprint.substring(0, 12)
                        + " (the revoked token of the setup guide)",
                "allow path **/*.p12 matched nothing; remove it, or correct it");
    }

    @Test
    void refusesAnAllowEntryThatIsNeitherOrBothOrMalformed() {
        assertThatThrownBy(() -> new Allow(null, null, "why"))
                .hasMessage("an allow entry names either a path (a glob such as src/test/resources/**) or a fingerprint (as a"
                        + " finding's message shows it), one of the two");
        assertThatThrownBy(() -> new Allow("src/**", "1f2e3d4c", null)).hasMessageStartingWith("an allow entry names either");
        assertThatThrownBy(() -> new Allow(null, "xyz", null))
                .hasMessage("allow fingerprint 'xyz' is not 8 to 64 hex digits: copy it from the finding's message");
        assertThatThrownBy(() -> new Allow("src/{main,test", null, null)).hasMessageStartingWith("allow path 'src/{main,test' is not a glob");
        assertThatThrownBy(() -> new SecretsConfig(null, null, null, new BigDecimal("9"), null))
                .hasMessage("minEntropy is in bits per character, between 0 and 8, but was 9");
    }

    // --- the secret never leaves --------------------------------------------------------------------------------------

    @Test
    void noReportLogOrResultHoldsAnyPartOfASecret() throws Exception {
        List<String[]> secrets = new ArrayList<>(); // public prefix, whole secret
        secrets.add(new String[] {"AKIA", awsKeyId()});
        secrets.add(new String[] {"", awsSecretKey()});
        secrets.add(new String[] {"ghp_", githubToken()});
        secrets.add(new String[] {"glpat-", gitlabToken()});
        secrets.add(new String[] {"xoxb-", slackToken()});
        secrets.add(new String[] {"https://hooks.slack.com/services/", slackWebhook()});
        secrets.add(new String[] {"sk_live_", stripeKey()});
        secrets.add(new String[] {"eyJ", jwt()});
        secrets.add(new String[] {"", password()});
        String pem = privateKeyPem();
        String material = pem.substring(pem.indexOf('\n') + 1, pem.indexOf("-----END")).replace("\n", "");
        StringBuilder file = new StringBuilder("aws_access_key_id=").append(secrets.get(0)[1])
                .append("\naws_secret_access_key=").append(secrets.get(1)[1]).append('\n');
        for (String[] secret : secrets.subList(2, 8)) {
            file.append("value: ").append(secret[1]).append('\n');
        }
        file.append("db.password=").append(secrets.get(8)[1]).append('\n').append(pem);
        secrets.add(new String[] {"", material});
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve("leak.env"), file);
        List<String> log = new ArrayList<>();

        Result result = check.run(SecretsConfig.defaults(), CheckContext.builder(project).log(new ListLog(log)).build());
        Engine engine = Engine.of(List.of(check));
        Map<String, JsonNode> checks = Map.of("secrets", new YAMLMapper().readTree("{}"));
        Outcome outcome = engine.run(engine.plan(new ReadinessConfig(null, null, checks, null, null, null, Set.of(), Set.of(), false), project),
                CheckContext.builder(project).log(new ListLog(log)).build(), Redactor.none());
        Path reports = dir.resolve("reports");
        Reports.writeAll(outcome, reports, dir.resolve("step-summary.md"));

        assertThat(rules(result)).containsExactlyInAnyOrder("aws-access-key-id", "aws-secret-access-key", "github-token",
                "gitlab-token", "slack-token", "slack-webhook", "stripe-key", "jwt", "generic-secret", "private-key");
        assertThat(outcome.passed()).isFalse();
        List<String> texts = new ArrayList<>(List.of(result.toString(), outcome.toString(), String.join("\n", log),
                Files.readString(dir.resolve("step-summary.md"))));
        try (Stream<Path> written = Files.list(reports)) {
            for (Path report : written.toList()) {
                texts.add(Files.readString(report));
            }
        }
        assertThat(texts).hasSizeGreaterThanOrEqualTo(7);
        for (String[] secret : secrets) {
            String hidden = secret[1].substring(secret[0].length());
            for (int i = 0; i + 6 <= hidden.length(); i++) {
                String window = hidden.substring(i, i + 6);
                for (String text : texts) {
                    assertThat(text).as("a part of a secret of %s", secret[0]).doesNotContain(window);
                }
            }
        }
    }

    /** Collects log lines. */
    private record ListLog(List<String> lines) implements dev.readiness.check.CheckLog {
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
    }

    /** The full fingerprint a finding of the rule and value carries. */
    private static String fingerprint(Rule rule, String secret) {
        return new Match(rule, 0, secret.length(), "", secret, null).fingerprint();
    }
}

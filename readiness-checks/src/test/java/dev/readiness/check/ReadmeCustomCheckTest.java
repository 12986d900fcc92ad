package dev.readiness.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's custom check compiles as pasted and does what it says. */
class ReadmeCustomCheckTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    @TempDir
    static Path build;

    @TempDir
    Path project;

    private static Check<Record> backup;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void compileTheReadmeExample() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("```java\npackage com.acme.readiness;");
        assertThat(start).as("README has the custom check example").isPositive();
        String source = readme.substring(start + "```java\n".length(), readme.indexOf("```", start + 3));
        Path file = build.resolve("src/com/acme/readiness/BackupCheck.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        String spi = Path.of(Check.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int exit = javac.run(null, null, null, "-classpath", spi, "-d", build.resolve("classes").toString(), file.toString());
        assertThat(exit).as("javac exit code").isZero();
        URLClassLoader loader = new URLClassLoader(new java.net.URL[] {build.resolve("classes").toUri().toURL()},
                ReadmeCustomCheckTest.class.getClassLoader());
        backup = (Check<Record>) loader.loadClass("com.acme.readiness.BackupCheck").getConstructor().newInstance();
    }

    private Result run() throws Exception {
        Record defaults = backup.configType().getDeclaredConstructor(String.class, Duration.class).newInstance(null, null);
        return backup.run(defaults, CheckContext.builder(project).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build());
    }

    private void backupAged(Duration age) throws Exception {
        Path file = Files.createDirectories(project.resolve("backups")).resolve("db-" + age.toHours() + ".dump");
        Files.writeString(file, "dump");
        Files.setLastModifiedTime(file, FileTime.from(NOW.minus(age)));
    }

    @Test
    void declaresTheBackupItemSettledAndTheStrategyOnlySupported() {
        assertThat(backup.claims()).extracting(Claim::id, Claim::strength)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("backup", Strength.SETTLES),
                        org.assertj.core.groups.Tuple.tuple("backup.strategy", Strength.SUPPORTS));
    }

    @Test
    void passesWhenTheNewestBackupIsYoungerThanADay() throws Exception {
        backupAged(Duration.ofHours(30));
        backupAged(Duration.ofHours(5));

        Result result = run();

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo("the newest backup, db-5.dump, is 5h old");
        assertThat(result.claims().get("backup.strategy").status()).isEqualTo(Status.PASS);
    }

    @Test
    void failsBothClaimsWhenTheNewestBackupIsOlderThanADay() throws Exception {
        backupAged(Duration.ofHours(30));

        Result result = run();

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("the newest backup, db-30.dump, is 30h old, but expected at most 24h");
        assertThat(result.claims().get("backup.strategy").status()).isEqualTo(Status.FAIL);
    }

    @Test
    void isAnErrorWithoutTheBackupFolder() throws Exception {
        Result result = run();

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("no backup folder at backups");
        assertThat(List.copyOf(result.claims().keySet())).isEmpty();
    }
}

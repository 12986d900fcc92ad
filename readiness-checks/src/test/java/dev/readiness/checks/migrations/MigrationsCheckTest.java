package dev.readiness.checks.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Finding;
import dev.readiness.check.HttpSettings;
import dev.readiness.check.Result;
import dev.readiness.check.Stage;
import dev.readiness.check.Status;
import dev.readiness.checks.http.LoopbackServer;
import dev.readiness.engine.ConfigBinder;
import dev.readiness.engine.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real client against Spring Boot 3's {@code /actuator/flyway} and {@code /actuator/liquibase} answers on loopback, and real
 * Flyway migration files and Liquibase changelogs.
 */
@Timeout(30)
class MigrationsCheckTest {

    @TempDir
    Path dir;

    private final LoopbackServer server = new LoopbackServer();
    private final MigrationsCheck check = new MigrationsCheck();

    MigrationsCheckTest() throws IOException {
    }

    @BeforeEach
    void migrations() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("src/main/resources/db/migration"));
        Files.writeString(folder.resolve("V1__init.sql"), "create table person (id bigint primary key, name varchar(100));\n");
        Files.writeString(folder.resolve("V1_1__add_orders.sql"), "create table orders (id bigint primary key, person_id bigint);\n");
        Files.writeString(Files.createDirectories(folder.resolve("orders")).resolve("V2__orders_index.sql"),
                "create index orders_person on orders (person_id);\n");
        Files.writeString(folder.resolve("R__views.sql"), "create or replace view people as select * from person;\n");
        Files.writeString(folder.resolve("README.md"), "migrations\n");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Result run(String yaml) throws Exception {
        return run(yaml, null);
    }

    /** Runs the check after deployment against the loopback service, trusting the certificates in {@code trust} if given. */
    private Result run(String yaml, Path trust) throws Exception {
        MigrationsConfig config = ConfigBinder.bind("migrations", MigrationsConfig.class, new YAMLMapper().readTree(yaml), List.of());
        return check.run(config, CheckContext.builder(dir).stage(Stage.POST_DEPLOY)
                .http(new HttpSettings(URI.create(server.url()), Duration.ofSeconds(5), trust, Map.of(), null)).build());
    }

    private static String flyway(String lastState) throws IOException {
        try (InputStream in = MigrationsCheckTest.class.getResourceAsStream("spring-boot-3-flyway.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\"PENDING\"", "\"" + lastState + "\"");
        }
    }

    @Test
    void isErrorNamingTheTrustFileWhenItHoldsNoCertificate() throws Exception {
        Path pem = Files.writeString(dir.resolve("empty.pem"), "not a certificate\n");

        Result result = run("{}", pem);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).startsWith("migrations cannot call " + server.url() + "/actuator/flyway: ").contains("empty.pem");
        assertThat(result.remedy()).isEqualTo("Point <http><trustCertificates> at a readable PEM file of CA certificates.");
        assertThat(server.received).isEmpty();
    }

    @Test
    void passesWhenEveryRepositoryMigrationIsApplied() throws Exception {
        server.on("/actuator/flyway", LoopbackServer.json(200, flyway("SUCCESS")));

        Result result = run("{}");

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo(server.url() + "/actuator/flyway: all 3 repository migrations applied, none pending or failed");
        assertThat(result.evidence()).containsEntry("repositoryMigrations", 3).containsEntry("serviceMigrations", 3);
        assertThat(server.received).singleElement().satisfies(r -> assertThat(r.pathAndQuery()).isEqualTo("/actuator/flyway"));
    }

    @Test
    void failsNamingAPendingMigration() throws Exception {
        server.on("/actuator/flyway", LoopbackServer.json(200, flyway("PENDING")));

        Result result = run("{}");

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo(server.url() + "/actuator/flyway: 2 of 3 repository migrations applied; not as expected:"
                + " V2__orders_index.sql (PENDING)");
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo("migrations:2");
            assertThat(f.location()).isEqualTo("src/main/resources/db/migration/orders/V2__orders_index.sql");
            assertThat(f.message()).isEqualTo("V2__orders_index.sql (version 2) is PENDING on " + server.url() + "/actuator/flyway");
        });
    }

    @Test
    void failsNamingAFailedMigration() throws Exception {
        server.on("/actuator/flyway", LoopbackServer.json(200, flyway("FAILED")));

        assertThat(run("{}").summary()).endsWith("not as expected: V2__orders_index.sql (FAILED)");
    }

    @Test
    void failsNamingARepositoryMigrationTheServiceDoesNotKnow() throws Exception {
        Files.writeString(dir.resolve("src/main/resources/db/migration/V3__audit.sql"), "create table audit (id bigint);\n");
        server.on("/actuator/flyway", LoopbackServer.json(200, flyway("SUCCESS")));

        Result result = run("{}");

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).endsWith("3 of 4 repository migrations applied; not as expected: V3__audit.sql (unknown to the"
                + " service's Flyway)");
        assertThat(result.findings()).extracting(Finding::message).containsExactly("V3__audit.sql (version 3) is not known to the"
                + " service's Flyway at " + server.url() + "/actuator/flyway: the deployed build does not hold it");
    }

    @Test
    void failsOnAFailedMigrationTheRepositoryNoLongerHolds() throws Exception {
        server.on("/actuator/flyway", LoopbackServer.json(200, flyway("SUCCESS").replace("} ]\n        }", "}, {\"version\":\"0.9\","
                + "\"description\":\"legacy\",\"script\":\"V0_9__legacy.sql\",\"state\":\"MISSING_FAILED\"} ]\n        }")));

        Result result = run("{}");

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.findings()).extracting(Finding::key).containsExactly("migrations:0.9");
    }

    @Test
    void comparesVersionsAsFlywayDoes() throws Exception {
        server.on("/actuator/flyway", LoopbackServer.json(200, flyway("SUCCESS").replace("\"version\" : \"1.1\"", "\"version\" : \"1.01.0\"")));

        assertThat(run("{}").status()).isEqualTo(Status.PASS);
    }

    @Test
    void errorsWhenTheRepositoryHoldsNoMigration() throws Exception {
        server.on("/actuator/flyway", LoopbackServer.json(200, flyway("SUCCESS")));

        Result result = run("{locations: [db]}");

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("no Flyway migration (V<version>__<description>.sql) in db and no Liquibase changelog"
                + " (src/main/resources/db/changelog/db.changelog-master.yaml, src/main/resources/db/changelog/db.changelog-master.yml,"
                + " src/main/resources/db/changelog/db.changelog-master.xml), so there is nothing to hold the service's database to");
        assertThat(server.received).isEmpty();
    }

    @Test
    void errorsOnALocationOutsideTheProject() throws Exception {
        Result result = run("{locations: ['../elsewhere']}");

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("the migration files could not be read: the migration folder '../elsewhere' lies outside"
                + " the project folder");
    }

    @Test
    void errorsOnAnAnswerThatIsNotFlyways() throws Exception {
        server.on("/actuator/flyway", LoopbackServer.json(200, "{\"contexts\":{\"application\":{\"liquibaseBeans\":{}}}}"));

        Result result = run("{}");

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).startsWith(server.url() + "/actuator/flyway answered JSON without contexts.<application>.flywayBeans");
    }

    @Test
    void errorsOnABodyThatIsNotJson() throws Exception {
        server.on("/actuator/flyway", exchange -> LoopbackServer.answer(exchange, 200, "application/json", "{\"contexts\": "));

        Result result = run("{}");

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).startsWith(server.url() + "/actuator/flyway answered HTTP 200 with a body that is not JSON (")
                .endsWith(", so which migrations ran could not be determined");
    }

    @Test
    void errorsWhenTheEndpointIsNotExposed() throws Exception {
        Result result = run("{}");

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo(server.url() + "/actuator/flyway answered HTTP 404, not 2xx, so which migrations ran could"
                + " not be determined");
        assertThat(result.remedy()).startsWith("Expose /actuator/flyway (Spring Boot: include 'flyway'");
    }

    @Test
    void errorsWhenFlywayIsConfiguredAndTheRepositoryHoldsNoMigration() throws Exception {
        LiquibaseChangeLogTest.copyChangeLog(dir);

        Result result = run("{tool: flyway, locations: [db]}");

        assertThat(result.summary()).isEqualTo("no Flyway migration (V<version>__<description>.sql) in db, so there is nothing to hold"
                + " the service's database to");
        assertThat(server.received).isEmpty();
    }

    private static String liquibase(String lastExecType) throws IOException {
        try (InputStream in = MigrationsCheckTest.class.getResourceAsStream("spring-boot-3-liquibase.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\"FAILED\"", "\"" + lastExecType + "\"");
        }
    }

    @Test
    void passesWhenEveryLiquibaseChangeSetRan() throws Exception {
        LiquibaseChangeLogTest.copyChangeLog(dir);
        server.on("/actuator/liquibase", LoopbackServer.json(200, liquibase("MARK_RAN")));

        Result result = run("{tool: liquibase}");

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo(server.url() + "/actuator/liquibase: all 5 repository changeSets executed, none failed");
        assertThat(result.evidence()).containsEntry("repositoryChangeSets", 5).containsEntry("serviceChangeSets", 5);
        assertThat(server.received).singleElement().satisfies(r -> assertThat(r.pathAndQuery()).isEqualTo("/actuator/liquibase"));
    }

    @Test
    void failsNamingAFailedLiquibaseChangeSet() throws Exception {
        LiquibaseChangeLogTest.copyChangeLog(dir);
        server.on("/actuator/liquibase", LoopbackServer.json(200, liquibase("FAILED")));

        Result result = run("{tool: liquibase}");

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo(server.url() + "/actuator/liquibase: 4 of 5 repository changeSets executed; not as"
                + " expected: 3.1::jane::db/changelog/sql/003-audit.sql (FAILED)");
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo("migrations:liquibase:3.1::jane::db/changelog/sql/003-audit.sql");
            assertThat(f.location()).isEqualTo("src/main/resources/db/changelog/sql/003-audit.sql");
            assertThat(f.message()).isEqualTo("changeSet 3.1::jane::db/changelog/sql/003-audit.sql is FAILED on " + server.url()
                    + "/actuator/liquibase");
        });
    }

    @Test
    void failsNamingAChangeSetTheServiceDoesNotKnow() throws Exception {
        LiquibaseChangeLogTest.copyChangeLog(dir);
        Path orders = dir.resolve("src/main/resources/db/changelog/changes/002-create-orders.yaml");
        Files.writeString(orders, Files.readString(orders) + "  - changeSet:\n      id: 2.1\n      author: jane\n      changes:\n"
                + "        - addColumn:\n            tableName: orders\n            columns:\n              - column:\n"
                + "                  name: total\n                  type: decimal(10,2)\n");
        server.on("/actuator/liquibase", LoopbackServer.json(200, liquibase("EXECUTED")));

        Result result = run("{tool: liquibase}");

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.findings()).extracting(Finding::message).containsExactly("changeSet"
                + " 2.1::jane::db/changelog/changes/002-create-orders.yaml is not known to the service's Liquibase at " + server.url()
                + "/actuator/liquibase: the deployed build does not hold it, or it has not run");
    }

    @Test
    void comparesChangeSetsByAuthorAndChangeLogToo() throws Exception {
        LiquibaseChangeLogTest.copyChangeLog(dir);
        server.on("/actuator/liquibase", LoopbackServer.json(200, liquibase("EXECUTED")
                .replace("\"changeLog\" : \"db/changelog/changes/002-create-orders.yaml\"", "\"changeLog\" : \"db/changelog/other.yaml\"")));

        assertThat(run("{tool: liquibase}").findings()).extracting(Finding::key)
                .containsExactly("migrations:liquibase:2::jane::db/changelog/changes/002-create-orders.yaml");
    }

    @Test
    void judgesFlywayAndLiquibaseWhenTheRepositoryHoldsBoth() throws Exception {
        LiquibaseChangeLogTest.copyChangeLog(dir);
        server.on("/actuator/flyway", LoopbackServer.json(200, flyway("SUCCESS")));
        server.on("/actuator/liquibase", LoopbackServer.json(200, liquibase("FAILED")));

        Result result = run("{}");

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("Flyway: " + server.url() + "/actuator/flyway: all 3 repository migrations applied, none"
                + " pending or failed; Liquibase: " + server.url() + "/actuator/liquibase: 4 of 5 repository changeSets executed; not as"
                + " expected: 3.1::jane::db/changelog/sql/003-audit.sql (FAILED)");
        assertThat(result.evidence()).containsEntry("flyway.repositoryMigrations", 3).containsEntry("liquibase.repositoryChangeSets", 5);
        assertThat(result.findings()).hasSize(1);
    }

    @Test
    void errorsOnAnAnswerThatIsNotLiquibases() throws Exception {
        LiquibaseChangeLogTest.copyChangeLog(dir);
        server.on("/actuator/liquibase", LoopbackServer.json(200, flyway("SUCCESS")));

        Result result = run("{tool: liquibase}");

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).startsWith(server.url() + "/actuator/liquibase answered JSON without"
                + " contexts.<application>.liquibaseBeans");
    }

    @Test
    void errorsWhenLiquibaseIsConfiguredAndTheChangeLogIsMissing() throws Exception {
        Result result = run("{tool: liquibase}");

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("the Liquibase changelog could not be read: the changelog"
                + " 'src/main/resources/db/changelog/db.changelog-master.yaml' does not exist");
        assertThat(server.received).isEmpty();
    }

    @Test
    void errorsOnAChangeLogIncludingAFileOutsideTheProject() throws Exception {
        Files.createDirectories(dir.resolve("db"));
        Files.writeString(dir.resolve("db/master.xml"), "<databaseChangeLog><include file=\"../../etc/passwd\""
                + " relativeToChangelogFile=\"true\"/></databaseChangeLog>");

        Result result = run("{tool: liquibase, changeLog: db/master.xml}");

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("the Liquibase changelog could not be read: the changelog 'db/master.xml' includes"
                + " '../../etc/passwd', which lies outside the project folder");
    }

    @Test
    void rejectsAToolItDoesNotKnow() {
        assertThatThrownBy(() -> ConfigBinder.bind("migrations", MigrationsConfig.class,
                new YAMLMapper().readTree("tool: sqitch"), List.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("tool 'sqitch' is neither flyway nor liquibase");
    }

    @Test
    void rejectsAUrlThatIsNotOne() {
        assertThatThrownBy(() -> ConfigBinder.bind("migrations", MigrationsConfig.class,
                new YAMLMapper().readTree("url: 'ftp://host/flyway'"), List.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("is not an http(s) URL");
    }
}

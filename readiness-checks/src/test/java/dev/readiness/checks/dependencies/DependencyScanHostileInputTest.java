package dev.readiness.checks.dependencies;

import static dev.readiness.checks.dependencies.DependencyScanCheckTest.CLOCK;
import static dev.readiness.checks.dependencies.DependencyScanCheckTest.FAST;
import static dev.readiness.checks.dependencies.DependencyScanCheckTest.LOG4J;
import static dev.readiness.checks.dependencies.DependencyScanCheckTest.LOG4J_CORE_2_14_1;
import static dev.readiness.checks.dependencies.DependencyScanCheckTest.copyAdvisories;
import static dev.readiness.checks.dependencies.DependencyScanCheckTest.dep;
import static dev.readiness.checks.dependencies.DependencyScanCheckTest.offline;
import static dev.readiness.checks.dependencies.DependencyScanCheckTest.online;
import static dev.readiness.checks.dependencies.DependencyScanCheckTest.project;
import static dev.readiness.checks.dependencies.DependencyScanCheckTest.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.readiness.check.CheckContext;
import dev.readiness.check.CheckLog;
import dev.readiness.check.DependencyNode;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scan never fails open, hangs or runs out of memory on hostile or broken input: records that
 * break the OSV schema, databases that are not OSV's Maven database or are built to exhaust memory,
 * and loads that the engine cancels.
 */
class DependencyScanHostileInputTest {

    private static final String BOMB = "org.example:bomb";

    @TempDir
    Path temp;

    private final DependencyScanCheck check = new DependencyScanCheck(FAST, OfflineDatabase.Limits.DEFAULT);

    /** A minimal valid record with these members added (a JSON object's inside, without braces) or none. */
    static String record(String members) {
        return "{\"id\":\"GHSA-aaaa-bbbb-cccc\",\"modified\":\"2026-11-20T00:00:00Z\"" + (members.isEmpty() ? "" : "," + members) + "}";
    }

    /** A record of {@code affected[0]} naming a Maven package, with these members added to the entry. */
    static String affected(String members) {
        return record("\"affected\":[{\"package\":{\"ecosystem\":\"Maven\",\"name\":\"org.example:lib\"}," + members + "}]");
    }

    /**
     * A zip of Maven records of {@code org.example:bomb}, each of about {@code bytesEach} bytes that
     * compress about a thousand times: they list the version {@code "1"} over and over, as a zip made
     * to exhaust memory would.
     */
    static Path compressibleZip(Path zip, int entries, int bytesEach) throws Exception {
        StringBuilder versions = new StringBuilder("\"1\"");
        while (versions.length() < bytesEach - 200) {
            versions.append(",\"1\"");
        }
        byte[] tail = (versions + "]}]}").getBytes(StandardCharsets.UTF_8);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.setLevel(Deflater.BEST_SPEED);
            for (int i = 0; i < entries; i++) {
                String id = String.format("GHSA-b0mb-0000-%04d", i);
                out.putNextEntry(new ZipEntry(id + ".json"));
                out.write(("{\"id\":\"" + id + "\",\"modified\":\"2026-11-20T00:00:00Z\",\"affected\":[{\"package\":"
                        + "{\"ecosystem\":\"Maven\",\"name\":\"" + BOMB + "\"},\"versions\":[").getBytes(StandardCharsets.UTF_8));
                out.write(tail);
                out.closeEntry();
            }
        }
        return zip;
    }

    CheckContext context(DependencyNode graph) {
        return CheckContext.builder(temp).dependencies(graph).clock(CLOCK).build();
    }

    // ---------------------------------------------------------------- the OSV schema

    @Nested
    class RecordStructure {

        static Stream<Arguments> brokenRecords() {
            return Stream.of(
                    arguments("aliases as an object", record("\"aliases\":{\"cve\":\"CVE-2021-44228\"}"), "aliases is an object, not an array"),
                    arguments("an alias that is a number", record("\"aliases\":[\"CVE-2021-44228\",44228]"), "aliases[1] is a number, not a string"),
                    arguments("no id", "{\"modified\":\"2026-11-20T00:00:00Z\"}", "id is missing"),
                    arguments("an id that is a number", "{\"id\":44228,\"modified\":\"2026-11-20T00:00:00Z\"}", "id is a number, not a string"),
                    arguments("an id that is a path", "{\"id\":\"../../etc/passwd\",\"modified\":\"2026-11-20T00:00:00Z\"}",
                            "id '../../etc/passwd' is not an OSV id"),
                    arguments("no modified time", "{\"id\":\"GHSA-aaaa-bbbb-cccc\"}", "modified is missing"),
                    arguments("a modified time in words", "{\"id\":\"GHSA-aaaa-bbbb-cccc\",\"modified\":\"yesterday\"}",
                            "modified 'yesterday' is not an RFC 3339 time"),
                    arguments("withdrawn as true", record("\"withdrawn\":true"), "withdrawn is a boolean, not a string"),
                    arguments("a summary that is a list", record("\"summary\":[\"Remote code injection\"]"), "summary is an array, not a string"),
                    arguments("affected as an object", record("\"affected\":{\"package\":{}}"), "affected is an object, not an array"),
                    arguments("an affected entry that is null", record("\"affected\":[null]"), "affected[0] is null, not an object"),
                    arguments("a package without a name", record("\"affected\":[{\"package\":{\"ecosystem\":\"Maven\"}}]"),
                            "affected[0].package.name is missing"),
                    arguments("ranges as an object", affected("\"ranges\":{\"type\":\"ECOSYSTEM\"}"), "affected[0].ranges is an object, not an array"),
                    arguments("a range without events", affected("\"ranges\":[{\"type\":\"ECOSYSTEM\"}]"), "affected[0].ranges[0].events is missing"),
                    arguments("a range with no event", affected("\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[]}]"),
                            "affected[0].ranges[0].events is empty"),
                    arguments("an event giving introduced and fixed",
                            affected("\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\",\"fixed\":\"2.15.0\"}]}]"),
                            "affected[0].ranges[0].events[0] holds introduced and fixed: an event holds exactly one"),
                    arguments("an event giving none", affected("\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduce\":\"0\"}]}]"),
                            "affected[0].ranges[0].events[0] holds none of introduced, fixed, last_affected, limit"),
                    arguments("a version that is a number",
                            affected("\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":0}]}]"),
                            "affected[0].ranges[0].events[0].introduced is a number, not a string"),
                    arguments("a range that is never introduced", affected("\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"fixed\":\"2.15.0\"}]}]"),
                            "affected[0].ranges[0].events holds no introduced event"),
                    arguments("a range both fixed and last affected", affected("\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":"
                            + "[{\"introduced\":\"0\"},{\"fixed\":\"2.15.0\"},{\"last_affected\":\"2.14.1\"}]}]"),
                            "affected[0].ranges[0].events holds both fixed and last_affected events"),
                    arguments("a GIT range without its repository", affected("\"ranges\":[{\"type\":\"GIT\",\"events\":[{\"introduced\":\"0\"}]}]"),
                            "affected[0].ranges[0].repo is missing"),
                    arguments("a fixed version of 200,000 digits", affected("\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":"
                            + "[{\"introduced\":\"0\"},{\"fixed\":\"1" + "0".repeat(199_999) + "\"}]}]"),
                            "affected[0].ranges[0].events[1].fixed is a version of 200000 characters, more than the 256 a version may have"),
                    arguments("a listed version of 257 characters", affected("\"versions\":[\"2.14.0\",\"2." + "1".repeat(255) + "\"]"),
                            "affected[0].versions[1] is a version of 257 characters, more than the 256 a version may have"),
                    arguments("a listed version that is a number", affected("\"versions\":[\"2.14.0\",2.141]"),
                            "affected[0].versions[1] is a number, not a string"),
                    arguments("a severity without its score", record("\"severity\":[{\"type\":\"CVSS_V3\"}]"), "severity[0].score is missing"),
                    arguments("a reference without its url", record("\"references\":[{\"type\":\"WEB\"}]"), "references[0].url is missing"),
                    arguments("database_specific as a string", record("\"database_specific\":\"HIGH\""), "database_specific is a string, not an object"),
                    arguments("a list instead of a record", "[" + record("") + "]", "it is an array, not an object"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("brokenRecords")
        void namesWhatBreaksTheOsvSchema(String name, String json, String problem) throws Exception {
            assertThat(OsvSchema.problem(OsvRecord.MAPPER.readTree(json))).isEqualTo(problem);
        }

        static Stream<Arguments> wellFormedRecords() {
            return Stream.of(
                    arguments("a GIT range with its repository", affected("\"ranges\":[{\"type\":\"GIT\",\"repo\":\"https://github.com/apache/"
                            + "logging-log4j2\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"c77b3cb39312b83b053d23a2158b99ac7de44dd3\"}]}]")),
                    arguments("only a CVSS v4 vector", record("\"severity\":[{\"type\":\"CVSS_V4\",\"score\":\"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/"
                            + "VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\"}]")),
                    arguments("another ecosystem", record("\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"lodash\"},"
                            + "\"ranges\":[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"4.17.21\"}]}]}]")),
                    arguments("a last_affected range", affected("\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},"
                            + "{\"last_affected\":\"2.14.1\"}]}]")),
                    arguments("aliases, severity and affected null, as the schema allows",
                            record("\"aliases\":null,\"severity\":null,\"affected\":null,\"references\":null")),
                    arguments("related records as objects", record("\"related\":[{\"type\":\"DUPLICATE_OF\",\"id\":\"GHSA-jfh8-c2jp-5v3q\"}]")),
                    arguments("fields the schema does not name", record("\"upstream\":[\"CVE-2021-44228\"],\"x_internal\":{\"a\":1}")),
                    arguments("a time with an offset and nanoseconds", "{\"id\":\"GHSA-aaaa-bbbb-cccc\",\"modified\":\"2026-07-08T06:27:00.690079200+02:00\"}"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("wellFormedRecords")
        void acceptsWellFormedRecordsWithPartsTheScanDoesNotUse(String name, String json) throws Exception {
            assertThat(OsvSchema.problem(OsvRecord.MAPPER.readTree(json))).isNull();
            assertThat(OsvRecord.of(OsvRecord.MAPPER.readTree(json)).id()).isEqualTo("GHSA-aaaa-bbbb-cccc");
        }

        @Test
        void everyRecordOfTheFixturesKeepsToTheSchema() throws Exception {
            try (Stream<Path> files = Files.walk(DependencyScanCheckTest.fixture("advisories").getParent())) {
                for (Path file : files.filter(f -> f.getFileName().toString().startsWith("GHSA-")).toList()) {
                    assertThat(OsvSchema.problem(OsvRecord.MAPPER.readTree(file.toFile()))).as(file.toString()).isNull();
                }
            }
        }
    }

    // ---------------------------------------------------------------- the offline database

    @Nested
    class Database {

        @Test
        void reportsErrorNamingARecordThatGivesAKeyTwice() throws Exception {
            Path folder = copyAdvisories(temp.resolve("osv"));
            String twice = read("advisories/GHSA-599f-7c49-w659.json").replaceFirst("\\{", "{\"affected\": [],");
            Files.writeString(folder.resolve("GHSA-599f-7c49-w659.json"), twice);

            Result result = check.run(offline("osv", null, null), context(project(dep("org.apache.commons:commons-text:1.9"))));

            assertThat(result.status()).isEqualTo(Status.ERROR);
            assertThat(result.summary()).isEqualTo("osvDatabase osv: GHSA-599f-7c49-w659.json is not a valid OSV record "
                    + "(Duplicate field 'affected' at line 14, column 13): the database is not used");
            assertThat(result.evidence()).containsOnly(Map.entry("dependencies", 1), Map.entry("source", "offline-database"));
        }

        @Test
        void reportsErrorWhenTheDatabaseHoldsNoMavenRecord() throws Exception {
            Files.createDirectories(temp.resolve("npm"));
            Files.writeString(temp.resolve("npm/GHSA-35jh-r3h4-6jhm.json"), "{\"id\":\"GHSA-35jh-r3h4-6jhm\",\"modified\":\"2026-11-20T00:00:00Z\","
                    + "\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"lodash\"},\"ranges\":[{\"type\":\"SEMVER\","
                    + "\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"4.17.21\"}]}]}]}");

            Result result = check.run(offline("npm", null, null), context(project(dep(LOG4J + ":log4j-core:2.14.1"))));

            assertThat(result.status()).isEqualTo(Status.ERROR);
            assertThat(result.summary()).isEqualTo("osvDatabase npm holds no Maven record (1 OSV record read, none naming a package "
                    + "of ecosystem Maven): is it OSV's Maven all.zip?");
            assertThat(result.remedy()).isEqualTo("Point osvDatabase at a folder or zip of OSV records, such as OSV's Maven database "
                    + "https://osv-vulnerabilities.storage.googleapis.com/Maven/all.zip.");
            assertThat(result.evidence()).containsOnly(Map.entry("dependencies", 1), Map.entry("source", "offline-database"));
        }

        /** The check within these bounds against a zip of 40 compressible records of org.example:bomb, 64 KiB each. */
        Result scanCompressibleZip(OfflineDatabase.Limits limits, String dependency) throws Exception {
            compressibleZip(temp.resolve("all.zip"), 40, 64 * 1024);
            return new DependencyScanCheck(FAST, limits).run(offline("all.zip", null, null), context(project(dep(dependency))));
        }

        @Test
        void keepsOnlyTheRecordsOfTheScannedDependenciesSoACompressibleZipOfOthersIsRead() throws Exception {
            Result result = scanCompressibleZip(new OfflineDatabase.Limits(100, 1L << 20, 1L << 30, 1L << 20), "org.example:lib:1");

            assertThat(result.status()).isEqualTo(Status.PASS);
            assertThat(result.evidence()).containsEntry("databaseRecords", 40).containsEntry("advisories", 0);
        }

        @Test
        void reportsErrorWhenTheRecordsOfTheScannedDependenciesOutgrowWhatIsKept() throws Exception {
            Result result = scanCompressibleZip(new OfflineDatabase.Limits(100, 1L << 20, 1L << 30, 1L << 20), BOMB + ":1");

            assertThat(result.status()).isEqualTo(Status.ERROR);
            assertThat(result.summary()).isEqualTo("osvDatabase all.zip holds more than 1 MiB of records naming the scanned dependencies "
                    + "(reached at GHSA-b0mb-0000-0016.json): the database is not used");
            assertThat(result.remedy()).startsWith("Download OSV's Maven database again (https://osv-vulnerabilities.storage.googleapis.com/Maven/all.zip)");
            assertThat(result.evidence()).containsOnly(Map.entry("dependencies", 1), Map.entry("source", "offline-database"));
        }

        @Test
        void reportsErrorWhenTheZipInflatesToMoreThanIsRead() throws Exception {
            Result result = scanCompressibleZip(new OfflineDatabase.Limits(100, 1L << 20, 1L << 20, 1L << 30), "org.example:lib:1");

            assertThat(result.status()).isEqualTo(Status.ERROR);
            assertThat(result.summary()).isEqualTo("osvDatabase all.zip holds more than 1 MiB of data: the database is not used");
            assertThat(result.evidence()).containsOnly(Map.entry("dependencies", 1), Map.entry("source", "offline-database"));
        }

        @Test
        void reportsErrorWhenTheZipHoldsMoreEntriesThanAreLookedAt() throws Exception {
            Result result = scanCompressibleZip(new OfflineDatabase.Limits(25, 1L << 20, 1L << 30, 1L << 30), "org.example:lib:1");

            assertThat(result.status()).isEqualTo(Status.ERROR);
            assertThat(result.summary()).isEqualTo("osvDatabase all.zip holds more than 25 entries: the database is not used");
            assertThat(result.evidence()).containsOnly(Map.entry("dependencies", 1), Map.entry("source", "offline-database"));
        }

        @Test
        void stopsLoadingPromptlyWhenTheEngineCancelsTheCheck() throws Exception {
            // About 200 MiB to inflate and parse: seconds of work, which a cancel must cut short.
            compressibleZip(temp.resolve("all.zip"), 100, 2 << 20);
            AtomicReference<Result> result = new AtomicReference<>();
            ExecutorService engine = Executors.newSingleThreadExecutor();
            try {
                Future<?> run = engine.submit(() -> result.set(check.run(offline("all.zip", null, null), context(project(dep("org.example:lib:1"))))));
                Thread.sleep(300);
                long cancelled = System.nanoTime();
                run.cancel(true);
                engine.shutdown();

                assertThat(engine.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - cancelled)).isLessThan(Duration.ofSeconds(2));
            } finally {
                engine.shutdownNow();
            }
            assertThat(result.get().status()).isEqualTo(Status.ERROR);
            assertThat(result.get().summary()).startsWith("interrupted while reading osvDatabase all.zip (after ");
        }
    }

    // ---------------------------------------------------------------- the OSV API

    @Nested
    class Api {

        static final DependencyNode LOG4J_CORE = project(dep(LOG4J + ":log4j-core:2.14.1"));

        MockWebServer server;
        OsvReplay osv;

        @BeforeEach
        void start() throws Exception {
            server = new MockWebServer();
            osv = new OsvReplay().record(read("advisories/GHSA-jfh8-c2jp-5v3q.json")).list(LOG4J + ":log4j-core", "2.14.1", "GHSA-jfh8-c2jp-5v3q");
            server.setDispatcher(osv);
            server.start();
        }

        @AfterEach
        void stop() {
            server.close();
        }

        CheckContext context(DependencyNode graph) {
            return CheckContext.builder(temp).dependencies(graph).cacheDirectory(temp.resolve("cache")).clock(CLOCK).build();
        }

        Path cache() {
            return temp.resolve("cache/osv/" + server.getHostName() + "_" + server.getPort());
        }

        @Test
        void reportsErrorAndCachesNothingWhenTheBatchResultIsNull() throws Exception {
            osv.first(OsvReplay.json(200, "{\"results\":[null]}"));

            Result result = check.run(online(server), context(LOG4J_CORE));

            assertThat(result.status()).isEqualTo(Status.ERROR);
            assertThat(result.summary()).isEqualTo("OSV API at " + server.url("/") + " answered POST /v1/querybatch with 1 query, but its result "
                    + "for org.apache.logging.log4j:log4j-core:2.14.1 is null, not an object: the scan could not run");
            assertThat(result.remedy()).isEqualTo("Check that osvUrl (" + server.url("/") + ") is an OSV API v1, such as https://api.osv.dev; "
                    + "if it is, retry later, and report a lasting fault to OSV (https://github.com/google/osv.dev/issues).");
            assertThat(result.evidence()).containsOnly(Map.entry("dependencies", 1), Map.entry("source", "osv-api"));
            assertThat(result.claims().get("dependencyScan.audit").status()).isEqualTo(Status.ERROR);
            assertThat(osv.recordRequests).isEmpty();
            assertThat(cache()).doesNotExist();

            Result next = check.run(online(server), context(LOG4J_CORE));

            assertThat(osv.batches).hasSize(2);
            assertThat(next.status()).isEqualTo(Status.FAIL);
        }

        static Stream<Arguments> brokenBatchAnswers() {
            String of = "its result for org.apache.logging.log4j:log4j-core:2.14.1 ";
            return Stream.of(
                    arguments("{}", ", but its answer holds no results"),
                    arguments("{\"results\":{\"vulns\":[]}}", ", but its results are an object, not an array"),
                    arguments("{\"results\":[]}", ", but it gave 0 results for 1 query"),
                    arguments("{\"results\":[{},{}]}", ", but it gave 2 results for 1 query"),
                    arguments("{\"results\":[\"GHSA-jfh8-c2jp-5v3q\"]}", ", but " + of + "is a string, not an object"),
                    arguments("{\"results\":[{\"vulns\":{\"id\":\"GHSA-jfh8-c2jp-5v3q\"}}]}", ", but " + of + "gives vulns as an object, not an array"),
                    arguments("{\"results\":[{\"vulns\":[null]}]}", ", but " + of + "lists null as an advisory"),
                    arguments("{\"results\":[{\"vulns\":[{\"modified\":\"2025-10-22T19:37:02Z\"}]}]}", ", but " + of
                            + "lists an advisory without a string id (none)"),
                    arguments("{\"results\":[{\"vulns\":[{\"id\":44228}]}]}", ", but " + of + "lists an advisory without a string id (a number)"),
                    arguments("{\"results\":[{\"vulns\":[{\"id\":\"../../../.m2/settings\"}]}]}", ", but " + of
                            + "lists '../../../.m2/settings', which is not an OSV id"),
                    arguments("{\"results\":[{\"vulns\":[{\"id\":\"GHSA-jfh8-c2jp-5v3q\",\"modified\":\"yesterday\"}]}]}", ", but " + of
                            + "gives GHSA-jfh8-c2jp-5v3q a modified time that is not RFC 3339"),
                    arguments("{\"results\":[{\"next_page_token\":7}]}", ", but " + of + "gives a next_page_token that is a number, not a string"),
                    arguments("{\"results\":[{\"vulns\":[]}],\"results\":[{}]}",
                            ", but its answer is not JSON (Duplicate field 'results' at line 1, column 36)"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("brokenBatchAnswers")
        void reportsErrorAndCachesNothingWhenTheBatchAnswerIsNotShapedAsOsvDocumentsIt(String answer, String problem) throws Exception {
            osv.first(OsvReplay.json(200, answer));

            Result result = check.run(online(server), context(LOG4J_CORE));

            assertThat(result.status()).isEqualTo(Status.ERROR);
            assertThat(result.summary()).isEqualTo("OSV API at " + server.url("/") + " answered POST /v1/querybatch with 1 query" + problem
                    + ": the scan could not run");
            assertThat(result.evidence()).containsOnly(Map.entry("dependencies", 1), Map.entry("source", "osv-api"));
            assertThat(server.getRequestCount()).isEqualTo(1);
            assertThat(cache()).doesNotExist();
        }

        @Test
        void reportsErrorNamingAnApiRecordWhoseAliasesAreAnObjectAndDoesNotCacheIt() throws Exception {
            ObjectNode broken = (ObjectNode) OsvReplay.read(read("advisories/GHSA-jfh8-c2jp-5v3q.json"));
            broken.putObject("aliases").put("cve", "CVE-2021-44228");
            osv.record(broken.toString());

            Result result = check.run(online(server), context(LOG4J_CORE));

            assertThat(result.status()).isEqualTo(Status.ERROR);
            assertThat(result.summary()).isEqualTo("OSV API at " + server.url("/") + " answered GET /v1/vulns/GHSA-jfh8-c2jp-5v3q with a record "
                    + "that is not valid OSV (aliases is an object, not an array): the scan could not run");
            assertThat(result.evidence()).containsOnly(Map.entry("dependencies", 1), Map.entry("source", "osv-api"));
            assertThat(result.findings()).isEmpty();
            assertThat(cache().resolve("vulns/GHSA-jfh8-c2jp-5v3q.json")).doesNotExist();
        }

        @Test
        void asksAgainForACachedRecordThatIsNotValidOsv() throws Exception {
            ObjectNode broken = (ObjectNode) OsvReplay.read(read("advisories/GHSA-jfh8-c2jp-5v3q.json"));
            broken.putObject("aliases").put("cve", "CVE-2021-44228");
            new OsvCache(cache(), Duration.ofHours(1), CLOCK, CheckLog.silent()).putVuln("GHSA-jfh8-c2jp-5v3q", broken);

            Result result = check.run(online(server), context(LOG4J_CORE));

            assertThat(osv.recordRequests).containsExactly("/v1/vulns/GHSA-jfh8-c2jp-5v3q");
            assertThat(result.status()).isEqualTo(Status.FAIL);
            assertThat(DependencyScanCheckTest.ids(result)).containsExactly("GHSA-jfh8-c2jp-5v3q");
        }
    }

    // ---------------------------------------------------------------- servers that close their connections

    @Nested
    class BrokenServers {

        MockWebServer server;
        OsvReplay osv;

        @BeforeEach
        void start() throws Exception {
            server = new MockWebServer();
            osv = new OsvReplay().list(LOG4J + ":log4j-core", "2.14.1", LOG4J_CORE_2_14_1);
            for (String id : LOG4J_CORE_2_14_1) {
                osv.record(read("advisories/" + id + ".json"));
            }
            server.start();
        }

        @AfterEach
        void stop() {
            server.close();
        }

        /** The replayed OSV API, each answer then changed by {@code change}. */
        void serve(BiFunction<RecordedRequest, MockResponse.Builder, MockResponse.Builder> change) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return change.apply(request, osv.dispatch(request).newBuilder()).build();
                }
            });
        }

        Result scan() {
            return check.run(online(server), CheckContext.builder(temp).dependencies(DependencyScanCheckTest.recordedProject())
                    .useCache(false).clock(CLOCK).build());
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"HTTP/1.0", "idle keep-alive timeout"})
        void scansThroughAServerThatClosesEveryConnectionAfterAnswering(String how) throws Exception {
            serve((request, answer) -> how.equals("HTTP/1.0")
                    ? answer.status("HTTP/1.0 200 OK").onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE)
                    : answer.onResponseEnd(new SocketEffect.CloseSocket(true, false, false)));

            Result first = scan();
            Result second = scan(); // starts with the first scan's pooled connections, all closed by now

            for (Result result : List.of(first, second)) {
                assertThat(result.status()).isEqualTo(Status.FAIL);
                assertThat(result.summary()).isEqualTo("1 vulnerable dependency: 1 at or above HIGH (log4j-core:2.14.1 GHSA-jfh8-c2jp-5v3q "
                        + "CRITICAL, log4j-core:2.14.1 GHSA-7rjr-3q55-vv33 CRITICAL, log4j-core:2.14.1 GHSA-p6xc-xr62-6r2g HIGH), but expected "
                        + "none at or above HIGH");
                assertThat(result.evidence()).containsEntry("source", "osv-api").containsEntry("requests", 5).containsEntry("advisories", 4);
            }
            assertThat(server.getRequestCount()).isEqualTo(10);
        }

        @Test
        void namesTheClosedConnectionWhenTheServerNeverAnswers() throws Exception {
            serve((request, answer) -> answer.onResponseStart(new SocketEffect.CloseSocket(true, false, false)));

            Result result = scan();

            assertThat(result.status()).isEqualTo(Status.ERROR);
            assertThat(result.summary()).isEqualTo("OSV API at " + server.url("/") + " closed the connection without answering "
                    + "POST /v1/querybatch with 3 queries, after 4 attempts: the scan could not run");
            assertThat(result.remedy()).startsWith("Check that " + server.url("/") + " is reachable from this machine");
            assertThat(result.evidence()).containsOnly(Map.entry("dependencies", 3), Map.entry("source", "osv-api"));
        }

        @Test
        void namesAnAnswerBrokenOffBeforeItsEnd() throws Exception {
            serve((request, answer) -> request.getMethod().equals("GET") ? answer.onResponseBody(new SocketEffect.CloseSocket(true, false, false))
                    : answer);

            Result result = scan();

            assertThat(result.status()).isEqualTo(Status.ERROR);
            assertThat(result.summary()).isEqualTo("OSV API at " + server.url("/") + " broke off its answer to GET /v1/vulns/GHSA-3pxv-7cmr-fjr4 "
                    + "(the connection closed before the answer's end), after 4 attempts (and 3 more failed like it): the scan could not run");
            assertThat(result.evidence()).containsOnly(Map.entry("dependencies", 3), Map.entry("source", "osv-api"));
        }
    }

    // ---------------------------------------------------------------- outside text

    @Nested
    class OutsideText {

        @Test
        void cutsALongSummaryAliasesAndFixedVersionOnCodePoints() throws Exception {
            String summary = "x".repeat(298) + "\uD83D\uDE00" + "y".repeat(10_000);
            List<String> aliases = IntStream.range(0, 1000).mapToObj(i -> "CVE-2026-" + (10_000 + i)).toList();
            String fixed = "9".repeat(OsvSchema.MAX_VERSION_CHARS);
            ObjectNode json = (ObjectNode) OsvReplay.read(record("\"summary\":\"" + summary + "\",\"database_specific\":{\"severity\":\"HIGH\"},"
                    + "\"affected\":[{\"package\":{\"ecosystem\":\"Maven\",\"name\":\"org.example:lib\"},\"ranges\":[{\"type\":\"ECOSYSTEM\","
                    + "\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"" + fixed + "\"}]}]}]"));
            json.set("aliases", OsvRecord.MAPPER.valueToTree(aliases));
            Files.createDirectories(temp.resolve("osv"));
            Files.writeString(temp.resolve("osv/GHSA-aaaa-bbbb-cccc.json"), json.toString());

            Result result = check.run(offline("osv", null, null), context(project(dep("org.example:lib:1.0"))));

            // the emoji would be split at 299 characters: the cut falls before it
            String cutSummary = "x".repeat(298) + "…";
            assertThat(result.status()).isEqualTo(Status.FAIL);
            assertThat(result.findings()).singleElement().satisfies(f -> {
                assertThat(f.evidence()).containsEntry("summary", cutSummary).containsEntry("aliases", aliases);
                assertThat(f.message()).isEqualTo("lib:1.0 is affected by GHSA-aaaa-bbbb-cccc (" + String.join(", ", aliases).substring(0, 199)
                        + "…), HIGH: " + cutSummary + "; fixed in " + "9".repeat(199) + "…");
            });
            assertThat(result.remedy()).startsWith("Upgrade org.example:lib:1.0 to " + "9".repeat(199) + "… or later. ");
        }
    }
}

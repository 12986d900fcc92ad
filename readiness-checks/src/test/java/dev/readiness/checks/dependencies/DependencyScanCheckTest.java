package dev.readiness.checks.dependencies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Claim;
import dev.readiness.check.DependencyNode;
import dev.readiness.check.Finding;
import dev.readiness.check.HttpSettings;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import dev.readiness.check.Strength;
import dev.readiness.check.Waiver;
import dev.readiness.checks.dependencies.DependencyScanConfig.Ignore;
import dev.readiness.checks.dependencies.DependencyScanConfig.Severity;
import dev.readiness.engine.ConfigBinder;
import dev.readiness.engine.ConfigurationException;
import dev.readiness.engine.Engine;
import dev.readiness.engine.Outcome;
import dev.readiness.engine.ReadinessConfig;
import dev.readiness.engine.Redactor;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DependencyScanCheckTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    /** Fast retries, so that the retry tests take milliseconds. */
    static final OsvClient.Policy FAST = new OsvClient.Policy(4, Duration.ofMillis(20), Duration.ofSeconds(5), 8);
    private static final List<String> FINDING_KEYS = List.of("id", "aliases", "severity", "score", "summary", "package",
            "version", "fixed", "path", "belowThreshold");
    private static final List<String> FINDING_KEYS_WITHOUT_SCORE = FINDING_KEYS.stream().filter(k -> !k.equals("score")).toList();

    static final String LOG4J = "org.apache.logging.log4j";
    static final String[] LOG4J_CORE_2_14_1 = {"GHSA-3pxv-7cmr-fjr4", "GHSA-7rjr-3q55-vv33", "GHSA-jfh8-c2jp-5v3q", "GHSA-p6xc-xr62-6r2g"};

    @TempDir
    Path temp;

    private final DependencyScanCheck check = new DependencyScanCheck(FAST, OfflineDatabase.Limits.DEFAULT);

    // ---------------------------------------------------------------- helpers

    static Path fixture(String relative) {
        try {
            return Path.of(DependencyScanCheckTest.class.getResource(relative).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String read(String relative) {
        try {
            return Files.readString(fixture(relative));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static OsvRecord record(String relative) {
        try {
            return OsvRecord.MAPPER.readValue(fixture(relative).toFile(), OsvRecord.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code group:artifact:version:scope}. */
    static DependencyNode dep(String coordinates, DependencyNode... children) {
        String[] c = coordinates.split(":");
        return new DependencyNode(c[0], c[1], c[2], c.length > 3 ? c[3] : "compile", List.of(children));
    }

    static DependencyNode project(DependencyNode... children) {
        return new DependencyNode("com.example", "shop", "1.0.0", null, List.of(children));
    }

    /** The recorded query: log4j-api, log4j-core and log4j-web 2.14.1, direct dependencies in that order. */
    static DependencyNode recordedProject() {
        return project(dep(LOG4J + ":log4j-api:2.14.1"), dep(LOG4J + ":log4j-core:2.14.1"), dep(LOG4J + ":log4j-web:2.14.1"));
    }

    CheckContext.Builder context(DependencyNode graph) {
        return CheckContext.builder(temp).dependencies(graph).cacheDirectory(temp.resolve("cache")).clock(CLOCK);
    }

    static DependencyScanConfig online(MockWebServer server) {
        return new DependencyScanConfig(null, server.url("/").toString(), null, null, null, null, null);
    }

    /** An offline database of committed fixtures, whose age is not checked (maxDatabaseAge 0): they only grow older. */
    static DependencyScanConfig offline(String database, Severity failOn, List<Ignore> ignore) {
        return new DependencyScanConfig(failOn, null, database, null, ignore, null, Duration.ZERO);
    }

    /** The basedir holding the fixture folders, so that {@code osvDatabase} is relative to it. */
    static CheckContext.Builder fixtureContext(DependencyNode graph) {
        return CheckContext.builder(fixture("advisories").getParent()).dependencies(graph).clock(CLOCK);
    }

    static List<String> ids(Result result) {
        return result.findings().stream().map(f -> (String) f.evidence().get("id")).toList();
    }

    static Finding findingOf(Result result, String id) {
        return result.findings().stream().filter(f -> id.equals(f.evidence().get("id"))).findFirst().orElseThrow();
    }

    static Path copyAdvisories(Path folder, String... derived) throws IOException {
        Files.createDirectories(folder);
        try (Stream<Path> files = Files.list(fixture("advisories"))) {
            for (Path file : files.toList()) {
                Files.copy(file, folder.resolve(file.getFileName()));
            }
        }
        for (String extra : derived) {
            Files.copy(fixture(extra), folder.resolve(fixture(extra).getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return folder;
    }

    static void zip(Path zip, Map<String, byte[]> entries) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
    }

    static Map<String, byte[]> advisoryEntries() throws IOException {
        Map<String, byte[]> entries = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.list(fixture("advisories"))) {
            for (Path file : files.toList()) {
                entries.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        }
        return entries;
    }

    // ---------------------------------------------------------------- range matching

    @Nested
    class RangeMatching {

        @ParameterizedTest(name = "{0} {1}:{2} affected={3} fixed={4}")
        @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
                GHSA-jfh8-c2jp-5v3q | org.apache.logging.log4j:log4j-core    | 2.14.1        | true  | 2.15.0
                GHSA-jfh8-c2jp-5v3q | org.apache.logging.log4j:log4j-core    | 2.13.0        | true  | 2.15.0
                GHSA-jfh8-c2jp-5v3q | org.apache.logging.log4j:log4j-core    | 2.15.0        | false | -
                GHSA-jfh8-c2jp-5v3q | org.apache.logging.log4j:log4j-core    | 2.16.0        | false | -
                GHSA-jfh8-c2jp-5v3q | org.apache.logging.log4j:log4j-core    | 2.12.1        | true  | 2.12.2
                GHSA-jfh8-c2jp-5v3q | org.apache.logging.log4j:log4j-core    | 2.12.2        | false | -
                GHSA-jfh8-c2jp-5v3q | org.apache.logging.log4j:log4j-core    | 2.4           | true  | 2.12.2
                GHSA-jfh8-c2jp-5v3q | org.apache.logging.log4j:log4j-core    | 2.3           | true  | 2.3.1
                GHSA-jfh8-c2jp-5v3q | org.apache.logging.log4j:log4j-core    | 2.0-beta9     | true  | 2.3.1
                GHSA-jfh8-c2jp-5v3q | org.apache.logging.log4j:log4j-core    | 2.3.1         | false | -
                GHSA-jfh8-c2jp-5v3q | org.apache.logging.log4j:log4j-api     | 2.14.1        | false | -
                GHSA-7rjr-3q55-vv33 | org.apache.logging.log4j:log4j-core    | 2.15.0        | true  | 2.16.0
                GHSA-7rjr-3q55-vv33 | org.apache.logging.log4j:log4j-core    | 2.12.2        | false | -
                GHSA-p6xc-xr62-6r2g | org.apache.logging.log4j:log4j-core    | 2.16.0        | true  | 2.17.0
                GHSA-p6xc-xr62-6r2g | org.apache.logging.log4j:log4j-core    | 2.12.2        | true  | 2.12.3
                GHSA-p6xc-xr62-6r2g | org.apache.logging.log4j:log4j-core    | 2.3.1         | false | -
                GHSA-p6xc-xr62-6r2g | org.apache.logging.log4j:log4j-core    | 2.17.0        | false | -
                GHSA-3pxv-7cmr-fjr4 | org.apache.logging.log4j:log4j-core    | 2.25.3        | true  | 2.25.4
                GHSA-3pxv-7cmr-fjr4 | org.apache.logging.log4j:log4j-core    | 2.25.4        | false | -
                GHSA-3pxv-7cmr-fjr4 | org.apache.logging.log4j:log4j-core    | 3.0.0-beta3   | true  | -
                GHSA-3pxv-7cmr-fjr4 | org.apache.logging.log4j:log4j-core    | 3.0.0         | false | -
                GHSA-599f-7c49-w659 | org.apache.commons:commons-text        | 1.9           | true  | 1.10.0
                GHSA-599f-7c49-w659 | org.apache.commons:commons-text        | 1.5           | true  | 1.10.0
                GHSA-599f-7c49-w659 | org.apache.commons:commons-text        | 1.4           | false | -
                GHSA-599f-7c49-w659 | org.apache.commons:commons-text        | 1.10.0        | false | -
                GHSA-599f-7c49-w659 | com.guicedee.services:commons-text     | 1.2.2.1-jre17 | true  | -
                GHSA-599f-7c49-w659 | com.guicedee.services:commons-text     | 1.2.2.2       | false | -
                GHSA-2fqw-684c-pvp7 | io.atomix:atomix                       | 3.1.5         | true  | -
                GHSA-2fqw-684c-pvp7 | io.atomix:atomix                       | 2.0.0         | true  | -
                GHSA-2fqw-684c-pvp7 | io.atomix:atomix                       | 3.1.6         | false | -
                GHSA-2qrg-x229-3v8q | log4j:log4j                            | 1.2.17        | true  | -
                GHSA-2qrg-x229-3v8q | log4j:log4j                            | 1.1.3         | false | -
                GHSA-2qrg-x229-3v8q | org.zenframework.z8.dependencies.commons:log4j-1.2.17 | 2.0 | true | -
                GHSA-2qrg-x229-3v8q | org.zenframework.z8.dependencies.commons:log4j-1.2.17 | 2.1 | false | -
                GHSA-27hp-xhwr-wr2m | org.apache.tomcat.embed:tomcat-embed-core | 10.1.33     | true  | 10.1.34
                GHSA-27hp-xhwr-wr2m | org.apache.tomcat.embed:tomcat-embed-core | 9.0.0.M1    | true  | 9.0.98
                GHSA-27hp-xhwr-wr2m | org.apache.tomcat.embed:tomcat-embed-core | 8.5.100     | false | -
                GHSA-27hp-xhwr-wr2m | org.apache.tomcat.embed:tomcat-embed-core | 11.0.2      | false | -
                GHSA-269g-pwp5-87pp | junit:junit                            | 4.12          | true  | 4.13.1
                GHSA-269g-pwp5-87pp | junit:junit                            | 4.13.1        | false | -
                """)
        void matchesRealAdvisoriesWithMavenVersionOrder(String id, String packageName, String version, boolean affected, String fixed) {
            RangeMatcher.Match match = RangeMatcher.match(record("advisories/" + id + ".json"), packageName, version);

            assertThat(match.affected()).isEqualTo(affected);
            assertThat(match.fixed()).isEqualTo(fixed == null ? List.of() : List.of(fixed));
        }

        @ParameterizedTest(name = "log4j-core {0}")
        @CsvSource({"2.0-beta9", "2.3", "2.3.1", "2.4.0", "2.12.2", "2.12.3", "2.13.0", "2.16.0", "2.17.0", "2.25.0"})
        void readsSeveralIntroducedFixedPairsInOneRangeAsSeparateIntervals(String version) {
            // GHSA-p6xc-xr62-6r2g gives its three intervals as three affected entries; OSV allows the same
            // facts as one range with three introduced/fixed pairs, given here out of order.
            OsvRecord threeEntries = record("advisories/GHSA-p6xc-xr62-6r2g.json");
            ObjectNode merged = (ObjectNode) OsvReplay.read(read("advisories/GHSA-p6xc-xr62-6r2g.json"));
            ArrayNode events = OsvReplay.JSON.createArrayNode();
            merged.path("affected").forEach(entry -> entry.path("ranges").get(0).path("events").forEach(events::add));
            ObjectNode entry = (ObjectNode) merged.path("affected").get(0).deepCopy();
            ((ObjectNode) entry.path("ranges").get(0)).set("events", events);
            merged.putArray("affected").add(entry);
            OsvRecord oneRange = OsvReplay.JSON.convertValue(merged, OsvRecord.class);

            assertThat(oneRange.affected()).hasSize(1);
            assertThat(oneRange.affected().get(0).ranges().get(0).events()).hasSize(6);
            assertThat(RangeMatcher.match(oneRange, LOG4J + ":log4j-core", version))
                    .isEqualTo(RangeMatcher.match(threeEntries, LOG4J + ":log4j-core", version));
        }
    }

    // ---------------------------------------------------------------- severity

    @Nested
    class Severities {

        @ParameterizedTest(name = "{0} -> {1} {2}")
        @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
                advisories/GHSA-jfh8-c2jp-5v3q.json               | CRITICAL | 10.0
                advisories/GHSA-7rjr-3q55-vv33.json               | CRITICAL | 9.0
                advisories/GHSA-p6xc-xr62-6r2g.json               | HIGH     | 8.6
                advisories/GHSA-269g-pwp5-87pp.json               | MODERATE | 4.4
                advisories/GHSA-3pxv-7cmr-fjr4.json               | MODERATE | -
                advisories/GHSA-27hp-xhwr-wr2m.json               | HIGH     | -
                advisories/GHSA-6hgm-866r-3cjv.json               | HIGH     | -
                derived/cvss-v2/GHSA-jfh8-c2jp-5v3q.json          | HIGH     | 9.3
                derived/unknown-severity/GHSA-6hgm-866r-3cjv.json | UNKNOWN  | -
                """)
        void scoresCvssVectorsAndFallsBackToTheLabel(String file, String severity, Double score) {
            SeverityReader.Rating rating = SeverityReader.rate(record(file));

            assertThat(rating.label()).isEqualTo(severity);
            assertThat(rating.score()).isEqualTo(score);
        }

        /** Found by OsvRecordFuzzTest: cvss-calculator throws StringIndexOutOfBoundsException on a metric without a value. */
        @Test
        void fallsBackToTheLabelWhenTheLibraryCannotParseAVector() {
            OsvRecord record = record("OsvRecordFuzzTestInputs/readsAnyRecordAndMatchesVersionsByTheOsvRules/crash-cvss-v3-metric-without-value.json");
            assertThat(record.severity()).extracting(OsvRecord.SeverityVector::score)
                    .containsExactly("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:/AH:H");

            SeverityReader.Rating rating = SeverityReader.rate(record);

            assertThat(rating.label()).isEqualTo("CRITICAL");
            assertThat(rating.score()).isNull();
        }
    }

    // ---------------------------------------------------------------- the OSV API

    @Nested
    class OsvApi {

        MockWebServer server;
        OsvReplay osv;

        @BeforeEach
        void start() throws IOException {
            server = new MockWebServer();
            osv = new OsvReplay();
            for (String id : LOG4J_CORE_2_14_1) {
                osv.record(read("advisories/" + id + ".json"));
            }
            server.setDispatcher(osv);
            server.start();
        }

        @AfterEach
        void stop() {
            server.close();
        }

        /** The recorded answer for log4j-core 2.14.1, cut to the 4 of its 7 advisories the shared set holds. */
        void listRecordedSubset() {
            osv.list(LOG4J + ":log4j-core", "2.14.1", LOG4J_CORE_2_14_1);
        }

        @Test
        void sendsOneBatchWithEveryDependencyAsOsvScannerDidAndFailsOnLog4Shell() throws Exception {
            listRecordedSubset();

            Result result = check.run(online(server), context(recordedProject()).build());

            JsonNode recorded = OsvReplay.read(OsvReplay.read(read("recordings/querybatch-log4j-2.14.1.json")).path("request").path("body").asText());
            assertThat(osv.batches).containsExactly(recorded);
            assertThat(osv.recordRequests).containsExactlyInAnyOrder(Arrays.stream(LOG4J_CORE_2_14_1).map(id -> "/v1/vulns/" + id).toArray(String[]::new));
            assertThat(server.getRequestCount()).isEqualTo(5);
            assertThat(result.status()).isEqualTo(Status.FAIL);
            assertThat(result.summary()).isEqualTo("1 vulnerable dependency: 1 at or above HIGH (log4j-core:2.14.1 GHSA-jfh8-c2jp-5v3q CRITICAL, "
                    + "log4j-core:2.14.1 GHSA-7rjr-3q55-vv33 CRITICAL, log4j-core:2.14.1 GHSA-p6xc-xr62-6r2g HIGH), but expected none at or above HIGH");
            assertThat(result.measured()).isEqualTo("1 dependency with advisories at or above HIGH");
            assertThat(result.expected()).isEqualTo("none at or above HIGH");
            assertThat(result.remedy()).isEqualTo("Upgrade org.apache.logging.log4j:log4j-core:2.14.1 to 2.17.0 or later. A transitive dependency is "
                    + "upgraded by declaring the fixed version in <dependencyManagement>. An advisory that does not apply can be waived in "
                    + "readiness-waivers.yaml (finding: its id, reason, owner, until).");
            assertThat(result.evidence()).containsEntry("dependencies", 3).containsEntry("source", "osv-api")
                    .containsEntry("advisories", 4).containsEntry("failing", 3).containsEntry("requests", 5);
            assertThat(ids(result)).containsExactly("GHSA-jfh8-c2jp-5v3q", "GHSA-7rjr-3q55-vv33", "GHSA-p6xc-xr62-6r2g", "GHSA-3pxv-7cmr-fjr4");

            Finding log4shell = result.findings().get(0);
            assertThat(log4shell.message()).isEqualTo("log4j-core:2.14.1 is affected by GHSA-jfh8-c2jp-5v3q (CVE-2021-44228), CRITICAL 10.0: "
                    + "Remote code injection in Log4j; fixed in 2.15.0");
            assertThat(log4shell.location()).isEqualTo("log4j-core:2.14.1");
            assertThat(log4shell.evidence()).containsOnlyKeys(FINDING_KEYS)
                    .containsEntry("id", "GHSA-jfh8-c2jp-5v3q").containsEntry("aliases", List.of("CVE-2021-44228"))
                    .containsEntry("severity", "CRITICAL").containsEntry("score", 10.0)
                    .containsEntry("summary", "Remote code injection in Log4j")
                    .containsEntry("package", "org.apache.logging.log4j:log4j-core").containsEntry("version", "2.14.1")
                    .containsEntry("fixed", List.of("2.15.0")).containsEntry("path", "log4j-core:2.14.1")
                    .containsEntry("belowThreshold", false);
            Finding below = result.findings().get(3);
            assertThat(below.message()).isEqualTo("log4j-core:2.14.1 is affected by GHSA-3pxv-7cmr-fjr4 (CVE-2026-34480), MODERATE: Apache Log4j Core: "
                    + "Silent log event loss in XmlLayout due to unescaped XML 1.0 forbidden characters; fixed in 2.25.4 (below HIGH: listed, not failed)");
            assertThat(below.evidence()).containsOnlyKeys(FINDING_KEYS_WITHOUT_SCORE).containsEntry("belowThreshold", true);
        }

        @Test
        void queriesEachDependencyOnceAndShowsTheShortestPathThatPullsItIn() throws Exception {
            listRecordedSubset();
            DependencyNode graph = project(
                    dep(LOG4J + ":log4j-slf4j-impl:2.14.1", dep(LOG4J + ":log4j-api:2.14.1"), dep(LOG4J + ":log4j-core:2.14.1:runtime")),
                    dep("com.example:audit:2.0", dep("com.example:audit-core:2.0", dep(LOG4J + ":log4j-core:2.14.1"))),
                    dep(LOG4J + ":log4j-api:2.14.1"));

            Result result = check.run(online(server), context(graph).build());

            List<String> queried = new ArrayList<>();
            osv.batches.get(0).path("queries").forEach(q -> queried.add(q.path("package").path("name").asText() + ":" + q.path("version").asText()));
            assertThat(queried).containsExactly(LOG4J + ":log4j-slf4j-impl:2.14.1", "com.example:audit:2.0", LOG4J + ":log4j-api:2.14.1",
                    LOG4J + ":log4j-core:2.14.1", "com.example:audit-core:2.0");
            assertThat(result.findings()).extracting(f -> f.evidence().get("path"))
                    .containsOnly("log4j-slf4j-impl:2.14.1 → log4j-core:2.14.1");
        }

        @Test
        void splitsFifteenHundredDependenciesIntoBatchesOfAtMostOneThousand() throws Exception {
            DependencyNode[] many = new DependencyNode[1500];
            for (int i = 0; i < many.length; i++) {
                many[i] = dep("com.example:lib-" + i + ":1.0." + i);
            }

            Result result = check.run(online(server), context(project(many)).build());

            assertThat(osv.batches).extracting(b -> b.path("queries").size()).containsExactly(1000, 500);
            assertThat(osv.batches.get(1).path("queries").get(0).path("package").path("name").asText()).isEqualTo("com.example:lib-1000");
            assertThat(result.status()).isEqualTo(Status.PASS);
            assertThat(result.summary()).isEqualTo("no known vulnerability at or above HIGH in 1500 dependencies (osv-api)");
            assertThat(result.evidence()).containsEntry("dependencies", 1500).containsEntry("advisories", 0).containsEntry("requests", 2);
        }

        @Test
        void followsNextPageTokenForOnlyTheQueriesThatHaveOne() throws Exception {
            List<JsonNode> bodies = new ArrayList<>();
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    if (request.getMethod().equals("GET")) {
                        return osv.dispatch(request);
                    }
                    bodies.add(OsvReplay.read(request.getBody().utf8()));
                    return bodies.size() == 1
                            ? OsvReplay.json(200, "{\"results\":[{},{\"vulns\":[{\"id\":\"GHSA-jfh8-c2jp-5v3q\",\"modified\":\"2025-10-22T19:37:02.616807Z\"}],"
                                    + "\"next_page_token\":\"CiQKHkdIU0EtamZoOC1jMnA\"},{}]}")
                            : OsvReplay.json(200, "{\"results\":[{\"vulns\":[{\"id\":\"GHSA-p6xc-xr62-6r2g\",\"modified\":\"2022-08-11T21:38:34Z\"}]}]}");
                }
            });

            Result result = check.run(online(server), context(recordedProject()).build());

            assertThat(bodies).hasSize(2);
            assertThat(bodies.get(1)).isEqualTo(OsvReplay.read("{\"queries\":[{\"package\":{\"name\":\"org.apache.logging.log4j:log4j-core\","
                    + "\"ecosystem\":\"Maven\"},\"version\":\"2.14.1\",\"page_token\":\"CiQKHkdIU0EtamZoOC1jMnA\"}]}"));
            assertThat(ids(result)).containsExactly("GHSA-jfh8-c2jp-5v3q", "GHSA-p6xc-xr62-6r2g");
        }

        @Test
        void retriesAfter429AndUsesTheAnswer() throws Exception {
            listRecordedSubset();
            osv.first(OsvReplay.json(429, "{\"code\":8,\"message\":\"Quota exceeded\"}"));

            Result result = check.run(online(server), context(recordedProject()).build());

            assertThat(osv.batches).hasSize(2);
            assertThat(osv.batches.get(1)).isEqualTo(osv.batches.get(0));
            assertThat(result.status()).isEqualTo(Status.FAIL);
            assertThat(result.evidence()).containsEntry("requests", 6);
        }

        @Test
        void reportsErrorWhenOsvAnswers503OnEveryAttempt() throws Exception {
            for (int i = 0; i < 4; i++) {
                osv.first(OsvReplay.json(503, "{\"code\":14,\"message\":\"The service is currently unavailable.\"}"));
            }

            Result result = check.run(online(server), context(recordedProject()).build());

            assertThat(result.status()).isEqualTo(Status.ERROR);
            assertThat(result.summary()).isEqualTo("OSV API at " + server.url("/") + " answered 503 for POST /v1/querybatch with 3 queries "
                    + "(\"The service is currently unavailable.\"), after 4 attempts: the scan could not run");
            assertThat(result.remedy()).startsWith("Check that " + server.url("/") + " is reachable from this machine");
            assertThat(result.evidence()).containsEntry("dependencies", 3).containsEntry("source", "osv-api");
            assertThat(server.getRequestCount()).isEqualTo(4);
        }

        @Test
        void reportsErrorWhenOsvCannotBeReached() throws Exception {
            int closed;
            try (ServerSocket socket = new ServerSocket(0)) {
                closed = socket.getLocalPort();
            }
            DependencyScanConfig config = new DependencyScanConfig(null, "http://127.0.0.1:" + closed, null, null, null, null, null);

            Result result = check.run(config, context(recordedProject()).build());

            assertThat(result.status()).isEqualTo(Status.ERROR);
            assertThat(result.summary()).startsWith("OSV API at http://127.0.0.1:" + closed + " could not be reached for POST /v1/querybatch with 3 queries (")
                    .endsWith("), after 4 attempts: the scan could not run");
        }

        @Test
        void reportsErrorWhenOsvDoesNotAnswerInTime() throws Exception {
            listRecordedSubset();
            osv.record(read("advisories/GHSA-jfh8-c2jp-5v3q.json"));
            for (int i = 0; i < 4; i++) {
                osv.first(new MockResponse.Builder().code(200).body("{}").headersDelay(2, java.util.concurrent.TimeUnit.SECONDS).build());
            }
            HttpSettings http = new HttpSettings(null, Duration.ofMillis(300), null, null, null);
            DependencyNode graph = project(dep(LOG4J + ":log4j-core:2.14.1"));
            // The batch is answered at once from a warm cache entry, so that the record fetch is what times out.
            new OsvCache(OsvCache.folderFor(temp.resolve("cache"), server.url("/").toString()), Duration.ofHours(1), CLOCK,
                    dev.readiness.check.CheckLog.silent()).putQuery(LOG4J + ":log4j-core", "2.14.1",
                    List.of(new OsvClient.VulnRef("GHSA-jfh8-c2jp-5v3q", "2025-10-22T19:37:02.616807Z")));

            long start = System.nanoTime();
            Result result = check.run(online(server), context(graph).http(http).build());

            assertThat(result.status()).isEqualTo(Status.ERROR);
            assertThat(result.summary()).isEqualTo("OSV API at " + server.url("/") + " did not answer GET /v1/vulns/GHSA-jfh8-c2jp-5v3q "
                    + "within 300ms, after 4 attempts: the scan could not run");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }

        @Test
        void reportsErrorWhenAListedAdvisoryIsNotFound() throws Exception {
            // The exact recorded answer: 7 advisories for log4j-core 2.14.1, of which the shared set holds 4.
            String recorded = OsvReplay.read(read("recordings/querybatch-log4j-2.14.1.json")).path("response").path("body").asText();
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return request.getMethod().equals("POST") ? OsvReplay.json(200, recorded) : osv.dispatch(request);
                }
            });

            Result result = check.run(online(server), context(recordedProject()).build());

            assertThat(result.status()).isEqualTo(Status.ERROR);
            assertThat(result.summary()).isEqualTo("OSV API at " + server.url("/") + " answered 404 for GET /v1/vulns/GHSA-6hg6-v5c8-fphq "
                    + "(\"Vulnerability not found\") (and 2 more failed like it): the scan could not run");
        }

        @Test
        void answersFromTheCacheWithoutAnyRequestOnASecondRun() throws Exception {
            listRecordedSubset();
            Result cold = check.run(online(server), context(recordedProject()).build());
            int requests = server.getRequestCount();

            Result warm = check.run(online(server), context(recordedProject()).build());

            assertThat(requests).isEqualTo(5);
            assertThat(server.getRequestCount()).isEqualTo(requests);
            assertThat(warm.evidence()).containsEntry("source", "cache").doesNotContainKey("requests");
            assertThat(warm.summary()).isEqualTo(cold.summary());
            assertThat(warm.findings()).isEqualTo(cold.findings());
            assertThat(temp.resolve("cache/osv/" + server.getHostName() + "_" + server.getPort() + "/queries")).isDirectory();
            assertThat(temp.resolve("cache/osv/" + server.getHostName() + "_" + server.getPort() + "/vulns/GHSA-jfh8-c2jp-5v3q.json")).isRegularFile();
        }

        @Test
        void asksAgainWhenTheCachedAnswersAreOlderThanCacheTtl() throws Exception {
            listRecordedSubset();
            check.run(online(server), context(recordedProject()).build());

            Clock later = Clock.offset(CLOCK, Duration.ofHours(25));
            Result result = check.run(online(server), context(recordedProject()).clock(later).build());

            assertThat(osv.batches).hasSize(2);
            assertThat(osv.recordRequests).hasSize(8);
            assertThat(result.evidence()).containsEntry("source", "osv-api");
        }

        @Test
        void asksAgainForAnswersFetchedAfterNow() throws Exception {
            listRecordedSubset();
            check.run(online(server), context(recordedProject()).build());

            Clock earlier = Clock.offset(CLOCK, Duration.ofHours(-1));
            Result result = check.run(online(server), context(recordedProject()).clock(earlier).build());

            assertThat(osv.batches).hasSize(2);
            assertThat(result.evidence()).containsEntry("source", "osv-api");
        }

        @Test
        void refetchesARecordThatChangedSinceItWasCached() throws Exception {
            listRecordedSubset();
            check.run(online(server), context(recordedProject()).build());
            ObjectNode updated = (ObjectNode) OsvReplay.read(read("advisories/GHSA-jfh8-c2jp-5v3q.json"));
            updated.put("modified", "2026-11-24T00:00:00Z");
            osv.record(updated.toString());
            Files.walk(temp.resolve("cache")).filter(p -> p.toString().contains("queries") && p.toString().endsWith(".json"))
                    .forEach(p -> p.toFile().delete());

            Result result = check.run(online(server), context(recordedProject()).build());

            assertThat(osv.recordRequests).hasSize(5).endsWith("/v1/vulns/GHSA-jfh8-c2jp-5v3q");
            assertThat(result.evidence()).containsEntry("source", "osv-api+cache");
        }

        @Test
        void bypassesTheCacheWhenTheCacheIsTurnedOff() throws Exception {
            listRecordedSubset();
            check.run(online(server), context(recordedProject()).build());

            Result result = check.run(online(server), context(recordedProject()).useCache(false).build());

            assertThat(server.getRequestCount()).isEqualTo(10);
            assertThat(result.evidence()).containsEntry("source", "osv-api");
        }

        @Test
        void reportsErrorWhenOfflineAndTheCacheIsCold() throws Exception {
            Result result = check.run(online(server), context(recordedProject()).offline(true).build());

            assertThat(result.status()).isEqualTo(Status.ERROR);
            assertThat(result.summary()).isEqualTo("offline and 3 dependencies are not in the cache (of 3 scanned; answers older than 24h "
                    + "count as missing): the scan could not run");
            assertThat(result.remedy()).isEqualTo("Run the build once online (without -o) to fill the cache, or set osvDatabase to a downloaded "
                    + "copy of OSV's Maven database (https://osv-vulnerabilities.storage.googleapis.com/Maven/all.zip).");
            assertThat(result.evidence()).containsEntry("source", "cache").containsEntry("notInCache",
                    List.of(LOG4J + ":log4j-api:2.14.1", LOG4J + ":log4j-core:2.14.1", LOG4J + ":log4j-web:2.14.1"));
            assertThat(server.getRequestCount()).isZero();
        }

        @Test
        void scansOfflineFromAWarmCacheWithoutAnyRequest() throws Exception {
            listRecordedSubset();
            Result online = check.run(online(server), context(recordedProject()).build());

            Result offline = check.run(online(server), context(recordedProject()).offline(true).build());

            assertThat(server.getRequestCount()).isEqualTo(5);
            assertThat(offline.status()).isEqualTo(Status.FAIL);
            assertThat(offline.findings()).isEqualTo(online.findings());
            assertThat(offline.evidence()).containsEntry("source", "cache");
        }

        @Test
        void neverSendsTheHeadersMeantForTheUsersOwnTargetToOsv() throws Exception {
            listRecordedSubset();
            HttpSettings http = new HttpSettings(null, Duration.ofSeconds(5), null, Map.of("Authorization", "Bearer s3cr3t"), null);

            check.run(online(server), context(recordedProject()).http(http).build());

            RecordedRequest first = server.takeRequest();
            assertThat(first.getHeaders().get("Authorization")).isNull();
            assertThat(first.getHeaders().get("Content-Type")).startsWith("application/json");
        }
    }

    // ---------------------------------------------------------------- offline database

    @Nested
    class OfflineDatabaseScan {

        static final DependencyNode SHOP = project(
                dep(LOG4J + ":log4j-slf4j-impl:2.14.1", dep(LOG4J + ":log4j-core:2.14.1")),
                dep("org.apache.commons:commons-text:1.9"),
                dep("junit:junit:4.12:test"),
                dep("org.slf4j:slf4j-api:2.0.16"));

        @Test
        void failsOnLog4ShellAndCommonsTextFromAFolderWithoutAnyNetworkCall() throws Exception {
            try (MockWebServer server = new MockWebServer()) {
                server.start();
                DependencyScanConfig config = new DependencyScanConfig(null, server.url("/").toString(), "advisories", null, null, null, Duration.ZERO);

                Result result = check.run(config, fixtureContext(SHOP).build());

                assertThat(server.getRequestCount()).isZero();
                assertThat(result.status()).isEqualTo(Status.FAIL);
                assertThat(result.summary()).isEqualTo("2 vulnerable dependencies: 2 at or above HIGH (log4j-core:2.14.1 GHSA-jfh8-c2jp-5v3q CRITICAL, "
                        + "commons-text:1.9 GHSA-599f-7c49-w659 CRITICAL, log4j-core:2.14.1 GHSA-7rjr-3q55-vv33 CRITICAL, and 1 more), "
                        + "but expected none at or above HIGH");
                assertThat(result.remedy()).startsWith("Upgrade org.apache.logging.log4j:log4j-core:2.14.1 to 2.17.0 or later; "
                        + "upgrade org.apache.commons:commons-text:1.9 to 1.10.0 or later. ");
                assertThat(result.evidence()).containsEntry("source", "offline-database").containsEntry("dependencies", 4)
                        .containsEntry("databaseRecords", 10).containsEntry("advisories", 5).doesNotContainKey("requests");
                Finding commonsText = findingOf(result, "GHSA-599f-7c49-w659");
                assertThat(commonsText.evidence()).containsEntry("fixed", List.of("1.10.0")).containsEntry("path", "commons-text:1.9");
                assertThat(findingOf(result, "GHSA-p6xc-xr62-6r2g").evidence())
                        .containsEntry("path", "log4j-slf4j-impl:2.14.1 → log4j-core:2.14.1").containsEntry("fixed", List.of("2.17.0"));
            }
        }

        @Test
        void readsTheSameRecordsFromAZipLikeOsvsAllZip() throws Exception {
            Path zip = temp.resolve("Maven-all.zip");
            zip(zip, advisoryEntries());
            Result fromFolder = check.run(offline("advisories", null, null), fixtureContext(SHOP).build());

            Result fromZip = check.run(offline("Maven-all.zip", null, null), CheckContext.builder(temp).dependencies(SHOP).clock(CLOCK).build());

            assertThat(fromZip.status()).isEqualTo(Status.FAIL);
            assertThat(fromZip.summary()).isEqualTo(fromFolder.summary());
            assertThat(fromZip.findings()).isEqualTo(fromFolder.findings());
            assertThat(fromZip.evidence()).isEqualTo(fromFolder.evidence());
        }

        @Test
        void rejectsAZipWithAnEntryOutsideTheArchive() throws Exception {
            Map<String, byte[]> entries = advisoryEntries();
            entries.put("../../.m2/settings.xml.json", read("advisories/GHSA-jfh8-c2jp-5v3q.json").getBytes(StandardCharsets.UTF_8));
            zip(temp.resolve("all.zip"), entries);

            Result result = check.run(offline("all.zip", null, null), CheckContext.builder(temp).dependencies(SHOP).clock(CLOCK).build());

            assertThat(result.status()).isEqualTo(Status.ERROR);
            assertThat(result.summary()).isEqualTo("osvDatabase all.zip holds an entry that points outside the archive "
                    + "(../../.m2/settings.xml.json): the archive is not used; download it again from OSV");
            assertThat(result.remedy()).isEqualTo("Point osvDatabase at a folder or zip of OSV records, such as OSV's Maven database "
                    + "https://osv-vulnerabilities.storage.googleapis.com/Maven/all.zip.");
            assertThat(result.evidence()).containsEntry("source", "offline-database");
        }

        @Test
        void rejectsAZipWithAnAbsoluteEntry() throws Exception {
            zip(temp.resolve("all.zip"), Map.of("/etc/GHSA-jfh8-c2jp-5v3q.json", read("advisories/GHSA-jfh8-c2jp-5v3q.json").getBytes(StandardCharsets.UTF_8)));

            Result result = check.run(offline("all.zip", null, null), CheckContext.builder(temp).dependencies(SHOP).clock(CLOCK).build());

            assertThat(result.status()).isEqualTo(Status.ERROR);
            assertThat(result.summary()).isEqualTo("osvDatabase all.zip holds an entry that points outside the archive "
                    + "(/etc/GHSA-jfh8-c2jp-5v3q.json): the archive is not used; download it again from OSV");
        }

        @Test
        void rejectsAnEntryLargerThanSixteenMebibytes() throws Exception {
            Map<String, byte[]> entries = advisoryEntries();
            byte[] huge = new byte[(int) OfflineDatabase.Limits.DEFAULT.maxEntryBytes() + 1];
            Arrays.fill(huge, (byte) ' ');
            entries.put("GHSA-zzzz-zzzz-zzzz.json", huge);
            zip(temp.resolve("all.zip"), entries);

            Result result = check.run(offline("all.zip", null, null), CheckContext.builder(temp).dependencies(SHOP).clock(CLOCK).build());

            assertThat(result.status()).isEqualTo(Status.ERROR);
            // ZipOutputStream gives the size after the data, so it shows only once read
            assertThat(result.summary()).isEqualTo("osvDatabase all.zip holds an entry larger than 16 MiB (GHSA-zzzz-zzzz-zzzz.json): "
                    + "the database is not used");
        }

        @Test
        void reportsErrorNamingAFileThatIsNotJsonRatherThanLeavingItOut() throws Exception {
            Path folder = copyAdvisories(temp.resolve("osv"));
            Files.writeString(folder.resolve("GHSA-bad0-json-0000.json"), "{\"id\": \"GHSA-bad0-json-0000\", \"affected\": [");

            Result result = check.run(offline("osv", null, null), CheckContext.builder(temp).dependencies(SHOP).clock(CLOCK).build());

            assertThat(result.status()).isEqualTo(Status.ERROR);
            assertThat(result.summary()).isEqualTo("osvDatabase osv: GHSA-bad0-json-0000.json is not a valid OSV record (Unexpected "
                    + "end-of-input: expected close marker for Array at line 1, column 44): the database is not used");
            assertThat(result.remedy()).isEqualTo("Download OSV's Maven database again (https://osv-vulnerabilities.storage.googleapis.com/"
                    + "Maven/all.zip) and point osvDatabase at it; a record that stays invalid is reported to the database's publisher.");
            assertThat(result.findings()).isEmpty();
            assertThat(result.evidence()).containsOnly(Map.entry("dependencies", 4), Map.entry("source", "offline-database"));
        }

        @Test
        void reportsErrorNamingARecordWhoseAliasesAreAnObject() throws Exception {
            Path folder = copyAdvisories(temp.resolve("osv"));
            ObjectNode broken = (ObjectNode) OsvReplay.read(read("advisories/GHSA-599f-7c49-w659.json"));
            broken.putObject("aliases").put("cve", "CVE-2022-42889");
            Files.writeString(folder.resolve("GHSA-599f-7c49-w659.json"), broken.toString());

            Result result = check.run(offline("osv", null, null), CheckContext.builder(temp).dependencies(SHOP).clock(CLOCK).build());

            assertThat(result.status()).isEqualTo(Status.ERROR);
            assertThat(result.summary()).isEqualTo("osvDatabase osv: GHSA-599f-7c49-w659.json is not a valid OSV record "
                    + "(aliases is an object, not an array): the database is not used");
            assertThat(result.findings()).isEmpty();
            assertThat(result.claims().get("dependencyScan.audit").status()).isEqualTo(Status.ERROR);
        }

        @Test
        void reportsErrorWhenTheDatabaseDoesNotExist() throws Exception {
            Result result = check.run(offline("osv/Maven-all.zip", null, null), CheckContext.builder(temp).dependencies(SHOP).clock(CLOCK).build());

            assertThat(result.status()).isEqualTo(Status.ERROR);
            assertThat(result.summary()).isEqualTo("osvDatabase osv/Maven-all.zip does not exist (looked for " + temp.resolve("osv/Maven-all.zip") + ")");
        }

        @Test
        void reportsErrorWhenTheZipIsNotAZip() throws Exception {
            Files.writeString(temp.resolve("all.zip"), "<html>Service Unavailable</html>");

            Result result = check.run(offline("all.zip", null, null), CheckContext.builder(temp).dependencies(SHOP).clock(CLOCK).build());

            assertThat(result.status()).isEqualTo(Status.ERROR);
            assertThat(result.summary()).startsWith("osvDatabase all.zip is not a readable zip archive (");
        }

        /** Found by OfflineDatabaseFuzzTest: ZipInputStream throws IllegalArgumentException, not ZipException, on such a name. */
        @Test
        void reportsErrorWhenAZipEntryNameIsNotUtf8() throws Exception {
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(temp.resolve("all.zip")), StandardCharsets.ISO_8859_1)) {
                out.putNextEntry(new ZipEntry("GHSA-\u00e9.json"));
                out.write(read("advisories/GHSA-jfh8-c2jp-5v3q.json").getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }

            Result result = check.run(offline("all.zip", null, null), CheckContext.builder(temp).dependencies(SHOP).clock(CLOCK).build());

            assertThat(result.status()).isEqualTo(Status.ERROR);
            assertThat(result.summary()).isEqualTo("osvDatabase all.zip is not a readable zip archive (the name of entry 1 is not valid UTF-8)");
        }

        @Test
        void countsAnAdvisoryOfUnknownSeverityAsFailingWhateverTheThreshold() throws Exception {
            copyAdvisories(temp.resolve("osv"), "derived/unknown-severity/GHSA-6hgm-866r-3cjv.json");
            DependencyNode graph = project(dep("commons-collections:commons-collections:3.2.1"));

            Result result = check.run(offline("osv", Severity.CRITICAL, null), CheckContext.builder(temp).dependencies(graph).clock(CLOCK).build());

            assertThat(result.status()).isEqualTo(Status.FAIL);
            assertThat(result.summary()).isEqualTo("1 vulnerable dependency: 1 at or above CRITICAL (commons-collections:3.2.1 GHSA-6hgm-866r-3cjv UNKNOWN), "
                    + "but expected none at or above CRITICAL");
            Finding finding = result.findings().get(0);
            assertThat(finding.message()).isEqualTo("commons-collections:3.2.1 is affected by GHSA-6hgm-866r-3cjv (CVE-2015-6420), UNKNOWN: "
                    + "Insecure Deserialization in Apache Commons Collection; fixed in 3.2.2 (severity unknown: counted as at or above CRITICAL)");
            assertThat(finding.evidence()).containsOnlyKeys(FINDING_KEYS_WITHOUT_SCORE).containsEntry("severity", "UNKNOWN")
                    .containsEntry("belowThreshold", false);
        }

        @Test
        void readsTheLabelOfARecordThatHasOnlyACvss4Vector() throws Exception {
            DependencyNode graph = project(dep("org.apache.tomcat.embed:tomcat-embed-core:10.1.33"));

            Result result = check.run(offline("advisories", null, null), fixtureContext(graph).build());

            assertThat(result.status()).isEqualTo(Status.FAIL);
            assertThat(result.findings().get(0).message()).isEqualTo("tomcat-embed-core:10.1.33 is affected by GHSA-27hp-xhwr-wr2m "
                    + "(BIT-tomcat-2024-56337, CVE-2024-56337), HIGH: Apache Tomcat Time-of-check Time-of-use (TOCTOU) Race Condition vulnerability; "
                    + "fixed in 10.1.34");
        }

        @Test
        void skipsWithdrawnAdvisories() throws Exception {
            copyAdvisories(temp.resolve("osv"), "derived/withdrawn/GHSA-269g-pwp5-87pp.json");
            DependencyNode graph = project(dep("junit:junit:4.12"));

            Result result = check.run(offline("osv", Severity.LOW, null), CheckContext.builder(temp).dependencies(graph).clock(CLOCK).build());

            assertThat(result.status()).isEqualTo(Status.PASS);
            assertThat(result.findings()).isEmpty();
            assertThat(result.evidence()).containsEntry("withdrawn", List.of("GHSA-269g-pwp5-87pp")).containsEntry("advisories", 0);
        }

        @Test
        void countsAnAdvisoryUntilTheTimeItIsWithdrawn() throws Exception {
            copyAdvisories(temp.resolve("osv"), "derived/withdrawn/GHSA-269g-pwp5-87pp.json");
            DependencyNode graph = project(dep("junit:junit:4.12"));
            Clock beforeWithdrawal = Clock.fixed(Instant.parse("2026-10-31T23:59:59Z"), ZoneOffset.UTC);

            Result result = check.run(offline("osv", Severity.LOW, null),
                    CheckContext.builder(temp).dependencies(graph).clock(beforeWithdrawal).build());

            assertThat(result.status()).isEqualTo(Status.FAIL);
            assertThat(result.findings()).singleElement().satisfies(f -> assertThat(f.evidence()).containsEntry("id", "GHSA-269g-pwp5-87pp"));
            assertThat(result.evidence().get("withdrawn")).isNull();
        }

        @Test
        void listsAdvisoriesBelowTheThresholdWithoutFailing() throws Exception {
            DependencyNode graph = project(dep("junit:junit:4.12"));

            Result result = check.run(offline("advisories", null, null), fixtureContext(graph).build());

            assertThat(result.status()).isEqualTo(Status.PASS);
            assertThat(result.summary()).isEqualTo("no known vulnerability at or above HIGH in 1 dependency (offline-database); "
                    + "1 advisory below HIGH listed");
            assertThat(result.measured()).isEqualTo("1 vulnerable dependency, none at or above HIGH");
            assertThat(result.remedy()).isNull();
            assertThat(result.findings()).singleElement().satisfies(f -> assertThat(f.evidence())
                    .containsEntry("id", "GHSA-269g-pwp5-87pp").containsEntry("severity", "MODERATE").containsEntry("score", 4.4)
                    .containsEntry("fixed", List.of("4.13.1")).containsEntry("belowThreshold", true));
        }

        @Test
        void failsOnAModerateAdvisoryWhenFailOnIsModerate() throws Exception {
            DependencyNode graph = project(dep("junit:junit:4.12"));

            Result result = check.run(offline("advisories", Severity.MODERATE, null), fixtureContext(graph).build());

            assertThat(result.status()).isEqualTo(Status.FAIL);
            assertThat(result.findings().get(0).evidence()).containsEntry("belowThreshold", false);
        }

        @Test
        void namesAReplacementWhenNoFixedVersionIsKnown() throws Exception {
            DependencyNode graph = project(dep("log4j:log4j:1.2.17"));

            Result result = check.run(offline("advisories", null, null), fixtureContext(graph).build());

            assertThat(result.status()).isEqualTo(Status.FAIL);
            assertThat(result.findings().get(0).evidence()).containsEntry("fixed", List.of());
            assertThat(result.remedy()).startsWith("Replace log4j:log4j:1.2.17 (no fixed version is known for GHSA-2qrg-x229-3v8q). ");
        }
    }

    // ---------------------------------------------------------------- the offline database's age

    @Nested
    class DatabaseAge {

        /** The fixtures' newest record: GHSA-269g-pwp5-87pp, modified 2026-07-08T06:27:00.690079200Z. */
        static final Instant NEWEST = Instant.parse("2026-07-08T06:27:00.690079200Z");
        static final DependencyNode JUNIT = project(dep("junit:junit:4.12"));

        static DependencyScanConfig withMaxAge(Duration maxDatabaseAge) {
            return new DependencyScanConfig(null, null, "advisories", null, null, null, maxDatabaseAge);
        }

        @Test
        void reportsErrorWhenTheDatabaseIsOlderThanMaxDatabaseAge() throws Exception {
            Result result = check.run(withMaxAge(null), fixtureContext(JUNIT).build());

            assertThat(result.status()).isEqualTo(Status.ERROR);
            assertThat(result.summary()).isEqualTo("osvDatabase advisories is 140 days old (its newest record, GHSA-269g-pwp5-87pp, "
                    + "was modified 2026-07-08T06:27:00.690079200Z), older than maxDatabaseAge 168h: advisories published since are missing from it");
            assertThat(result.remedy()).isEqualTo("Download OSV's Maven database again (https://osv-vulnerabilities.storage.googleapis.com/"
                    + "Maven/all.zip) and put it in place of osvDatabase advisories; maxDatabaseAge (now 168h) sets how old it may be, "
                    + "and 0 turns this check off.");
            assertThat(result.evidence()).containsOnly(Map.entry("dependencies", 1), Map.entry("source", "offline-database"),
                    Map.entry("databaseRecords", 10), Map.entry("databaseModified", "2026-07-08T06:27:00.690079200Z"),
                    Map.entry("databaseAgeDays", 140L));
            assertThat(result.findings()).isEmpty();
            assertThat(result.claims().get("dependencyScan.audit").status()).isEqualTo(Status.ERROR);
        }

        @Test
        void scansADatabaseYoungerThanMaxDatabaseAgeAndStatesItsAge() throws Exception {
            Clock threeDaysLater = Clock.fixed(NEWEST.plus(Duration.ofDays(3)).plusSeconds(60), ZoneOffset.UTC);

            Result result = check.run(withMaxAge(null), fixtureContext(JUNIT).clock(threeDaysLater).build());

            assertThat(result.status()).isEqualTo(Status.PASS);
            assertThat(result.evidence()).containsEntry("databaseModified", "2026-07-08T06:27:00.690079200Z").containsEntry("databaseAgeDays", 3L);
        }

        @Test
        void statesTheAgeWhenMaxDatabaseAgeIsZero() throws Exception {
            Result result = check.run(withMaxAge(Duration.ZERO), fixtureContext(JUNIT).build());

            assertThat(result.status()).isEqualTo(Status.PASS);
            assertThat(result.summary()).isEqualTo("no known vulnerability at or above HIGH in 1 dependency (offline-database); "
                    + "1 advisory below HIGH listed");
            assertThat(result.evidence()).containsEntry("databaseModified", "2026-07-08T06:27:00.690079200Z").containsEntry("databaseAgeDays", 140L);
        }

        @Test
        void reportsErrorWhenARecordSaysItWasModifiedAfterNow() throws Exception {
            Path folder = copyAdvisories(temp.resolve("osv"));
            ObjectNode future = (ObjectNode) OsvReplay.read(read("advisories/GHSA-2fqw-684c-pvp7.json"));
            future.put("modified", "2999-01-01T00:00:00Z");
            Files.writeString(folder.resolve("GHSA-2fqw-684c-pvp7.json"), future.toString());
            DependencyScanConfig config = new DependencyScanConfig(null, null, "osv", null, null, null, Duration.ofDays(365));

            Result result = check.run(config, CheckContext.builder(temp).dependencies(JUNIT).clock(CLOCK).build());

            assertThat(result.status()).isEqualTo(Status.ERROR);
            assertThat(result.summary()).isEqualTo("osvDatabase osv holds GHSA-2fqw-684c-pvp7, modified 2999-01-01T00:00:00Z, later than now "
                    + "(2026-11-25T10:00:00Z): the database's age cannot be told; check this machine's clock");
            assertThat(result.evidence()).containsEntry("databaseModified", "2999-01-01T00:00:00Z").containsEntry("databaseAgeDays", 0L);
        }
    }

    // ---------------------------------------------------------------- ignores

    @Nested
    class Claims {

        @Test
        void settlesScanningAndOnlySupportsTheAuditAndFreshnessItems() {
            assertThat(check.claims()).extracting(Claim::id, Claim::strength, Claim::phrases).containsExactly(
                    tuple("dependencyScan", Strength.SETTLES, List.of("Security scanning completed")),
                    tuple("dependencyScan.audit", Strength.SUPPORTS,
                            List.of("Security audit completed with no high-severity issues", "Security dependencies up to date")));
        }

        @Test
        void failsTheAuditClaimWithTheAdvisoriesAtOrAboveTheThreshold() throws Exception {
            Result result = check.run(offline("advisories", null, null),
                    fixtureContext(project(dep("org.apache.logging.log4j:log4j-core:2.14.1"))).build());

            Result audit = result.claims().get("dependencyScan.audit");
            assertThat(result.status()).isEqualTo(Status.FAIL);
            assertThat(audit.status()).isEqualTo(Status.FAIL);
            assertThat(audit.summary()).isEqualTo(result.summary());
            assertThat(audit.findings()).isEqualTo(result.findings());
            assertThat(audit.remedy()).isEqualTo(result.remedy());
        }

        @Test
        void leavesTheAuditToAPersonWhenTheScanFindsNothing() throws Exception {
            Result result = check.run(offline("advisories", null, null), fixtureContext(project(dep("org.slf4j:slf4j-api:2.0.16"))).build());

            assertThat(result.status()).isEqualTo(Status.PASS);
            assertThat(result.claims().get("dependencyScan.audit").summary()).isEqualTo("no known vulnerability at or above HIGH in "
                    + "1 dependency (offline-database): nothing the scan sees speaks against the audit, which a person still has to complete");
        }

        @Test
        void reportsErrorOnBothClaimsWhenTheDependencyGraphResolvedOnlyInPart() throws Exception {
            CheckContext context = CheckContext.builder(temp).dependencies(() -> {
                throw new IllegalStateException("the dependency graph of dev.shop:shop:jar:1.0 resolved only in part"
                        + " (unresolved: com.acme:missing:jar:1.0): Could not resolve dependencies");
            }).clock(CLOCK).build();

            Result result = check.run(offline("advisories", null, null), context);

            assertThat(result.status()).isEqualTo(Status.ERROR);
            assertThat(result.summary()).isEqualTo("the dependency graph of dev.shop:shop:jar:1.0 resolved only in part"
                    + " (unresolved: com.acme:missing:jar:1.0): Could not resolve dependencies");
            assertThat(result.remedy()).startsWith("Make the build resolve every dependency");
            assertThat(result.claims().get("dependencyScan.audit").status()).isEqualTo(Status.ERROR);
        }

        @Test
        void leavesTheAuditUndecidedWhenTheScanCannotRun() throws Exception {
            Result result = check.run(offline("no-such-folder", null, null), fixtureContext(project(dep("org.slf4j:slf4j-api:2.0.16"))).build());

            assertThat(result.status()).isEqualTo(Status.ERROR);
            assertThat(result.claims().get("dependencyScan.audit").status()).isEqualTo(Status.ERROR);
        }
    }

    @Nested
    class Ignores {

        static final DependencyNode COMMONS_TEXT = project(dep("org.apache.commons:commons-text:1.9"));

        @Test
        void anIgnoreIsAWaiverOfTheAdvisoryItNames() {
            Ignore ignore = new Ignore("CVE-2022-42889", "StringSubstitutor is never given user input", TODAY, "Sam Ortiz");

            assertThat(check.waivers(offline("advisories", null, List.of(ignore)))).containsExactly(new Waiver(Waiver.Scope.FINDING,
                    "CVE-2022-42889", "StringSubstitutor is never given user input", "Sam Ortiz", null, TODAY,
                    "dependencyScan.ignore CVE-2022-42889"));
        }

        @Test
        void theCheckStillReportsAnIgnoredAdvisoryKeyedByItsIdForTheEngineToWaive() throws Exception {
            Ignore ignore = new Ignore("CVE-2022-42889", "StringSubstitutor is never given user input", TODAY);

            Result result = check.run(offline("advisories", null, List.of(ignore)), fixtureContext(COMMONS_TEXT).build());

            assertThat(result.status()).isEqualTo(Status.FAIL);
            assertThat(result.findings()).singleElement().satisfies(f -> {
                assertThat(f.key()).isEqualTo("GHSA-599f-7c49-w659");
                assertThat(f.isNamed("CVE-2022-42889")).isTrue();
                assertThat(f.cause()).isTrue();
            });
        }

        @ParameterizedTest(name = "ignored until {0} days from today: {1}")
        @CsvSource({"0, WAIVED", "-1, FAIL"})
        void anIgnoreWaivesTheItemThroughItsLastDayThenTheAdvisoryCountsAgain(int days, Status expected) throws Exception {
            Engine engine = Engine.of(List.of(check));
            ObjectNode params = (ObjectNode) new YAMLMapper().readTree("""
                    osvDatabase: advisories
                    maxDatabaseAge: 0
                    ignore:
                      - {id: CVE-2022-42889, reason: StringSubstitutor is never given user input, until: %s}
                    """.formatted(TODAY.plusDays(days)));
            Path basedir = fixture("advisories").getParent();
            ReadinessConfig config = new ReadinessConfig(null, null, Map.of("dependencyScan", params), null, null, null, Set.of(), Set.of(),
                    false);

            Outcome outcome = engine.run(engine.plan(config, basedir, CLOCK), fixtureContext(COMMONS_TEXT).build(), Redactor.none());

            assertThat(outcome.items().get(0).status()).isEqualTo(expected);
            assertThat(outcome.items().get(0).waiver().origin()).isEqualTo("dependencyScan.ignore CVE-2022-42889");
            assertThat(outcome.passed()).isEqualTo(expected == Status.WAIVED);
        }

        @Test
        void anIgnoreThatMatchesNothingIsReportedByTheEngine() throws Exception {
            Engine engine = Engine.of(List.of(check));
            ObjectNode params = (ObjectNode) new YAMLMapper().readTree("""
                    osvDatabase: advisories
                    maxDatabaseAge: 0
                    ignore: [{id: GHSA-jfh8-c2jp-5v3q, reason: no log4j here any more, until: %s}]
                    """.formatted(TODAY.plusDays(30)));
            ReadinessConfig config = new ReadinessConfig(null, null, Map.of("dependencyScan", params), null, null, null, Set.of(), Set.of(),
                    false);

            Outcome outcome = engine.run(engine.plan(config, fixture("advisories").getParent(), CLOCK),
                    fixtureContext(project(dep("org.slf4j:slf4j-api:2.0.16"))).build(), Redactor.none());

            assertThat(outcome.warnings()).containsExactly("the waiver of finding GHSA-jfh8-c2jp-5v3q (dependencyScan.ignore"
                    + " GHSA-jfh8-c2jp-5v3q) matches nothing that fails: remove it");
        }
    }

    // ---------------------------------------------------------------- scopes

    @Nested
    class Scopes {

        static final DependencyNode WITH_TEST_LOG4J = project(
                dep("org.slf4j:slf4j-api:2.0.16"),
                dep("org.testcontainers:testcontainers:1.17.0:test", dep(LOG4J + ":log4j-core:2.14.1:test")));

        @Test
        void leavesTestScopeOutByDefault() throws Exception {
            Result result = check.run(offline("advisories", null, null), fixtureContext(WITH_TEST_LOG4J).build());

            assertThat(result.status()).isEqualTo(Status.PASS);
            assertThat(result.evidence()).containsEntry("dependencies", 1)
                    .containsEntry("scopes", List.of("compile", "runtime", "provided", "system"));
        }

        @Test
        void scansTestScopeWhenConfigured() throws Exception {
            DependencyScanConfig config = new DependencyScanConfig(null, null, "advisories", List.of("compile", "test"), null, null, Duration.ZERO);

            Result result = check.run(config, fixtureContext(WITH_TEST_LOG4J).build());

            assertThat(result.status()).isEqualTo(Status.FAIL);
            assertThat(findingOf(result, "GHSA-jfh8-c2jp-5v3q").evidence())
                    .containsEntry("path", "testcontainers:1.17.0 → log4j-core:2.14.1");
        }

        @Test
        void passesWithNothingToScanWhenNoDependencyIsInTheScopes() throws Exception {
            Result result = check.run(DependencyScanConfig.defaults(), context(project(dep("junit:junit:4.12:test"))).build());

            assertThat(result.status()).isEqualTo(Status.PASS);
            assertThat(result.summary()).isEqualTo("no dependencies in scopes compile, runtime, provided, system: nothing to scan");
            assertThat(result.evidence()).containsEntry("dependencies", 0);
        }
    }

    // ---------------------------------------------------------------- configuration

    @Nested
    class Configuration {

        final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

        DependencyScanConfig bind(String text) throws Exception {
            return ConfigBinder.bind("dependencyScan", DependencyScanConfig.class, yaml.readTree(text), List.of("level"));
        }

        @Test
        void hasTheDocumentedDefaults() throws Exception {
            DependencyScanConfig config = bind("");

            assertThat(config).isEqualTo(DependencyScanConfig.defaults());
            assertThat(config.failOn()).isEqualTo(Severity.HIGH);
            assertThat(config.osvUrl()).isEqualTo("https://api.osv.dev");
            assertThat(config.osvDatabase()).isNull();
            assertThat(config.scopes()).containsExactly("compile", "runtime", "provided", "system");
            assertThat(config.ignore()).isEmpty();
            assertThat(config.cacheTtl()).isEqualTo(Duration.ofHours(24));
            assertThat(config.maxDatabaseAge()).isEqualTo(Duration.ofDays(7));
        }

        @Test
        void bindsEveryParameterWithFailOnInAnyCase() throws Exception {
            DependencyScanConfig config = bind("""
                    failOn: moderate
                    osvUrl: https://osv.mirror.example.com/
                    osvDatabase: osv/Maven-all.zip
                    scopes: [compile, Runtime]
                    cacheTtl: 30m
                    maxDatabaseAge: 36h
                    ignore:
                      - id: CVE-2022-42889
                        reason: StringSubstitutor is never given user input
                        until: 2026-12-31
                    """);

            assertThat(config).isEqualTo(new DependencyScanConfig(Severity.MODERATE, "https://osv.mirror.example.com/", "osv/Maven-all.zip",
                    List.of("compile", "runtime"), List.of(new Ignore("CVE-2022-42889", "StringSubstitutor is never given user input",
                    LocalDate.of(2026, 12, 31))), Duration.ofMinutes(30), Duration.ofHours(36)));
        }

        @Test
        void readsMediumAsModerate() throws Exception {
            assertThat(bind("failOn: MEDIUM").failOn()).isEqualTo(Severity.MODERATE);
        }

        @Test
        void rejectsAnUnknownFailOnListingTheSeverities() {
            assertThatThrownBy(() -> bind("failOn: severe"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("dependencyScan.failOn: 'severe' is not a severity: write LOW, MODERATE (or MEDIUM), HIGH or CRITICAL");
        }

        @Test
        void rejectsAnIgnoreWithoutUntil() {
            assertThatThrownBy(() -> bind("ignore: [{id: GHSA-jfh8-c2jp-5v3q, reason: not reachable}]"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("dependencyScan.ignore[0]: the ignore of GHSA-jfh8-c2jp-5v3q needs an until date (e.g. 2026-12-31), "
                            + "after which the advisory counts again");
        }

        @Test
        void rejectsAnIgnoreWithoutReason() {
            assertThatThrownBy(() -> bind("ignore: [{id: GHSA-jfh8-c2jp-5v3q, until: 2026-12-31}]"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("dependencyScan.ignore[0]: the ignore of GHSA-jfh8-c2jp-5v3q needs a reason");
        }

        @Test
        void rejectsAnIgnoreWithABadDate() {
            assertThatThrownBy(() -> bind("ignore: [{id: GHSA-jfh8-c2jp-5v3q, reason: r, until: 31.12.2026}]"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("dependencyScan.ignore[0].until: '31.12.2026' is not a date: write it as 2026-12-31");
        }

        @Test
        void rejectsAnUnknownScope() {
            assertThatThrownBy(() -> bind("scopes: [compile, tests]"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("dependencyScan: scopes lists 'tests', which is not a dependency scope; known scopes: compile, provided, runtime, system, test");
        }

        @Test
        void rejectsAnOsvUrlThatIsNotHttp() {
            assertThatThrownBy(() -> bind("osvUrl: ftp://api.osv.dev"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("dependencyScan: osvUrl 'ftp://api.osv.dev' is not an http(s) URL: write it as https://api.osv.dev");
        }

        @Test
        void rejectsAnUnknownParameterListingTheKnownOnes() {
            assertThatThrownBy(() -> bind("failon: HIGH"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("unknown parameter 'failon' of dependencyScan (did you mean 'failOn'?); known parameters: "
                            + "cacheTtl, failOn, ignore, level, maxDatabaseAge, osvDatabase, osvUrl, scopes");
        }

        @Test
        void acceptsACacheTtlOfAYear() throws Exception {
            assertThat(bind("cacheTtl: 365d").cacheTtl()).isEqualTo(Duration.ofDays(365));
        }

        @Test
        void readsABareZeroMaxDatabaseAgeAsWrittenInAPomAsOff() throws Exception {
            ObjectNode pom = yaml.createObjectNode().put("maxDatabaseAge", "0");

            DependencyScanConfig config = ConfigBinder.bind("dependencyScan", DependencyScanConfig.class, pom, List.of("level"));

            assertThat(config.maxDatabaseAge()).isZero();
            assertThat(bind("maxDatabaseAge: 0").maxDatabaseAge()).isZero();
            assertThat(bind("maxDatabaseAge: 14d").maxDatabaseAge()).isEqualTo(Duration.ofDays(14));
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
                maxDatabaseAge: PT-1H  | dependencyScan: maxDatabaseAge must not be negative, got PT-1H: write 0 to turn the check off
                maxDatabaseAge: a week | dependencyScan.maxDatabaseAge: 'a week' is not a duration: write it as 10s, 500ms, 2m or 1h
                cacheTtl: 200000d      | dependencyScan: cacheTtl must be at most 365 days (an OSV answer older than that says little about today's advisories), got 200000 days
                cacheTtl: 1000000000000d | dependencyScan.cacheTtl: '1000000000000d' is too long to be a duration: write it as 10s, 500ms, 2m or 1h
                """)
        void rejectsADurationItCannotUse(String yaml, String message) {
            assertThatThrownBy(() -> bind(yaml)).isInstanceOf(ConfigurationException.class).hasMessage(message);
        }

        @Test
        void documentsEveryParameterWithItsDefault() {
            assertThat(DependencyScanConfig.class.getRecordComponents()).allSatisfy(c ->
                    assertThat(c.getAnnotation(dev.readiness.check.Param.class).value()).contains("default"));
        }
    }
}

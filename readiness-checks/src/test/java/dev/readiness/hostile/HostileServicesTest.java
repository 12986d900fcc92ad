package dev.readiness.hostile;

import static dev.readiness.hostile.HostileProject.TOKEN;
import static dev.readiness.hostile.HostileProject.param;
import static dev.readiness.hostile.Row.errs;
import static dev.readiness.hostile.Row.fails;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.readiness.check.DependencyNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The readers of what services answer, against hostile servers on loopback: health bodies, HTTP
 * responses that are slow, huge, malformed, cut short or redirected without end, the OSV API's
 * answers and offline OSV databases. Every run has {@code http.timeout} 1s and {@code checkTimeout}
 * 10s, and sends the configured Authorization secret to the target, which some servers here echo
 * back; none may pass, hang past the engine's own limits, crash or print the secret.
 */
class HostileServicesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOG4SHELL = "GHSA-jfh8-c2jp-5v3q";

    /** The health endpoint's body, judged by the {@code health} check. */
    @Nested
    class HealthBodies {

        static Stream<Row> rows() {
            return Stream.of(
                    errs("two JSON documents in one body, UP then DOWN", "health", "not valid JSON",
                            p -> health(p, json(200, "{\"status\":\"UP\"}{\"status\":\"DOWN\"}"))),
                    errs("UP beside an array nested 10,000 deep", "health", "not valid JSON",
                            p -> health(p, json(200, "{\"status\":\"UP\",\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}"))),
                    errs("a status that is a number of a million digits", "health", "not valid JSON",
                            p -> health(p, json(200, "{\"status\":" + "9".repeat(1_000_000) + "}"))),
                    fails("a status word wrapped in terminal colours", "health", "but expected UP",
                            p -> health(p, json(200, "{\"status\":\"\\u001b[32mUP\\u001b[0m\"}")))
                            .also((run, p) -> assertThat(run.markdown + run.junit).doesNotContain("\u001b")),
                    fails("a DOWN component whose error echoes the request's bearer token", "health", "auth is DOWN", p -> {
                        MockWebServer server = p.server();
                        answer(server, request -> json(200, "{\"status\":\"DOWN\",\"components\":{\"auth\":{\"status\":\"DOWN\","
                                + "\"details\":{\"error\":\"upstream said 401 to Authorization: " + request.getHeaders().get("Authorization")
                                + " (token starts " + TOKEN.substring(0, 12) + ")\"}}}}"));
                        p.check("health").target(server.url("/").toString());
                    }).also((run, p) -> assertThat(run.json).contains("upstream said 401 to Authorization: ****")),
                    fails("a MicroProfile body listing 5,000 DOWN checks", "health", "is DOWN", p -> {
                        StringBuilder checks = new StringBuilder();
                        for (int i = 0; i < 5_000; i++) {
                            checks.append(i == 0 ? "" : ",").append("{\"name\":\"db-").append(i).append("\",\"status\":\"DOWN\"}");
                        }
                        health(p, json(503, "{\"status\":\"DOWN\",\"checks\":[" + checks + "]}"));
                    }).also((run, p) -> assertThat(run.json.length()).as("readiness.json names the first 100, not 5,000").isLessThan(256 * 1024)),
                    errs("a login page that mentions UP", "health", "HTML page",
                            p -> health(p, new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html; charset=utf-8")
                                    .body("<!doctype html><!-- {\"status\":\"UP\"} --><form action=\"/login\">UP</form>").build())));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("rows")
        void neverPassesOnAHostileHealthBody(Row row, @TempDir Path dir) throws Exception {
            HostileProject.verify(row, dir);
        }
    }

    /** How servers answer at the HTTP level: read by {@code health}, {@code securityHeaders} and {@code tls} with the shared client. */
    @Nested
    class HttpResponses {

        static Stream<Row> rows() {
            return Stream.of(
                    errs("headers that arrive after 5s, beyond the 1s http.timeout", "health", "did not answer within 1s",
                            p -> health(p, json(200, "{\"status\":\"UP\"}").newBuilder().headersDelay(5, TimeUnit.SECONDS).build())),
                    errs("a body trickled one byte every 200ms", "health", "did not answer within 1s",
                            p -> health(p, json(200, "{\"status\":\"UP\"}").newBuilder().throttleBody(1, 200, TimeUnit.MILLISECONDS).build())),
                    errs("an endless chunked body", "health", "larger than", p -> scriptedHealth(p, (out, socket) -> {
                        ScriptedServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
                        String chunk = "1000\r\n" + " ".repeat(0x1000) + "\r\n";
                        while (!socket.isClosed()) {
                            ScriptedServer.write(out, chunk);
                        }
                    })),
                    errs("a gzip bomb", "health", "larger than", p -> health(p, new MockResponse.Builder().code(200)
                            .addHeader("Content-Type", "application/json").addHeader("Content-Encoding", "gzip").body(gzipBomb()).build())),
                    errs("Content-Encoding gzip over a body that is not gzip", "health",
                            "is declared gzip (Content-Encoding: gzip), but is not gzip data",
                            p -> health(p, json(200, "{\"status\":\"UP\"}").newBuilder().addHeader("Content-Encoding", "gzip").build())),
                    errs("a status code that is not a number", "health", "Unexpected status line",
                            p -> scriptedHealth(p, (out, socket) -> ScriptedServer.write(out,
                                    "HTTP/1.1 2OO OK\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n{\"status\":\"UP\"}"))),
                    errs("two Content-Length headers that disagree", "health", "closed the connection without answering",
                            p -> scriptedHealth(p, (out, socket) -> ScriptedServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                    + "Content-Length: 15\r\nContent-Length: 100\r\n\r\n{\"status\":\"UP\"}"))),
                    errs("a connection closed in the middle of the body", "health", "closed the connection without answering",
                            p -> scriptedHealth(p, (out, socket) -> ScriptedServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                    + "Content-Length: 100\r\n\r\n{\"status\":\"UP\""))),
                    errs("a connection closed before any status line", "health", "closed the connection without answering", p -> scriptedHealth(p, (out, socket) -> { })),
                    errs("a redirect chain that never ends, carrying the token in each hop's query", "health", "redirects more than 5 times", p -> {
                        MockWebServer server = p.server();
                        answer(server, request -> new MockResponse.Builder().code(302).addHeader("Location", "/actuator/health?hop="
                                + (request.getExchangeIndex() + 1) + "&access_token=" + TOKEN).build());
                        p.check("health").target(server.url("/").toString());
                    }),
                    errs("a redirect to a javascript: URL", "health", "without a usable Location header",
                            p -> health(p, new MockResponse.Builder().code(302).addHeader("Location", "javascript:alert(document.cookie)").build())),
                    errs("429 Too Many Requests with Retry-After: 120", "health", "HTTP 429",
                            p -> health(p, new MockResponse.Builder().code(429).addHeader("Retry-After", "120").body("slow down").build())),
                    fails("503 with Retry-After and a maintenance page", "health", "HTTP 503",
                            p -> health(p, new MockResponse.Builder().code(503).addHeader("Retry-After", "Wed, 21 Oct 2099 07:28:00 GMT")
                                    .addHeader("Content-Type", "text/html").body("<h1>Down for maintenance</h1>").build())),
                    errs("an endless stream of 103 Early Hints", "health", "127.0.0.1", p -> scriptedHealth(p, (out, socket) -> {
                        while (!socket.isClosed()) {
                            ScriptedServer.write(out, "HTTP/1.1 103 Early Hints\r\nLink: </app.css>; rel=preload\r\n\r\n");
                            Thread.sleep(5);
                        }
                    })),
                    errs("a CORS preflight that hangs (a firewall dropping OPTIONS)", "securityHeaders", "did not answer within 1s", p -> {
                        MockWebServer https = p.httpsServer();
                        answer(https, request -> request.getMethod().equals("OPTIONS")
                                ? new MockResponse.Builder().code(204).headersDelay(5, TimeUnit.SECONDS).build()
                                : goodPage());
                        securityHeaders(p, https);
                    }),
                    errs("perfect security headers on a 500 page", "securityHeaders", "got status 500", p -> {
                        MockWebServer https = p.httpsServer();
                        answer(https, request -> goodPage().newBuilder().code(500).build());
                        securityHeaders(p, https);
                    }),
                    errs("an HTTPS redirect chain of 12 hops", "securityHeaders", "redirects", p -> {
                        MockWebServer https = p.httpsServer();
                        answer(https, request -> new MockResponse.Builder().code(302)
                                .addHeader("Location", "/hop/" + (request.getExchangeIndex() + 1)).build());
                        securityHeaders(p, https);
                    }),
                    errs("a port that accepts and closes at once", "tls", "TLS handshake", p -> {
                        ScriptedServer peer = p.scripted(ScriptedServer.onConnect((out, socket) -> { }));
                        p.check("tls", param("url", "https://127.0.0.1:" + peer.port() + "/"));
                    }),
                    errs("a peer answering the TLS ClientHello with endless noise", "tls", "TLS handshake", p -> {
                        ScriptedServer peer = p.scripted(ScriptedServer.onConnect((out, socket) -> {
                            Random random = new Random(8);
                            byte[] noise = new byte[4096];
                            while (!socket.isClosed()) {
                                random.nextBytes(noise);
                                out.write(noise);
                            }
                        }));
                        p.check("tls", param("url", "https://127.0.0.1:" + peer.port() + "/"));
                    }));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("rows")
        void neverPassesOnAHostileHttpAnswer(Row row, @TempDir Path dir) throws Exception {
            HostileProject.verify(row, dir);
        }
    }

    /** The OSV API's answers to {@code POST /v1/querybatch} and {@code GET /v1/vulns/{id}}, read by {@code dependencyScan}. */
    @Nested
    class OsvApiAnswers {

        static Stream<Row> rows() {
            return Stream.of(
                    errs("a batch answer with a null result", "dependencyScan", "could not run",
                            p -> osv(p, request -> json(200, "{\"results\":[null]}"))),
                    errs("a batch answer listing an advisory id that is a path", "dependencyScan", "not an OSV id",
                            p -> osv(p, request -> json(200, "{\"results\":[{\"vulns\":[{\"id\":\"../../v1/admin\","
                                    + "\"modified\":\"2024-01-01T00:00:00Z\"}]}]}"))),
                    errs("a next_page_token that never ends", "dependencyScan", "still paging",
                            p -> osv(p, request -> json(200, "{\"results\":[{\"next_page_token\":\"again\"}]}"))),
                    errs("a record that is not the one asked for", "dependencyScan", "is not " + LOG4SHELL,
                            p -> osv(p, request -> request.getMethod().equals("POST") ? listed(LOG4SHELL)
                                    : json(200, record(r -> r.put("id", "GHSA-2qrg-x229-3v8q"))))),
                    errs("429 with a Retry-After of a day", "dependencyScan", "answered 429",
                            p -> osv(p, request -> new MockResponse.Builder().code(429).addHeader("Retry-After", "86400")
                                    .body("{\"code\":8,\"message\":\"quota exceeded\"}").build())),
                    errs("503 with Retry-After: 0 on every attempt", "dependencyScan", "after 4 attempts",
                            p -> osv(p, request -> new MockResponse.Builder().code(503).addHeader("Retry-After", "0").build())),
                    errs("a batch answer cut off by a closed connection", "dependencyScan", "broke off its answer", p -> {
                        ScriptedServer osv = p.scripted(ScriptedServer.answering((out, socket) -> ScriptedServer.write(out,
                                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"results\":[{\"vulns\":[")));
                        scan(p, osv.url("/"));
                    }),
                    errs("an endless batch answer", "dependencyScan", "larger than", p -> {
                        ScriptedServer osv = p.scripted(ScriptedServer.answering((out, socket) -> {
                            ScriptedServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
                            String chunk = "10000\r\n" + " ".repeat(0x10000) + "\r\n";
                            while (!socket.isClosed()) {
                                ScriptedServer.write(out, chunk);
                            }
                        }));
                        scan(p, osv.url("/"));
                    }),
                    fails("an advisory summary quoting the token over lines with terminal escapes", "dependencyScan", "at or above HIGH",
                            p -> osv(p, request -> request.getMethod().equals("POST") ? listed(LOG4SHELL)
                                    : json(200, record(r -> r.put("summary", "Remote code execution; reproduced with Bearer " + TOKEN
                                    + "\n\u001b[31mpwned\u001b[0m " + TOKEN.substring(5)))))),
                    fails("an advisory withdrawn only from a future date", "dependencyScan", "at or above HIGH",
                            p -> osv(p, request -> request.getMethod().equals("POST") ? listed(LOG4SHELL)
                                    : json(200, record(r -> r.put("withdrawn", "2999-01-01T00:00:00Z"))))),
                    fails("an advisory with a CVSS vector that does not parse and an unknown label", "dependencyScan", "UNKNOWN",
                            p -> osv(p, request -> request.getMethod().equals("POST") ? listed(LOG4SHELL)
                                    : json(200, record(r -> {
                                        r.putArray("severity").addObject().put("type", "CVSS_V3").put("score", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:X");
                                        r.putObject("database_specific").put("severity", "HIGHEST");
                                    })))),
                    errs("a captive portal answering 200 with its login page", "dependencyScan", "not JSON",
                            p -> osv(p, request -> new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html")
                                    .body("<html><body><form action=\"/portal/login\">Sign in to the hotel Wi-Fi</form></body></html>").build())),
                    errs("a record of 5 MiB", "dependencyScan", "larger than",
                            p -> osv(p, request -> request.getMethod().equals("POST") ? listed(LOG4SHELL)
                                    : json(200, record(r -> r.put("details", "x".repeat(5 << 20)))))),
                    fails("an answer cached by a machine whose clock ran years ahead", "dependencyScan", "at or above HIGH", p -> {
                        AtomicBoolean published = new AtomicBoolean();
                        osv(p, request -> !request.getMethod().equals("POST") ? json(200, record(r -> { }))
                                : published.get() ? listed(LOG4SHELL) : json(200, "{\"results\":[{}]}"));
                        p.run(); // a build on that machine, before the advisory was published, fills the cache
                        published.set(true);
                        rewriteCache(p, entry -> entry.put("fetched", "2999-01-01T00:00:00Z"));
                    }),
                    errs("offline, with cache entries cut short by a full disk", "dependencyScan", "not in the cache", p -> {
                        osv(p, request -> json(200, "{\"results\":[{}]}"));
                        p.run(); // an online build fills the cache
                        assertThat(cacheFiles(p)).as("the cache the online build filled").isNotEmpty();
                        for (Path file : cacheFiles(p)) {
                            Files.write(file, Arrays.copyOf(Files.readAllBytes(file), (int) Files.size(file) / 2));
                        }
                        p.offline();
                    }),
                    errs("a record nested 100,000 arrays deep", "dependencyScan", "not JSON",
                            p -> osv(p, request -> request.getMethod().equals("POST") ? listed(LOG4SHELL)
                                    : json(200, "{\"id\":\"" + LOG4SHELL + "\",\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}"))));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("rows")
        void neverPassesOnAHostileOsvAnswer(Row row, @TempDir Path dir) throws Exception {
            HostileProject.verify(row, dir);
        }
    }

    /** An offline OSV database ({@code osvDatabase}: a folder or zip of OSV records), read by {@code dependencyScan}. */
    @Nested
    class OfflineOsvDatabases {

        static Stream<Row> rows() {
            return Stream.of(
                    errs("a malformed record naming the scanned package", "dependencyScan", "not a valid OSV record", p -> {
                        p.write("osv/GHSA-2qrg-x229-3v8q.json", record(r -> r.put("id", "GHSA-2qrg-x229-3v8q").put("summary", "unrelated")
                                .putArray("affected").addObject().putObject("package").put("ecosystem", "Maven").put("name", "com.acme:other")));
                        p.write("osv/" + LOG4SHELL + ".json", record(r -> ((ObjectNode) r.withArray("affected").get(0)).put("ranges",
                                "introduced 2.0-beta9, fixed 2.15.0")));
                        offline(p, "osv");
                    }),
                    errs("a zip whose directory understates an entry's size", "dependencyScan", "larger than", p -> {
                        p.write("all.zip", lyingZip(LOG4SHELL + ".json", 17 << 20));
                        offline(p, "all.zip");
                    }),
                    errs("a database folder holding only a README", "dependencyScan", "holds no OSV record", p -> {
                        p.write("osv/README.md", "Download https://osv-vulnerabilities.storage.googleapis.com/Maven/all.zip here.");
                        offline(p, "osv");
                    }),
                    errs("a zip made on Windows with ..\\ in an entry name", "dependencyScan", "points outside the archive", p -> {
                        p.write("all.zip", zip("..\\..\\AppData\\" + LOG4SHELL + ".json", record(r -> { }).getBytes(StandardCharsets.UTF_8)));
                        offline(p, "all.zip");
                    }),
                    errs("a truncated download of all.zip", "dependencyScan", "not a readable zip archive", p -> {
                        byte[] whole = zip(LOG4SHELL + ".json", record(r -> r.put("details", "x".repeat(20_000))).getBytes(StandardCharsets.UTF_8));
                        p.write("all.zip", Arrays.copyOf(whole, whole.length / 2));
                        offline(p, "all.zip");
                    }),
                    errs("a 2 GiB sparse record file", "dependencyScan", "larger than 16 MiB", p -> {
                        HostileBuildOutputsTest.sparse(p.dir.resolve("osv/GHSA-zzzz-zzzz-zzzz.json"), 2L << 30);
                        offline(p, "osv");
                    }));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("rows")
        void neverPassesOnAHostileOfflineDatabase(Row row, @TempDir Path dir) throws Exception {
            HostileProject.verify(row, dir);
        }
    }

    // ---------------------------------------------------------------- health and HTTP

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    static void answer(MockWebServer server, Function<RecordedRequest, MockResponse> answers) {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answers.apply(request);
            }
        });
    }

    /** The health check of a service on a new server that gives this answer to every request. */
    static void health(HostileProject p, MockResponse response) throws IOException {
        MockWebServer server = p.server();
        answer(server, request -> response);
        p.check("health").target(server.url("/").toString());
    }

    /** The health check of a service on a scripted server. */
    static void scriptedHealth(HostileProject p, ScriptedServer.Script script) throws IOException {
        ScriptedServer server = p.scripted(ScriptedServer.answering(script));
        p.check("health").target(server.url("/"));
    }

    /** securityHeaders of the page on this HTTPS server, its plain-HTTP twin on a port where nothing listens. */
    static void securityHeaders(HostileProject p, MockWebServer https) throws IOException {
        p.check("securityHeaders", param("url", https.url("/").toString()), param("httpUrl", "http://localhost:" + closedPort() + "/"));
    }

    /** A page that grades A+ in every header. */
    static MockResponse goodPage() {
        return new MockResponse.Builder().code(200)
                .addHeader("Content-Type", "text/html; charset=utf-8")
                .addHeader("Strict-Transport-Security", "max-age=63072000; includeSubDomains; preload")
                .addHeader("Content-Security-Policy", "default-src 'none'; script-src 'self'; object-src 'none'; frame-ancestors 'none'")
                .addHeader("X-Content-Type-Options", "nosniff")
                .addHeader("Referrer-Policy", "no-referrer")
                .body("<!doctype html><html><body>shop</body></html>").build();
    }

    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Buffer gzipBomb;

    /** 64 MiB of zeros, gzipped to about 64 KiB. */
    static synchronized Buffer gzipBomb() {
        if (gzipBomb == null) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
                byte[] zeros = new byte[1 << 20];
                for (int i = 0; i < 64; i++) {
                    gzip.write(zeros);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            gzipBomb = new Buffer().write(bytes.toByteArray());
        }
        return gzipBomb.copy();
    }

    // ---------------------------------------------------------------- OSV

    /** The resolved graph of a shop that pulls in log4j-core 2.14.1 (Log4Shell). */
    static DependencyNode shop() {
        DependencyNode core = new DependencyNode("org.apache.logging.log4j", "log4j-core", "2.14.1", "compile", List.of());
        return new DependencyNode("dev.readiness.samples", "shop", "1.0.0", null, List.of(core));
    }

    static void scan(HostileProject p, String osvUrl) {
        p.dependencies(shop()).check("dependencyScan", param("osvUrl", osvUrl));
    }

    static void osv(HostileProject p, Function<RecordedRequest, MockResponse> answers) throws IOException {
        MockWebServer server = p.server();
        answer(server, answers);
        scan(p, server.url("/").toString());
    }

    static void offline(HostileProject p, String database) {
        p.dependencies(shop()).check("dependencyScan", param("osvDatabase", database));
    }

    /** A batch answer listing these advisories for the one query. */
    static MockResponse listed(String... ids) {
        StringBuilder vulns = new StringBuilder();
        for (String id : ids) {
            vulns.append(vulns.isEmpty() ? "" : ",").append("{\"id\":\"").append(id).append("\",\"modified\":\"2025-10-22T19:37:02Z\"}");
        }
        return json(200, "{\"results\":[{\"vulns\":[" + vulns + "]}]}");
    }

    /** The real Log4Shell record (the dependencies tests' fixture), changed as a hostile source would. */
    static String record(Change change) {
        try (InputStream in = HostileServicesTest.class.getResourceAsStream("/dev/readiness/checks/dependencies/advisories/" + LOG4SHELL + ".json")) {
            ObjectNode record = (ObjectNode) JSON.readTree(in);
            change.to(record);
            return JSON.writeValueAsString(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The entries of the project's OSV cache (in the build folder, where the plugin does not put it, so no run shares it). */
    static List<Path> cacheFiles(HostileProject p) throws IOException {
        try (Stream<Path> files = Files.walk(p.dir.resolve("target/readiness-cache"))) {
            return files.filter(f -> f.toString().endsWith(".json")).toList();
        }
    }

    /** Changes every entry of the project's OSV cache as the given code says. */
    static void rewriteCache(HostileProject p, Change change) throws IOException {
        assertThat(cacheFiles(p)).as("the cache a first build filled").isNotEmpty();
        for (Path file : cacheFiles(p)) {
            ObjectNode entry = (ObjectNode) JSON.readTree(file.toFile());
            change.to(entry);
            JSON.writeValue(file.toFile(), entry);
        }
    }

    @FunctionalInterface
    interface Change {
        void to(ObjectNode record);
    }

    static byte[] zip(String name, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    /**
     * A zip of one entry of {@code size} spaces whose local header and central directory both claim
     * it holds 100 bytes: what a hostile archive says to slip past a check of the declared size.
     */
    static byte[] lyingZip(String name, int size) throws IOException {
        byte[] zip = zip(name, HostileProject.filled(size, ' '));
        for (int i = 0; i + 4 <= zip.length; i++) {
            int signature = (zip[i] & 0xFF) | (zip[i + 1] & 0xFF) << 8 | (zip[i + 2] & 0xFF) << 16 | (zip[i + 3] & 0xFF) << 24;
            int sizeAt = signature == 0x04034b50 ? i + 22 : signature == 0x02014b50 ? i + 24 : signature == 0x08074b50 ? i + 12 : -1;
            if (sizeAt >= 0) {
                zip[sizeAt] = 100;
                zip[sizeAt + 1] = 0;
                zip[sizeAt + 2] = 0;
                zip[sizeAt + 3] = 0;
            }
        }
        return zip;
    }

}

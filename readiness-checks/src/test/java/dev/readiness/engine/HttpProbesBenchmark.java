package dev.readiness.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Status;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * Shows that the HTTP probes of one run go out at the same time: runs the {@code securityHeaders},
 * {@code tls} and {@code health} checks through the real {@link Engine} against real servers on
 * loopback (HTTPS with a private CA given as {@code trustCertificates}), each check alone and all
 * three together, and all three against a dead endpoint (accepts connections, never answers) with
 * a 1s timeout. Prints the medians of the wall times and the ratios together/slowest,
 * together/sum and dead/timeout. Run it with {@code bench/http-probes.sh [rounds]}; not a unit test.
 *
 * <p>The servers answer late on purpose: the page's GET after {@value #PAGE_MS} ms, the health
 * endpoint after {@value #HEALTH_MS} ms, the plain-HTTP twin's redirect after {@value #TWIN_MS} ms
 * (the CORS preflight at once; {@code tls} only shakes hands). Every run gets fresh servers on new
 * ports, hence fresh HTTP settings and a fresh client: no pooled connection carries over, as in a
 * new Maven JVM.
 */
public final class HttpProbesBenchmark {

    private static final long PAGE_MS = 300;
    private static final long HEALTH_MS = 600;
    private static final long TWIN_MS = 200;
    private static final Duration LIVE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DEAD_TIMEOUT = Duration.ofSeconds(1);
    private static final List<String> CHECKS = List.of("securityHeaders", "tls", "health");

    private final Engine engine;
    private final Path work;
    private final Path trust;
    private final HandshakeCertificates serverCertificates;

    private HttpProbesBenchmark(Path work) throws Exception {
        this.engine = Engine.discover(HttpProbesBenchmark.class.getClassLoader());
        this.work = work;
        HeldCertificate root = new HeldCertificate.Builder().certificateAuthority(0)
                .commonName("Readiness Benchmark Root CA").duration(365, TimeUnit.DAYS).build();
        HeldCertificate leaf = new HeldCertificate.Builder().commonName("localhost")
                .addSubjectAlternativeName("localhost").addSubjectAlternativeName("127.0.0.1")
                .duration(90, TimeUnit.DAYS).signedBy(root).build();
        this.trust = Files.writeString(work.resolve("private-ca.pem"), root.certificatePem());
        this.serverCertificates = new HandshakeCertificates.Builder().heldCertificate(leaf, root.certificate()).build();
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Path work = Files.createTempDirectory("http-probes-bench");
        try {
            new HttpProbesBenchmark(work).measure(rounds);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private void measure(int rounds) throws Exception {
        Map<String, List<Run>> runs = new LinkedHashMap<>();
        for (int round = -1; round < rounds; round++) { // round -1 warms the JIT and is not counted
            for (String id : CHECKS) {
                record(runs, id + " alone", round, live(List.of(id)));
            }
            record(runs, "all three together", round, live(CHECKS));
            record(runs, "all three, dead endpoint", round, dead(CHECKS));
        }

        System.out.printf("HTTP probes through the Engine, %d rounds, medians in ms. Delays: page GET %d, health %d,"
                + " plain-HTTP twin %d (then its 301 leads to the page); dead endpoint timeout %d%n%n",
                rounds, PAGE_MS, HEALTH_MS, TWIN_MS, DEAD_TIMEOUT.toMillis());
        System.out.printf("%-26s %8s  %16s %8s %8s   %s%n", "run", "wall", "securityHeaders", "tls", "health", "statuses");
        for (Map.Entry<String, List<Run>> entry : runs.entrySet()) {
            List<Run> list = entry.getValue();
            StringBuilder line = new StringBuilder(String.format("%-26s %8.0f ", entry.getKey(), median(list, Run::wallMs)));
            for (String id : CHECKS) {
                boolean ran = list.get(0).durations().containsKey(id);
                line.append(ran ? String.format(" %" + (id.equals("securityHeaders") ? 16 : 8) + ".0f", median(list, r -> r.durations().get(id)))
                        : String.format(" %" + (id.equals("securityHeaders") ? 16 : 8) + "s", "-"));
            }
            System.out.println(line + "   " + list.get(0).statuses().values().stream().map(HttpProbesBenchmark::status).toList());
        }
        System.out.println();
        for (String name : List.of("all three together", "all three, dead endpoint")) {
            System.out.println(name + ":");
            runs.get(name).get(0).statuses().values().forEach(line -> System.out.println("  " + line));
        }

        double slowest = 0;
        String slowestId = null;
        double sum = 0;
        for (String id : CHECKS) {
            double alone = median(runs.get(id + " alone"), Run::wallMs);
            sum += alone;
            if (alone > slowest) {
                slowest = alone;
                slowestId = id;
            }
        }
        double together = median(runs.get("all three together"), Run::wallMs);
        double dead = median(runs.get("all three, dead endpoint"), Run::wallMs);
        System.out.println();
        System.out.printf("together / slowest alone   %5.2f   (%.0f ms / %.0f ms, %s)%n", together / slowest, together, slowest, slowestId);
        System.out.printf("together / sum of alone    %5.2f   (%.0f ms / %.0f ms: what one probe after the other would take)%n",
                together / sum, together, sum);
        System.out.printf("dead endpoint / timeout    %5.2f   (%.0f ms / %d ms, three probes of %d ms each)%n",
                dead / DEAD_TIMEOUT.toMillis(), dead, DEAD_TIMEOUT.toMillis(), DEAD_TIMEOUT.toMillis());
    }

    private static void record(Map<String, List<Run>> runs, String name, int round, Run run) {
        if (round >= 0) {
            runs.computeIfAbsent(name, k -> new ArrayList<>()).add(run);
        }
    }

    /** The checks against a live site whose answers are delayed; each must PASS, or the figures mean nothing. */
    private Run live(List<String> ids) throws Exception {
        try (MockWebServer https = new MockWebServer(); MockWebServer twin = new MockWebServer()) {
            https.useHttps(serverCertificates.sslSocketFactory());
            https.setDispatcher(new Site());
            https.start(InetAddress.getByName("localhost"), 0);
            String page = https.url("/").toString();
            twin.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return new MockResponse.Builder().code(301).setHeader("Location", page)
                            .headersDelay(TWIN_MS, TimeUnit.MILLISECONDS).build();
                }
            });
            twin.start(InetAddress.getByName("localhost"), 0);
            Run run = run(ids, page, twin.url("/").toString(), LIVE_TIMEOUT);
            expect(run, Status.PASS);
            return run;
        }
    }

    /** The checks against an endpoint that accepts connections and never answers; each must be an ERROR. */
    private Run dead(List<String> ids) throws Exception {
        try (DeadEndpoint endpoint = new DeadEndpoint()) {
            Run run = run(ids, "https://localhost:" + endpoint.port() + "/", "http://localhost:" + endpoint.port() + "/", DEAD_TIMEOUT);
            expect(run, Status.ERROR);
            return run;
        }
    }

    private Run run(List<String> ids, String target, String httpUrl, Duration timeout) throws Exception {
        Map<String, JsonNode> checks = new LinkedHashMap<>();
        for (String id : ids) {
            ObjectNode params = ConfigBinder.mapper().createObjectNode();
            if (id.equals("securityHeaders")) {
                params.put("httpUrl", httpUrl);
            }
            checks.put(id, params);
        }
        ObjectNode http = ConfigBinder.mapper().createObjectNode()
                .put("timeout", timeout.toMillis() + "ms")
                .put("trustCertificates", trust.toString());
        Plan plan = engine.plan(new ReadinessConfig(null, null, checks, target, http, null, null, null, false), work);
        CheckContext context = CheckContext.builder(work).http(plan.http()).build();
        long start = System.nanoTime();
        Outcome outcome = engine.run(plan, context, Redactor.none());
        double wallMs = (System.nanoTime() - start) / 1e6;
        Map<String, Double> durations = new LinkedHashMap<>();
        Map<String, String> statuses = new LinkedHashMap<>();
        for (CheckRun check : outcome.checks()) {
            durations.put(check.id(), (double) check.durationMs());
            statuses.put(check.id(), check.id() + " " + check.result().status() + ": " + check.result().summary());
        }
        return new Run(wallMs, durations, statuses);
    }

    private static void expect(Run run, Status status) {
        for (String line : run.statuses().values()) {
            if (!line.contains(" " + status + ": ")) {
                throw new IllegalStateException("expected every check to be " + status + ", but " + line);
            }
        }
    }

    private static String status(String line) {
        return line.substring(line.indexOf(' ') + 1, line.indexOf(':'));
    }

    private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> value) {
        double[] sorted = runs.stream().mapToDouble(value).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** One run of the engine: its wall time, each check's own duration and its status line. */
    private record Run(double wallMs, Map<String, Double> durations, Map<String, String> statuses) {
    }

    /** A well-configured site that answers late: the page (A+ headers), its preflight at once, and health UP. */
    private static final class Site extends Dispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String target = request.getTarget();
            if ("OPTIONS".equals(request.getMethod())) {
                return new MockResponse.Builder().code(204).build();
            }
            if ("/actuator/health".equals(target)) {
                return new MockResponse.Builder().setHeader("Content-Type", "application/vnd.spring-boot.actuator.v3+json")
                        .body("{\"status\":\"UP\",\"components\":{\"db\":{\"status\":\"UP\"},\"diskSpace\":{\"status\":\"UP\"}}}")
                        .headersDelay(HEALTH_MS, TimeUnit.MILLISECONDS).build();
            }
            if ("/".equals(target)) {
                return new MockResponse.Builder()
                        .setHeader("Content-Type", "text/html; charset=utf-8")
                        .setHeader("Strict-Transport-Security", "max-age=63072000; includeSubDomains; preload")
                        .setHeader("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                                + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
                        .setHeader("X-Content-Type-Options", "nosniff")
                        .setHeader("X-Frame-Options", "DENY")
                        .setHeader("Referrer-Policy", "no-referrer")
                        .setHeader("Cross-Origin-Resource-Policy", "same-origin")
                        .body("<!doctype html><html><head><title>Shop</title></head><body>Shop</body></html>")
                        .headersDelay(PAGE_MS, TimeUnit.MILLISECONDS).build();
            }
            return new MockResponse.Builder().code(404).build();
        }
    }

    /** A TCP endpoint on loopback that accepts every connection and never reads nor writes a byte. */
    private static final class DeadEndpoint implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> held = new CopyOnWriteArrayList<>();

        DeadEndpoint() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(server.accept());
                    }
                } catch (IOException closed) {
                    // the endpoint was closed: stop accepting
                }
            }, "dead endpoint " + server.getLocalPort());
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}

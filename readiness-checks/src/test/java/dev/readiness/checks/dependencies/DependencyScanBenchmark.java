package dev.readiness.checks.dependencies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.readiness.check.CheckContext;
import dev.readiness.check.DependencyNode;
import dev.readiness.check.Result;
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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.net.ServerSocketFactory;
import mockwebserver3.MockWebServer;

/**
 * Measures the dependency scan: 500 dependencies against an OSV API on loopback (MockWebServer),
 * cold and warm cache, with and without a simulated round-trip latency, against fetching records
 * one at a time as the baseline; and an offline database of the shared advisories replicated under
 * new ids to at least 5,000 records: load (folder and zip) and match. Prints medians.
 *
 * <p>Run with {@code bench/dependency-scan.sh [advisories-folder] [runs]}; the folder defaults to
 * the shared reference {@code osv-advisories}.
 */
public final class DependencyScanBenchmark {

    private static final int DEPENDENCIES = 500;
    private static final int DATABASE_RECORDS = 5_000;

    public static void main(String[] args) throws Exception {
        Path advisories = Path.of(args.length > 0 ? args[0] : "/work/shared/reference/osv-advisories");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Map<String, JsonNode> records = readRecords(advisories);
        System.out.printf(Locale.ROOT, "dependency scan benchmark: %d real advisories from %s, %d runs each, medians%n%n",
                records.size(), advisories, runs);
        online(records, runs);
        offline(records, runs);
    }

    // ---------------------------------------------------------------- online

    private static void online(Map<String, JsonNode> records, int runs) throws Exception {
        Path work = Files.createTempDirectory("depscan-bench");
        OfflineDatabase real = database(work.resolve("real"), records);
        List<Dep> deps = dependencies(records, DEPENDENCIES);
        OsvReplay osv = new OsvReplay();
        records.values().forEach(r -> osv.record(r.toString()));
        int affected = 0;
        for (Dep d : deps) {
            List<String> ids = real.advisories(d.name()).stream()
                    .filter(r -> RangeMatcher.match(r, d.name(), d.version()).affected()).map(OsvRecord::id).toList();
            osv.list(d.name(), d.version(), ids.toArray(String[]::new));
            affected += ids.isEmpty() ? 0 : 1;
        }
        DependencyNode graph = graph(deps);
        System.out.printf(Locale.ROOT, "OSV API on loopback: %d dependencies, %d of them with advisories%n", deps.size(), affected);
        System.out.printf(Locale.ROOT, "%-34s %12s %10s %10s %12s%n", "case", "latency", "requests", "median", "vs baseline");
        for (Duration latency : List.of(Duration.ZERO, Duration.ofMillis(20))) {
            osv.latency(latency);
            try (MockWebServer server = new MockWebServer()) {
                server.setServerSocketFactory(new NoDelayServerSockets());
                server.setDispatcher(osv);
                server.start();
                DependencyScanConfig config = new DependencyScanConfig(null, server.url("/").toString(), null, null, null, null, null);
                OsvClient.Policy oneAtATime = new OsvClient.Policy(4, Duration.ofMillis(500), Duration.ofSeconds(20), 1);
                Measure baseline = measure(runs, server, () -> run(new DependencyScanCheck(oneAtATime, OfflineDatabase.Limits.DEFAULT), config, graph, fresh(work)));
                Measure cold = measure(runs, server, () -> run(new DependencyScanCheck(), config, graph, fresh(work)));
                Path warmCache = fresh(work);
                run(new DependencyScanCheck(), config, graph, warmCache);
                Measure warm = measure(runs, server, () -> run(new DependencyScanCheck(), config, graph, warmCache));
                String ms = latency.toMillis() + " ms";
                print("cold cache, records 1 at a time", ms, baseline, baseline);
                print("cold cache, records 8 at a time", ms, cold, baseline);
                print("warm cache", ms, warm, baseline);
            }
        }
        System.out.println();
    }

    /**
     * Server sockets whose connections send at once (TCP_NODELAY): MockWebServer writes a response's
     * head and body separately, and with Nagle's algorithm the body waits for the client's delayed
     * ACK (40 ms on Linux), which would swamp every figure here and is no part of the real API.
     */
    private static final class NoDelayServerSockets extends ServerSocketFactory {
        @Override
        public ServerSocket createServerSocket() throws IOException {
            return new ServerSocket() {
                @Override
                public Socket accept() throws IOException {
                    Socket socket = super.accept();
                    socket.setTcpNoDelay(true);
                    return socket;
                }
            };
        }

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog) throws IOException {
            throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
            throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
        }
    }

    private static Path fresh(Path work) {
        try {
            return Files.createTempDirectory(work, "cache");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Result run(DependencyScanCheck check, DependencyScanConfig config, DependencyNode graph, Path cache) {
        Path basedir = cache.getParent();
        Result result = check.run(config, CheckContext.builder(basedir).dependencies(graph).cacheDirectory(cache).build());
        if (result.status() == Status.ERROR) {
            throw new IllegalStateException(result.summary());
        }
        return result;
    }

    // ---------------------------------------------------------------- offline database

    private static void offline(Map<String, JsonNode> records, int runs) throws Exception {
        Path work = Files.createTempDirectory("depscan-bench-db");
        Map<String, JsonNode> replicated = replicate(records, DATABASE_RECORDS);
        Path folder = work.resolve("Maven");
        write(folder, replicated);
        Path zip = work.resolve("Maven-all.zip");
        zip(zip, replicated);
        Set<String> names = packages(replicated);
        OfflineDatabase loaded = OfflineDatabase.load(folder, "Maven", names, OfflineDatabase.Limits.DEFAULT);
        List<Dep> deps = dependencies(replicated, DEPENDENCIES);
        DependencyNode graph = graph(deps);
        System.out.printf(Locale.ROOT, "offline database: %d records (%d real ones replicated under new ids and package names), "
                        + "%d MiB as a folder, %d MiB zipped; %d dependencies%n", loaded.records(), records.size(),
                size(folder) >> 20, Files.size(zip) >> 20, deps.size());
        System.out.printf(Locale.ROOT, "%-34s %10s%n", "step", "median");
        print("load folder", measure(runs, null, () -> load(folder, names)));
        print("load zip", measure(runs, null, () -> load(zip, names)));
        int[] affected = new int[1];
        print("match " + deps.size() + " dependencies", measure(runs, null, () -> {
            affected[0] = 0;
            for (Dep d : deps) {
                for (OsvRecord r : loaded.advisories(d.name())) {
                    affected[0] += RangeMatcher.match(r, d.name(), d.version()).affected() ? 1 : 0;
                }
            }
            return null;
        }));
        DependencyScanConfig config = new DependencyScanConfig(null, null, "Maven-all.zip", null, null, null, Duration.ZERO);
        Result[] last = new Result[1];
        print("whole check (zip: load + match)", measure(runs, null, () -> last[0] = new DependencyScanCheck().run(config,
                CheckContext.builder(work).dependencies(graph).build())));
        System.out.printf(Locale.ROOT, "(%d advisory matches; the whole check says: %s)%n", affected[0],
                last[0].summary().length() > 160 ? last[0].summary().substring(0, 160) + "..." : last[0].summary());
    }

    private static OfflineDatabase load(Path path, Set<String> packages) {
        try {
            return OfflineDatabase.load(path, path.getFileName().toString(), packages, OfflineDatabase.Limits.DEFAULT);
        } catch (OfflineDatabase.DatabaseException e) {
            throw new IllegalStateException(e.getMessage());
        }
    }

    /** Every package the records name: the database then keeps every record, as a scan of all of them would. */
    private static Set<String> packages(Map<String, JsonNode> records) {
        Set<String> packages = new HashSet<>();
        records.values().forEach(r -> r.path("affected").forEach(a -> packages.add(a.path("package").path("name").asText())));
        return packages;
    }

    /** Copies of the records under new ids ({@code <id>-r<k>}) and package names ({@code <group>.r<k>:<artifact>}). */
    private static Map<String, JsonNode> replicate(Map<String, JsonNode> records, int atLeast) {
        Map<String, JsonNode> out = new TreeMap<>(records);
        for (int k = 1; out.size() < atLeast; k++) {
            for (JsonNode original : records.values()) {
                ObjectNode copy = original.deepCopy();
                copy.put("id", original.path("id").asText() + "-r" + k);
                for (JsonNode affected : copy.path("affected")) {
                    ObjectNode pkg = (ObjectNode) affected.path("package");
                    String name = pkg.path("name").asText();
                    if (name.contains(":")) {
                        pkg.put("name", name.replaceFirst(":", ".r" + k + ":"));
                        pkg.remove("purl");
                    }
                }
                out.put(copy.path("id").asText(), copy);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- inputs

    private record Dep(String name, String version) {
    }

    /**
     * Package versions the records name (listed versions, range bounds), in a fixed order, so that
     * about half are affected and half sit at a fixed version.
     */
    private static List<Dep> dependencies(Map<String, JsonNode> records, int count) {
        TreeMap<String, Dep> candidates = new TreeMap<>();
        for (JsonNode record : records.values()) {
            for (JsonNode affected : record.path("affected")) {
                if (!"Maven".equals(affected.path("package").path("ecosystem").asText())) {
                    continue;
                }
                String name = affected.path("package").path("name").asText();
                List<String> versions = new ArrayList<>();
                affected.path("versions").forEach(v -> versions.add(v.asText()));
                for (JsonNode range : affected.path("ranges")) {
                    for (JsonNode event : range.path("events")) {
                        event.fields().forEachRemaining(e -> {
                            if (!e.getValue().asText().equals("0")) {
                                versions.add(e.getValue().asText());
                            }
                        });
                    }
                }
                for (String version : versions) {
                    candidates.putIfAbsent(Integer.toHexString((name + "@" + version).hashCode()) + name + "@" + version, new Dep(name, version));
                }
            }
        }
        return candidates.values().stream().limit(count).toList();
    }

    private static DependencyNode graph(List<Dep> deps) {
        List<DependencyNode> children = new ArrayList<>();
        for (Dep d : deps) {
            String[] ga = d.name().split(":", 2);
            children.add(new DependencyNode(ga[0], ga[1], d.version(), "compile", List.of()));
        }
        return new DependencyNode("com.example", "bench", "1.0", null, children);
    }

    private static Map<String, JsonNode> readRecords(Path folder) throws IOException {
        Map<String, JsonNode> records = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("[A-Z]+-.*\\.json")).sorted().toList()) {
                JsonNode record = OsvRecord.MAPPER.readTree(file.toFile());
                records.put(record.path("id").asText(), record);
            }
        }
        return records;
    }

    private static OfflineDatabase database(Path folder, Map<String, JsonNode> records) throws Exception {
        write(folder, records);
        return OfflineDatabase.load(folder, folder.getFileName().toString(), packages(records), OfflineDatabase.Limits.DEFAULT);
    }

    private static void write(Path folder, Map<String, JsonNode> records) throws IOException {
        Files.createDirectories(folder);
        for (Map.Entry<String, JsonNode> r : records.entrySet()) {
            Files.write(folder.resolve(r.getKey() + ".json"), OsvRecord.MAPPER.writeValueAsBytes(r.getValue()));
        }
    }

    private static void zip(Path zip, Map<String, JsonNode> records) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, JsonNode> r : records.entrySet()) {
                out.putNextEntry(new ZipEntry(r.getKey() + ".json"));
                out.write(OsvRecord.MAPPER.writeValueAsBytes(r.getValue()));
                out.closeEntry();
            }
        }
    }

    private static long size(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.mapToLong(f -> f.toFile().length()).sum();
        }
    }

    // ---------------------------------------------------------------- measuring

    /** Median wall time and requests per run (after one warm-up run). */
    private record Measure(double medianMillis, long requests) {
    }

    private static Measure measure(int runs, MockWebServer server, Supplier<?> task) {
        task.get();
        List<Double> times = new ArrayList<>();
        long requests = 0;
        for (int i = 0; i < runs; i++) {
            int before = server == null ? 0 : server.getRequestCount();
            long start = System.nanoTime();
            task.get();
            times.add((System.nanoTime() - start) / 1e6);
            requests = server == null ? 0 : server.getRequestCount() - before;
        }
        times.sort(Comparator.naturalOrder());
        return new Measure(times.get(times.size() / 2), requests);
    }

    private static void print(String name, String latency, Measure m, Measure baseline) {
        System.out.printf(Locale.ROOT, "%-34s %12s %10d %8.1f ms %11.2fx%n", name, latency, m.requests(), m.medianMillis(),
                baseline.medianMillis() / m.medianMillis());
    }

    private static void print(String name, Measure m) {
        System.out.printf(Locale.ROOT, "%-34s %7.1f ms%n", name, m.medianMillis());
    }

    private DependencyScanBenchmark() {
    }

    static {
        // Keep MockWebServer's per-request logging out of the figures.
        java.util.logging.Logger.getLogger("mockwebserver3").setLevel(java.util.logging.Level.WARNING);
        java.util.logging.Logger.getLogger(MockWebServer.class.getName()).setLevel(java.util.logging.Level.WARNING);
    }
}

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A small service on loopback for the demo and the HTTP integration tests: HTTPS with the given
 * key store, and its plain-HTTP twin. Mode {@code good} is configured as a careful team would
 * (HSTS, a strict CSP, secure cookies, HTTP redirected to HTTPS, health UP); mode {@code careless}
 * is not (no HSTS, unsafe-inline, an insecure session cookie, no redirect, health DOWN). Modes
 * {@code no-redirect} (plain HTTP serves the page too), {@code no-csp} (no Content-Security-Policy)
 * and {@code no-cookie} (no cookie set) are {@code good} but for that one thing, and still grade B
 * or better.
 *
 * <p>In every mode it also stands in for what the post-deployment ITs ask: {@code /api/v1/query} answers, as a Prometheus
 * server would, the recorded answer in {@code prometheus-answer.json} of its working folder (404 without one), and
 * {@code /api/limited} answers its first 5 requests and every later one with 429 and {@code Retry-After}, as a
 * limiter whose window outlasts the run.
 *
 * <p>Run with the JDK alone: {@code java DemoService.java <mode> <keystore.p12> <password> <ports-file> [token]}.
 * With a token, the health endpoint answers 401 unless the request carries {@code Authorization: Bearer <token>}.
 * {@code /v3/api-docs} serves its OpenAPI spec as springdoc writes it, {@code /actuator/prometheus} a Micrometer
 * exposition, and {@code /shop/} a storefront whose script and stylesheet under {@code /assets/} are fingerprinted,
 * minified and cached for a year.
 * {@code /actuator/info}, {@code /actuator/flyway} and {@code /demo/actuator/info} answer the files
 * {@code actuator-info.json}, {@code actuator-flyway.json} and {@code demo-actuator-info.json} of its working folder,
 * or 404 when there is none.
 * It binds free ports on 127.0.0.1, writes {@code https=N} and {@code http=N} to the ports file,
 * and serves until killed (or for at most 30 minutes).
 */
public class DemoService {

    /** The service's OpenAPI spec, in the shape springdoc-openapi serves at /v3/api-docs. */
    /** The Prometheus exposition Micrometer would serve: runtime metrics, an application counter, the connection pool. */
    private static final String METRICS = """
            # HELP jvm_memory_used_bytes The amount of used memory
            # TYPE jvm_memory_used_bytes gauge
            jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 2.5165824E7
            # HELP process_cpu_usage The "recent cpu usage" for the Java Virtual Machine process
            # TYPE process_cpu_usage gauge
            process_cpu_usage 0.0123
            # HELP hikaricp_connections_max Max connections
            # TYPE hikaricp_connections_max gauge
            hikaricp_connections_max{pool="HikariPool-1"} 10.0
            # HELP shop_orders_placed_total Orders placed
            # TYPE shop_orders_placed_total counter
            shop_orders_placed_total{channel="web"} 42.0
            """;

    /** The shop's storefront: a page linking a fingerprinted, minified script and stylesheet. */
    private static final String SHOP_PAGE = "<!doctype html><html><head><title>Demo shop</title>"
            + "<link rel=\"stylesheet\" href=\"/assets/app.3f9a1c2e.min.css\"></head>"
            + "<body><div id=\"cart\">Cart</div><script src=\"/assets/app.3f9a1c2e.min.js\"></script></body></html>";

    private static final Map<String, String> ASSETS = Map.of(
            "app.3f9a1c2e.min.js", "\"use strict\";(function(){var e=document.querySelector(\"#cart\");e&&e.addEventListener(\"click\","
                    + "function(){e.classList.toggle(\"open\")})})();",
            "app.3f9a1c2e.min.css", "body{margin:0;font:16px/1.5 system-ui,sans-serif}#cart{cursor:pointer}.open{outline:2px solid #0a7}");

    private static final String API_DOCS = "{\"openapi\":\"3.0.1\",\"info\":{\"title\":\"Demo shop\",\"version\":\"v0\"},"
            + "\"security\":[{\"bearerAuth\":[]}],\"paths\":{"
            + "\"/api/orders\":{\"get\":{\"operationId\":\"orders\",\"responses\":{\"200\":{\"description\":\"OK\"}}},"
            + "\"post\":{\"operationId\":\"place\",\"requestBody\":{\"content\":{\"application/json\":{\"schema\":"
            + "{\"$ref\":\"#/components/schemas/OrderRequest\"}}},\"required\":true},\"responses\":{\"201\":{\"description\":\"Created\"}}}},"
            + "\"/api/orders/{orderId}\":{\"get\":{\"operationId\":\"order\",\"parameters\":[{\"name\":\"orderId\",\"in\":\"path\","
            + "\"required\":true,\"schema\":{\"maximum\":9999999999,\"minimum\":1,\"type\":\"integer\",\"format\":\"int64\"}}],"
            + "\"responses\":{\"200\":{\"description\":\"OK\"}}}},"
            + "\"/actuator/health\":{\"get\":{\"operationId\":\"health\",\"security\":[],\"responses\":{\"200\":{\"description\":\"OK\"}}}}},"
            + "\"components\":{\"schemas\":{\"OrderRequest\":{\"required\":[\"sku\"],\"type\":\"object\",\"properties\":{\"sku\":"
            + "{\"maxLength\":32,\"pattern\":\"[A-Z0-9-]+\",\"type\":\"string\"}}}},"
            + "\"securitySchemes\":{\"bearerAuth\":{\"type\":\"http\",\"scheme\":\"bearer\",\"bearerFormat\":\"JWT\"}}}}";

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        if (!List.of("good", "careless", "no-redirect", "no-csp", "no-cookie").contains(mode)) {
            throw new IllegalArgumentException("unknown mode " + mode + ": good, careless, no-redirect, no-csp or no-cookie");
        }
        boolean good = !mode.equals("careless");
        Path keystore = Path.of(args[1]);
        char[] password = args[2].toCharArray();
        Path portsFile = Path.of(args[3]);
        String token = args.length > 4 ? args[4] : null;
        InetAddress loopback = InetAddress.getLoopbackAddress();

        HttpsServer https = HttpsServer.create(new InetSocketAddress(loopback, 0), 16);
        https.setHttpsConfigurator(new HttpsConfigurator(sslContext(keystore, password)));
        HttpServer http = HttpServer.create(new InetSocketAddress(loopback, 0), 16);
        int httpsPort = https.getAddress().getPort();

        https.createContext("/", exchange -> page(exchange, mode));
        https.createContext("/actuator/health", exchange -> {
            if (token != null && !("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
                send(exchange, 401, "text/plain", "unauthorized");
            } else {
                health(exchange, good);
            }
        });
        https.createContext("/api/v1/query", exchange -> {
            Path answer = Path.of("prometheus-answer.json");
            if (Files.isRegularFile(answer)) {
                send(exchange, 200, "application/json", Files.readString(answer));
            } else {
                send(exchange, 404, "text/plain", "no recorded Prometheus answer");
            }
        });
        java.util.concurrent.atomic.AtomicInteger limited = new java.util.concurrent.atomic.AtomicInteger();
        https.createContext("/api/limited", exchange -> {
            if (limited.incrementAndGet() <= 5) {
                send(exchange, 200, "application/json", "[{\"sku\":\"A1\"}]");
            } else {
                exchange.getResponseHeaders().set("Retry-After", "60");
                send(exchange, 429, "application/problem+json", "{\"title\":\"Too Many Requests\",\"status\":429}");
            }
        });
        https.createContext("/v3/api-docs", exchange -> send(exchange, 200, "application/json", API_DOCS));
        https.createContext("/actuator/prometheus", exchange -> send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", METRICS));
        https.createContext("/shop/", exchange -> send(exchange, 200, "text/html; charset=utf-8", SHOP_PAGE));
        https.createContext("/assets/", DemoService::asset);
        for (String path : List.of("/actuator/info", "/actuator/flyway", "/demo/actuator/info")) {
            https.createContext(path, exchange -> fixed(exchange, path));
        }
        http.createContext("/", exchange -> {
            if (good && !mode.equals("no-redirect")) {
                exchange.getResponseHeaders().set("Location", "https://localhost:" + httpsPort + exchange.getRequestURI());
                send(exchange, 301, "text/plain", "moved to HTTPS");
            } else {
                page(exchange, mode);
            }
        });
        https.setExecutor(Executors.newFixedThreadPool(4));
        http.setExecutor(Executors.newFixedThreadPool(2));
        https.start();
        http.start();
        Path partial = portsFile.resolveSibling(portsFile.getFileName() + ".tmp");
        Files.writeString(partial, "https=" + httpsPort + "\nhttp=" + http.getAddress().getPort() + "\n");
        Files.move(partial, portsFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.out.println("demo service (" + mode + ") on https://localhost:" + httpsPort + "/ and http://localhost:" + http.getAddress().getPort() + "/");
        Thread.sleep(30 * 60 * 1000L);
        https.stop(0);
        http.stop(0);
        System.exit(0);
    }

    private static SSLContext sslContext(Path keystore, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static void page(HttpExchange exchange, String mode) throws IOException {
        Map<String, String> headers = new HashMap<>(!mode.equals("careless")
                ? Map.of("Strict-Transport-Security", "max-age=63072000; includeSubDomains; preload",
                        "Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                                + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
                        "X-Content-Type-Options", "nosniff",
                        "X-Frame-Options", "DENY",
                        "Referrer-Policy", "no-referrer",
                        "Cross-Origin-Resource-Policy", "same-origin",
                        "Set-Cookie", "SESSIONID=d3m0; Path=/; Secure; HttpOnly; SameSite=Strict")
                : Map.of("Content-Security-Policy", "default-src 'self' 'unsafe-inline'",
                        "Set-Cookie", "SESSIONID=d3m0; Path=/"));
        if (mode.equals("no-csp")) {
            headers.remove("Content-Security-Policy");
        } else if (mode.equals("no-cookie")) {
            headers.remove("Set-Cookie");
        }
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        send(exchange, 200, "text/html; charset=utf-8", "<!doctype html><html><head><title>Demo shop</title></head><body>Demo shop</body></html>");
    }

    private static void health(HttpExchange exchange, boolean good) throws IOException {
        String body = good
                ? "{\"status\":\"UP\",\"components\":{\"db\":{\"status\":\"UP\",\"details\":{\"database\":\"H2\"}},\"diskSpace\":{\"status\":\"UP\"}}}"
                : "{\"status\":\"DOWN\",\"components\":{\"db\":{\"status\":\"DOWN\",\"details\":{\"error\":\"java.net.ConnectException: Connection refused\"}},\"diskSpace\":{\"status\":\"UP\"}}}";
        send(exchange, good ? 200 : 503, "application/vnd.spring-boot.actuator.v3+json", body);
    }

    /**
     * An Actuator answer a test wrote beside the keystore before starting the service, named by its path
     * ({@code /actuator/info} is {@code actuator-info.json}); 404 when the test wrote none.
     */
    private static void fixed(HttpExchange exchange, String path) throws IOException {
        Path file = Path.of(path.substring(1).replace('/', '-') + ".json");
        if (!exchange.getRequestURI().getPath().equals(path) || !Files.isRegularFile(file)) {
            send(exchange, 404, "text/plain", "not found");
        } else {
            send(exchange, 200, "application/vnd.spring-boot.actuator.v3+json", Files.readString(file));
        }
    }

    /**
     * A fingerprinted, minified asset of the shop page, cached for a year, with an ETag that a revalidation answers
     * with 304.
     */
    private static void asset(HttpExchange exchange) throws IOException {
        String name = exchange.getRequestURI().getPath().substring("/assets/".length());
        String body = ASSETS.get(name);
        if (body == null) {
            send(exchange, 404, "text/plain", "no such asset");
            return;
        }
        String etag = "\"" + Integer.toHexString(body.hashCode()) + "\"";
        exchange.getResponseHeaders().set("Cache-Control", "public, max-age=31536000, immutable");
        exchange.getResponseHeaders().set("ETag", etag);
        if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
            exchange.sendResponseHeaders(304, -1);
            exchange.close();
            return;
        }
        send(exchange, 200, name.endsWith(".js") ? "text/javascript" : "text/css", body);
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}

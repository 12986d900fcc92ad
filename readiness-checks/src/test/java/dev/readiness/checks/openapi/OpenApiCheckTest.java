package dev.readiness.checks.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.readiness.check.CheckContext;
import dev.readiness.check.Finding;
import dev.readiness.check.HttpSettings;
import dev.readiness.check.Result;
import dev.readiness.check.Stage;
import dev.readiness.check.Status;
import dev.readiness.checks.ClassLoaderWithout;
import dev.readiness.checks.http.LoopbackServer;
import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code openApi} check on real specs: a springdoc {@code /v3/api-docs} answer for a Spring MVC controller with
 * {@code @Valid} constraints, the spec committed at the orders service's last release, the OAI Petstore, a Swagger 2.0
 * Petstore; the live spec served by the JDK's HTTP server on loopback.
 */
class OpenApiCheckTest {

    @TempDir
    Path project;

    private final OpenApiCheck check = new OpenApiCheck();
    private LoopbackServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String fixture(String name) throws Exception {
        return Files.readString(Path.of(OpenApiCheckTest.class.getResource(name).toURI()));
    }

    private void commit(String fixture, String as) throws Exception {
        Path file = project.resolve(as);
        Files.createDirectories(file.getParent());
        Files.writeString(file, fixture(fixture));
    }

    private Result build(OpenApiConfig config) throws Exception {
        return check.run(config, CheckContext.builder(project).build());
    }

    private LoopbackServer serving(String fixture) throws Exception {
        String spec = fixture(fixture);
        server = new LoopbackServer().on("/v3/api-docs", LoopbackServer.json(200, spec));
        return server;
    }

    private Result postDeploy(OpenApiConfig config, Map<String, String> headers) throws Exception {
        HttpSettings http = new HttpSettings(URI.create(server.url()), Duration.ofSeconds(5), null, headers, null);
        return check.run(config, CheckContext.builder(project).http(http).stage(Stage.POST_DEPLOY)
                .boundClaims(java.util.Set.of(OpenApiCheck.ANONYMOUS)).build());
    }

    private static List<String> keys(Result result) {
        return result.findings().stream().map(Finding::key).toList();
    }

    // --- build stage: inputs and security ---------------------------------------------------------------------------------

    @Test
    void passesInputsAndSecurityOfTheSpringdocSpecWhenItsStatusEndpointIsListedPublic() throws Exception {
        commit("springdoc-orders.json", "src/main/resources/openapi.json");

        Result result = build(new OpenApiConfig(null, null, List.of("GET /api/status"), null));

        assertThat(result.status()).isEqualTo(Status.SKIPPED);
        assertThat(result.evidence()).containsEntry("spec", "src/main/resources/openapi.json").containsEntry("operations", 6);
        Result inputs = result.claims().get(OpenApiCheck.INPUTS);
        assertThat(inputs.status()).as(inputs.summary()).isEqualTo(Status.PASS);
        assertThat(inputs.summary()).isEqualTo("every parameter and request-body schema of 6 operations in src/main/resources/openapi.json"
                + " is bounded");
        Result security = result.claims().get(OpenApiCheck.SECURITY);
        assertThat(security.status()).isEqualTo(Status.PASS);
        assertThat(security.measured()).isEqualTo("0 of 6 open");
    }

    @Test
    void failsSecurityNamingTheOperationThatOptsOutOfTheGlobalScheme() throws Exception {
        commit("springdoc-orders.json", "src/main/resources/openapi.json");

        Result security = build(OpenApiConfig.defaults()).claims().get(OpenApiCheck.SECURITY);

        assertThat(security.status()).isEqualTo(Status.FAIL);
        assertThat(security.summary()).isEqualTo("1 operation of src/main/resources/openapi.json declares no security: GET /api/status");
        assertThat(keys(security)).containsExactly("unsecured:GET /api/status");
        assertThat(security.findings().get(0).location()).isEqualTo("src/main/resources/openapi.json#/paths/~1api~1status/get");
    }

    @Test
    void failsInputsOfThePetstoreNamingEachUnboundedSchemaByItsPointer() throws Exception {
        commit("petstore.yaml", "openapi.yaml");

        Result result = build(OpenApiConfig.defaults());

        Result inputs = result.claims().get(OpenApiCheck.INPUTS);
        assertThat(inputs.status()).isEqualTo(Status.FAIL);
        assertThat(keys(inputs)).containsExactly("unbounded:/paths/~1pets/get/parameters/0/schema",
                "unbounded:/paths/~1pets~1{petId}/get/parameters/0/schema");
        assertThat(inputs.findings().get(0).message()).isEqualTo("GET /pets: /paths/~1pets/get/parameters/0/schema is an integer"
                + " without minimum");
        assertThat(inputs.findings().get(1).message()).isEqualTo("GET /pets/{petId}: /paths/~1pets~1{petId}/get/parameters/0/schema"
                + " is a string without maxLength, pattern, enum or format");
        Result security = result.claims().get(OpenApiCheck.SECURITY);
        assertThat(security.status()).isEqualTo(Status.FAIL);
        assertThat(keys(security)).containsExactly("unsecured:GET /pets", "unsecured:POST /pets", "unsecured:GET /pets/{}");
    }

    @Test
    void followsTheSpecsOwnComponentReferencesToTheSchemaThatIsUnbounded() throws Exception {
        Files.writeString(project.resolve("openapi.yaml"), fixture("orders-committed.yaml")
                .replace("          maxLength: 32\n          pattern: \"[A-Z0-9-]+\"\n", ""));

        Result inputs = build(OpenApiConfig.defaults()).claims().get(OpenApiCheck.INPUTS);

        assertThat(inputs.status()).isEqualTo(Status.FAIL);
        assertThat(keys(inputs)).containsExactly("unbounded:/components/schemas/OrderRequest/properties/sku");
    }

    @Test
    void isErrorNamingWhereItLookedWhenNoSpecIsCommitted() throws Exception {
        Result result = build(OpenApiConfig.defaults());

        Result inputs = result.claims().get(OpenApiCheck.INPUTS);
        assertThat(inputs.status()).isEqualTo(Status.ERROR);
        assertThat(inputs.summary()).isEqualTo("no OpenAPI spec was found: looked for src/main/resources/openapi.yaml,"
                + " src/main/resources/openapi.json, openapi.yaml, openapi.json");
        assertThat(result.claims().get(OpenApiCheck.SECURITY).status()).isEqualTo(Status.ERROR);
    }

    // --- hostile specs ----------------------------------------------------------------------------------------------------

    @Test
    void isErrorWithTheLineWhenTheSpecIsNotYaml() throws Exception {
        commit("not-yaml.yaml", "openapi.yaml");

        Result inputs = build(OpenApiConfig.defaults()).claims().get(OpenApiCheck.INPUTS);

        assertThat(inputs.status()).isEqualTo(Status.ERROR);
        assertThat(inputs.summary()).startsWith("openapi.yaml could not be read into an OpenAPI model: openapi.yaml line ")
                .contains("is not valid YAML or JSON");
        assertThat(inputs.findings().get(0).location()).matches("openapi\\.yaml:\\d+");
    }

    @Test
    void refusesA50MegabyteSpecWithoutReadingIt() throws Exception {
        Path spec = project.resolve("openapi.yaml");
        Files.writeString(spec, "openapi: 3.0.3\ninfo: {title: big, version: '1'}\npaths: {}\n#");
        try (RandomAccessFile file = new RandomAccessFile(spec.toFile(), "rw")) {
            file.setLength(50L * 1024 * 1024);
        }

        Result inputs = build(OpenApiConfig.defaults()).claims().get(OpenApiCheck.INPUTS);

        assertThat(inputs.status()).isEqualTo(Status.ERROR);
        assertThat(inputs.summary()).isEqualTo("openapi.yaml is 52428800 bytes, more than the 8388608 read at most; not read");
    }

    @Test
    void saysASwagger2SpecIsNotRead() throws Exception {
        commit("petstore-swagger2.json", "openapi.json");

        Result inputs = build(OpenApiConfig.defaults()).claims().get(OpenApiCheck.INPUTS);

        assertThat(inputs.status()).isEqualTo(Status.ERROR);
        assertThat(inputs.summary()).isEqualTo("openapi.json is a Swagger/OpenAPI 2.0 document; OpenAPI 3.x is read (convert it, e.g."
                + " with swagger2openapi, or have springdoc emit 3.x)");
    }

    @Test
    void neverFetchesARemoteReferenceAndSaysTheSchemaWasNotJudged() throws Exception {
        server = new LoopbackServer().on("/", LoopbackServer.json(200, "{\"type\":\"string\"}"));
        String remote = server.url() + "/schemas/order.json";
        Files.writeString(project.resolve("openapi.yaml"), """
                openapi: 3.0.3
                info: {title: Orders API, version: "1.0"}
                security: [{bearerAuth: []}]
                paths:
                  /api/orders:
                    post:
                      requestBody:
                        content:
                          application/json:
                            schema:
                              $ref: "%s"
                      responses:
                        "201": {description: Created}
                components:
                  securitySchemes:
                    bearerAuth: {type: http, scheme: bearer}
                """.formatted(remote));

        Result inputs = build(OpenApiConfig.defaults()).claims().get(OpenApiCheck.INPUTS);

        assertThat(server.received).isEmpty();
        assertThat(inputs.status()).isEqualTo(Status.ERROR);
        assertThat(inputs.summary()).isEqualTo("1 input schema of openapi.yaml could not be judged: POST /api/orders:"
                + " /paths/~1api~1orders/post/requestBody/content/application~1json/schema is a reference to " + remote
                + ", outside this spec (not fetched); not judged");
    }

    // --- postDeploy: the live spec ----------------------------------------------------------------------------------------

    @Test
    void passesWhenTheCommittedSpecListsTheLiveOperations() throws Exception {
        commit("springdoc-orders.json", "src/main/resources/openapi.json");
        serving("springdoc-orders.json");

        Result result = postDeploy(OpenApiConfig.defaults(), Map.of());

        assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo("src/main/resources/openapi.json validates and lists the same 6 operations as the live"
                + " spec " + server.url() + "/v3/api-docs");
        assertThat(server.received).extracting(LoopbackServer.Received::pathAndQuery).containsExactly("/v3/api-docs");
    }

    @Test
    void failsNamingTheServedOperationMissingFromTheCommittedSpec() throws Exception {
        commit("orders-committed.yaml", "src/main/resources/openapi.yaml");
        serving("springdoc-orders.json");

        Result result = postDeploy(OpenApiConfig.defaults(), Map.of());

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("1 served operation missing from src/main/resources/openapi.yaml: DELETE"
                + " /api/orders/{orderId}");
        assertThat(keys(result)).containsExactly("undocumented:DELETE /api/orders/{}");
        assertThat(result.measured()).isEqualTo("5 of 6 operations documented, 0 not served");
    }

    @Test
    void failsWithSwaggerParsersMessagesWhenTheCommittedSpecDoesNotValidate() throws Exception {
        commit("invalid.yaml", "openapi.yaml");
        server = new LoopbackServer().on("/v3/api-docs", LoopbackServer.json(200, """
                {"openapi":"3.0.1","info":{"title":"t","version":"v0"},"paths":{"/api/orders":{"get":{"responses":{"200":{"description":"OK"}}}}}}"""));

        Result result = postDeploy(OpenApiConfig.defaults(), Map.of());

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).startsWith("openapi.yaml does not validate (");
        assertThat(result.findings()).extracting(Finding::message).contains("openapi.yaml: attribute info.version is missing");
    }

    @Test
    void isErrorWhenTheLiveServiceCannotBeReached() throws Exception {
        commit("springdoc-orders.json", "openapi.json");
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        HttpSettings http = new HttpSettings(URI.create("http://127.0.0.1:" + closed), Duration.ofSeconds(2), null, null, null);

        Result result = check.run(OpenApiConfig.defaults(), CheckContext.builder(project).http(http).stage(Stage.POST_DEPLOY).build());

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("the live spec could not be read: could not connect to 127.0.0.1:" + closed
                + " within 2s: connection refused");
    }

    @Test
    void isErrorNamingTheTrustFileWhenItHoldsNoCertificate() throws Exception {
        commit("springdoc-orders.json", "openapi.json");
        serving("springdoc-orders.json");
        Path pem = Files.writeString(project.resolve("empty.pem"), "not a certificate\n");
        HttpSettings http = new HttpSettings(URI.create(server.url()), Duration.ofSeconds(2), pem, null, null);

        Result result = check.run(OpenApiConfig.defaults(), CheckContext.builder(project).http(http).stage(Stage.POST_DEPLOY).build());

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).startsWith("openApi cannot call " + server.url() + "/v3/api-docs: ").contains("empty.pem");
        assertThat(result.remedy()).isEqualTo("Point <http><trustCertificates> at a readable PEM file of CA certificates.");
        assertThat(server.received).isEmpty();
    }

    // --- postDeploy: the anonymous probe ----------------------------------------------------------------------------------

    @Test
    void anonymousProbeFailsNamingTheSecuredOperationThatAnswersWithoutCredentials() throws Exception {
        commit("springdoc-orders.json", "openapi.json");
        serving("springdoc-orders.json").on("/api/orders", LoopbackServer.json(200, "[]"));

        Result result = postDeploy(new OpenApiConfig(null, null, null, true), Map.of("Authorization", "Bearer it-secret-token"));

        Result anonymous = result.claims().get(OpenApiCheck.ANONYMOUS);
        assertThat(anonymous.status()).isEqualTo(Status.FAIL);
        assertThat(keys(anonymous)).containsExactly("anonymous:GET /api/orders");
        assertThat(anonymous.findings().get(0).message()).isEqualTo("GET /api/orders (" + server.url() + "/api/orders) answered HTTP 200"
                + " without credentials, expected 401 or 403");
        LoopbackServer.Received probe = server.received.stream().filter(r -> r.pathAndQuery().equals("/api/orders")).findFirst().orElseThrow();
        assertThat(probe.header("Authorization")).isNull();
        assertThat(server.received.stream().filter(r -> r.pathAndQuery().equals("/v3/api-docs")).findFirst().orElseThrow()
                .header("Authorization")).isEqualTo("Bearer it-secret-token");
        assertThat(server.received).hasSize(2);
    }

    @Test
    void anonymousProbePassesWhenEverySecuredGetAnswers401() throws Exception {
        commit("springdoc-orders.json", "openapi.json");
        serving("springdoc-orders.json").on("/api/orders", LoopbackServer.json(401, "{\"error\":\"unauthorized\"}"));

        Result anonymous = postDeploy(new OpenApiConfig(null, null, null, true), Map.of()).claims().get(OpenApiCheck.ANONYMOUS);

        assertThat(anonymous.status()).isEqualTo(Status.PASS);
        assertThat(anonymous.summary()).isEqualTo("all 1 secured GET operation answered 401 or 403 without credentials");
    }

    @Test
    void anonymousProbeSendsNothingUnlessTurnedOn() throws Exception {
        commit("springdoc-orders.json", "openapi.json");
        serving("springdoc-orders.json");

        Result anonymous = postDeploy(OpenApiConfig.defaults(), Map.of()).claims().get(OpenApiCheck.ANONYMOUS);

        assertThat(anonymous.status()).isEqualTo(Status.SKIPPED);
        assertThat(server.received).extracting(LoopbackServer.Received::pathAndQuery).containsExactly("/v3/api-docs");
    }

    // --- swagger-parser is loaded only when used ---------------------------------------------------------------------------

    @Test
    void discoversEveryCheckAndRunsTheDocsCheckWithoutASpecWhileSwaggerParserCannotBeLoaded() throws Exception {
        ClassLoader loader = new ClassLoaderWithout("io.swagger.");
        Class<?> engine = loader.loadClass("dev.readiness.engine.Engine");
        Object discovered = engine.getMethod("discover", ClassLoader.class).invoke(null, loader);
        @SuppressWarnings("unchecked")
        Map<String, Object> checks = (Map<String, Object>) engine.getMethod("available").invoke(discovered);
        assertThat(checks.keySet()).contains("docs", "openApi");
        for (Object each : checks.values()) {
            assertThat(each.getClass().getClassLoader()).isSameAs(loader);
            each.getClass().getMethod("claims").invoke(each);
            each.getClass().getMethod("configType").invoke(each);
        }
        Object docs = checks.get("docs");
        Class<?> contextType = loader.loadClass("dev.readiness.check.CheckContext");
        Object builder = contextType.getMethod("builder", Path.class).invoke(null, project);
        Object context = builder.getClass().getMethod("build").invoke(builder);
        Object config = loader.loadClass("dev.readiness.checks.docs.DocsConfig").getMethod("defaults").invoke(null);
        Object result = docs.getClass().getMethod("run", Record.class, contextType).invoke(docs, config, context);

        assertThat(result.getClass().getMethod("summary").invoke(result))
                .isEqualTo("no OpenAPI spec is named (<openApi>), so the API documentation is not judged");
        assertThatThrownBy(() -> loader.loadClass("io.swagger.v3.parser.OpenAPIV3Parser")).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void isErrorNamingTheDependencyToAddWhenASpecIsThereButSwaggerParserIsNot() throws Exception {
        commit("petstore.yaml", "openapi.yaml");
        ClassLoader loader = new ClassLoaderWithout("io.swagger.");
        Object openApi = loader.loadClass(OpenApiCheck.class.getName()).getConstructor().newInstance();
        Class<?> contextType = loader.loadClass(CheckContext.class.getName());
        Object builder = contextType.getMethod("builder", Path.class).invoke(null, project);
        Object context = builder.getClass().getMethod("build").invoke(builder);
        Object config = loader.loadClass(OpenApiConfig.class.getName()).getMethod("defaults").invoke(null);

        Object result = openApi.getClass().getMethod("run", loader.loadClass(OpenApiConfig.class.getName()), contextType)
                .invoke(openApi, config, context);
        Object inputs = ((Map<?, ?>) result.getClass().getMethod("claims").invoke(result)).get(OpenApiCheck.INPUTS);

        assertThat(inputs.getClass().getMethod("status").invoke(inputs)).hasToString("ERROR");
        assertThat(inputs.getClass().getMethod("summary").invoke(inputs)).isEqualTo("reading the OpenAPI spec openapi.yaml needs "
                + "io.swagger.parser.v3:swagger-parser-v3:2.1.48, which the plugin does not carry unless the project adds it");
        assertThat(inputs.getClass().getMethod("remedy").invoke(inputs)).isEqualTo("Add under the readiness-maven-plugin's "
                + "<dependencies>: <dependency><groupId>io.swagger.parser.v3</groupId><artifactId>swagger-parser-v3</artifactId>"
                + "<version>2.1.48</version></dependency>.");
    }
}

package dev.readiness.checks.openapi;

import dev.readiness.check.Param;
import java.util.List;

/**
 * Configuration of the {@code openApi} check.
 *
 * @param spec             the committed spec, relative to the project folder; {@code null} probes {@link #DEFAULT_SPECS}
 * @param url              the live spec's URL; {@code null} means the target with {@code /v3/api-docs}
 * @param publicOperations operations meant to be called without credentials: {@code GET /health}, or a path for every method
 * @param anonymousProbe   whether the postDeploy run calls each secured GET operation once without credentials
 */
public record OpenApiConfig(
        @Param("the committed OpenAPI 3.x spec (YAML or JSON), relative to the project folder; default the first of"
                + " src/main/resources/openapi.yaml, src/main/resources/openapi.json, openapi.yaml and openapi.json that exists")
        String spec,
        @Param("the URL of the live spec the deployed service serves; default the target with /v3/api-docs (springdoc's)")
        String url,
        @Param("operations meant to be called without credentials, as METHOD /path (GET /health) or a path alone for every"
                + " method; path variables may be named differently; default none")
        List<String> publicOperations,
        @Param("in the postDeploy run, call each secured GET operation without path parameters once, without credentials,"
                + " and expect 401 or 403 (sends traffic to the live service, at most " + OpenApiCheck.MAX_PROBES
                + " calls); default false")
        Boolean anonymousProbe) {

    /** The specs looked for, in order, when {@code spec} is not set. */
    public static final List<String> DEFAULT_SPECS = List.of("src/main/resources/openapi.yaml", "src/main/resources/openapi.json",
            "openapi.yaml", "openapi.json");

    public OpenApiConfig {
        spec = spec == null || spec.isBlank() ? null : spec.strip();
        url = url == null || url.isBlank() ? null : url.strip();
        publicOperations = publicOperations == null ? List.of() : publicOperations.stream().map(OpenApiConfig::publicOperation).toList();
        anonymousProbe = anonymousProbe != null && anonymousProbe;
    }

    private static String publicOperation(String entry) {
        String value = entry == null ? "" : entry.strip();
        String path = value.contains(" ") ? value.substring(value.lastIndexOf(' ') + 1) : value;
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("publicOperations: '" + dev.readiness.text.Words.oneLine(value, 100)
                    + "' is not an operation: write METHOD /path (GET /health) or a path (/health)");
        }
        return value;
    }

    /** Whether the allow-list names this operation. */
    boolean isPublic(Operation operation) {
        return publicOperations.stream().anyMatch(entry -> {
            Operation listed = entry.contains(" ")
                    ? Operation.of(entry.substring(0, entry.indexOf(' ')), entry.substring(entry.lastIndexOf(' ') + 1))
                    : Operation.of(operation.method(), entry);
            return listed.key().equals(operation.key());
        });
    }

    public static OpenApiConfig defaults() {
        return new OpenApiConfig(null, null, null, null);
    }
}

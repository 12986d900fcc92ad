package dev.readiness.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.readiness.io.BoundedInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code readiness.yaml} at the project root: the same configuration as the POM's
 * ({@code checklist}, {@code target}, {@code http}, {@code checkTimeout}, {@code failOnWarnings},
 * {@code checks}). Unknown top-level keys are errors that list the known ones.
 *
 * @param checks check id to raw parameters, in file order
 */
public record ReadinessYaml(String checklist, String target, JsonNode http, String checkTimeout, Boolean failOnWarnings,
                            Map<String, JsonNode> checks) {

    public static final String FILE = "readiness.yaml";

    static final List<String> KEYS = List.of("checklist", "target", "http", "checkTimeout", "failOnWarnings", "checks");

    private static final long MAX_BYTES = 1024 * 1024;

    private static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
            .loaderOptions(limitedLoader()).build()).build();

    private static org.yaml.snakeyaml.LoaderOptions limitedLoader() {
        org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit((int) MAX_BYTES);
        return options;
    }

    /** Reads the file, or returns {@code null} when it does not exist. */
    public static ReadinessYaml read(Path file) throws ConfigurationException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        JsonNode root;
        try (InputStream in = new BoundedInput(Files.newInputStream(file), MAX_BYTES, FILE)) {
            root = YAML.readTree(in);
        } catch (IOException e) {
            throw new ConfigurationException(FILE + " is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return new ReadinessYaml(null, null, null, null, null, Map.of());
        }
        if (!root.isObject()) {
            throw new ConfigurationException(FILE + " must be a mapping with the keys " + String.join(", ", KEYS));
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw new ConfigurationException(FILE + ": unknown key '" + name + "'" + ConfigBinder.suggestion(name, KEYS)
                        + "; known keys: " + String.join(", ", KEYS));
            }
        }
        Map<String, JsonNode> checks = new LinkedHashMap<>();
        JsonNode checksNode = root.get("checks");
        if (checksNode != null && !checksNode.isNull()) {
            if (!checksNode.isObject()) {
                throw new ConfigurationException(FILE + ": checks must map each check id to its parameters, e.g. 'coverage: {minimum: 80%}'");
            }
            checksNode.fields().forEachRemaining(e -> checks.put(e.getKey(), e.getValue()));
        }
        return new ReadinessYaml(text(root, "checklist"), text(root, "target"), root.get("http"), text(root, "checkTimeout"),
                root.hasNonNull("failOnWarnings") ? root.get("failOnWarnings").asBoolean() : null, checks);
    }

    private static String text(JsonNode root, String key) {
        JsonNode node = root.get(key);
        return node == null || node.isNull() ? null : node.asText();
    }
}

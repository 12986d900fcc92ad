package dev.readiness.engine;

import static dev.readiness.fuzz.FuzzContract.check;
import static dev.readiness.fuzz.FuzzContract.isOneLine;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.readiness.checks.coverage.CoverageConfig;
import dev.readiness.checks.dependencies.DependencyScanConfig;
import dev.readiness.checks.headers.SecurityHeadersConfig;
import dev.readiness.checks.health.HealthConfig;
import dev.readiness.checks.tests.TestsConfig;
import dev.readiness.checks.tls.TlsConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Fuzzes check configuration as users write it: YAML (a {@code readiness.yaml} section) bound to a
 * check's configuration record, the same tree shaped as POM XML elements and bound, and whole
 * {@code readiness.yaml} files. The input's first byte picks the record (see {@link #TYPES}), the rest is
 * YAML. Seeds: the configurations of the README and the tests. A normal build replays them and every kept
 * finding in {@code ConfigBinderFuzzTestInputs}; {@code ./mvnw -pl readiness-checks test -Dfuzz=ConfigBinderFuzzTest}
 * fuzzes the first target.
 */
class ConfigBinderFuzzTest {

    /** The records bound, by the input's first byte (modulo their number). */
    static final List<Class<? extends Record>> TYPES = List.of(CoverageConfig.class, TestsConfig.class, HealthConfig.class,
            DependencyScanConfig.class, SecurityHeadersConfig.class, TlsConfig.class, HttpConfig.class, ClaimConfig.class);
    private static final List<String> COMMON = List.of("level", "items", "claims");

    private static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder().loaderOptions(loader()).build()).build();

    @TempDir
    Path dir;

    /**
     * Any YAML, as a tree and as POM elements, binds to the record or is refused with a one-line
     * {@link ConfigurationException} that names where the parameters are; nothing else is thrown.
     */
    @FuzzTest(maxDuration = "10m")
    void bindsAnyParametersOrRefusesThemInOneLine(byte[] bytes) {
        Class<? extends Record> type = TYPES.get((bytes.length == 0 ? 0 : bytes[0] & 0xFF) % TYPES.size());
        String where = type.getSimpleName();
        JsonNode tree;
        try {
            tree = YAML.readTree(bytes.length == 0 ? new byte[0] : Arrays.copyOfRange(bytes, 1, bytes.length));
        } catch (IOException e) {
            return;
        }
        bind(where, type, tree);
        if (tree != null && tree.isObject()) {
            List<ConfigElement> children = new ArrayList<>();
            tree.fields().forEachRemaining(e -> children.add(element(e.getKey(), e.getValue())));
            ConfigElement element = new ConfigElement(where, null, children);
            bind(where, type, ConfigBinder.toTree(element, type));
        }
    }

    /**
     * A {@code readiness.yaml} is read, or refused with a one-line {@link ConfigurationException} naming
     * the file; nothing else is thrown.
     */
    @FuzzTest(maxDuration = "10m")
    void readsAnyReadinessYamlOrRefusesItInOneLine(byte[] bytes) throws IOException {
        Path file = dir.resolve(ReadinessYaml.FILE);
        Files.write(file, bytes);
        ReadinessYaml yaml;
        try {
            yaml = ReadinessYaml.read(file);
        } catch (ConfigurationException e) {
            check(e.getMessage().startsWith(ReadinessYaml.FILE) && isOneLine(e.getMessage()), () -> "message: " + e.getMessage());
            return;
        }
        check(yaml != null && yaml.checks() != null, () -> "a file read gives its checks");
    }

    private static void bind(String where, Class<? extends Record> type, JsonNode tree) {
        try {
            Record bound = ConfigBinder.bind(where, type, tree, COMMON);
            check(type.isInstance(bound), () -> "bound to " + type.getSimpleName() + ": " + bound);
        } catch (ConfigurationException e) {
            check(e.getMessage().contains(where) && isOneLine(e.getMessage()), () -> "message: " + e.getMessage());
        }
    }

    /**
     * The POM element a YAML value stands for, as Maven hands it over: a mapping's entries and a list's
     * items as child elements (a list item named {@code item}), a scalar as trimmed text, null as empty.
     */
    private static ConfigElement element(String name, JsonNode value) {
        if (value.isObject()) {
            List<ConfigElement> children = new ArrayList<>();
            value.fields().forEachRemaining(e -> children.add(element(e.getKey(), e.getValue())));
            return new ConfigElement(name, null, children);
        }
        if (value.isArray()) {
            List<ConfigElement> children = new ArrayList<>();
            value.forEach(item -> children.add(element("item", item)));
            return new ConfigElement(name, null, children);
        }
        String text = value.isNull() ? "" : value.asText().trim();
        return ConfigElement.text(name, text.isEmpty() ? null : text);
    }

    private static LoaderOptions loader() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(1024 * 1024);
        return options;
    }

}

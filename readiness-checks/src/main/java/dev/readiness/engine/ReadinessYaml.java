package dev.readiness.engine;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.readiness.io.BoundedInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code readiness.yaml} at the project root: the same configuration as the POM's
 * ({@code checklist}, {@code http}, {@code checkTimeout}, {@code failOnWarnings}, {@code checks}),
 * except what decides where credentials go ({@code target}, {@code http.server}, {@code http.headers},
 * {@code http.trustCertificates}): a file in the repository must not redirect them, so those are
 * errors naming the POM element to use. Unknown top-level keys are errors that list the known ones.
 *
 * @param http           the raw {@code http} settings (its {@code timeout}), or {@code null}
 * @param failOnWarnings {@code null} when the file does not say
 * @param checks         check id to raw parameters, in file order
 * @param stage          the run's stage as written ({@code build} or {@code postDeploy}), or {@code null}
 * @param environment    what the target is ({@code production}, {@code staging}), or {@code null}
 */
public record ReadinessYaml(String checklist, JsonNode http, String checkTimeout, Boolean failOnWarnings,
                            Map<String, JsonNode> checks, List<String> requireAttestation, String maxWaiverDays, String stage,
                            String environment) {

    public static final String FILE = "readiness.yaml";

    static final List<String> KEYS = List.of("checklist", "http", "checkTimeout", "failOnWarnings", "checks", "requireAttestation",
            "maxWaiverDays", "stage", "environment", "attestations", "waivers");

    /** What decides where credentials go: the POM (or settings.xml) only. */
    static final List<String> POM_ONLY = List.of("target", "http.server", "http.headers", "http.trustCertificates");

    private static final long MAX_BYTES = 1024 * 1024;

    /** The YAML mapper, built when a file is first read: a project without {@code readiness.yaml} never loads SnakeYAML. */
    private static final class Yaml {

        static final ObjectMapper MAPPER = YAMLMapper.builder(YAMLFactory.builder().loaderOptions(limitedLoader()).build()).build();

        private static org.yaml.snakeyaml.LoaderOptions limitedLoader() {
            org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
            options.setMaxAliasesForCollections(20);
            options.setAllowDuplicateKeys(false);
            options.setCodePointLimit((int) MAX_BYTES);
            return options;
        }
    }

    public ReadinessYaml {
        checks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(checks));
        requireAttestation = requireAttestation == null ? List.of() : List.copyOf(requireAttestation);
    }

    /** The settings of a file that names no attestation requirement and no waiver limit. */
    public ReadinessYaml(String checklist, JsonNode http, String checkTimeout, Boolean failOnWarnings, Map<String, JsonNode> checks) {
        this(checklist, http, checkTimeout, failOnWarnings, checks, List.of(), null, null, null);
    }

    /** The settings of a file that names no stage. */
    public ReadinessYaml(String checklist, JsonNode http, String checkTimeout, Boolean failOnWarnings, Map<String, JsonNode> checks,
                         List<String> requireAttestation, String maxWaiverDays) {
        this(checklist, http, checkTimeout, failOnWarnings, checks, requireAttestation, maxWaiverDays, null, null);
    }

    /** The settings of a file that names no environment. */
    public ReadinessYaml(String checklist, JsonNode http, String checkTimeout, Boolean failOnWarnings, Map<String, JsonNode> checks,
                         List<String> requireAttestation, String maxWaiverDays, String stage) {
        this(checklist, http, checkTimeout, failOnWarnings, checks, requireAttestation, maxWaiverDays, stage, null);
    }

    /** A parser of YAML text in which only {@code true} and {@code false} are booleans, as in this file. */
    static JsonParser parser(InputStream in) throws IOException {
        return new OnlyTrueAndFalse(Yaml.MAPPER.getFactory().createParser(in));
    }

    static ObjectMapper mapper() {
        return Yaml.MAPPER;
    }

    /** Reads the file, or returns {@code null} when it does not exist. */
    public static ReadinessYaml read(Path file) throws ConfigurationException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        JsonNode root;
        try (InputStream in = new BoundedInput(Files.newInputStream(file), MAX_BYTES, FILE);
             JsonParser parser = parser(in)) {
            root = Yaml.MAPPER.readTree(parser);
        } catch (IOException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof BoundedInput.LimitExceededException) {
                    throw new ConfigurationException(FILE + " is larger than " + (MAX_BYTES >> 20) + " MiB, the most it may be:"
                            + " keep only the readiness configuration in it");
                }
            }
            throw new ConfigurationException(FILE + " is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return new ReadinessYaml(null, null, null, null, Map.of());
        }
        if (!root.isObject()) {
            throw new ConfigurationException(FILE + " must be a mapping with the keys " + String.join(", ", KEYS));
        }
        for (String key : POM_ONLY) {
            if (!root.at("/" + key.replace('.', '/')).isMissingNode()) {
                throw new ConfigurationException(FILE + ": " + key + " decides where credentials go, so only the POM"
                        + " (or settings.xml) may set it: move it to <" + key.replace(".", "><") + "> in the plugin's <configuration>");
            }
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw new ConfigurationException(FILE + ": unknown key '" + name + "'" + ConfigBinder.suggestion(name, KEYS)
                        + "; known keys: " + String.join(", ", KEYS));
            }
        }
        JsonNode http = root.get("http");
        if (http != null && !http.isNull() && !http.isObject()) {
            throw new ConfigurationException(FILE + ": http: expects a mapping such as {timeout: 10s}, not "
                    + (http.isArray() ? "a list" : "the value '" + http.asText() + "'"));
        }
        Map<String, JsonNode> checks = new LinkedHashMap<>();
        JsonNode checksNode = root.get("checks");
        if (checksNode != null && !checksNode.isNull()) {
            if (!checksNode.isObject()) {
                throw new ConfigurationException(FILE + ": checks must map each check id to its parameters, e.g. 'coverage: {minimum: 80%}'");
            }
            checksNode.fields().forEachRemaining(e -> checks.put(e.getKey(), e.getValue()));
        }
        return new ReadinessYaml(text(root, "checklist", "the checklist's path, such as PRODUCTION_READINESS.md"), http,
                text(root, "checkTimeout", ConfigBinder.expects(Duration.class)),
                root.hasNonNull("failOnWarnings") ? ConfigBinder.bind(FILE + ": failOnWarnings", Boolean.class,
                        root.get("failOnWarnings"), List.of()) : null, checks,
                root.hasNonNull("requireAttestation") ? Engine.texts(FILE + ": requireAttestation", root.get("requireAttestation")) : List.of(),
                text(root, "maxWaiverDays", "a number of days, such as 90"),
                text(root, "stage", "a stage: " + String.join(" or ", dev.readiness.check.Stage.ids())),
                text(root, "environment", "what the target is, such as production or staging"));
    }

    /** The key's value as written, or {@code null}; a list or a mapping is an error saying what the key expects. */
    private static String text(JsonNode root, String key, String expects) throws ConfigurationException {
        JsonNode node = root.get(key);
        ConfigBinder.requireSingleValue(FILE + ": " + key, node, expects);
        return node == null || node.isNull() ? null : node.asText();
    }

    /**
     * The file's tokens with YAML 1.1's other spellings of true and false ({@code yes}, {@code no}, {@code on},
     * {@code off}) read as the text written: only {@code true} and {@code false} are booleans, as in YAML 1.2 and
     * in the POM, so {@code failOnWarnings: yes} is an error rather than a guess, and {@code country: NO} stays "NO".
     */
    private static final class OnlyTrueAndFalse extends JsonParserDelegate {

        OnlyTrueAndFalse(JsonParser parser) {
            super(parser);
        }

        private boolean spelledOtherwise() {
            JsonToken token = delegate.currentToken();
            return (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) && !isBoolean(token);
        }

        private boolean isBoolean(JsonToken token) {
            try {
                return delegate.getText().equalsIgnoreCase(token == JsonToken.VALUE_TRUE ? "true" : "false");
            } catch (IOException e) {
                return true;
            }
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken token = delegate.nextToken();
            return spelledOtherwise() ? JsonToken.VALUE_STRING : token;
        }

        @Override
        public JsonToken currentToken() {
            return spelledOtherwise() ? JsonToken.VALUE_STRING : delegate.currentToken();
        }

        @Override
        @Deprecated
        public JsonToken getCurrentToken() {
            return currentToken();
        }

        @Override
        public int currentTokenId() {
            return spelledOtherwise() ? JsonTokenId.ID_STRING : delegate.currentTokenId();
        }

        @Override
        @Deprecated
        public int getCurrentTokenId() {
            return currentTokenId();
        }

        @Override
        public boolean hasToken(JsonToken token) {
            return currentToken() == token;
        }

        @Override
        public boolean hasTokenId(int id) {
            return currentTokenId() == id;
        }

        @Override
        public String getValueAsString() throws IOException {
            return spelledOtherwise() ? delegate.getText() : delegate.getValueAsString();
        }

        @Override
        public String getValueAsString(String defaultValue) throws IOException {
            return spelledOtherwise() ? delegate.getText() : delegate.getValueAsString(defaultValue);
        }
    }
}

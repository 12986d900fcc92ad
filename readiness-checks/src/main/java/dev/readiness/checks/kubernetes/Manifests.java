package dev.readiness.checks.kubernetes;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.readiness.check.Finding;
import dev.readiness.io.BoundedInput;
import dev.readiness.text.Words;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads the rendered manifests of the configured folders: every {@code .yaml}, {@code .yml} and
 * {@code .json} file below them, each a stream of {@code ---}-separated documents whose objects
 * (and the {@code items} of {@code List} kinds) become {@link Resource resources}.
 *
 * <p>It reads only what it can read faithfully, and says so otherwise: an unrendered Helm chart
 * or kustomize base, a file that is not YAML (with its line), a file larger than
 * {@link #MAX_FILE_BYTES}, more than {@link #MAX_FILES} files or {@link #MAX_DOCUMENTS} documents,
 * a YAML alias (Jackson would read {@code *name} as the text "name", not the value it names, and
 * alias bombs stay harmless), a key given twice, and a file or folder that resolves outside the
 * project (a symbolic link) are problems that make the check ERROR. Documents that are empty are
 * skipped; a scalar or a list is not a Kubernetes object and is noted and ignored, as are mappings
 * without {@code apiVersion} and {@code kind} (a chart's values, another tool's configuration).
 */
final class Manifests {

    static final long MAX_FILE_BYTES = 8L * 1024 * 1024;
    static final int MAX_FILES = 1000;
    static final int MAX_DOCUMENTS = 20_000;
    static final int MAX_DEPTH = 16;

    static final String RENDER_HINT = "Render it into a folder and point manifests at that folder: helm template <release> <chart>"
            + " --output-dir k8s/rendered (or helm template ... > k8s/rendered/all.yaml), kustomize build <overlay> -o k8s/rendered/.";

    private static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .loaderOptions(loaderOptions())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .build();

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(0);
        options.setCodePointLimit((int) MAX_FILE_BYTES);
        options.setNestingDepthLimit(100);
        return options;
    }

    /** What was read: the files, the resources, what stopped reading (problems) and what was left out (notes). */
    record Read(List<String> files, int documents, List<Resource> resources, List<Finding> problems, List<Finding> notes,
                TreeMap<String, Integer> notObjects) {
    }

    private final Path basedir;
    private final Path realBase;
    private final List<String> files = new ArrayList<>();
    private final List<Resource> resources = new ArrayList<>();
    private final List<Finding> problems = new ArrayList<>();
    private final List<Finding> notes = new ArrayList<>();
    private final TreeMap<String, Integer> notObjects = new TreeMap<>();
    private final Set<Path> visited = new HashSet<>();
    private final List<Path> toRead = new ArrayList<>();
    private int documents;

    private Manifests(Path basedir) throws IOException {
        this.basedir = basedir;
        this.realBase = basedir.toRealPath();
    }

    /** Reads every manifest below the folders (which exist). */
    static Read read(Path basedir, List<Path> folders) throws IOException {
        Manifests manifests = new Manifests(basedir);
        for (Path folder : folders) {
            manifests.walk(folder, 0);
        }
        if (manifests.problems.isEmpty()) {
            for (Path file : manifests.toRead) {
                manifests.parse(file);
                if (!manifests.problems.isEmpty()) {
                    break;
                }
            }
        }
        return new Read(List.copyOf(manifests.files), manifests.documents, List.copyOf(manifests.resources),
                List.copyOf(manifests.problems), List.copyOf(manifests.notes), manifests.notObjects);
    }

    private String shown(Path path) {
        return Words.path(basedir, path);
    }

    private void problem(String key, String message, String location) {
        problems.add(Finding.of(message).key(key).at(location).build());
    }

    private void walk(Path path, int depth) throws IOException {
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            problem(shown(path) + ":unreadable", shown(path) + " cannot be read: " + e.getMessage(), shown(path));
            return;
        }
        if (!real.startsWith(realBase)) {
            problem(shown(path) + ":outside-project", shown(path) + " resolves to " + real + ", outside the project, so it is not read",
                    shown(path));
            return;
        }
        if (!Files.isDirectory(real)) {
            if (Files.isRegularFile(real) && isManifestName(path)) {
                if (toRead.size() >= MAX_FILES) {
                    problem("too-many-files", "the manifest folders hold more than " + MAX_FILES + " YAML files; not read further", shown(path));
                    return;
                }
                toRead.add(path);
            }
            return;
        }
        if (!visited.add(real)) {
            return;
        }
        if (depth > MAX_DEPTH) {
            problem(shown(path) + ":too-deep", shown(path) + " is more than " + MAX_DEPTH + " folders deep; not read", shown(path));
            return;
        }
        if (unrendered(path)) {
            return;
        }
        List<Path> entries;
        try (Stream<Path> list = Files.list(path)) {
            entries = list.sorted().toList();
        }
        for (Path entry : entries) {
            if (problems.size() > 20) {
                return;
            }
            walk(entry, depth + 1);
        }
    }

    private static boolean isManifestName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    /** Whether the folder is a Helm chart with templates or a kustomize base, which are problems: they need rendering first. */
    private boolean unrendered(Path folder) throws IOException {
        for (String kustomization : List.of("kustomization.yaml", "kustomization.yml", "Kustomization")) {
            if (Files.isRegularFile(folder.resolve(kustomization))) {
                problem(shown(folder) + ":kustomize", shown(folder) + " is a kustomize base (" + kustomization + "), not rendered manifests: "
                        + "what it applies is known only after kustomize build", shown(folder.resolve(kustomization)));
                return true;
            }
        }
        if (Files.isRegularFile(folder.resolve("Chart.yaml")) && holdsTemplate(folder.resolve("templates"))) {
            problem(shown(folder) + ":helm-chart", shown(folder) + " is a Helm chart whose templates hold {{ }} expressions, not rendered "
                    + "manifests: what it applies is known only after helm template", shown(folder.resolve("Chart.yaml")));
            return true;
        }
        return false;
    }

    private static boolean holdsTemplate(Path templates) throws IOException {
        if (!Files.isDirectory(templates)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(templates, 4)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).limit(MAX_FILES)::iterator) {
                if (Files.size(file) <= MAX_FILE_BYTES && Files.readString(file, StandardCharsets.ISO_8859_1).contains("{{")) {
                    return true;
                }
            }
        }
        return false;
    }

    private void parse(Path file) throws IOException {
        String shown = shown(file);
        files.add(shown);
        if (Files.size(file) > MAX_FILE_BYTES) {
            problem(shown + ":too-large", shown + " is larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MiB; not read", shown);
            return;
        }
        int index = 0;
        try (InputStream in = new BoundedInput(Files.newInputStream(file), MAX_FILE_BYTES, shown);
             JsonParser parser = new NoAliases(YAML.getFactory().createParser(in))) {
            while (parser.nextToken() != null) {
                index++;
                if (++documents > MAX_DOCUMENTS) {
                    problem("too-many-documents", "the manifests hold more than " + MAX_DOCUMENTS + " documents; not read further", shown);
                    return;
                }
                int line = parser.currentTokenLocation().getLineNr();
                JsonNode node = YAML.readTree(parser);
                add(shown, index, line, node);
            }
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            String where = line > 0 ? shown + ":" + line : shown;
            String why = Words.oneLine(String.join("; ", e.getOriginalMessage().lines()
                    .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0))).toList()));
            problem(shown + ":not-yaml", where + " is not valid YAML: " + Words.cut(why, 300), where);
        } catch (BoundedInput.LimitExceededException e) {
            problem(shown + ":too-large", e.getMessage(), shown);
        }
    }

    private void add(String file, int document, int line, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode() || node.isTextual() && node.asText().isEmpty()) {
            return;
        }
        if (!node.isObject()) {
            String what = node.isArray() ? "a list" : "a scalar";
            notes.add(Finding.of("document " + document + " of " + file + " (line " + line + ") is " + what
                    + ", not a Kubernetes object; ignored").key(file + ":document/" + document + ":not-an-object")
                    .at(file + ":" + line).note().build());
            return;
        }
        String apiVersion = Resource.text(node, "/apiVersion");
        String kind = Resource.text(node, "/kind");
        if (apiVersion == null || kind == null) {
            notObjects.merge(file, 1, Integer::sum);
            return;
        }
        if (kind.endsWith("List") && node.path("items").isArray()) {
            for (JsonNode item : node.path("items")) {
                add(file, document, line, item);
            }
            return;
        }
        String name = Resource.text(node, "/metadata/name");
        if (name == null) {
            name = Resource.text(node, "/metadata/generateName");
        }
        resources.add(new Resource(file, document, line, apiVersion, kind, Resource.text(node, "/metadata/namespace"),
                name == null ? "(unnamed)" : name, node));
    }

    /**
     * The parser with aliases refused: Jackson reads {@code *name} as the text "name", which would
     * turn {@code resources: *defaults} into a missing value. Rendered manifests (helm template,
     * kustomize build) hold none.
     */
    private static final class NoAliases extends JsonParserDelegate {

        NoAliases(JsonParser parser) {
            super(parser);
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken token = delegate.nextToken();
            if (delegate instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                throw new com.fasterxml.jackson.core.JsonParseException(this, "a YAML alias (*" + yaml.getText()
                        + ") is not read: write the value out, as helm template and kustomize build do");
            }
            return token;
        }
    }
}

package dev.readiness.checks.monitoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.readiness.io.BoundedInput;
import dev.readiness.io.Utf8Text;
import dev.readiness.text.Words;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The monitoring files below the configured paths, read within bounds: YAML ({@code .yml}, {@code .yaml},
 * every document of a multi-document file) and JSON ({@code .json}). A file that cannot be read as what its
 * name says (malformed, binary, not UTF-8, too large, an alias bomb, a key given twice, a link out of the
 * project). YAML is composed by SnakeYAML's safe constructor, so anchors and aliases read as Prometheus and
 * Alertmanager read them; JSON by Jackson is kept as {@link Unreadable} with its line where the parser knows it, never skipped silently.
 */
final class MonitoringFiles {

    /** The largest file read: an exported Grafana dashboard is rarely above 1 MiB. */
    static final int MAX_FILE_BYTES = 4 * 1024 * 1024;
    /** The most files read below all paths together. */
    static final int MAX_FILES = 1000;
    /** The most YAML documents in one file. */
    static final int MAX_DOCUMENTS = 1000;
    static final int MAX_DEPTH = 12;
    private static final int MAX_NESTING = 100;
    private static final int MAX_ALIASES = 50;
    /** The most values one YAML file may expand to, aliases counted at each use. */
    static final int MAX_VALUES = 1_000_000;

    private static final ObjectMapper JSON = JsonMapper.builder(com.fasterxml.jackson.core.JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(MAX_FILE_BYTES);
        options.setNestingDepthLimit(MAX_NESTING);
        return options;
    }

    /** What a file holds by its name: YAML or JSON. */
    enum Format { YAML, JSON }

    /**
     * One document of a file: its root, which may be {@code null} for an empty document, and the line each mapping and
     * list of a YAML document starts on (JSON is read without lines).
     */
    record Doc(String file, Path path, Format format, JsonNode root, Map<JsonNode, Integer> lines) {

        /** "monitoring/alerts.yml:12" for a mapping or list of a YAML document, the file alone for anything else. */
        String at(JsonNode node) {
            Integer line = lines.get(node);
            return line == null ? file : file + ":" + line;
        }
    }

    /** A file that could not be read, or was refused; {@code format} is {@code null} when it could be either. */
    record Unreadable(String file, Format format, String message) {
        boolean concerns(Format wanted) {
            return format == null || format == wanted;
        }
    }

    /** A file whose every document is empty. */
    record Empty(String file, Format format) {
    }

    private final List<Doc> docs;
    private final List<Unreadable> unreadable;
    private final List<Empty> empty;
    private final List<String> searched;

    private MonitoringFiles(List<Doc> docs, List<Unreadable> unreadable, List<Empty> empty, List<String> searched) {
        this.docs = List.copyOf(docs);
        this.unreadable = List.copyOf(unreadable);
        this.empty = List.copyOf(empty);
        this.searched = List.copyOf(searched);
    }

    List<Doc> docs() {
        return docs;
    }

    List<Unreadable> unreadable(Format format) {
        return unreadable.stream().filter(u -> u.concerns(format)).toList();
    }

    List<Empty> empty() {
        return empty;
    }

    /** The paths searched, as shown to people. */
    List<String> searched() {
        return searched;
    }

    /**
     * Reads the files below these paths (relative to {@code basedir}); a path that does not exist is
     * unreadable when {@code explicit}, and left out otherwise.
     */
    static MonitoringFiles read(Path basedir, List<String> paths, boolean explicit) throws IOException {
        Path base = basedir.toRealPath();
        TreeMap<String, Path> found = new TreeMap<>();
        List<Unreadable> unreadable = new ArrayList<>();
        List<String> searched = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (String name : paths) {
            Path start = basedir.resolve(name).normalize();
            String shown = Words.path(basedir, start);
            if (!Files.exists(start, LinkOption.NOFOLLOW_LINKS)) {
                if (explicit) {
                    unreadable.add(new Unreadable(shown, null, shown + " does not exist"));
                }
                continue;
            }
            searched.add(Files.isDirectory(start) ? shown + "/" : shown);
            Files.walkFileTree(start, EnumSet.of(FileVisitOption.FOLLOW_LINKS), MAX_DEPTH, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                    Path real = dir.toRealPath();
                    if (!real.startsWith(base)) {
                        unreadable.add(new Unreadable(Words.path(basedir, dir), null, outside(basedir, dir, real)));
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return seen.add(real) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    Format format = format(file);
                    if (format == null) {
                        return FileVisitResult.CONTINUE;
                    }
                    String shownFile = Words.path(basedir, file);
                    Path real;
                    try {
                        real = file.toRealPath();
                    } catch (IOException e) {
                        unreadable.add(new Unreadable(shownFile, format, shownFile + " is a link to nothing"));
                        return FileVisitResult.CONTINUE;
                    }
                    if (!real.startsWith(base)) {
                        unreadable.add(new Unreadable(shownFile, format, outside(basedir, file, real)));
                    } else if (!attributes.isRegularFile()) {
                        unreadable.add(new Unreadable(shownFile, format, shownFile + " is not a regular file"));
                    } else if (seen.add(real)) {
                        found.put(shownFile, file);
                    }
                    return found.size() > MAX_FILES ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    if (!(e instanceof FileSystemLoopException)) {
                        unreadable.add(new Unreadable(Words.path(basedir, file), format(file),
                                Words.path(basedir, file) + " cannot be read: " + Words.oneLine(e.getMessage())));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        if (found.size() > MAX_FILES) {
            unreadable.add(new Unreadable(String.join(", ", searched), null, "more than " + MAX_FILES + " YAML and JSON files below "
                    + String.join(", ", searched) + "; none was judged: point paths at the monitoring files alone"));
            return new MonitoringFiles(List.of(), unreadable, List.of(), searched);
        }
        List<Doc> docs = new ArrayList<>();
        List<Empty> empty = new ArrayList<>();
        for (var entry : found.entrySet()) {
            parse(entry.getKey(), entry.getValue(), docs, unreadable, empty);
        }
        unreadable.sort(Comparator.comparing(Unreadable::file));
        return new MonitoringFiles(docs, unreadable, empty, searched);
    }

    private static String outside(Path basedir, Path link, Path real) {
        return Words.path(basedir, link) + " is a link to " + real + ", outside the project; links out of the project are not read";
    }

    private static Format format(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yml") || name.endsWith(".yaml") ? Format.YAML : name.endsWith(".json") ? Format.JSON : null;
    }

    private static void parse(String shown, Path file, List<Doc> docs, List<Unreadable> unreadable, List<Empty> empty) {
        Format format = format(file);
        String text;
        try (InputStream in = new BoundedInput(Files.newInputStream(file), MAX_FILE_BYTES, shown)) {
            text = Utf8Text.decode(in.readAllBytes());
        } catch (BoundedInput.LimitExceededException e) {
            unreadable.add(new Unreadable(shown, format, e.getMessage()));
            return;
        } catch (IOException e) {
            unreadable.add(new Unreadable(shown, format, shown + " " + Words.oneLine(e.getMessage())));
            return;
        }
        List<Doc> read = new ArrayList<>();
        try {
            if (format == Format.JSON) {
                read.add(new Doc(shown, file, format, JSON.readTree(text), Map.of()));
            } else {
                LineConstructor constructor = new LineConstructor(loaderOptions());
                Yaml yaml = new Yaml(constructor, new Representer(new DumperOptions()), new DumperOptions(), loaderOptions());
                int[] budget = {MAX_VALUES};
                for (Object value : yaml.loadAll(text)) {
                    if (read.size() == MAX_DOCUMENTS) {
                        unreadable.add(new Unreadable(shown, format, shown + " holds more than " + MAX_DOCUMENTS + " YAML documents"));
                        return;
                    }
                    Map<JsonNode, Integer> lines = new IdentityHashMap<>();
                    read.add(new Doc(shown, file, format, tree(value, 0, budget, constructor.lines, lines), lines));
                }
            }
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? -1 : e.getProblemMark().getLine() + 1;
            unreadable.add(new Unreadable(shown, format, shown + (line > 0 ? " line " + line : "") + " is not valid YAML: "
                    + Words.cut(Words.oneLine(e.getProblem()), 200)));
            return;
        } catch (JsonProcessingException e) {
            unreadable.add(new Unreadable(shown, format, malformed(shown, format, e)));
            return;
        } catch (IOException | RuntimeException e) {
            unreadable.add(new Unreadable(shown, format, shown + " is not valid " + format + ": " + Words.cut(Words.oneLine(e.getMessage()), 200)));
            return;
        }
        read.removeIf(doc -> doc.root() == null || doc.root().isNull() || doc.root().isMissingNode());
        if (read.isEmpty()) {
            empty.add(new Empty(shown, format));
        }
        docs.addAll(read);
    }

    /** SnakeYAML's safe constructor, remembering the line each mapping and list it builds starts on. */
    private static final class LineConstructor extends SafeConstructor {
        final Map<Object, Integer> lines = new IdentityHashMap<>();

        LineConstructor(LoaderOptions options) {
            super(options);
        }

        @Override
        protected Object constructObject(Node node) {
            Object value = super.constructObject(node);
            if ((value instanceof Map || value instanceof List) && node.getStartMark() != null) {
                lines.putIfAbsent(value, node.getStartMark().getLine() + 1);
            }
            return value;
        }
    }

    /**
     * The tree of a value SnakeYAML composed (aliases expanded, as Prometheus and Alertmanager read them), within
     * {@value #MAX_NESTING} levels and {@value #MAX_VALUES} values in all, so a self-referencing anchor or a
     * small alias bomb cannot exhaust the stack or the heap; each mapping and list carries its line from
     * {@code from} into {@code to}.
     */
    private static JsonNode tree(Object value, int depth, int[] budget, Map<Object, Integer> from, Map<JsonNode, Integer> to)
            throws IOException {
        if (--budget[0] < 0) {
            throw new IOException("expands (through its aliases) to more than " + MAX_VALUES + " values; not read further");
        }
        if (depth > MAX_NESTING) {
            throw new IOException("nests more than " + MAX_NESTING + " levels deep; not read further");
        }
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = nodes.objectNode();
            for (var entry : map.entrySet()) {
                object.set(String.valueOf(entry.getKey()), tree(entry.getValue(), depth + 1, budget, from, to));
            }
            return lined(object, value, from, to);
        }
        if (value instanceof List<?> list) {
            ArrayNode array = nodes.arrayNode();
            for (Object element : list) {
                array.add(tree(element, depth + 1, budget, from, to));
            }
            return lined(array, value, from, to);
        }
        if (value == null) {
            return nodes.nullNode();
        }
        if (value instanceof Boolean b) {
            return nodes.booleanNode(b);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            return nodes.numberNode(new BigInteger(value.toString()));
        }
        if (value instanceof Double d && Double.isFinite(d)) {
            return nodes.numberNode(new BigDecimal(d.toString()));
        }
        return nodes.textNode(value instanceof Date date ? date.toInstant().toString() : String.valueOf(value));
    }

    private static JsonNode lined(JsonNode node, Object value, Map<Object, Integer> from, Map<JsonNode, Integer> to) {
        Integer line = from.get(value);
        if (line != null) {
            to.put(node, line);
        }
        return node;
    }

    /** "monitoring/alerts.yml line 7 is not valid YAML: mapping values are not allowed here". */
    private static String malformed(String shown, Format format, JsonProcessingException e) {
        int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
        String reason = Words.cut(Words.oneLine(e.getOriginalMessage().lines().findFirst().orElse("")), 200);
        return shown + (line > 0 ? " line " + line : "") + " is not valid " + format + ": " + reason;
    }
}

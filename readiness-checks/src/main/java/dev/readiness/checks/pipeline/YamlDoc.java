package dev.readiness.checks.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The first document of a pipeline's YAML file as a tree, with the line where each mapping and list starts.
 *
 * <p>It is composed by SnakeYAML (never constructed into objects, so no tag can instantiate a class), within
 * limits: at most {@value #MAX_ALIASES} aliases, {@value #MAX_NESTING} levels and {@value #MAX_VALUES} values once
 * aliases are expanded, so an alias bomb or a self-referencing anchor stays harmless. Anchors, aliases and merge
 * keys ({@code <<: *defaults}, common in {@code .gitlab-ci.yml}) read as GitLab reads them. Keys are read as
 * written: {@code on:} stays "on", where YAML 1.1 would make it the boolean true.
 */
final class YamlDoc {

    static final int MAX_ALIASES = 100;
    static final int MAX_NESTING = 64;
    static final int MAX_VALUES = 200_000;

    private final JsonNode root;
    private final Map<JsonNode, Integer> lines = new IdentityHashMap<>();
    private int budget = MAX_VALUES;

    private YamlDoc(Node node) throws IOException {
        root = node == null ? JsonNodeFactory.instance.missingNode() : tree(node, 0);
    }

    /** Reads the first document of the text; an empty text is a missing root. */
    static YamlDoc parse(String text, int maxCodePoints) throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(maxCodePoints);
        options.setNestingDepthLimit(MAX_NESTING);
        Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(), options);
        Iterator<Node> documents = yaml.composeAll(new StringReader(text)).iterator();
        return new YamlDoc(documents.hasNext() ? documents.next() : null);
    }

    JsonNode root() {
        return root;
    }

    /** The line (1-based) of the key of this mapping or list (where it starts when it has no key), or -1. */
    int line(JsonNode node) {
        Integer line = node == null ? null : lines.get(node);
        return line == null ? -1 : line;
    }

    private JsonNode tree(Node node, int depth) throws IOException {
        if (--budget < 0) {
            throw new IOException("expands (through its aliases) to more than " + MAX_VALUES + " values; not read further");
        }
        if (depth > MAX_NESTING) {
            throw new IOException("nests more than " + MAX_NESTING + " levels deep; not read further");
        }
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (node instanceof MappingNode mapping) {
            ObjectNode object = nodes.objectNode();
            lines.put(object, node.getStartMark().getLine() + 1);
            putAll(object, mapping.getValue(), depth);
            return object;
        }
        if (node instanceof SequenceNode sequence) {
            ArrayNode array = nodes.arrayNode();
            lines.put(array, node.getStartMark().getLine() + 1);
            for (Node element : sequence.getValue()) {
                array.add(tree(element, depth + 1));
            }
            return array;
        }
        ScalarNode scalar = (ScalarNode) node;
        if (Tag.NULL.equals(scalar.getTag())) {
            return nodes.nullNode();
        }
        if (Tag.BOOL.equals(scalar.getTag())) {
            String v = scalar.getValue().toLowerCase(java.util.Locale.ROOT);
            return nodes.booleanNode(v.equals("true") || v.equals("yes") || v.equals("on") || v.equals("y"));
        }
        return nodes.textNode(scalar.getValue());
    }

    /** The entries of a mapping, merge keys first so that the mapping's own entries win, as YAML's merge does. */
    private void putAll(ObjectNode object, List<NodeTuple> tuples, int depth) throws IOException {
        for (NodeTuple tuple : tuples) {
            if (Tag.MERGE.equals(tuple.getKeyNode().getTag())) {
                Node value = tuple.getValueNode();
                List<Node> merged = value instanceof SequenceNode sequence ? sequence.getValue() : List.of(value);
                for (Node source : merged) {
                    if (source instanceof MappingNode mapping) {
                        ObjectNode from = nodesOf(mapping, depth);
                        from.fields().forEachRemaining(e -> object.putIfAbsent(e.getKey(), e.getValue()));
                    }
                }
            }
        }
        java.util.Set<String> own = new java.util.HashSet<>();
        for (NodeTuple tuple : tuples) {
            if (!Tag.MERGE.equals(tuple.getKeyNode().getTag())) {
                String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : "?";
                if (!own.add(key)) {
                    throw new IOException("line " + (tuple.getKeyNode().getStartMark().getLine() + 1) + " gives the key '"
                            + dev.readiness.text.Words.oneLine(key, 80) + "' a second time in one mapping");
                }
                JsonNode value = tree(tuple.getValueNode(), depth + 1);
                if (value.isContainerNode()) {
                    lines.put(value, tuple.getKeyNode().getStartMark().getLine() + 1);
                }
                object.set(key, value);
            }
        }
    }

    private ObjectNode nodesOf(MappingNode mapping, int depth) throws IOException {
        return (ObjectNode) tree(mapping, depth + 1);
    }

    /** The text of a scalar, or {@code null} for anything else. */
    static String text(JsonNode node) {
        return node != null && node.isValueNode() && !node.isNull() ? node.asText() : null;
    }

    /** A scalar or a list of scalars as a list of texts ({@code needs: build} and {@code needs: [build, test]}). */
    static List<String> texts(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (node.isArray()) {
            List<String> texts = new java.util.ArrayList<>();
            node.forEach(element -> {
                String text = text(element);
                if (text != null) {
                    texts.add(text);
                }
            });
            return texts;
        }
        String text = text(node);
        return text == null ? List.of() : List.of(text);
    }
}

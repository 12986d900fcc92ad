package dev.readiness.engine;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Binds configuration (a POM's XML or a {@code readiness.yaml} section) to a configuration record
 * with Jackson. Unknown keys are errors listing the known ones; ill-typed values are errors naming
 * the parameter. Durations are written {@code 10s}, {@code 500ms}, {@code 2m}, {@code 1h} or ISO-8601;
 * dates ISO ({@code 2026-12-31}); ratios {@code 80%} or {@code 0.8}.
 */
public final class ConfigBinder {

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule("readiness").addDeserializer(Duration.class, new DurationDeserializer()))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    private ConfigBinder() {
    }

    /** The mapper configured for binding (durations, dates, strict keys). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Binds a tree to a record.
     *
     * @param where      how the user names this place, for messages: {@code coverage}, {@code http}
     * @param extraKnown keys accepted besides the record's components (they must have been removed from the tree)
     */
    public static <C> C bind(String where, Class<C> type, JsonNode tree, Collection<String> extraKnown)
            throws ConfigurationException {
        JsonNode node = tree == null || tree.isNull() || tree.isMissingNode()
                || (tree.isTextual() && tree.asText().isBlank()) ? JsonNodeFactory.instance.objectNode() : tree;
        try {
            return MAPPER.treeToValue(node, type);
        } catch (UnrecognizedPropertyException e) {
            TreeSet<String> known = new TreeSet<>(knownKeys(type));
            known.addAll(extraKnown);
            throw refusal("unknown parameter '" + e.getPropertyName() + "' of " + where
                    + suggestion(e.getPropertyName(), known) + "; known parameters: " + String.join(", ", known));
        } catch (InvalidFormatException e) {
            if (e.getTargetType() != null && e.getTargetType().isEnum()) {
                String valid = Arrays.stream(e.getTargetType().getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
                throw refusal(where + path(e) + ": '" + e.getValue() + "' is not valid; valid values: " + valid);
            }
            Class<?> target = e.getTargetType();
            if (target != null && (Number.class.isAssignableFrom(target) || (target.isPrimitive() && target != boolean.class))) {
                throw refusal(where + path(e) + ": '" + e.getValue() + "' is not "
                        + (target == Double.class || target == double.class ? "a number" : "a whole number"));
            }
            if (target == Boolean.class || target == boolean.class) {
                throw refusal(where + path(e) + ": '" + e.getValue() + "' is not true or false");
            }
            throw refusal(where + path(e) + ": " + rootMessage(e));
        } catch (JsonMappingException e) {
            throw refusal(where + path(e) + ": " + rootMessage(e));
        } catch (IOException | IllegalArgumentException e) {
            throw refusal(where + ": " + rootMessage(e));
        }
    }

    /** A refusal in one line, though the values and names it quotes from the configuration may hold line breaks. */
    private static ConfigurationException refusal(String message) {
        return new ConfigurationException(message.replaceAll("[\\p{Cc}\\p{Zl}\\p{Zp}]+", " "));
    }

    /** The keys a record accepts: its component names. */
    public static List<String> knownKeys(Class<?> type) {
        if (!type.isRecord()) {
            return List.of();
        }
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    /**
     * Turns an XML element into a JSON tree shaped like {@code type}: children of a collection
     * parameter become array items whatever their element name (Maven's convention), children of
     * a map parameter become keys, children of a record become its properties.
     */
    public static JsonNode toTree(ConfigElement element, Type type) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Class<?> raw = rawClass(type);
        if (element.children().isEmpty()) {
            return element.value() == null ? f.nullNode() : f.textNode(element.value());
        }
        if (raw != null && (Collection.class.isAssignableFrom(raw) || raw.isArray())) {
            ArrayNode array = f.arrayNode();
            Type item = raw.isArray() ? raw.getComponentType() : typeArgument(type, 0);
            element.children().forEach(child -> array.add(toTree(child, item)));
            return array;
        }
        ObjectNode object = f.objectNode();
        for (ConfigElement child : element.children()) {
            Type childType = raw != null && Map.class.isAssignableFrom(raw) ? typeArgument(type, 1) : componentType(raw, child.name());
            object.set(child.name(), toTree(child, childType));
        }
        return object;
    }

    private static Type componentType(Class<?> raw, String name) {
        if (raw == null || !raw.isRecord()) {
            return null;
        }
        return Arrays.stream(raw.getRecordComponents()).filter(c -> c.getName().equals(name))
                .map(RecordComponent::getGenericType).findFirst().orElse(null);
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return null;
    }

    private static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
            return p.getActualTypeArguments()[index];
        }
        return null;
    }

    private static String path(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining());
        return path;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        if (t instanceof MismatchedInputException m) {
            String msg = m.getOriginalMessage();
            return msg.replaceAll("`[a-z]+(\\.[a-zA-Z0-9_$]+)+`", "this").replaceAll("\\s*\\(through reference chain.*$", "");
        }
        if (t instanceof DateTimeParseException) {
            return "'" + ((DateTimeParseException) t).getParsedString() + "' is not a date: write it as 2026-12-31";
        }
        String msg = t.getMessage();
        return msg == null ? t.getClass().getSimpleName() : msg.lines().findFirst().orElse(msg);
    }

    /** " (did you mean 'minimum'?)" when a known word is one or two edits away, else "". */
    public static String suggestion(String word, Collection<String> known) {
        Optional<String> close = known.stream().filter(k -> distance(k.toLowerCase(Locale.ROOT), word.toLowerCase(Locale.ROOT)) <= 2)
                .min((a, b) -> distance(a, word) - distance(b, word));
        return close.map(k -> " (did you mean '" + k + "'?)").orElse("");
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** Reads {@code 10s}, {@code 500ms}, {@code 2m}, {@code 1h}, {@code 1d} or ISO-8601 {@code PT10S}. */
    static Duration parseDuration(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE_DURATION.matcher(s);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: write it as 10s, 500ms, 2m or 1h");
        }
    }

    private static final class DurationDeserializer extends StdScalarDeserializer<Duration> {
        DurationDeserializer() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken().isNumeric()) {
                return Duration.ofSeconds(p.getLongValue());
            }
            String text = p.getValueAsString();
            try {
                return parseDuration(text);
            } catch (IllegalArgumentException e) {
                throw InvalidFormatException.from(p, e.getMessage(), text, Duration.class);
            }
        }
    }
}

package dev.readiness.engine;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;
import dev.readiness.check.Ratio;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.LocalDate;
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
            // of java.time only what configuration holds: JavaTimeModule would load its ~50 classes into every run
            .addModule(new SimpleModule("readiness").addDeserializer(Duration.class, new DurationDeserializer())
                    .addDeserializer(LocalDate.class, LocalDateDeserializer.INSTANCE))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            // 1 is not true and 1.5 is not 1: a number is not guessed into a flag or cut into a count
            .withCoercionConfig(LogicalType.Boolean, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Integer, c -> c.setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
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
        boolean empty = tree == null || tree.isNull() || tree.isMissingNode() || (tree.isTextual() && tree.asText().isBlank());
        JsonNode node = !empty ? tree : type.isRecord() ? JsonNodeFactory.instance.objectNode() : JsonNodeFactory.instance.nullNode();
        try {
            return MAPPER.treeToValue(node, type);
        } catch (UnrecognizedPropertyException e) {
            TreeSet<String> known = new TreeSet<>(knownKeys(type));
            known.addAll(extraKnown);
            throw new ConfigurationException("unknown parameter '" + e.getPropertyName() + "' of " + where
                    + suggestion(e.getPropertyName(), known) + "; known parameters: " + String.join(", ", known));
        } catch (InvalidFormatException e) {
            if (e.getTargetType() != null && e.getTargetType().isEnum()) {
                String valid = Arrays.stream(e.getTargetType().getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
                throw new ConfigurationException(where + path(e) + ": '" + e.getValue() + "' is not valid; valid values: " + valid);
            }
            Class<?> target = e.getTargetType();
            if (target != null && (Number.class.isAssignableFrom(target) || (target.isPrimitive() && target != boolean.class))) {
                throw new ConfigurationException(where + path(e) + ": '" + e.getValue() + "' is not "
                        + (target == Double.class || target == double.class ? "a number" : "a whole number"));
            }
            if (target == Boolean.class || target == boolean.class) {
                throw new ConfigurationException(where + path(e) + ": '" + e.getValue() + "' is not true or false");
            }
            throw new ConfigurationException(where + path(e) + ": " + rootMessage(e));
        } catch (MismatchedInputException e) {
            String shape = shape(e.getOriginalMessage());
            if (shape != null && e.getTargetType() != null) {
                throw new ConfigurationException(where + path(e) + ": expects " + expects(e.getTargetType()) + ", not " + shape);
            }
            throw new ConfigurationException(where + path(e) + ": " + rootMessage(e));
        } catch (JsonMappingException e) {
            throw new ConfigurationException(where + path(e) + ": " + rootMessage(e));
        } catch (IOException | RuntimeException e) {
            throw new ConfigurationException(where + ": " + rootMessage(e));
        }
    }

    /** "a list" or "a mapping" when Jackson met one where a single value belongs, else {@code null}. */
    private static String shape(String jacksonMessage) {
        if (jacksonMessage == null) {
            return null;
        }
        return jacksonMessage.contains("JsonToken.START_ARRAY") ? "a list"
                : jacksonMessage.contains("JsonToken.START_OBJECT") ? "a mapping" : null;
    }

    /**
     * Rejects a list or a mapping where one value belongs, so that {@code checkTimeout: [1]} is not read as
     * the empty text: "{where}: expects {expects}, not a list".
     *
     * @param expects what the key takes, as {@link #expects(Class)} says it
     */
    static void requireSingleValue(String where, JsonNode node, String expects) throws ConfigurationException {
        if (node != null && node.isContainerNode()) {
            throw new ConfigurationException(where + ": expects " + expects + ", not " + (node.isArray() ? "a list" : "a mapping"));
        }
    }

    /** What a value of this type is written as, for "expects …" messages: "true or false", "a whole number", "one of A, B". */
    static String expects(Class<?> type) {
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type == Duration.class) {
            return "a duration such as 10s, 500ms, 2m or 1h";
        }
        if (type == LocalDate.class) {
            return "a date such as 2026-12-31";
        }
        if (type == Ratio.class) {
            return "a ratio such as 80% or 0.8";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
        }
        if (type.isRecord() || Map.class.isAssignableFrom(type)) {
            return "a mapping of names to values";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "a single value";
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

    /**
     * Reads {@code 10s}, {@code 500ms}, {@code 2m}, {@code 1h}, {@code 1d} or ISO-8601 {@code PT10S}. A duration
     * whose milliseconds do not fit a {@code long} (some 292 million years) is rejected here, so that no
     * arithmetic on a parsed duration overflows; each key bounds its own further.
     */
    static Duration parseDuration(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE_DURATION.matcher(s);
        Duration duration;
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                duration = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                duration = Duration.parse(text.trim());
            }
            duration.toMillis();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: write it as 10s, 500ms, 2m or 1h");
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too long to be a duration: write it as 10s, 500ms, 2m or 1h");
        }
        return duration;
    }

    private static final class DurationDeserializer extends StdScalarDeserializer<Duration> {

        /** A bare number is seconds. */
        private static Duration parseNumber(JsonParser p, DeserializationContext ctxt) throws IOException {
            try {
                return parseDuration(p.getLongValue() + "s");
            } catch (IllegalArgumentException | IOException e) {
                throw InvalidFormatException.from(p, "'" + p.getText() + "' is too long to be a duration: write it as 10s,"
                        + " 500ms, 2m or 1h", p.getText(), Duration.class);
            }
        }
        DurationDeserializer() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken().isNumeric()) {
                return parseNumber(p, ctxt);
            }
            if (!p.currentToken().isScalarValue()) {
                return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
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

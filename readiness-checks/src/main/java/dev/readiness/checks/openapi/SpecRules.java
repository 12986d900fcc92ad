package dev.readiness.checks.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a spec's model says of its operations, inputs and security, read from swagger-parser's model with the
 * document's own {@code #/components/...} references followed (never another file or a URL).
 */
final class SpecRules {

    /** Formats that do not bound a string: a file's bytes, base64. */
    private static final Set<String> UNBOUNDED_FORMATS = Set.of("binary", "byte");
    private static final int MAX_DEPTH = 64;
    private static final String SCHEMAS = "#/components/schemas/";

    /**
     * An input that nothing bounds, or that cannot be judged.
     *
     * @param pointer   the JSON pointer of the schema in the spec
     * @param operation the operation that takes it (the first one met, for a shared component schema)
     * @param reason    what is missing: "a string without maxLength, pattern, enum or format"
     * @param judged    {@code false} when it could not be judged (a reference outside the spec)
     */
    record Input(String pointer, Operation operation, String reason, boolean judged) {
    }

    private final OpenAPI model;

    SpecRules(OpenAPI model) {
        this.model = model;
    }

    /** Every operation of the model, in the order of its paths. */
    static List<Operation> operations(OpenAPI model) {
        List<Operation> operations = new ArrayList<>();
        if (model.getPaths() != null) {
            model.getPaths().forEach((path, item) -> {
                if (item != null) {
                    item.readOperationsMap().keySet().forEach(method -> operations.add(Operation.of(method.name(), path)));
                }
            });
        }
        return operations;
    }

    /** The parameters and request bodies whose schemas are not bounded, each schema once, in the order met. */
    List<Input> unboundedInputs() {
        Map<String, Input> found = new LinkedHashMap<>();
        if (model.getPaths() == null) {
            return List.of();
        }
        model.getPaths().forEach((path, item) -> {
            if (item == null) {
                return;
            }
            String itemPointer = "/paths/" + Pointers.escape(path);
            item.readOperationsMap().forEach((method, op) -> {
                Operation operation = Operation.of(method.name(), path);
                String opPointer = itemPointer + "/" + method.name().toLowerCase(java.util.Locale.ROOT);
                parameters(item.getParameters(), itemPointer, operation, found);
                parameters(op.getParameters(), opPointer, operation, found);
                RequestBody body = op.getRequestBody();
                String bodyPointer = opPointer + "/requestBody";
                if (body != null && body.get$ref() != null) {
                    String name = localName(body.get$ref(), "#/components/requestBodies/");
                    Components components = model.getComponents();
                    body = name == null || components == null || components.getRequestBodies() == null ? null
                            : components.getRequestBodies().get(name);
                    if (body == null) {
                        found.putIfAbsent(bodyPointer, new Input(bodyPointer, operation, "a reference to " + op.getRequestBody().get$ref()
                                + ", which is not a request body of this spec", false));
                        return;
                    }
                    bodyPointer = "/components/requestBodies/" + Pointers.escape(name);
                }
                if (body != null) {
                    content(body.getContent(), bodyPointer + "/content", operation, found);
                }
            });
        });
        return List.copyOf(found.values());
    }

    private void parameters(List<Parameter> parameters, String pointer, Operation operation, Map<String, Input> found) {
        if (parameters == null) {
            return;
        }
        for (int i = 0; i < parameters.size(); i++) {
            Parameter parameter = parameters.get(i);
            String at = pointer + "/parameters/" + i;
            if (parameter.get$ref() != null) {
                String name = localName(parameter.get$ref(), "#/components/parameters/");
                Components components = model.getComponents();
                Parameter target = name == null || components == null || components.getParameters() == null ? null
                        : components.getParameters().get(name);
                if (target == null) {
                    found.putIfAbsent(at, new Input(at, operation, "a reference to " + parameter.get$ref()
                            + ", which is not a parameter of this spec", false));
                    continue;
                }
                parameter = target;
                at = "/components/parameters/" + Pointers.escape(name);
            }
            if (parameter.getSchema() != null) {
                schema(parameter.getSchema(), at + "/schema", operation, found, new HashSet<>(), 0);
            } else if (parameter.getContent() != null) {
                content(parameter.getContent(), at + "/content", operation, found);
            } else {
                found.putIfAbsent(at, new Input(at, operation, "a parameter ('" + parameter.getName() + "') without a schema", true));
            }
        }
    }

    private void content(Content content, String pointer, Operation operation, Map<String, Input> found) {
        if (content == null) {
            return;
        }
        for (Map.Entry<String, MediaType> media : content.entrySet()) {
            String at = pointer + "/" + Pointers.escape(media.getKey()) + "/schema";
            if (media.getValue() == null || media.getValue().getSchema() == null) {
                found.putIfAbsent(at, new Input(at, operation, "a " + media.getKey() + " body without a schema", true));
            } else {
                schema(media.getValue().getSchema(), at, operation, found, new HashSet<>(), 0);
            }
        }
    }

    @SuppressWarnings("rawtypes")
    private void schema(Schema schema, String pointer, Operation operation, Map<String, Input> found, Set<String> following, int depth) {
        if (depth > MAX_DEPTH) {
            found.putIfAbsent(pointer, new Input(pointer, operation, "nested more than " + MAX_DEPTH + " levels deep", false));
            return;
        }
        if (schema.get$ref() != null) {
            String name = localName(schema.get$ref(), SCHEMAS);
            Components components = model.getComponents();
            Schema target = name == null || components == null || components.getSchemas() == null ? null : components.getSchemas().get(name);
            if (target == null) {
                found.putIfAbsent(pointer, new Input(pointer, operation, "a reference to " + dev.readiness.text.Words.oneLine(schema.get$ref(), 200)
                        + (name == null ? ", outside this spec (not fetched)" : ", which is not a schema of this spec"), false));
            } else if (following.add(name)) {
                schema(target, "/components/schemas/" + Pointers.escape(name), operation, found, following, depth + 1);
                following.remove(name);
            }
            return;
        }
        boolean composed = false;
        for (List<Schema> branches : composition(schema)) {
            for (int i = 0; i < branches.size(); i++) {
                composed = true;
                schema(branches.get(i), pointer + "/" + compositionName(schema, branches) + "/" + i, operation, found, following, depth + 1);
            }
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return;
        }
        String type = type(schema);
        if (type == null) {
            if (!composed) {
                found.putIfAbsent(pointer, new Input(pointer, operation, "a schema of any type (no type, enum or reference)", true));
            }
            return;
        }
        switch (type) {
            case "string" -> {
                boolean format = schema.getFormat() != null && !UNBOUNDED_FORMATS.contains(schema.getFormat());
                if (schema.getMaxLength() == null && schema.getPattern() == null && !format) {
                    found.putIfAbsent(pointer, new Input(pointer, operation, "a string without maxLength, pattern, enum or format"
                            + (schema.getFormat() == null ? "" : " (format " + schema.getFormat() + " does not bound it)"), true));
                }
            }
            case "integer", "number" -> {
                boolean min = schema.getMinimum() != null || schema.getExclusiveMinimumValue() != null;
                boolean max = schema.getMaximum() != null || schema.getExclusiveMaximumValue() != null;
                if (!min || !max) {
                    found.putIfAbsent(pointer, new Input(pointer, operation, "a" + (type.equals("integer") ? "n integer" : " number")
                            + " without " + (min ? "maximum" : max ? "minimum" : "minimum and maximum"), true));
                }
            }
            case "array" -> {
                if (schema.getMaxItems() == null) {
                    found.putIfAbsent(pointer, new Input(pointer, operation, "an array without maxItems", true));
                }
                if (schema.getItems() != null) {
                    schema(schema.getItems(), pointer + "/items", operation, found, following, depth + 1);
                }
            }
            case "object" -> {
                Map<String, Schema> properties = schema.getProperties();
                Object additional = schema.getAdditionalProperties();
                if ((properties == null || properties.isEmpty()) && additional == null && !composed && schema.getMaxProperties() == null) {
                    found.putIfAbsent(pointer, new Input(pointer, operation, "an object of any properties (no properties listed)", true));
                }
                if (properties != null) {
                    properties.forEach((name, property) -> schema(property, pointer + "/properties/" + Pointers.escape(name), operation,
                            found, following, depth + 1));
                }
                if (additional instanceof Schema values) {
                    if (schema.getMaxProperties() == null) {
                        found.putIfAbsent(pointer, new Input(pointer, operation, "a map (additionalProperties) without maxProperties", true));
                    }
                    schema(values, pointer + "/additionalProperties", operation, found, following, depth + 1);
                } else if (Boolean.TRUE.equals(additional) && schema.getMaxProperties() == null) {
                    found.putIfAbsent(pointer, new Input(pointer, operation, "an object open to any property (additionalProperties: true)"
                            + " without maxProperties", true));
                }
            }
            default -> {
                // boolean and null hold nothing unbounded
            }
        }
    }

    @SuppressWarnings("rawtypes")
    private static List<List<Schema>> composition(Schema schema) {
        List<List<Schema>> all = new ArrayList<>();
        for (List<Schema> branches : new List[] {schema.getAllOf(), schema.getOneOf(), schema.getAnyOf()}) {
            if (branches != null) {
                all.add(branches);
            }
        }
        return all;
    }

    @SuppressWarnings("rawtypes")
    private static String compositionName(Schema schema, List<Schema> branches) {
        return branches == schema.getAllOf() ? "allOf" : branches == schema.getOneOf() ? "oneOf" : "anyOf";
    }

    /** The schema's type: OpenAPI 3.0's {@code type}, 3.1's single non-null type, or what its keywords imply. */
    @SuppressWarnings("rawtypes")
    private static String type(Schema schema) {
        if (schema.getType() != null) {
            return schema.getType();
        }
        if (schema.getTypes() != null) {
            List<String> types = ((Set<?>) schema.getTypes()).stream().map(String::valueOf).filter(t -> !t.equals("null")).toList();
            if (types.size() == 1) {
                return types.get(0);
            }
        }
        if (schema.getProperties() != null || schema.getAdditionalProperties() != null) {
            return "object";
        }
        return schema.getItems() != null ? "array" : null;
    }

    /** The component name of a local reference under {@code prefix}, or {@code null} for any other reference. */
    private static String localName(String ref, String prefix) {
        return ref.startsWith(prefix) && ref.indexOf('/', prefix.length()) < 0 ? ref.substring(prefix.length()) : null;
    }

    /** The operations that declare no security (none of their own and none global), in the order of the paths. */
    List<Operation> unsecured() {
        List<Operation> open = new ArrayList<>();
        forEachOperation((operation, op) -> {
            if (!secured(op)) {
                open.add(operation);
            }
        });
        return open;
    }

    /** The GET operations without path parameters that declare security: those an anonymous call can probe. */
    List<Operation> securedGetsWithoutPathParameters() {
        List<Operation> gets = new ArrayList<>();
        forEachOperation((operation, op) -> {
            if (operation.method().equals("GET") && !operation.pathParameters() && secured(op)) {
                gets.add(operation);
            }
        });
        return gets;
    }

    private void forEachOperation(java.util.function.BiConsumer<Operation, io.swagger.v3.oas.models.Operation> action) {
        if (model.getPaths() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : model.getPaths().entrySet()) {
            if (path.getValue() != null) {
                path.getValue().readOperationsMap().forEach((method, op) -> action.accept(Operation.of(method.name(), path.getKey()), op));
            }
        }
    }

    /**
     * Whether an operation requires a security scheme: its own {@code security}, or the global one when it has none. An
     * empty list ({@code security: []}) or an empty requirement ({@code - {}}, "optional") lets anonymous callers in.
     */
    private boolean secured(io.swagger.v3.oas.models.Operation op) {
        List<SecurityRequirement> requirements = op.getSecurity() != null ? op.getSecurity() : model.getSecurity();
        return requirements != null && !requirements.isEmpty() && requirements.stream().noneMatch(r -> r == null || r.isEmpty());
    }
}

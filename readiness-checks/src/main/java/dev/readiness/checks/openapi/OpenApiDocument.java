package dev.readiness.checks.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.readiness.check.Finding;
import dev.readiness.io.BoundedInput;
import dev.readiness.io.Utf8Text;
import dev.readiness.text.Words;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * An OpenAPI 3.x document read within bounds and validated by swagger-parser, or why it could not be read. Only
 * references inside the document ({@code #/components/...}) are followed: swagger-parser runs with resolving off, so
 * a {@code $ref} to another file or a URL is never fetched (each is listed, see {@link #outsideRefs()}). A Swagger 2.0
 * document is refused with that reason (swagger-parser's 2.0 converter is not shipped).
 *
 * <p>This class is the only door to swagger-parser: the checks reach it from {@code run}, so the library is loaded only
 * when the {@code docs} check has a spec or the {@code openApi} check runs.
 */
public final class OpenApiDocument {

    /** The largest spec file read: 8 MiB (a large service's spec is a few hundred KiB). */
    public static final int MAX_SPEC_BYTES = 8 * 1024 * 1024;
    private static final int MAX_NESTING = 200;
    private static final int MAX_REFS_LISTED = 50;

    private static final ObjectMapper JSON = JsonMapper.builder(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build()).build()).build();
    private static final ObjectMapper YAML = new YAMLMapper(YAMLFactory.builder().loaderOptions(loaderOptions())
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build()).build());

    /**
     * One problem swagger-parser or the syntax reader reported.
     *
     * @param message the sentence shown, naming the spec
     * @param reason  what is wrong, without the spec's name: the finding's stable key
     * @param line    its line, or {@code -1} when the parser does not say
     */
    public record Problem(String message, String reason, int line) {
    }

    private final String shown;
    private final String unreadable;
    private final List<Problem> problems;
    private final OpenAPI model;
    private final List<String> outsideRefs;

    private OpenApiDocument(String shown, String unreadable, List<Problem> problems, OpenAPI model, List<String> outsideRefs) {
        this.shown = shown;
        this.unreadable = unreadable;
        this.problems = List.copyOf(problems);
        this.model = model;
        this.outsideRefs = List.copyOf(outsideRefs);
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(MAX_SPEC_BYTES);
        options.setNestingDepthLimit(MAX_NESTING);
        return options;
    }

    /**
     * Reads the spec file {@code file} of the project in {@code basedir}: it must be a regular file inside the project
     * (a link out of it is refused), at most {@link #MAX_SPEC_BYTES}, UTF-8 text.
     *
     * @param shown the file as people see it: {@code src/main/resources/openapi.yaml}
     */
    public static OpenApiDocument read(Path basedir, Path file, String shown) {
        try {
            Path real = file.toRealPath();
            if (!real.startsWith(basedir.toRealPath())) {
                return unreadable(shown, shown + " is a link to " + real + ", outside the project; links out of the project are not read");
            }
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(real)) {
                return unreadable(shown, shown + " is not a regular file");
            }
            if (Files.size(real) > MAX_SPEC_BYTES) {
                return unreadable(shown, shown + " is " + Files.size(real) + " bytes, more than the " + MAX_SPEC_BYTES
                        + " read at most; not read");
            }
            try (InputStream in = new BoundedInput(Files.newInputStream(real), MAX_SPEC_BYTES, shown)) {
                return parse(in.readAllBytes(), shown);
            }
        } catch (BoundedInput.LimitExceededException e) {
            return unreadable(shown, e.getMessage());
        } catch (IOException e) {
            return unreadable(shown, shown + " cannot be read: " + Words.oneLine(e.getMessage(), 200));
        }
    }

    /** Reads a spec from bytes (the live service's answer), named {@code shown} in messages. */
    public static OpenApiDocument parse(byte[] bytes, String shown) {
        String text;
        try {
            text = Utf8Text.decode(bytes);
        } catch (IOException e) {
            return unreadable(shown, shown + " " + e.getMessage());
        }
        JsonNode tree;
        try {
            tree = (text.stripLeading().startsWith("{") ? JSON : YAML).readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            String reason = Words.cut(Words.oneLine(e.getOriginalMessage().lines().findFirst().orElse("")), 200);
            return new OpenApiDocument(shown, null, List.of(new Problem(shown + (line > 0 ? " line " + line : "")
                    + " is not valid YAML or JSON: " + reason, "not valid YAML or JSON: " + reason, line)), null, List.of());
        } catch (RuntimeException e) {
            return unreadable(shown, shown + " is not valid YAML or JSON: " + Words.oneLine(e.getMessage(), 200));
        }
        if (tree == null || !tree.isObject()) {
            String reason = "not an OpenAPI document: it holds no mapping (expected openapi: 3.x, info and paths)";
            return new OpenApiDocument(shown, null, List.of(new Problem(shown + " is " + reason, reason, 1)), null, List.of());
        }
        if (tree.has("swagger")) {
            return unreadable(shown, shown + " is a Swagger/OpenAPI " + Words.oneLine(tree.path("swagger").asText(), 20)
                    + " document; OpenAPI 3.x is read (convert it, e.g. with swagger2openapi, or have springdoc emit 3.x)");
        }
        ParseOptions options = new ParseOptions();
        options.setResolve(false); // no $ref leaves the document: no file or URL is fetched
        options.setResolveFully(false);
        options.setValidateExternalRefs(false);
        SwaggerParseResult result;
        try {
            // the tree Jackson read within bounds, handed over as JSON: swagger-parser does not parse the YAML a second time
            result = new OpenAPIV3Parser().readContents(JSON.writeValueAsString(tree), null, options);
        } catch (JsonProcessingException | RuntimeException e) {
            return unreadable(shown, shown + " could not be read by swagger-parser: " + Words.oneLine(String.valueOf(e.getMessage()), 200));
        }
        List<Problem> problems = new ArrayList<>();
        if (result.getMessages() != null) {
            for (String message : new TreeSet<>(result.getMessages())) {
                String reason = Words.oneLine(message, 300);
                problems.add(new Problem(shown + ": " + reason, reason, -1));
            }
        }
        List<String> refs = new ArrayList<>();
        outsideRefs(tree, "", refs, 0);
        return new OpenApiDocument(shown, null, problems, result.getOpenAPI(), refs);
    }

    private static OpenApiDocument unreadable(String shown, String why) {
        return new OpenApiDocument(shown, why, List.of(), null, List.of());
    }

    /** Collects the JSON pointers of {@code $ref}s that point outside the document (another file, a URL). */
    private static void outsideRefs(JsonNode node, String pointer, List<String> refs, int depth) {
        if (depth > MAX_NESTING || refs.size() >= MAX_REFS_LISTED) {
            return;
        }
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && !ref.asText().startsWith("#")) {
                refs.add(pointer + "/$ref: " + Words.oneLine(Words.withoutUserInfo(ref.asText()), 200));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                outsideRefs(field.getValue(), pointer + "/" + Pointers.escape(field.getKey()), refs, depth + 1);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                outsideRefs(node.get(i), pointer + "/" + i, refs, depth + 1);
            }
        }
    }

    /** The spec as people see it. */
    public String shown() {
        return shown;
    }

    /** Why the spec could not be read at all (too large, binary, a link out, Swagger 2.0), or {@code null}. */
    public String unreadable() {
        return unreadable;
    }

    /** The syntax error or swagger-parser's validation messages; empty when the spec validates. */
    public List<Problem> problems() {
        return problems;
    }

    /** The problems as findings, keyed {@code invalid:<reason>}, at the spec (and its line when known). */
    public List<Finding> problemFindings() {
        return problems.stream().map(p -> Finding.of(p.message()).key("invalid:" + p.reason())
                .at(p.line() > 0 ? shown + ":" + p.line() : shown).build()).toList();
    }

    /** Whether it was read and validates: readable, no problem, and a model. */
    public boolean validates() {
        return unreadable == null && problems.isEmpty() && model != null;
    }

    /** The {@code $ref}s to other files or URLs (never fetched), as {@code pointer/$ref: target}. */
    public List<String> outsideRefs() {
        return outsideRefs;
    }

    /** The operations it lists (empty when it could not be read). */
    public List<Operation> operations() {
        return model == null ? List.of() : SpecRules.operations(model);
    }

    /** What the spec says of its inputs and security; {@code null} when it could not be read into a model. */
    SpecRules rules() {
        return model == null ? null : new SpecRules(model);
    }
}

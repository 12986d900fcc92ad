package dev.readiness.checks.openapi;

import dev.readiness.check.Check;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Claim;
import dev.readiness.check.Finding;
import dev.readiness.check.HttpSettings;
import dev.readiness.check.Result;
import dev.readiness.check.Scope;
import dev.readiness.check.Stage;
import dev.readiness.checks.PluginLibrary;
import dev.readiness.checks.http.BoundedBody;
import dev.readiness.checks.http.HttpClients;
import dev.readiness.checks.http.HttpMessages;
import dev.readiness.text.Words;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The {@code openApi} check: reads the committed OpenAPI 3.x spec with swagger-parser and, after a deployment, the one
 * the live service serves. Its main claim settles "API documentation updated" in the postDeploy stage: the committed
 * spec validates and lists exactly the operations of the live spec (method and path, path variables by position),
 * each operation missing on one side named. In the build stage it supports "Input validation implemented for all user
 * inputs" (every parameter and request-body schema bounded) and "Authorization controls verified" (every operation
 * declares security or is on the public list); opt-in, after deployment, it supports "Authentication system thoroughly
 * tested" by calling each secured GET operation without credentials. A spec that is missing, unreadable or Swagger 2.0
 * is ERROR, never a pass.
 */
public final class OpenApiCheck implements Check<OpenApiConfig> {

    static final String INPUTS = "openApi.inputs";
    static final String SECURITY = "openApi.security";
    static final String ANONYMOUS = "openApi.anonymous";
    /** The most operations the anonymous probe calls. */
    static final int MAX_PROBES = 20;
    private static final int NAMED = 3;

    @Override
    public String id() {
        return "openApi";
    }

    @Override
    public String description() {
        return "The committed OpenAPI spec validates and lists exactly the operations (method and path) of the spec the deployed"
                + " service serves; one that does not disproves the item (operations alike say nothing of their schemas).";
    }

    @Override
    public List<String> phrases() {
        return List.of("API documentation updated");
    }

    @Override
    public List<Claim> claims() {
        // supports only: the same operations may take and return other schemas than the committed spec documents
        return List.of(Claim.supports(id(), description(), phrases()).inStage(Stage.POST_DEPLOY),
                Claim.supports(INPUTS, "Every parameter and request-body schema of the committed spec is bounded (strings by"
                        + " maxLength, pattern, enum or format; numbers by minimum and maximum; arrays by maxItems); an unbounded"
                        + " one disproves the item.", List.of("Input validation implemented for all user inputs")),
                Claim.supports(SECURITY, "Every operation of the committed spec declares security (its own or the global one) or is"
                        + " on the publicOperations list; an open one disproves the item.", List.of("Authorization controls verified")),
                Claim.supports(ANONYMOUS, "Opt-in (anonymousProbe): each secured GET operation without path parameters, called once"
                        + " without credentials, answers 401 or 403; another answer disproves the item.",
                        List.of("Authentication system thoroughly tested")).inStage(Stage.POST_DEPLOY));
    }

    @Override
    public Class<OpenApiConfig> configType() {
        return OpenApiConfig.class;
    }

    @Override
    public Scope scope() {
        return Scope.BUILD;
    }

    @Override
    public Result run(OpenApiConfig config, CheckContext context) {
        Path basedir = context.basedir();
        String shown = config.spec() != null ? config.spec()
                : OpenApiConfig.DEFAULT_SPECS.stream().filter(p -> Files.exists(basedir.resolve(p), LinkOption.NOFOLLOW_LINKS))
                        .findFirst().orElse(null);
        Result missing = null;
        if (shown == null) {
            missing = Result.error("no OpenAPI spec was found: looked for " + String.join(", ", OpenApiConfig.DEFAULT_SPECS))
                    .remedy("Commit the spec (springdoc: curl <service>/v3/api-docs.yaml > src/main/resources/openapi.yaml), or set"
                            + " <spec> to where it is.").build();
        } else if (!Files.exists(basedir.resolve(shown), LinkOption.NOFOLLOW_LINKS)) {
            missing = Result.error("the OpenAPI spec " + Words.oneLine(shown, 200) + " does not exist")
                    .remedy("Commit the spec there, or point <spec> at it.").build();
        }
        if (missing == null) {
            Result.Builder noParser = PluginLibrary.requiredFor("reading the OpenAPI spec " + Words.oneLine(shown, 200),
                    PluginLibrary.SWAGGER_PARSER);
            missing = noParser == null ? null : noParser.evidence("spec", shown).build();
        }
        OpenApiDocument spec = missing != null ? null : OpenApiDocument.read(basedir, basedir.resolve(shown).normalize(), shown);
        if (spec != null && spec.unreadable() != null) {
            missing = Result.error(spec.unreadable()).evidence("spec", shown)
                    .remedy("Commit the spec as OpenAPI 3.x YAML or JSON text, at most " + OpenApiDocument.MAX_SPEC_BYTES / (1024 * 1024)
                            + " MiB, inside the project.").build();
        }
        if (context.stage() == Stage.POST_DEPLOY) {
            Result.Builder main = missing != null ? copy(missing) : compare(spec, config, context);
            if (config.anonymousProbe() || context.isBound(ANONYMOUS)) {
                main.claim(ANONYMOUS, missing != null ? missing : anonymous(spec, config, context));
            }
            return main.build();
        }
        Result.Builder main = Result.skipped("the committed spec is compared with the live one after deployment"
                + " (mvn readiness:verify -Dreadiness.stage=postDeploy)");
        if (missing != null) {
            return main.claim(INPUTS, missing).claim(SECURITY, missing).build();
        }
        SpecRules rules = spec.rules();
        if (rules == null) {
            Result broken = Result.error(shown + " could not be read into an OpenAPI model: " + spec.problems().get(0).message())
                    .findings(spec.problemFindings()).remedy("Fix the spec so that it parses.").build();
            return main.claim(INPUTS, broken).claim(SECURITY, broken).build();
        }
        return main.evidence("spec", shown).evidence("operations", spec.operations().size())
                .claim(INPUTS, inputs(spec, rules)).claim(SECURITY, security(spec, rules, config)).build();
    }

    private static Result.Builder copy(Result result) {
        Result.Builder builder = Result.of(result.status(), result.summary()).remedy(result.remedy()).findings(result.findings());
        result.evidence().forEach(builder::evidence);
        return builder;
    }

    // --- build stage --------------------------------------------------------------------------------------------------

    private static Result inputs(OpenApiDocument spec, SpecRules rules) {
        String shown = spec.shown();
        int operations = spec.operations().size();
        if (operations == 0) {
            return Result.error(shown + " lists no operation, so there is no input to judge")
                    .remedy("Commit the spec of the service's API, with its paths.").build();
        }
        List<SpecRules.Input> inputs = rules.unboundedInputs();
        List<Finding> unbounded = new ArrayList<>();
        List<Finding> unjudged = new ArrayList<>();
        for (SpecRules.Input input : inputs) {
            (input.judged() ? unbounded : unjudged).add(Finding.of(input.operation() + ": " + input.pointer() + " is " + input.reason()
                            + (input.judged() ? "" : "; not judged"))
                    .key((input.judged() ? "unbounded:" : "unjudged:") + input.pointer()).at(shown + "#" + input.pointer())
                    .with("operation", input.operation().toString()).with("pointer", input.pointer()).build());
        }
        String expected = "every parameter and request-body schema bounded";
        if (!unbounded.isEmpty()) {
            return Result.fail(Words.plural(unbounded.size(), "input schema") + " of " + shown + " " + (unbounded.size() == 1 ? "is" : "are")
                            + " not bounded: " + unbounded.stream().limit(NAMED).map(f -> String.valueOf(f.evidence().get("pointer")))
                            .collect(Collectors.joining(", ")) + (unbounded.size() > NAMED ? " and " + (unbounded.size() - NAMED) + " more" : ""))
                    .measured(unbounded.size() + " unbounded").expected(expected).findings(unbounded)
                    .findings(unjudged.stream().map(OpenApiCheck::asNote).toList())
                    .remedy("Bound each input where it is declared: @Size(max=…)/@Pattern on strings, @Min/@Max on numbers, @Size(max=…)"
                            + " on lists (springdoc writes them as maxLength, pattern, minimum, maximum, maxItems), or an enum.").build();
        }
        if (!unjudged.isEmpty()) {
            return Result.error(Words.plural(unjudged.size(), "input schema") + " of " + shown + " could not be judged: "
                            + unjudged.get(0).message()).findings(unjudged)
                    .remedy("Keep the schemas in the spec's own components (references to other files or URLs are not fetched).").build();
        }
        return Result.pass("every parameter and request-body schema of " + Words.plural(operations, "operation") + " in " + shown
                + " is bounded").measured("0 unbounded").expected(expected).build();
    }

    private static Finding asNote(Finding finding) {
        Finding.Builder note = Finding.of(finding.message()).key(finding.key()).at(finding.location()).note();
        finding.evidence().forEach(note::with);
        return note.build();
    }

    private static Result security(OpenApiDocument spec, SpecRules rules, OpenApiConfig config) {
        String shown = spec.shown();
        int operations = spec.operations().size();
        if (operations == 0) {
            return Result.error(shown + " lists no operation, so there is no security to judge")
                    .remedy("Commit the spec of the service's API, with its paths.").build();
        }
        List<Operation> open = rules.unsecured().stream().filter(op -> !config.isPublic(op)).toList();
        String expected = "every operation secured or listed in publicOperations";
        if (!open.isEmpty()) {
            return Result.fail(Words.plural(open.size(), "operation") + " of " + shown + " declare" + (open.size() == 1 ? "s" : "")
                            + " no security: " + open.stream().limit(NAMED).map(Operation::toString).collect(Collectors.joining(", "))
                            + (open.size() > NAMED ? " and " + (open.size() - NAMED) + " more" : ""))
                    .measured(open.size() + " of " + operations + " open").expected(expected)
                    .findings(open.stream().map(op -> Finding.of(op + " declares no security requirement (none of its own, no global"
                                    + " security, or an empty one): add security to it or to the spec, or list it in publicOperations"
                                    + " if it is meant to be public").key("unsecured:" + op.key()).at(shown + "#/paths/"
                                    + Pointers.escape(op.path()) + "/" + op.method().toLowerCase(java.util.Locale.ROOT)).build()).toList())
                    .remedy("Declare the security scheme (springdoc: @SecurityRequirement, or a global one with"
                            + " OpenAPI.addSecurityItem), or list the operation in <publicOperations>.").build();
        }
        return Result.pass("all " + Words.plural(operations, "operation") + " of " + shown + " declare security or are public by"
                + " configuration").measured("0 of " + operations + " open").expected(expected).build();
    }

    // --- postDeploy stage -------------------------------------------------------------------------------------------------

    /** The live spec's URL: the configured one, or the target with /v3/api-docs; {@code null} when neither makes a URL. */
    private static HttpUrl liveUrl(OpenApiConfig config, CheckContext context) {
        if (config.url() != null) {
            return HttpUrl.parse(config.url());
        }
        URI target = context.http().target();
        return target == null ? null : HttpClients.under(target, "/v3/api-docs");
    }

    private static Result.Builder compare(OpenApiDocument spec, OpenApiConfig config, CheckContext context) {
        HttpUrl url = liveUrl(config, context);
        if (url == null) {
            return Result.error(config.url() == null ? "openApi has no url and no <target> is configured, so the live spec cannot be read"
                            : "openApi's url '" + Words.oneLine(Words.withoutUserInfo(config.url()), 200) + "' is not an http(s) URL")
                    .remedy("Set <target> to the deployed service's base URL, or give the openApi check a <url>.");
        }
        String shownUrl = HttpMessages.display(url);
        OkHttpClient client;
        try {
            client = HttpClients.forSettings(context.http());
        } catch (IOException e) {
            return HttpClients.clientUnavailable("openApi cannot call " + shownUrl, e);
        }
        OpenApiDocument live;
        try (Response response = client.newCall(new Request.Builder().url(url).header("Accept", "application/json, application/yaml")
                .build()).execute()) {
            if (response.code() != 200) {
                return Result.error("the live spec " + shownUrl + " answered HTTP " + response.code() + ", expected 200 with the spec")
                        .evidence("url", shownUrl)
                        .remedy("Serve the spec from the deployed service (springdoc-openapi serves /v3/api-docs), or point <url> at it.");
            }
            live = OpenApiDocument.parse(BoundedBody.read(response.body(), "the live spec " + shownUrl), shownUrl);
        } catch (IOException e) {
            return Result.error("the live spec could not be read: " + HttpMessages.describe(e, url, context.http().timeout()))
                    .evidence("url", shownUrl).remedy(HttpMessages.UNREACHABLE_REMEDY);
        }
        if (live.unreadable() != null || live.rules() == null) {
            return Result.error("the live spec cannot be compared: " + (live.unreadable() != null ? live.unreadable()
                            : live.problems().get(0).message())).evidence("url", shownUrl)
                    .remedy("Serve the OpenAPI 3.x spec as JSON or YAML at " + shownUrl + ".");
        }
        Map<String, Operation> committed = byKey(spec.operations());
        Map<String, Operation> served = byKey(live.operations());
        if (committed.isEmpty() && served.isEmpty()) {
            return Result.error("neither " + spec.shown() + " nor the live spec " + shownUrl + " lists an operation, so there is nothing"
                    + " to compare").evidence("url", shownUrl).remedy("Check that the deployed service's controllers are scanned by springdoc.");
        }
        List<Finding> findings = new ArrayList<>(spec.problemFindings());
        List<String> notServed = new ArrayList<>();
        List<String> undocumented = new ArrayList<>();
        committed.forEach((key, op) -> {
            if (!served.containsKey(key)) {
                notServed.add(op.toString());
                findings.add(Finding.of(op + " is in " + spec.shown() + " but the live service's spec (" + shownUrl + ") does not list"
                        + " it: deploy it, or remove it from the committed spec").key("not-served:" + key).at(spec.shown()).build());
            }
        });
        served.forEach((key, op) -> {
            if (!committed.containsKey(key)) {
                undocumented.add(op.toString());
                findings.add(Finding.of(op + " is served (the live spec " + shownUrl + " lists it) but missing from " + spec.shown()
                        + ": add it to the committed spec").key("undocumented:" + key).at(spec.shown()).build());
            }
        });
        Result.Builder result;
        String expected = "a valid spec with the live service's operations";
        if (findings.isEmpty()) {
            result = Result.pass(spec.shown() + " validates and lists the same " + Words.plural(committed.size(), "operation")
                    + " as the live spec " + shownUrl).measured(committed.size() + " of " + served.size() + " operations documented");
        } else {
            List<String> parts = new ArrayList<>();
            if (!spec.problems().isEmpty()) {
                parts.add(spec.shown() + " does not validate (" + Words.plural(spec.problems().size(), "problem") + ")");
            }
            if (!undocumented.isEmpty()) {
                parts.add(Words.plural(undocumented.size(), "served operation") + " missing from " + spec.shown() + ": " + names(undocumented));
            }
            if (!notServed.isEmpty()) {
                parts.add(Words.plural(notServed.size(), "documented operation") + " not served: " + names(notServed));
            }
            result = Result.fail(String.join("; ", parts))
                    .measured((served.size() - undocumented.size()) + " of " + served.size() + " operations documented, " + notServed.size()
                            + " not served").findings(findings)
                    .remedy("Regenerate the committed spec from the deployed build (springdoc: curl <service>/v3/api-docs.yaml >"
                            + " " + spec.shown() + ") and review the difference, or fix what the findings name.");
        }
        return result.expected(expected).evidence("spec", spec.shown()).evidence("url", shownUrl)
                .evidence("committedOperations", committed.size()).evidence("liveOperations", served.size());
    }

    private static Map<String, Operation> byKey(List<Operation> operations) {
        Map<String, Operation> byKey = new LinkedHashMap<>();
        operations.forEach(op -> byKey.putIfAbsent(op.key(), op));
        return byKey;
    }

    private static String names(List<String> names) {
        return names.stream().limit(NAMED).collect(Collectors.joining(", "))
                + (names.size() > NAMED ? " and " + (names.size() - NAMED) + " more" : "");
    }

    /** Calls each secured GET operation without path parameters once, without the configured headers. */
    private static Result anonymous(OpenApiDocument spec, OpenApiConfig config, CheckContext context) {
        if (!config.anonymousProbe()) {
            return Result.skipped("the anonymous probe is off: set <anonymousProbe>true</anonymousProbe> to call each secured GET"
                    + " operation once without credentials").build();
        }
        SpecRules rules = spec.rules();
        if (rules == null) {
            return Result.error(spec.shown() + " could not be read into an OpenAPI model, so no operation can be probed").build();
        }
        URI target = context.http().target();
        if (target == null || HttpUrl.get(target) == null) {
            return Result.error("the anonymous probe needs <target>, the deployed service's base URL")
                    .remedy("Set <target> to the deployed service's base URL.").build();
        }
        List<Operation> gets = rules.securedGetsWithoutPathParameters();
        if (gets.isEmpty()) {
            return Result.skipped(spec.shown() + " has no secured GET operation without path parameters to call").build();
        }
        HttpSettings settings = context.http();
        HttpSettings anonymous = new HttpSettings(settings.target(), settings.timeout(), settings.trustCertificates(), Map.of(),
                settings.proxy());
        List<Finding> answered = new ArrayList<>();
        List<Finding> unanswered = new ArrayList<>();
        List<Map<String, Object>> calls = new ArrayList<>();
        List<Operation> probed = gets.stream().limit(MAX_PROBES).toList();
        try {
            OkHttpClient client = HttpClients.forSettings(anonymous);
            for (Operation op : probed) {
                HttpUrl url = HttpClients.under(target, op.path());
                if (url == null) {
                    continue;
                }
                String shownUrl = HttpMessages.display(url);
                Map<String, Object> call = new LinkedHashMap<>();
                call.put("operation", op.toString());
                call.put("url", shownUrl);
                try (Response response = client.newCall(new Request.Builder().url(url).get().build()).execute()) {
                    call.put("status", response.code());
                    if (response.code() != 401 && response.code() != 403) {
                        answered.add(Finding.of(op + " (" + shownUrl + ") answered HTTP " + response.code() + " without credentials, expected"
                                        + " 401 or 403" + (response.isRedirect() ? " (a redirect, perhaps to a login page, not followed)" : ""))
                                .key("anonymous:" + op.key()).at(shownUrl).with("status", response.code()).build());
                    }
                } catch (IOException e) {
                    call.put("error", HttpMessages.describe(e, url, settings.timeout()));
                    unanswered.add(Finding.of(op + " (" + shownUrl + ") got no answer: " + HttpMessages.describe(e, url, settings.timeout()))
                            .key("anonymous:" + op.key()).at(shownUrl).build());
                }
                calls.add(call);
            }
        } catch (IOException e) {
            return Result.error("the anonymous probe cannot call " + Words.withoutUserInfo(target.toString()) + ": " + e.getMessage())
                    .remedy("Point <http><trustCertificates> at a readable PEM file of CA certificates.").build();
        }
        String expected = "401 or 403 from every secured GET operation called without credentials";
        String skippedMore = gets.size() > probed.size() ? " (the first " + probed.size() + " of " + gets.size() + ")" : "";
        if (!answered.isEmpty()) {
            return Result.fail(Words.plural(answered.size(), "secured operation") + " answered without credentials: "
                            + names(answered.stream().map(f -> f.key().substring("anonymous:".length())).toList()))
                    .measured(answered.size() + " of " + calls.size() + " let anonymous callers through").expected(expected)
                    .evidence("calls", calls).findings(answered).findings(unanswered.stream().map(OpenApiCheck::asNote).toList())
                    .remedy("Require authentication on these endpoints (Spring Security: authorizeHttpRequests … authenticated()), or mark"
                            + " them public in the spec (security: []) and in publicOperations if they are meant to be.").build();
        }
        if (!unanswered.isEmpty()) {
            return Result.error(Words.plural(unanswered.size(), "anonymous call") + " got no answer").findings(unanswered)
                    .evidence("calls", calls).remedy(HttpMessages.UNREACHABLE_REMEDY).build();
        }
        return Result.pass("all " + Words.plural(calls.size(), "secured GET operation") + skippedMore + " answered 401 or 403 without"
                + " credentials").measured(calls.size() + " of " + calls.size() + " refused").expected(expected).evidence("calls", calls).build();
    }
}

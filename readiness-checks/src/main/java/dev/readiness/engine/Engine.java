package dev.readiness.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.readiness.check.Check;
import dev.readiness.check.CheckContext;
import dev.readiness.check.CheckLog;
import dev.readiness.check.Claim;
import dev.readiness.check.HttpSettings;
import dev.readiness.check.ModuleResult;
import dev.readiness.check.Param;
import dev.readiness.check.Scope;
import dev.readiness.check.Stage;
import dev.readiness.check.Waiver;
import dev.readiness.text.Words;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The gate's engine: finds the checks ({@link ServiceLoader}), takes the configuration once
 * ({@link #verify}), shapes and merges it, validates it into a {@link Plan} (unknown checks or
 * parameters fail here, before anything runs), runs the checks and decides the verdict. Knows
 * nothing of Maven.
 */
public final class Engine {

    /** Keys every check accepts besides its own parameters. */
    static final List<String> COMMON_KEYS = List.of("level", "items", "claims");

    private static final Type ITEMS_TYPE = componentType(ClaimConfig.class, "items");

    /** The longest a team may let its waivers run: a year. */
    static final int MAX_WAIVER_DAYS = 366;

    private final Map<String, Check<?>> available;

    private Engine(Map<String, Check<?>> available) {
        this.available = available;
    }

    /** An engine with every check the class loader's {@code META-INF/services} lists. */
    public static Engine discover(ClassLoader loader) throws ConfigurationException {
        Map<String, Check<?>> checks = new TreeMap<>();
        try {
            for (Check<?> check : ServiceLoader.load(Check.class, loader)) {
                Check<?> previous = checks.putIfAbsent(check.id(), check);
                if (previous != null && previous.getClass() != check.getClass()) {
                    throw new ConfigurationException("two checks have the id '" + check.id() + "': "
                            + previous.getClass().getName() + " and " + check.getClass().getName());
                }
            }
        } catch (ServiceConfigurationError e) {
            throw new ConfigurationException("a check could not be loaded: " + e.getMessage(), e);
        }
        return new Engine(checks);
    }

    /** An engine with exactly these checks (for tests and embedding). */
    public static Engine of(List<Check<?>> checks) {
        Map<String, Check<?>> map = new TreeMap<>();
        checks.forEach(c -> map.put(c.id(), c));
        return new Engine(map);
    }

    /** Every available check, by id in alphabetical order. */
    public Map<String, Check<?>> available() {
        return java.util.Collections.unmodifiableMap(available);
    }

    /**
     * Verifies a project: merges the configuration's sources, validates them into a {@link Plan}, runs
     * the checks and decides the verdict. The configuration comes in here once and goes no further back
     * than the outcome.
     *
     * @param context the project's context; its HTTP settings and log are set here (the log masking secrets)
     * @param log     where the checks report progress
     * @throws ConfigurationException when the configuration is broken, before any check runs
     */
    public Outcome verify(ReadinessConfig.Sources sources, CheckContext.Builder context, CheckLog log) throws ConfigurationException {
        return verify(sources, context, log, Runner.Reactor.single());
    }

    /**
     * Verifies one module of a reactor, as {@link #verify} does, except that the checks of {@link Scope#BUILD} are
     * SKIPPED: they run once, in the {@link #aggregate}.
     *
     * @since 0.5.0
     */
    public Outcome verifyModule(ReadinessConfig.Sources sources, CheckContext.Builder context, CheckLog log) throws ConfigurationException {
        return verify(sources, context, log, Runner.Reactor.module());
    }

    /**
     * The reactor's one verdict, once its modules have run: the checks of {@link Scope#BUILD} run here (against the
     * execution root), each check of {@link Scope#MODULE} decides from the modules' results ({@link
     * dev.readiness.check.Check#aggregate}), and the checklist is decided once. Modules of the reactor that this build
     * did not build ({@code -pl}, {@code -rf}) are named in a notice, and fail the aggregate when
     * {@code requireFullReactor} is set.
     *
     * @param context  the execution root's context
     * @param modules  the modules that ran the gate, in reactor order
     * @param notBuilt the modules of the reactor that declare the gate but were not built in this run
     * @since 0.5.0
     */
    public Outcome aggregate(ReadinessConfig.Sources sources, CheckContext.Builder context, CheckLog log, List<ModuleOutcome> modules,
                             List<String> notBuilt, boolean requireFullReactor) throws ConfigurationException {
        return aggregate(sources, context, log, modules, notBuilt, List.of(), requireFullReactor);
    }

    /**
     * The reactor's verdict as {@link #aggregate(ReadinessConfig.Sources, CheckContext.Builder, CheckLog, List, List, boolean)}
     * gives it, over the modules that ran before one failed: the build stops there (or, with {@code --fail-at-end}, skips
     * what depends on it), so the modules yet to run are named, and the aggregate FAILs, as it speaks for part of the build.
     *
     * @param notRun the modules of this build expected to run the gate that have not (yet); none for the complete aggregate
     * @since 0.6.0
     */
    public Outcome aggregate(ReadinessConfig.Sources sources, CheckContext.Builder context, CheckLog log, List<ModuleOutcome> modules,
                             List<String> notBuilt, List<String> notRun, boolean requireFullReactor) throws ConfigurationException {
        Map<String, List<ModuleResult>> results = new LinkedHashMap<>();
        for (ModuleOutcome module : modules) {
            for (CheckRun run : module.outcome().checks()) {
                results.computeIfAbsent(run.id(), id -> new ArrayList<>())
                        .add(new ModuleResult(module.outcome().project(), module.context(), run.result()));
            }
        }
        Outcome outcome = verify(sources, context, log, Runner.Reactor.aggregate(results));
        List<String> notices = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        if (!notBuilt.isEmpty()) {
            String names = String.join(", ", notBuilt);
            notices.add("the aggregate covers the modules built in this run; not built (-pl, -rf): " + names);
            if (requireFullReactor) {
                failures.add("requireFullReactor: the modules " + names + " were not built, so the aggregate cannot speak for the"
                        + " whole product: build the full reactor");
            }
        }
        if (!notRun.isEmpty()) {
            failures.add("a module failed the gate before " + String.join(", ", notRun) + " ran it, so this aggregate covers only "
                    + modules.stream().map(m -> m.outcome().project().artifactId()).collect(Collectors.joining(", "))
                    + ": fix the failing module and build the reactor again");
        }
        return outcome.asAggregate(modules.stream().map(m -> ModuleSummary.of(m.outcome())).toList(), notices, failures);
    }

    private Outcome verify(ReadinessConfig.Sources sources, CheckContext.Builder context, CheckLog log, Runner.Reactor reactor)
            throws ConfigurationException {
        Plan plan = plan(sources, context.build().clock());
        Redactor redactor = new Redactor(secrets(plan.http(), sources.secrets()));
        return run(plan, context.http(plan.http()).log(redacting(log, redactor)).build(), redactor, reactor);
    }

    /**
     * Merges the sources and validates them into a {@link Plan}, as {@link #verify} does before anything runs:
     * for goals that only look at the configuration ({@code readiness:list}).
     *
     * @throws ConfigurationException when the configuration is broken, with the secrets the sources hold masked
     */
    public Plan plan(ReadinessConfig.Sources sources, Clock clock) throws ConfigurationException {
        try {
            return plan(config(sources), sources.basedir(), clock);
        } catch (ConfigurationException e) {
            throw redacted(e, sources);
        }
    }

    /**
     * Merges the sources into one configuration: the POM's elements shaped by the records they
     * configure; the POM and {@code -D} properties win over {@code readiness.yaml} key by key (within
     * {@code http} too), and a check configured in the POM replaces the same check in the file.
     */
    ReadinessConfig config(ReadinessConfig.Sources sources) throws ConfigurationException {
        ReadinessConfig.Pom pom = sources.pom();
        ReadinessYaml yaml = sources.yaml() != null ? sources.yaml() : new ReadinessYaml(null, null, null, null, Map.of());
        Map<String, JsonNode> checks = new LinkedHashMap<>(yaml.checks());
        List<JsonNode> pomChecks = new ArrayList<>();
        for (ConfigElement check : pom.checks()) {
            JsonNode tree = toTree(check);
            checks.put(check.name(), tree);
            pomChecks.add(tree);
        }
        String checklist = pom.checklist() != null ? pom.checklist() : yaml.checklist();
        JsonNode http = http(pom.http() == null ? null : ConfigBinder.toTree(pom.http(), HttpConfig.class), yaml.http());
        Duration timeout = checkTimeout(pom.checkTimeout() != null ? "checkTimeout" : ReadinessYaml.FILE + ": checkTimeout",
                pom.checkTimeout() != null ? pom.checkTimeout() : yaml.checkTimeout());
        Boolean failOnWarnings = pom.failOnWarnings() != null
                ? ConfigBinder.bind("failOnWarnings", Boolean.class, JsonNodeFactory.instance.textNode(pom.failOnWarnings()), List.of())
                : yaml.failOnWarnings();
        String maxWaiverDays = pom.maxWaiverDays() != null ? pom.maxWaiverDays() : yaml.maxWaiverDays();
        Stage stage = pom.stage() != null ? stage("stage", pom.stage()) : stage(ReadinessYaml.FILE + ": stage", yaml.stage());
        return new ReadinessConfig(checklist == null ? null : sources.basedir().resolve(checklist), checklist, checks, pom.target(),
                http, timeout, pom.onlyChecks(), pom.skipChecks(), Boolean.TRUE.equals(failOnWarnings), sources.serverHeaders(),
                sources.proxy(), pom.requireAttestation() != null ? pom.requireAttestation() : yaml.requireAttestation(),
                maxWaiverDays == null || maxWaiverDays.isBlank() ? Ledger.DEFAULT_MAX_WAIVER_DAYS
                        : ConfigBinder.bind("maxWaiverDays", Integer.class, JsonNodeFactory.instance.textNode(maxWaiverDays.trim()), List.of()),
                stage, pom.environment() != null ? pom.environment() : yaml.environment(), ReadinessConfig.urlOrigins(pomChecks));
    }

    /** The stage as written, {@link Stage#BUILD} when nothing is; another word is an error naming the stages. */
    private static Stage stage(String where, String text) throws ConfigurationException {
        if (text == null || text.isBlank()) {
            return Stage.BUILD;
        }
        Stage stage = Stage.of(text.trim());
        if (stage == null) {
            throw new ConfigurationException(where + ": '" + Words.oneLine(text.trim(), 100) + "' is not a stage"
                    + ConfigBinder.suggestion(text.trim(), Stage.ids()) + "; valid stages: " + String.join(", ", Stage.ids())
                    + " (build before deployment, postDeploy against the deployed service)");
        }
        return stage;
    }

    /**
     * The time limit of each check as written, or {@code null} for the default: longer than 0 and at most
     * {@link ReadinessConfig#MAX_CHECK_TIMEOUT}, so that no deadline computed from it overflows.
     */
    private static Duration checkTimeout(String where, String text) throws ConfigurationException {
        if (text == null || text.isBlank()) {
            return null;
        }
        Duration timeout = ConfigBinder.bind(where, Duration.class, JsonNodeFactory.instance.textNode(text), List.of());
        String max = Words.duration(ReadinessConfig.MAX_CHECK_TIMEOUT);
        if (timeout.isZero() || timeout.isNegative()) {
            throw new ConfigurationException(where + ": '" + text.trim() + "' gives a check no time: write a time limit longer than 0"
                    + " and at most " + max + ", such as 5m");
        }
        if (timeout.compareTo(ReadinessConfig.MAX_CHECK_TIMEOUT) > 0) {
            throw new ConfigurationException(where + ": '" + text.trim() + "' is longer than " + max + ", the longest time limit"
                    + " a check may have: write " + max + " or less, such as 5m");
        }
        return timeout;
    }

    /** The POM's {@code http} over the file's, key by key; one that is not a mapping is left for binding to report. */
    private static JsonNode http(JsonNode pom, JsonNode yaml) {
        if (yaml == null || yaml.isNull()) {
            return pom;
        }
        if (pom == null || pom.isNull()) {
            return yaml;
        }
        if (!yaml.isObject()) {
            return yaml;
        }
        if (!pom.isObject()) {
            return pom;
        }
        ObjectNode merged = yaml.deepCopy();
        merged.setAll((ObjectNode) pom);
        return merged;
    }

    /**
     * Validates the configuration: every check id and parameter is known and well typed, the
     * checklist is readable, and binds items to checks.
     */
    public Plan plan(ReadinessConfig config, Path basedir) throws ConfigurationException {
        return plan(config, basedir, Clock.systemUTC());
    }

    /**
     * Validates the configuration as {@link #plan(ReadinessConfig, Path)} does, with the attestations,
     * waivers and baseline read and checked against the checklist, the claims and today's date.
     */
    public Plan plan(ReadinessConfig config, Path basedir, Clock clock) throws ConfigurationException {
        if (config.checks().isEmpty()) {
            throw new ConfigurationException("no check is configured: add at least one under <checks>; available checks: "
                    + String.join(", ", available.keySet()));
        }
        for (String id : union(config.onlyChecks(), config.skipChecks())) {
            if (!config.checks().containsKey(id)) {
                throw new ConfigurationException("readiness.checks/readiness.skipChecks name '" + id
                        + "', which is not configured; configured checks: " + String.join(", ", config.checks().keySet()));
            }
        }
        List<ConfiguredCheck> configured = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : config.checks().entrySet()) {
            configured.add(configure(entry.getKey(), entry.getValue(), config));
        }
        Checklist checklist = config.checklist() == null ? catalog(configured)
                : new ChecklistParser().parse(config.checklist(), config.checklistShown());
        Plan.Bindings bindings = new Binding(available.values()).bind(checklist, configured);
        HttpConfig http = ConfigBinder.bind("http", HttpConfig.class, config.http(), List.of());
        if (config.maxWaiverDays() < 1 || config.maxWaiverDays() > MAX_WAIVER_DAYS) {
            throw new ConfigurationException("maxWaiverDays: " + config.maxWaiverDays() + " is not between 1 and " + MAX_WAIVER_DAYS
                    + ": a waiver is a dated exception, to be looked at again (the default is " + Ledger.DEFAULT_MAX_WAIVER_DAYS + ")");
        }
        Set<String> claims = new HashSet<>();
        List<Waiver> checkWaivers = new ArrayList<>();
        for (ConfiguredCheck check : configured) {
            check.claims().forEach(c -> claims.add(c.id()));
            checkWaivers.addAll(check.waivers());
        }
        Ledger ledger = Ledger.read(basedir, checklist, claims, checkWaivers, config.requireAttestation(), config.maxWaiverDays(),
                LocalDate.now(clock));
        return new Plan(checklist, configured, bindings, http(config, http, basedir), config.checkTimeout(), config.failOnWarnings(),
                ledger, config.stage(), config.environment());
    }

    /** Runs the plan's checks and decides the verdict. */
    public Outcome run(Plan plan, CheckContext context, Redactor redactor) {
        return run(plan, context, redactor, Runner.Reactor.single());
    }

    private Outcome run(Plan plan, CheckContext context, Redactor redactor, Runner.Reactor reactor) {
        Set<String> bound = plan.boundClaims();
        List<CheckRun> runs = new Runner(plan.checkTimeout(), context, bound, plan.stage(), plan.production(), reactor)
                .run(plan.checks()).stream()
                .map(run -> run.redacted(redactor))
                .toList();
        return Verdict.decide(plan, context.project(), runs, LocalDate.now(context.clock()));
    }

    /**
     * Turns a check's POM element into the tree {@link #plan} binds: its parameters shaped by the
     * check's record, {@code level} as text, {@code items} as a list, and {@code claims} as a map of
     * claim name to {@code {level, items}}.
     */
    private JsonNode toTree(ConfigElement element) {
        Check<?> check = available.get(element.name());
        ObjectNode tree = ConfigBinder.mapper().createObjectNode();
        for (ConfigElement child : element.children()) {
            if (child.name().equals("items")) {
                tree.set("items", ConfigBinder.toTree(child, ITEMS_TYPE));
            } else if (child.name().equals("claims") && child.children().isEmpty()) {
                tree.set("claims", ConfigBinder.toTree(child, null)); // a value, not claims by name: configureClaims says so
            } else if (child.name().equals("claims")) {
                ObjectNode claims = tree.putObject("claims");
                child.children().forEach(claim -> claims.set(claim.name(), ConfigBinder.toTree(claim, ClaimConfig.class)));
            } else {
                Type type = check == null ? null : componentType(check.configType(), child.name());
                tree.set(child.name(), ConfigBinder.toTree(child, type));
            }
        }
        return tree;
    }

    private static Type componentType(Class<?> record, String name) {
        return Arrays.stream(record.getRecordComponents()).filter(c -> c.getName().equals(name))
                .map(RecordComponent::getGenericType).findFirst().orElse(null);
    }

    /**
     * The parameters of a check: name, type and description (which states the default), for
     * {@code readiness:list} and the README's configuration reference. Every check also takes
     * {@code level} and {@code items}.
     */
    public static List<ParameterDoc> parameters(Check<?> check) {
        List<ParameterDoc> docs = new ArrayList<>();
        for (RecordComponent component : check.configType().getRecordComponents()) {
            Param param = component.getAnnotation(Param.class);
            docs.add(new ParameterDoc(component.getName(), component.getGenericType().getTypeName()
                    .replaceAll("[a-z]+(\\.[a-z0-9]+)*\\.", "").replaceAll("[A-Za-z]+\\$", ""), param == null ? "" : param.value()));
        }
        docs.add(new ParameterDoc("level", "Level", "REQUIRED (unmet fails the build), RECOMMENDED (unmet warns) or INFO; default REQUIRED"));
        docs.add(new ParameterDoc("items", "List<String>", "keys or texts of checklist items the main claim decides, besides markers and phrases; default none"));
        docs.add(new ParameterDoc("claims", "Map<String, {level, items}>", "a claim's own level and items, by its name: integration: {level: RECOMMENDED}; default: the check's level"));
        return docs;
    }

    /** One parameter of a check, for documentation. */
    public record ParameterDoc(String name, String type, String description) {
    }

    private ConfiguredCheck configure(String id, JsonNode raw, ReadinessConfig config) throws ConfigurationException {
        Check<?> check = available.get(id);
        if (check == null) {
            throw new ConfigurationException("unknown check '" + id + "'" + ConfigBinder.suggestion(id, available.keySet())
                    + "; available checks: " + String.join(", ", available.keySet()));
        }
        ObjectNode params = raw instanceof ObjectNode object ? object.deepCopy() : ConfigBinder.mapper().createObjectNode();
        if (raw != null && raw.isArray()) {
            throw new ConfigurationException("check '" + id + "' takes its parameters as a mapping (as elements in the POM), not a list");
        }
        if (raw != null && !raw.isNull() && !raw.isObject() && !(raw.isTextual() && raw.asText().isBlank())) {
            throw new ConfigurationException("check '" + id + "' takes parameters as elements, not the value '" + raw.asText() + "'");
        }
        JsonNode levelNode = params.remove("level");
        ConfigBinder.requireSingleValue(id + ".level", levelNode, ConfigBinder.expects(Level.class));
        Level level = levelNode == null || levelNode.isNull() ? Level.REQUIRED : level(id + ".level", levelNode.asText());
        List<String> items = texts(id + ".items", params.remove("items"));
        List<ConfiguredClaim> claims = configureClaims(check, level, items, params.remove("claims"));
        Record record = (Record) ConfigBinder.bind(id, check.configType(), params, COMMON_KEYS);
        String reason = null;
        if (!config.onlyChecks().isEmpty() && !config.onlyChecks().contains(id)) {
            reason = "not among -Dreadiness.checks=" + String.join(",", new java.util.TreeSet<>(config.onlyChecks()));
        } else if (config.skipChecks().contains(id)) {
            reason = "skipped by -Dreadiness.skipChecks";
        }
        return new ConfiguredCheck(check, record, level, claims, reason == null, reason);
    }

    /**
     * The check's claims with their levels and items: the check's {@code level} and {@code items}
     * go to its main claim, {@code level} is the default of the others, and {@code claims} sets a
     * claim apart by its name ({@code integration}) or its id ({@code tests.integration}).
     */
    private static List<ConfiguredClaim> configureClaims(Check<?> check, Level level, List<String> items, JsonNode claimsNode)
            throws ConfigurationException {
        List<Claim> declared = declaredClaims(check);
        Map<String, ClaimConfig> own = new java.util.HashMap<>();
        if (claimsNode != null && !claimsNode.isNull()) {
            if (!claimsNode.isObject()) {
                throw new ConfigurationException(check.id() + ".claims: name each claim with its settings, e.g. "
                        + "<claims><integration><level>RECOMMENDED</level></integration></claims>");
            }
            List<String> names = declared.stream().map(Claim::name).toList();
            for (Iterator<Map.Entry<String, JsonNode>> it = claimsNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                Claim claim = declared.stream().filter(c -> c.id().equals(entry.getKey()) || c.name().equals(entry.getKey()))
                        .findFirst().orElse(null);
                if (claim == null) {
                    throw new ConfigurationException(check.id() + ".claims: unknown claim '" + entry.getKey() + "'"
                            + ConfigBinder.suggestion(entry.getKey(), names) + "; claims of " + check.id() + ": " + String.join(", ", names));
                }
                own.put(claim.id(), ConfigBinder.bind(check.id() + ".claims." + entry.getKey(), ClaimConfig.class, entry.getValue(), List.of()));
            }
        }
        List<ConfiguredClaim> claims = new ArrayList<>();
        for (Claim claim : declared) {
            ClaimConfig config = own.getOrDefault(claim.id(), new ClaimConfig(null, List.of()));
            List<String> claimItems = new ArrayList<>(claim.isMain() ? items : List.of());
            claimItems.addAll(config.items());
            claims.add(new ConfiguredClaim(claim, config.level() == null ? level
                    : level(check.id() + ".claims." + claim.name() + ".level", config.level()), claimItems));
        }
        return claims;
    }

    /** The check's claims, checked: the main claim first with the check's id, the others named {@code id.name}, no two alike. */
    static List<Claim> declaredClaims(Check<?> check) throws ConfigurationException {
        List<Claim> claims = check.claims();
        if (claims == null || claims.isEmpty() || !claims.get(0).id().equals(check.id())) {
            throw new ConfigurationException("check '" + check.id() + "' (" + check.getClass().getName()
                    + ") must declare its main claim, with the id '" + check.id() + "', first");
        }
        Set<String> seen = new java.util.HashSet<>();
        for (Claim claim : claims) {
            if (!claim.checkId().equals(check.id()) || !seen.add(claim.id())) {
                throw new ConfigurationException("check '" + check.id() + "' (" + check.getClass().getName()
                        + ") declares the claim '" + claim.id() + "', which is " + (claim.checkId().equals(check.id())
                        ? "declared twice" : "not named '" + check.id() + ".<name>'"));
            }
        }
        return claims;
    }

    private static Level level(String where, String text) throws ConfigurationException {
        try {
            return Level.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(where + ": '" + text + "' is not a level; valid levels: REQUIRED, RECOMMENDED, INFO");
        }
    }

    /** Item keys or texts: one, or a list of them; a mapping, or a list inside the list, is an error. */
    static List<String> texts(String where, JsonNode node) throws ConfigurationException {
        List<String> texts = new ArrayList<>();
        if (node != null && !node.isNull()) {
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    ConfigBinder.requireSingleValue(where + "[" + i + "]", node.get(i), "an item's key or text");
                    texts.add(node.get(i).asText());
                }
            } else {
                ConfigBinder.requireSingleValue(where, node, "a list of items' keys or texts");
                texts.add(node.asText());
            }
        }
        return texts;
    }

    /** One item per configured check, its main claim's first phrase as the text. */
    private static Checklist catalog(List<ConfiguredCheck> configured) {
        List<Item> items = new ArrayList<>();
        for (ConfiguredCheck c : configured) {
            Claim main = c.claims().get(0).claim();
            String text = main.phrases().isEmpty() ? main.description() : main.phrases().get(0);
            items.add(new Item(c.id(), Checklist.CATALOG_SECTION, text, false, List.of(c.id()), 0));
        }
        return new Checklist(Checklist.CATALOG, "Production readiness", items);
    }

    /**
     * The HTTP settings, whole: the target, the timeout, the trusted certificates, the headers of the
     * settings.xml server {@code http.server} names followed by the configured ones (which win), and the proxy.
     */
    private static HttpSettings http(ReadinessConfig config, HttpConfig http, Path basedir) throws ConfigurationException {
        String targetUrl = config.target();
        URI target = null;
        if (targetUrl != null && !targetUrl.isBlank()) {
            String shown = Words.withoutUserInfo(targetUrl.trim());
            try {
                target = new URI(targetUrl.trim());
            } catch (URISyntaxException e) {
                throw new ConfigurationException("target: '" + shown + "' is not a URL: " + e.getReason());
            }
            if (target.getScheme() == null || !Set.of("http", "https").contains(target.getScheme().toLowerCase(Locale.ROOT))
                    || target.getHost() == null) {
                throw new ConfigurationException("target: '" + shown + "' is not an http(s) URL like https://staging.example.com/");
            }
        }
        Path trust = http.trustCertificates() == null ? null : basedir.resolve(http.trustCertificates());
        if (trust != null && !trust.toFile().isFile()) {
            throw new ConfigurationException("http.trustCertificates: " + http.trustCertificates() + " does not exist (resolved to " + trust + ")");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (http.server() != null) {
            if (config.serverHeaders() == null) {
                throw new ConfigurationException("http.server: '" + http.server() + "' names a settings.xml server, whose"
                        + " credentials only the Maven plugin reads; set http.headers instead");
            }
            requireSendable("http.server '" + http.server() + "'", config.serverHeaders());
            headers.putAll(config.serverHeaders());
        }
        if (http.headers() != null) {
            requireSendable("http.headers", http.headers());
            headers.putAll(http.headers());
        }
        return new HttpSettings(target, http.timeout(), trust, headers, config.proxy(), target == null ? config.headerOrigins() : List.of());
    }

    /**
     * Refuses a header the HTTP client could not send (it would fail at the first request): a name
     * that is empty or holds other than visible ASCII, a value holding other than tabs and printable
     * ASCII, such as a line break. The value is a secret and is not shown.
     */
    private static void requireSendable(String where, Map<String, String> headers) throws ConfigurationException {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey();
            int badName = name.isEmpty() ? 0 : firstUnsendable(name, false);
            if (badName >= 0) {
                throw new ConfigurationException(where + ": the header name '" + Words.oneLine(name, 100) + "' is "
                        + (name.isEmpty() ? "empty" : "not a header name: " + what(name.charAt(badName)) + " at " + (badName + 1))
                        + "; a name is letters, digits and punctuation, such as Authorization");
            }
            String value = header.getValue() == null ? "" : header.getValue();
            int badValue = firstUnsendable(value, true);
            if (badValue >= 0) {
                throw new ConfigurationException(where + ": the value of " + name + " holds " + what(value.charAt(badValue))
                        + " at character " + (badValue + 1) + ", which a header cannot carry (the value is not shown):"
                        + " write it on one line of printable ASCII");
            }
        }
    }

    /** The index of the first character not allowed in a header name (visible ASCII) or value (also space and tab); -1 when none. */
    private static int firstUnsendable(String text, boolean value) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed = c > ' ' && c < '\u007f' || value && (c == ' ' || c == '\t');
            if (!allowed) {
                return i;
            }
        }
        return -1;
    }

    private static String what(char c) {
        return switch (c) {
            case '\r' -> "a carriage return";
            case '\n' -> "a line feed";
            case ' ' -> "a space";
            default -> c < ' ' || c == '\u007f' ? "a control character" : "a character outside ASCII";
        };
    }

    /**
     * The values no result or log line may show: those the build tool knows, every header value (and
     * the token of {@code Bearer <token>}, echoed alone), the target's user info and the proxy's password.
     */
    private static Set<String> secrets(HttpSettings http, Set<String> known) {
        Set<String> values = new HashSet<>(known);
        values.addAll(headerSecrets(http.headers()));
        if (http.target() != null && http.target().getUserInfo() != null) {
            String userInfo = http.target().getUserInfo();
            values.add(userInfo);
            values.add(userInfo.substring(userInfo.indexOf(':') + 1));
        }
        if (http.proxy() != null) {
            values.add(http.proxy().password());
        }
        values.remove(null);
        return values;
    }

    /**
     * The configuration error with the secrets the sources hold masked (a value quoted back, such as an
     * {@code ${env.API_TOKEN}} put where a number belongs); when one was, without its cause, which may quote it too.
     */
    private static ConfigurationException redacted(ConfigurationException e, ReadinessConfig.Sources sources) {
        Set<String> known = new HashSet<>(sources.secrets());
        if (sources.serverHeaders() != null) {
            known.addAll(headerSecrets(sources.serverHeaders()));
        }
        if (sources.proxy() != null && sources.proxy().password() != null) {
            known.add(sources.proxy().password());
        }
        String message = new Redactor(known).redact(e.getMessage());
        return message.equals(e.getMessage()) ? e : new ConfigurationException(message);
    }

    /** Every header value, and the token of {@code Bearer <token>} (echoed alone). */
    private static Set<String> headerSecrets(Map<String, String> headers) {
        Set<String> values = new HashSet<>();
        for (String header : headers.values()) {
            values.add(header);
            values.add(header.substring(header.lastIndexOf(' ') + 1));
        }
        return values;
    }

    /** The checks' log with every secret masked. */
    private static CheckLog redacting(CheckLog log, Redactor redactor) {
        return new CheckLog() {
            @Override
            public void info(String message) {
                log.info(redactor.redact(message));
            }

            @Override
            public void warn(String message) {
                log.warn(redactor.redact(message));
            }

            @Override
            public void debug(String message) {
                log.debug(redactor.redact(message));
            }
        };
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }
}

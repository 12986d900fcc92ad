package dev.readiness.checks.migrations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.readiness.check.Check;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Claim;
import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import dev.readiness.check.Scope;
import dev.readiness.check.Stage;
import dev.readiness.check.Status;
import dev.readiness.checks.http.HttpClients;
import dev.readiness.checks.http.HttpMessages;
import dev.readiness.checks.http.JsonGet;
import dev.readiness.text.Words;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The {@code migrations} check: after a deployment, holds the project's database migrations to what the service reports
 * through Spring Boot's Actuator. Flyway: the versioned migrations ({@code src/main/resources/db/migration/V*__*.sql})
 * against {@code /actuator/flyway} ({@code contexts.<app>.flywayBeans.<bean>.migrations[]}), applied meaning SUCCESS,
 * OUT_OF_ORDER, BASELINE or BELOW_BASELINE, and none there pending or failed; versions compare as Flyway compares them
 * ({@link FlywayVersion}). Liquibase: the changeSets of the master changelog and its includes ({@link LiquibaseChangeLog})
 * against {@code /actuator/liquibase}, judged by {@link LiquibaseVerdict}. The tool is the configured one, else each whose
 * files the repository holds (both judged when it holds both). It settles "Database migrations executed", FAILing with
 * each migration or changeSet that is not. No migration file, an unreachable endpoint, or an answer that is not the
 * tool's is ERROR.
 */
public final class MigrationsCheck implements Check<MigrationsConfig> {

    /** Flyway's states of a migration that is in the database as it should be. */
    static final Set<String> APPLIED = Set.of("SUCCESS", "OUT_OF_ORDER", "BASELINE", "BELOW_BASELINE");
    /** The most migrations read from the service's answer. */
    static final int MAX_MIGRATIONS = 10_000;
    private static final int NAMED_IN_SUMMARY = 3;

    /** One migration as the service's Flyway reports it. */
    private record Reported(String version, String script, String state) {
    }

    @Override
    public String id() {
        return "migrations";
    }

    @Override
    public String description() {
        return "every Flyway migration and Liquibase changeSet of the repository is applied on the deployed service, and none there"
                + " is pending or failed";
    }

    @Override
    public List<String> phrases() {
        return List.of("Database migrations executed");
    }

    @Override
    public List<Claim> claims() {
        return List.of(Claim.settles(id(), description(), phrases()).inStage(Stage.POST_DEPLOY));
    }

    @Override
    public Class<MigrationsConfig> configType() {
        return MigrationsConfig.class;
    }

    @Override
    public Scope scope() {
        return Scope.BUILD;
    }

    @Override
    public Result run(MigrationsConfig config, CheckContext context) {
        List<Result> verdicts = new ArrayList<>();
        boolean flyway = !"liquibase".equals(config.tool());
        boolean liquibase = !"flyway".equals(config.tool());
        List<MigrationFiles.Migration> files = List.of();
        if (flyway) {
            try {
                files = MigrationFiles.read(context.basedir(), config.locations());
            } catch (IOException e) {
                return Result.error("the migration files could not be read: " + Words.oneLine(e.getMessage(), 300))
                        .remedy("Set locations to the folders of the project's Flyway migrations, inside the project.").build();
            }
            if (!files.isEmpty()) {
                verdicts.add(flyway(config, context, files));
            }
        }
        String master = config.changeLog() != null ? config.changeLog() : MigrationsConfig.CHANGELOGS.stream()
                .filter(c -> Files.isRegularFile(context.basedir().resolve(c))).findFirst().orElse(null);
        if (liquibase && (master != null || "liquibase".equals(config.tool()))) {
            verdicts.add(liquibase(config, context, master != null ? master : MigrationsConfig.CHANGELOGS.get(0)));
        }
        if (verdicts.isEmpty()) {
            String flywayFiles = "no Flyway migration (V<version>__<description>.sql) in " + String.join(", ", config.locations());
            return Result.error((liquibase ? flywayFiles + " and no Liquibase changelog (" + String.join(", ", MigrationsConfig.CHANGELOGS)
                            + ")" : flywayFiles) + ", so there is nothing to hold the service's database to")
                    .remedy("Set locations to the folders of the project's Flyway migrations or changeLog to the master Liquibase"
                            + " changelog, or remove the migrations check from a project without a database.").build();
        }
        return verdicts.size() == 1 ? verdicts.get(0) : both(verdicts.get(0), verdicts.get(1));
    }

    private Result flyway(MigrationsConfig config, CheckContext context, List<MigrationFiles.Migration> files) {
        Object answer = fetch(context, config.url(), "/actuator/flyway", "flywayBeans", "flyway", "url");
        if (answer instanceof Result error) {
            return error;
        }
        Fetched fetched = (Fetched) answer;
        List<Reported> reported = reported(fetched.beans());
        return judge(fetched.shown(), files, reported);
    }

    private Result liquibase(MigrationsConfig config, CheckContext context, String master) {
        List<LiquibaseChangeLog.ChangeSet> changeSets;
        try {
            changeSets = LiquibaseChangeLog.read(context.basedir(), master);
        } catch (IOException e) {
            return Result.error("the Liquibase changelog could not be read: " + Words.oneLine(e.getMessage(), 300))
                    .remedy("Set changeLog to the project's master Liquibase changelog; keep its includes inside the project, without"
                            + " cycles or DOCTYPE.").build();
        }
        if (changeSets.isEmpty()) {
            return Result.error("the Liquibase changelog " + Words.oneLine(master, 200) + " holds no changeSet, so there is nothing to"
                            + " hold the service's database to")
                    .remedy("Set changeLog to the master changelog that holds or includes the project's changeSets.").build();
        }
        Object answer = fetch(context, config.liquibaseUrl(), "/actuator/liquibase", "liquibaseBeans", "liquibase", "liquibaseUrl");
        if (answer instanceof Result error) {
            return error;
        }
        Fetched fetched = (Fetched) answer;
        return LiquibaseVerdict.judge(fetched.shown(), changeSets, fetched.beans());
    }

    /** The endpoint's answer: the URL as shown and every bean of every application context. */
    private record Fetched(String shown, List<JsonNode> beans) {
    }

    /** The beans under {@code contexts.<app>.<beansKey>} as a {@link Fetched}, or the ERROR {@link Result} saying why not. */
    private static Object fetch(CheckContext context, String configured, String path, String beansKey, String tool, String parameter) {
        HttpUrl url = configured != null ? HttpUrl.parse(configured) : HttpClients.under(context.http().target(), path);
        if (url == null) {
            return Result.error("migrations has no " + parameter + " and no <target> is configured")
                    .remedy("Set <target> to the deployed service's base URL, or give the migrations check a <" + parameter + ">.").build();
        }
        String shown = HttpMessages.display(url);
        OkHttpClient client;
        try {
            client = HttpClients.forSettings(context.http());
        } catch (IOException e) {
            return HttpClients.clientUnavailable("migrations cannot call " + shown, e).build();
        }
        JsonGet.Answer answer = JsonGet.get(client, url, context.http().timeout());
        if (answer.json() == null) {
            return Result.error(answer.failure() + ", so which migrations ran could not be determined").evidence("url", shown)
                    .remedy(JsonGet.remedy(answer.problem(), path, "Spring Boot: include '" + tool + "' in"
                            + " management.endpoints.web.exposure.include")).build();
        }
        JsonNode contexts = answer.json().path("contexts");
        List<JsonNode> beans = new ArrayList<>();
        boolean found = false;
        for (JsonNode application : contexts.isObject() ? contexts : List.<JsonNode>of()) {
            if (application.path(beansKey).isObject()) {
                found = true;
                application.path(beansKey).forEach(beans::add);
            }
        }
        if (!found) {
            return Result.error(shown + " answered JSON without contexts.<application>." + beansKey + ", which Spring Boot's "
                            + (tool.equals("flyway") ? "Flyway" : "Liquibase") + " endpoint answers, so which migrations ran could not be"
                            + " determined").evidence("url", shown)
                    .remedy("Point the migrations check's " + parameter + " at Spring Boot's " + path + " of the deployed service.").build();
        }
        return new Fetched(shown, beans);
    }

    /** The verdicts on Flyway and Liquibase as one: the worse status, both summaries, all findings. */
    private static Result both(Result flyway, Result liquibase) {
        Status status = flyway.status() == Status.ERROR || liquibase.status() == Status.ERROR ? Status.ERROR
                : flyway.status() == Status.FAIL || liquibase.status() == Status.FAIL ? Status.FAIL : Status.PASS;
        Result.Builder builder = Result.of(status, "Flyway: " + flyway.summary() + "; Liquibase: " + liquibase.summary())
                .findings(flyway.findings()).findings(liquibase.findings());
        if (flyway.measured() != null && liquibase.measured() != null) {
            builder.measured(flyway.measured() + "; " + liquibase.measured()).expected(flyway.expected() + "; " + liquibase.expected());
        }
        flyway.evidence().forEach((key, value) -> builder.evidence("flyway." + key, value));
        liquibase.evidence().forEach((key, value) -> builder.evidence("liquibase." + key, value));
        String remedy = Stream.of(flyway.remedy(), liquibase.remedy()).filter(r -> r != null).collect(Collectors.joining(" "));
        return (remedy.isEmpty() ? builder : builder.remedy(remedy)).build();
    }

    /** Every bean's migrations. */
    private static List<Reported> reported(List<JsonNode> beans) {
        List<Reported> reported = new ArrayList<>();
        for (JsonNode bean : beans) {
            for (JsonNode migration : bean.path("migrations").isArray() ? bean.path("migrations") : List.<JsonNode>of()) {
                if (reported.size() < MAX_MIGRATIONS && migration.isObject()) {
                    reported.add(new Reported(migration.path("version").isValueNode() ? FlywayVersion.normalise(migration.path("version").asText()) : null,
                            Words.oneLine(migration.path("script").asText(""), 200),
                            Words.oneLine(migration.path("state").asText("UNKNOWN"), 40).toUpperCase(Locale.ROOT)));
                }
            }
        }
        return reported;
    }

    private static Result judge(String shown, List<MigrationFiles.Migration> files, List<Reported> reported) {
        Map<String, List<Reported>> byVersion = reported.stream().filter(r -> r.version() != null)
                .collect(Collectors.groupingBy(Reported::version, LinkedHashMap::new, Collectors.toList()));
        List<Finding> findings = new ArrayList<>();
        List<String> named = new ArrayList<>();
        Set<String> ours = files.stream().map(MigrationFiles.Migration::version).collect(Collectors.toSet());
        int applied = 0;
        for (MigrationFiles.Migration file : files) {
            List<Reported> there = byVersion.getOrDefault(file.version(), List.of());
            if (there.stream().anyMatch(r -> APPLIED.contains(r.state()))) {
                applied++;
                continue;
            }
            String state = there.isEmpty() ? "unknown to the service's Flyway" : there.get(0).state();
            named.add(file.script() + " (" + state + ")");
            findings.add(Finding.of(file.script() + " (version " + file.version() + ") is " + (there.isEmpty() ? "not known to the"
                            + " service's Flyway at " + shown + ": the deployed build does not hold it" : state + " on " + shown))
                    .key("migrations:" + file.version()).at(file.path()).with("version", file.version())
                    .with("state", there.isEmpty() ? null : state).build());
        }
        for (Reported r : reported) {
            boolean bad = r.state().equals("PENDING") || r.state().contains("FAILED");
            if (bad && (r.version() == null || !ours.contains(r.version()))) {
                named.add(r.script() + " (" + r.state() + ")");
                findings.add(Finding.of(r.script() + " is " + r.state() + " on " + shown).key("migrations:" + (r.version() != null
                        ? r.version() : r.script())).at(shown).with("version", r.version()).with("state", r.state()).build());
            }
        }
        return verdict(shown, applied, Words.plural(files.size(), "repository migration") + " applied", "none pending or failed",
                named, findings, Map.of("repositoryMigrations", files.size(), "serviceMigrations", reported.size()),
                "Run the pending migrations (Flyway runs them at start-up unless spring.flyway.enabled=false), repair the failed ones"
                        + " (flyway repair after fixing the script), and deploy the build that holds every migration.");
    }

    /**
     * The verdict of one tool: PASS when nothing is named, else FAIL naming the first few.
     *
     * @param counted what was counted with its verb, such as "3 repository migrations applied"
     * @param clean   what else is expected, such as "none pending or failed"
     */
    static Result verdict(String shown, int applied, String counted, String clean, List<String> named, List<Finding> findings,
                          Map<String, Object> counts, String remedy) {
        String measured = applied + " of " + counted;
        String expected = "all " + counted + ", " + clean;
        Result.Builder builder;
        if (findings.isEmpty()) {
            builder = Result.pass(shown + ": all " + counted + ", " + clean);
        } else {
            builder = Result.fail(shown + ": " + measured + "; not as expected: " + named.stream().limit(NAMED_IN_SUMMARY)
                    .collect(Collectors.joining(", ")) + (named.size() > NAMED_IN_SUMMARY ? " and " + (named.size() - NAMED_IN_SUMMARY)
                    + " more" : "")).findings(findings).remedy(remedy);
        }
        builder.measured(measured).expected(expected).evidence("url", shown);
        new TreeMap<>(counts).forEach(builder::evidence);
        return builder.build();
    }
}

package dev.readiness.checks.migrations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.readiness.check.Check;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Claim;
import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import dev.readiness.check.Scope;
import dev.readiness.check.Stage;
import dev.readiness.checks.http.HttpClients;
import dev.readiness.checks.http.HttpMessages;
import dev.readiness.checks.http.JsonGet;
import dev.readiness.text.Words;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The {@code migrations} check: after a deployment, holds the project's versioned Flyway migrations
 * ({@code src/main/resources/db/migration/V*__*.sql}) to what the service's Flyway reports through Spring Boot's
 * {@code /actuator/flyway} ({@code contexts.<app>.flywayBeans.<bean>.migrations[]}). It settles "Database migrations
 * executed" when every migration of the repository is applied there (SUCCESS, or OUT_OF_ORDER, BASELINE,
 * BELOW_BASELINE) and no migration the service knows is pending or failed; it FAILs naming each that is not.
 * No migration file, an unreachable endpoint, or an answer that is not Flyway's is ERROR. Versions compare as Flyway
 * compares them ({@link FlywayVersion}). Liquibase is not read.
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
        return "every Flyway migration of the repository is applied on the deployed service, and none there is pending or failed";
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
        List<MigrationFiles.Migration> files;
        try {
            files = MigrationFiles.read(context.basedir(), config.locations());
        } catch (IOException e) {
            return Result.error("the migration files could not be read: " + Words.oneLine(e.getMessage(), 300))
                    .remedy("Set locations to the folders of the project's Flyway migrations, inside the project.").build();
        }
        if (files.isEmpty()) {
            return Result.error("no Flyway migration (V<version>__<description>.sql) in " + String.join(", ", config.locations())
                            + ", so there is nothing to hold the service's database to")
                    .remedy("Set locations to the folders of the project's Flyway migrations, or remove the migrations check from"
                            + " a project without a database.").build();
        }
        HttpUrl url = config.url() != null ? HttpUrl.parse(config.url()) : HttpClients.under(context.http().target(), "/actuator/flyway");
        if (url == null) {
            return Result.error("migrations has no url and no <target> is configured")
                    .remedy("Set <target> to the deployed service's base URL, or give the migrations check a <url>.").build();
        }
        String shown = HttpMessages.display(url);
        JsonGet.Answer answer;
        try {
            answer = JsonGet.get(HttpClients.forSettings(context.http()), url, context.http().timeout());
        } catch (IOException e) {
            return Result.error("migrations cannot call " + shown + ": " + e.getMessage())
                    .remedy("Point <http><trustCertificates> at a readable PEM file of CA certificates.").build();
        }
        if (answer.json() == null) {
            return Result.error(answer.failure() + ", so which migrations ran could not be determined").evidence("url", shown)
                    .remedy(JsonGet.remedy(answer.problem(), "/actuator/flyway", "Spring Boot: include 'flyway' in"
                            + " management.endpoints.web.exposure.include")).build();
        }
        List<Reported> reported = reported(answer.json());
        if (reported == null) {
            return Result.error(shown + " answered JSON without contexts.<application>.flywayBeans, which Spring Boot's Flyway"
                            + " endpoint answers, so which migrations ran could not be determined").evidence("url", shown)
                    .remedy("Point the migrations check's url at Spring Boot's /actuator/flyway of the deployed service.").build();
        }
        return judge(shown, files, reported);
    }

    /** Every bean's migrations, or {@code null} when the answer is not Flyway's endpoint. */
    private static List<Reported> reported(JsonNode root) {
        JsonNode contexts = root.path("contexts");
        if (!contexts.isObject()) {
            return null;
        }
        boolean flyway = false;
        List<Reported> reported = new ArrayList<>();
        for (JsonNode application : contexts) {
            JsonNode beans = application.path("flywayBeans");
            if (!beans.isObject()) {
                continue;
            }
            flyway = true;
            for (JsonNode bean : beans) {
                for (JsonNode migration : bean.path("migrations").isArray() ? bean.path("migrations") : List.<JsonNode>of()) {
                    if (reported.size() < MAX_MIGRATIONS && migration.isObject()) {
                        reported.add(new Reported(migration.path("version").isValueNode() ? FlywayVersion.normalise(migration.path("version").asText()) : null,
                                Words.oneLine(migration.path("script").asText(""), 200),
                                Words.oneLine(migration.path("state").asText("UNKNOWN"), 40).toUpperCase(Locale.ROOT)));
                    }
                }
            }
        }
        return flyway ? reported : null;
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
        String counted = applied + " of " + Words.plural(files.size(), "repository migration") + " applied";
        if (!findings.isEmpty()) {
            return Result.fail(shown + ": " + counted + "; not as expected: " + named.stream().limit(NAMED_IN_SUMMARY)
                            .collect(Collectors.joining(", ")) + (named.size() > NAMED_IN_SUMMARY ? " and " + (named.size() - NAMED_IN_SUMMARY)
                            + " more" : ""))
                    .measured(counted).expected("all " + files.size() + " applied, none pending or failed").findings(findings)
                    .evidence("url", shown).evidence("repositoryMigrations", files.size()).evidence("serviceMigrations", reported.size())
                    .remedy("Run the pending migrations (Flyway runs them at start-up unless spring.flyway.enabled=false), repair the"
                            + " failed ones (flyway repair after fixing the script), and deploy the build that holds every migration.").build();
        }
        return Result.pass(shown + ": all " + Words.plural(files.size(), "repository migration") + " applied, none pending or failed")
                .measured(counted).expected("all " + files.size() + " applied, none pending or failed")
                .evidence("url", shown).evidence("repositoryMigrations", files.size()).evidence("serviceMigrations", reported.size()).build();
    }
}

package dev.readiness.checks.migrations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import dev.readiness.text.Words;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Holds the repository's Liquibase changeSets to what Spring Boot's {@code /actuator/liquibase} reports
 * ({@code liquibaseBeans.<bean>.changeSets[]}): each changeSet, by id, author and changelog path, must be there with
 * execType EXECUTED, RERAN or MARK_RAN, and no changeSet the service knows may have FAILED.
 */
final class LiquibaseVerdict {

    /** Liquibase's execTypes of a changeSet that is in the database as it should be. */
    static final Set<String> RAN = Set.of("EXECUTED", "RERAN", "MARK_RAN");

    /** One changeSet as the service's Liquibase reports it. */
    private record Reported(String identity, String execType) {
    }

    private LiquibaseVerdict() {
    }

    static Result judge(String shown, List<LiquibaseChangeLog.ChangeSet> changeSets, List<JsonNode> beans) {
        List<Reported> reported = new ArrayList<>();
        for (JsonNode bean : beans) {
            for (JsonNode changeSet : bean.path("changeSets").isArray() ? bean.path("changeSets") : List.<JsonNode>of()) {
                if (reported.size() < MigrationsCheck.MAX_MIGRATIONS && changeSet.isObject()) {
                    reported.add(new Reported(new LiquibaseChangeLog.ChangeSet(Words.oneLine(changeSet.path("id").asText(""), 200),
                            Words.oneLine(changeSet.path("author").asText(""), 200),
                            Words.oneLine(LiquibaseChangeLog.logicalPath(changeSet.path("changeLog").asText("")), 300), null).identity(),
                            Words.oneLine(changeSet.path("execType").asText("UNKNOWN"), 40).toUpperCase(Locale.ROOT)));
                }
            }
        }
        Map<String, List<Reported>> byIdentity = reported.stream()
                .collect(Collectors.groupingBy(Reported::identity, LinkedHashMap::new, Collectors.toList()));
        Set<String> ours = changeSets.stream().map(LiquibaseChangeLog.ChangeSet::identity).collect(Collectors.toSet());
        List<Finding> findings = new ArrayList<>();
        List<String> named = new ArrayList<>();
        int ran = 0;
        for (LiquibaseChangeLog.ChangeSet changeSet : changeSets) {
            List<Reported> there = byIdentity.getOrDefault(changeSet.identity(), List.of());
            if (there.stream().anyMatch(r -> RAN.contains(r.execType()))) {
                ran++;
                continue;
            }
            String state = there.isEmpty() ? null : there.get(0).execType();
            named.add(changeSet.identity() + " (" + (state == null ? "unknown to the service's Liquibase" : state) + ")");
            findings.add(Finding.of("changeSet " + changeSet.identity() + " is " + (state == null ? "not known to the service's"
                            + " Liquibase at " + shown + ": the deployed build does not hold it, or it has not run" : state + " on " + shown))
                    .key("migrations:liquibase:" + changeSet.identity()).at(changeSet.file()).with("changeSet", changeSet.identity())
                    .with("execType", state).build());
        }
        for (Reported r : reported) {
            if (r.execType().equals("FAILED") && !ours.contains(r.identity())) {
                named.add(r.identity() + " (FAILED)");
                findings.add(Finding.of("changeSet " + r.identity() + " is FAILED on " + shown).key("migrations:liquibase:" + r.identity())
                        .at(shown).with("changeSet", r.identity()).with("execType", r.execType()).build());
            }
        }
        return MigrationsCheck.verdict(shown, ran, Words.plural(changeSets.size(), "repository changeSet") + " executed", "none failed",
                named, findings, Map.of("repositoryChangeSets", changeSets.size(), "serviceChangeSets", reported.size()),
                "Let Liquibase run the changelog (Spring Boot runs it at start-up unless spring.liquibase.enabled=false), fix and"
                        + " rerun the failed changeSets, and deploy the build that holds every changeSet.");
    }
}

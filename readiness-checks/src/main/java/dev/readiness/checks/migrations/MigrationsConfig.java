package dev.readiness.checks.migrations;

import dev.readiness.check.Param;
import dev.readiness.text.Words;
import java.util.List;
import java.util.Locale;
import okhttp3.HttpUrl;

/**
 * The configuration of {@link MigrationsCheck}.
 *
 * @param url       Spring Boot's Flyway endpoint of the deployed service; {@code null} means the target + {@code /actuator/flyway}
 * @param locations the folders of the project's Flyway migrations, relative to the project folder
 * @param tool         {@code flyway}, {@code liquibase} or {@code null} (each tool whose files the repository holds)
 * @param changeLog    the master Liquibase changelog; {@code null} means the first of {@link #CHANGELOGS} that exists
 * @param liquibaseUrl Spring Boot's Liquibase endpoint; {@code null} means the target + {@code /actuator/liquibase}
 */
public record MigrationsConfig(
        @Param("Spring Boot's Flyway endpoint of the deployed service; default: the <target> + /actuator/flyway") String url,
        @Param("the folders holding the project's Flyway SQL migrations (V<version>__<description>.sql, read recursively),"
                + " relative to the project folder; default src/main/resources/db/migration") List<String> locations,
        @Param("flyway or liquibase: the one migration tool judged; default: each whose files the repository holds (Flyway's"
                + " migrations in locations, Liquibase's changeLog), both when it holds both") String tool,
        @Param("the master Liquibase changelog (XML, YAML, JSON or formatted SQL), relative to the project folder; default"
                + " src/main/resources/db/changelog/db.changelog-master.yaml, .yml or .xml, the first that exists") String changeLog,
        @Param("Spring Boot's Liquibase endpoint of the deployed service; default: the <target> + /actuator/liquibase") String liquibaseUrl) {

    /** The master changelogs looked for when changeLog is not set, Spring Boot's default first. */
    static final List<String> CHANGELOGS = List.of("src/main/resources/db/changelog/db.changelog-master.yaml",
            "src/main/resources/db/changelog/db.changelog-master.yml", "src/main/resources/db/changelog/db.changelog-master.xml");

    public MigrationsConfig {
        url = httpUrl("url", url, "/actuator/flyway");
        liquibaseUrl = httpUrl("liquibaseUrl", liquibaseUrl, "/actuator/liquibase");
        tool = tool == null || tool.isBlank() ? null : tool.strip().toLowerCase(Locale.ROOT);
        if (tool != null && !tool.equals("flyway") && !tool.equals("liquibase")) {
            throw new IllegalArgumentException("tool '" + Words.oneLine(tool, 40) + "' is neither flyway nor liquibase");
        }
        changeLog = changeLog == null || changeLog.isBlank() ? null : changeLog.strip();
        locations = locations == null || locations.isEmpty() ? List.of("src/main/resources/db/migration") : List.copyOf(locations);
        for (String location : locations) {
            if (location == null || location.isBlank()) {
                throw new IllegalArgumentException("locations holds an empty folder name: name each folder, such as src/main/resources/db/migration");
            }
        }
    }

    private static String httpUrl(String name, String url, String path) {
        if (url == null || url.isBlank()) {
            return null;
        }
        if (HttpUrl.parse(url.trim()) == null) {
            throw new IllegalArgumentException(name + " '" + Words.oneLine(Words.withoutUserInfo(url), 200)
                    + "' is not an http(s) URL: write it as https://host[:port]" + path);
        }
        return url.trim();
    }
}

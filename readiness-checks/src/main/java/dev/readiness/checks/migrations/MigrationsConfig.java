package dev.readiness.checks.migrations;

import dev.readiness.check.Param;
import dev.readiness.text.Words;
import java.util.List;
import okhttp3.HttpUrl;

/**
 * The configuration of {@link MigrationsCheck}.
 *
 * @param url       Spring Boot's Flyway endpoint of the deployed service; {@code null} means the target + {@code /actuator/flyway}
 * @param locations the folders of the project's Flyway migrations, relative to the project folder
 */
public record MigrationsConfig(
        @Param("Spring Boot's Flyway endpoint of the deployed service; default: the <target> + /actuator/flyway") String url,
        @Param("the folders holding the project's Flyway SQL migrations (V<version>__<description>.sql, read recursively),"
                + " relative to the project folder; default src/main/resources/db/migration") List<String> locations) {

    public MigrationsConfig {
        if (url != null && url.isBlank()) {
            url = null;
        }
        if (url != null && HttpUrl.parse(url.trim()) == null) {
            throw new IllegalArgumentException("url '" + Words.oneLine(Words.withoutUserInfo(url), 200)
                    + "' is not an http(s) URL: write it as https://host[:port]/actuator/flyway");
        }
        url = url == null ? null : url.trim();
        locations = locations == null || locations.isEmpty() ? List.of("src/main/resources/db/migration") : List.copyOf(locations);
        for (String location : locations) {
            if (location == null || location.isBlank()) {
                throw new IllegalArgumentException("locations holds an empty folder name: name each folder, such as src/main/resources/db/migration");
            }
        }
    }
}

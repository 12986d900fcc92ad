package dev.readiness.maven;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The test fixtures the goals' tests share. */
final class Fixtures {

    /** A project whose only plugin is this one: its {@code <configuration>} goes between head and tail (constants, for {@code @InjectMojo}). */
    static final String POM_HEAD = """
            <project>
              <build>
                <plugins>
                  <plugin>
                    <groupId>dev.readiness</groupId>
                    <artifactId>readiness-maven-plugin</artifactId>
                    <configuration>
            """;

    static final String POM_TAIL = """
                    </configuration>
                  </plugin>
                </plugins>
              </build>
            </project>
            """;

    private Fixtures() {
    }

    /** Copies the real Surefire reports of a fixture folder ({@code passing}, {@code failing}) into {@code to} of the project. */
    static void copyReports(Path projectDir, String fixture, String to) throws IOException, URISyntaxException {
        Path from = Path.of(Fixtures.class.getResource(fixture + "/surefire-reports").toURI());
        Path target = Files.createDirectories(projectDir.resolve(to));
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
    }
}

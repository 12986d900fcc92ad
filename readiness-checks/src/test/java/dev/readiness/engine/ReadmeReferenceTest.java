package dev.readiness.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readiness.check.Check;
import dev.readiness.check.Claim;
import dev.readiness.check.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The README's configuration reference lists exactly what each check declares, so it cannot drift. */
class ReadmeReferenceTest {

    private static final Path README = Path.of("..", "README.md");

    @TestFactory
    List<DynamicTest> readmeListsEveryParameterOfEveryCheckAsDeclared() throws Exception {
        String readme = Files.readString(README);
        Engine engine = Engine.discover(getClass().getClassLoader());
        Path rowsDir = Files.createDirectories(Path.of("target", "readme-reference"));
        for (Check<?> check : engine.available().values()) {
            Files.write(rowsDir.resolve(check.id() + ".md"), expectedRows(check)); // to paste when a declaration changes
        }
        return engine.available().values().stream()
                .map(check -> DynamicTest.dynamicTest(check.id(), () -> {
                    String section = section(readme, check);
                    assertThat(rows(section)).as("README section of %s", check.id()).isEqualTo(expectedRows(check));
                    assertThat(section.contains("postDeploy")).as("README section of %s names the postDeploy stage exactly when"
                            + " one of its claims is of it", check.id())
                            .isEqualTo(check.claims().stream().anyMatch(c -> c.stage() == Stage.POST_DEPLOY));
                }))
                .toList();
    }

    private static String section(String readme, Check<?> check) {
        String heading = "\n### `" + check.id() + "`\n";
        int start = readme.indexOf(heading);
        assertThat(start).as("README has a section %s", heading.trim()).isPositive();
        int end = readme.indexOf("\n#", start + heading.length());
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    private static List<String> rows(String section) {
        return section.lines().filter(line -> line.startsWith("| `")).collect(Collectors.toList());
    }

    /** A row per claim (id, strength, the phrases it binds, what it means), then a row per parameter. */
    private static List<String> expectedRows(Check<?> check) {
        List<String> rows = new java.util.ArrayList<>();
        for (Claim claim : check.claims()) {
            rows.add("| `" + claim.id() + "` | " + claim.strength().name().toLowerCase(java.util.Locale.ROOT) + " | "
                    + escape(claim.phrases().stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(", "))) + " | "
                    + escape(claim.description()) + " |");
        }
        Engine.parameters(check).stream().map(ReadmeReferenceTest::row).forEach(rows::add);
        return rows;
    }

    private static String row(Engine.ParameterDoc parameter) {
        return "| `" + parameter.name() + "` | " + escape(parameter.type()) + " | " + escape(parameter.description()) + " |";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|").replace("*", "\\*");
    }
}

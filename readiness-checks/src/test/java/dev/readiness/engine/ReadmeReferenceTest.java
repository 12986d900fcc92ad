package dev.readiness.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readiness.check.Check;
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
        return engine.available().values().stream()
                .map(check -> DynamicTest.dynamicTest(check.id(), () -> assertThat(rows(section(readme, check)))
                        .as("README section of %s", check.id())
                        .isEqualTo(Engine.parameters(check).stream().map(ReadmeReferenceTest::row).toList())))
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

    private static String row(Engine.ParameterDoc parameter) {
        return "| `" + parameter.name() + "` | " + escape(parameter.type()) + " | " + escape(parameter.description()) + " |";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|").replace("*", "\\*");
    }
}

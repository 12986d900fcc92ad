package dev.readiness.checks.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClassGlobTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
            "com/acme/generated/**, com/acme/generated/Foo, true",
            "com/acme/generated/**, com/acme/generated/deep/Foo$Inner, true",
            "com/acme/generated/**, com/acme/Foo, false",
            "com.acme.Foo*, com/acme/FooBar, true",
            "com.acme.Foo*, com/acme/Foo$Inner, true",
            "com.acme.Foo*, com/acme/Foo/Bar, false",
            "com.acme.Foo*.class, com/acme/FooBar, true",
            "**/Foo, Foo, true",
            "**/Foo, com/acme/Foo, true",
            "**/Foo, com/acme/XFoo, false",
            "com/*/Foo, com/acme/Foo, true",
            "com/*/Foo, com/a/b/Foo, false",
            "com/acme/Fo?, com/acme/Foo, true",
            "com/acme/Fo?, com/acme/Fo/, false",
            "**Test, com/acme/FooTest, true",
            "*Test, com/acme/FooTest, false"})
    void matchesClassNamesAsJacocoExcludesDo(String glob, String name, boolean matches) {
        assertThat(ClassGlob.compile(glob).matches(name)).isEqualTo(matches);
    }

    @Test
    void takesLinearTimeOnAGlobThatMakesARegularExpressionBacktrack() {
        ClassGlob glob = ClassGlob.compile("**a**a**a**a**a**a**a**a**Z");
        String name = "a".repeat(5_000);

        long start = System.nanoTime();
        boolean matched = ClassGlob.anyOf(List.of("**a**a**a**a**a**a**a**a**Z")).test(name) || glob.matches(name);

        assertThat(matched).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("a hang guard, not a benchmark").isLessThan(Duration.ofSeconds(5));
    }
}

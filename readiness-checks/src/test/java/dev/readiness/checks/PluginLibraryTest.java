package dev.readiness.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readiness.check.Status;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The libraries a project adds for some inputs: the versions named, and the ERROR when one is missing from the class path. */
class PluginLibraryTest {

    /** The version a message tells users to add is the one this module is built and tested with (its jar's Maven metadata). */
    @ParameterizedTest
    @EnumSource(PluginLibrary.class)
    void namesTheVersionThisModuleIsTestedWithAndIsFoundWhereItIs(PluginLibrary library) throws Exception {
        String[] coordinates = library.coordinates().split(":");
        Properties built = new Properties();
        try (InputStream in = Class.forName(library.probe()).getClassLoader()
                .getResourceAsStream("META-INF/maven/" + coordinates[0] + "/" + coordinates[1] + "/pom.properties")) {
            assertThat(in).as("the Maven metadata of " + library.coordinates()).isNotNull();
            built.load(in);
        }
        assertThat(built.getProperty("version")).isEqualTo(coordinates[2]);
        assertThat(library.present()).isTrue();
        assertThat(PluginLibrary.requiredFor("reading it", library)).isNull();
    }

    /** {@link PluginLibrary#requiredFor} of the named libraries, run inside {@code loader}: the built ERROR. */
    private static Object requiredFor(ClassLoader loader, String reading, String... names) throws Exception {
        Class<?> type = loader.loadClass(PluginLibrary.class.getName());
        Object libraries = Array.newInstance(type, names.length);
        for (int i = 0; i < names.length; i++) {
            Array.set(libraries, i, type.getField(names[i]).get(null));
        }
        Object builder = type.getMethod("requiredFor", String.class, libraries.getClass()).invoke(null, reading, libraries);
        return builder.getClass().getMethod("build").invoke(builder);
    }

    @Test
    void isErrorNamingEveryMissingLibraryAndTheDependenciesToAdd() throws Exception {
        Object result = requiredFor(new ClassLoaderWithout("org.apache.commons.csv.", "org.HdrHistogram."), "reading results.jtl",
                "COMMONS_CSV", "HDR_HISTOGRAM");

        assertThat(result.getClass().getMethod("status").invoke(result)).hasToString(Status.ERROR.name());
        assertThat(result.getClass().getMethod("summary").invoke(result)).isEqualTo("reading results.jtl needs "
                + "org.apache.commons:commons-csv:1.14.1 and org.hdrhistogram:HdrHistogram:2.2.2, which the plugin does not carry "
                + "unless the project adds it");
        assertThat(result.getClass().getMethod("remedy").invoke(result)).isEqualTo("Add under the readiness-maven-plugin's "
                + "<dependencies>: <dependency><groupId>org.apache.commons</groupId><artifactId>commons-csv</artifactId>"
                + "<version>1.14.1</version></dependency> <dependency><groupId>org.hdrhistogram</groupId>"
                + "<artifactId>HdrHistogram</artifactId><version>2.2.2</version></dependency>.");
    }

    @Test
    void namesOnlyTheLibraryThatIsMissing() throws Exception {
        Object result = requiredFor(new ClassLoaderWithout("org.xbill."), "asking DNS", "DNSJAVA", "HDR_HISTOGRAM");

        assertThat(result.getClass().getMethod("summary").invoke(result)).isEqualTo(
                "asking DNS needs dnsjava:dnsjava:3.6.4, which the plugin does not carry unless the project adds it");
    }

    @ParameterizedTest
    @EnumSource(PluginLibrary.class)
    void theReadmeTellsUsersToAddTheSameVersion(PluginLibrary library) throws Exception {
        assertThat(Files.readString(Path.of("../README.md"))).contains("`" + library.coordinates() + "`");
    }
}

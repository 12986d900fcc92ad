package dev.readiness.checks;

import dev.readiness.check.Result;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A library that a built-in check needs for one kind of input and that the plugin does not carry: a project that
 * has such input adds the library under the plugin's {@code <dependencies>}, so that every other build's plugin
 * realm stays without its jars (each costs every run of the gate, {@code -Dreadiness.skip} included: see
 * {@code bench/OVERHEAD.md}). The library is an optional dependency of this module. A check asks
 * {@link #requiredFor} before it reads such input and answers ERROR naming what to add, never a verdict without the
 * reading.
 */
public enum PluginLibrary {

    SWAGGER_PARSER("io.swagger.parser.v3:swagger-parser-v3:2.1.48", "io.swagger.v3.parser.OpenAPIV3Parser",
            "an OpenAPI spec", List.of("openApi", "docs")),
    DNSJAVA("dnsjava:dnsjava:3.6.4", "org.xbill.DNS.Lookup", "DNS records", List.of("edge")),
    COMMONS_CSV("org.apache.commons:commons-csv:1.14.1", "org.apache.commons.csv.CSVFormat", "JMeter's results",
            List.of("performance")),
    HDR_HISTOGRAM("org.hdrhistogram:HdrHistogram:2.2.2", "org.HdrHistogram.Histogram", "JMeter's results",
            List.of("performance"));

    private final String coordinates;
    private final String probe;
    private final String input;
    private final List<String> checks;

    PluginLibrary(String coordinates, String probe, String input, List<String> checks) {
        this.coordinates = coordinates;
        this.probe = probe;
        this.input = input;
        this.checks = checks;
    }

    /** {@code groupId:artifactId:version}, the version this module is built and tested with. */
    public String coordinates() {
        return coordinates;
    }

    /** What the library reads, as "an OpenAPI spec". */
    public String input() {
        return input;
    }

    /** The libraries {@code checkId} needs for some input that are not on the class path, in declaration order. */
    public static List<PluginLibrary> missingFor(String checkId) {
        return Arrays.stream(values()).filter(library -> library.checks.contains(checkId) && !library.present()).toList();
    }

    /** A class the library holds, looked up to tell whether the library is there. */
    String probe() {
        return probe;
    }

    /** Whether the library is on the class path the checks were loaded from. */
    public boolean present() {
        try {
            Class.forName(probe, false, PluginLibrary.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * The ERROR for {@code reading} (such as "reading the OpenAPI spec openapi.yaml") when one of these libraries is
     * missing, naming the {@code <dependency>} elements to add; {@code null} when all are there.
     */
    public static Result.Builder requiredFor(String reading, PluginLibrary... libraries) {
        List<PluginLibrary> missing = Arrays.stream(libraries).filter(library -> !library.present()).toList();
        if (missing.isEmpty()) {
            return null;
        }
        return Result.error(reading + " needs " + missing.stream().map(PluginLibrary::coordinates).collect(Collectors.joining(" and "))
                        + ", which the plugin does not carry unless the project adds it")
                .evidence("missingLibraries", missing.stream().map(PluginLibrary::coordinates).toList())
                .remedy("Add under the readiness-maven-plugin's <dependencies>: " + missing.stream().map(PluginLibrary::dependency)
                        .collect(Collectors.joining(" ")) + ".");
    }

    /** The {@code <dependency>} element that adds the library. */
    public String dependency() {
        String[] parts = coordinates.split(":");
        return "<dependency><groupId>" + parts[0] + "</groupId><artifactId>" + parts[1] + "</artifactId><version>" + parts[2]
                + "</version></dependency>";
    }
}

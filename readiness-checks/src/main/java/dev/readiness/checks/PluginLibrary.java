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

    /** OpenAPI specs: the {@code openApi} check, and {@code docs} when it names a spec. */
    SWAGGER_PARSER("io.swagger.parser.v3", "swagger-parser-v3", "2.1.48", "io.swagger.v3.parser.OpenAPIV3Parser"),
    /** DNS questions: {@code edge}'s DNS claim. */
    DNSJAVA("dnsjava", "dnsjava", "3.6.4", "org.xbill.DNS.Lookup"),
    /** JMeter's CSV results: {@code performance}. */
    COMMONS_CSV("org.apache.commons", "commons-csv", "1.14.1", "org.apache.commons.csv.CSVFormat"),
    /** Latency percentiles of JMeter's results: {@code performance}. */
    HDR_HISTOGRAM("org.hdrhistogram", "HdrHistogram", "2.2.2", "org.HdrHistogram.Histogram");

    private final String groupId;
    private final String artifactId;
    private final String version;
    private final String probe;

    PluginLibrary(String groupId, String artifactId, String version, String probe) {
        this.groupId = groupId;
        this.artifactId = artifactId;
        this.version = version;
        this.probe = probe;
    }

    /** {@code groupId:artifactId:version}, the version this module is built and tested with. */
    public String coordinates() {
        return groupId + ":" + artifactId + ":" + version;
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

    private String dependency() {
        return "<dependency><groupId>" + groupId + "</groupId><artifactId>" + artifactId + "</artifactId><version>" + version
                + "</version></dependency>";
    }
}

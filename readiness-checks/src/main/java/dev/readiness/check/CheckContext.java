package dev.readiness.check;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What a check may know about the build it runs in: the module's folders and coordinates, the
 * resolved dependency graph and its licenses, the HTTP settings, whether the build is offline, a clock and a log.
 * The Maven plugin fills it from the project and session; tests build one with {@link #builder(Path)}.
 *
 * @since 0.1.0
 */
public final class CheckContext {

    private final Path basedir;
    private final Path buildDirectory;
    private final Path outputDirectory;
    private final Path testOutputDirectory;
    private final String packaging;
    private final ProjectId project;
    private final Supplier<DependencyNode> dependencies;
    private final DeclaredLicenses.Lookup licenses;
    private final HttpSettings http;
    private final boolean offline;
    private final boolean useCache;
    private final Path cacheDirectory;
    private final Clock clock;
    private final CheckLog log;
    private final Set<String> boundClaims;
    private final Stage stage;

    private CheckContext(Builder b) {
        basedir = b.basedir;
        buildDirectory = b.buildDirectory != null ? b.buildDirectory : basedir.resolve("target");
        outputDirectory = b.outputDirectory != null ? b.outputDirectory : buildDirectory.resolve("classes");
        testOutputDirectory = b.testOutputDirectory != null ? b.testOutputDirectory : buildDirectory.resolve("test-classes");
        packaging = b.packaging;
        project = b.project;
        dependencies = b.dependencies != null ? memoize(b.dependencies) : () -> {
            throw new IllegalStateException("no dependency graph was given to this run, so it cannot be scanned");
        };
        licenses = b.licenses;
        http = b.http;
        offline = b.offline;
        useCache = b.useCache;
        cacheDirectory = b.cacheDirectory != null ? b.cacheDirectory : buildDirectory.resolve("readiness-cache");
        clock = b.clock;
        log = b.log;
        boundClaims = Set.copyOf(b.boundClaims);
        stage = b.stage;
    }

    /**
     * Whether a checklist item is bound to this claim. A check offers a claim whose evidence is
     * optional (integration tests) when the evidence exists or an item asks for it; asked for and
     * missing, the claim is ERROR.
     *
     * @since 0.2.0
     */
    public boolean isBound(String claimId) {
        return boundClaims.contains(claimId);
    }

    /** A copy of this context in which exactly these claims are bound to checklist items. */
    public CheckContext withBoundClaims(Set<String> claimIds) {
        return copy().boundClaims(claimIds).build();
    }

    /**
     * A copy of this context for a run of the given stage.
     *
     * @since 0.4.0
     */
    public CheckContext withStage(Stage value) {
        return copy().stage(value).build();
    }

    private Builder copy() {
        return new Builder(basedir).buildDirectory(buildDirectory).outputDirectory(outputDirectory)
                .testOutputDirectory(testOutputDirectory).packaging(packaging).project(project).dependencies(dependencies)
                .licenses(licenses).http(http).offline(offline).useCache(useCache).cacheDirectory(cacheDirectory).clock(clock).log(log)
                .boundClaims(boundClaims).stage(stage);
    }

    /**
     * The stage of this run: a check whose claims belong to several stages decides only those of this one
     * (the engine reports the others SKIPPED, and does not run a check none of whose claims belong to it).
     *
     * @since 0.4.0
     */
    public Stage stage() {
        return stage;
    }

    /** The module's base folder (where its {@code pom.xml} is). */
    public Path basedir() {
        return basedir;
    }

    /** The module's build folder, {@code target} by default. */
    public Path buildDirectory() {
        return buildDirectory;
    }

    /** The compiled main classes, {@code target/classes} by default. */
    public Path outputDirectory() {
        return outputDirectory;
    }

    /** The compiled test classes, {@code target/test-classes} by default. */
    public Path testOutputDirectory() {
        return testOutputDirectory;
    }

    /** The module's packaging: {@code jar}, {@code war}, {@code pom}, ... */
    public String packaging() {
        return packaging;
    }

    public ProjectId project() {
        return project;
    }

    /**
     * The resolved dependency graph, rooted at the project; all scopes, test included.
     *
     * @throws IllegalStateException when the run was given no graph (an empty graph is never assumed)
     */
    public DependencyNode dependencies() {
        return dependencies.get();
    }

    /**
     * The licenses of dependencies, read from their effective POMs on demand (reading costs time; only the
     * licenses check asks).
     *
     * @throws IllegalStateException when the run was given no lookup (no license is ever assumed)
     * @since 0.5.0
     */
    public DeclaredLicenses.Lookup licenses() {
        if (licenses == null) {
            throw new IllegalStateException("no license lookup was given to this run, so licenses cannot be read");
        }
        return licenses;
    }

    private static Supplier<DependencyNode> memoize(Supplier<DependencyNode> supplier) {
        return new Supplier<>() {
            private DependencyNode value;

            @Override
            public synchronized DependencyNode get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    public HttpSettings http() {
        return http;
    }

    /** Whether the build runs offline ({@code mvn -o}): no calls to outside services, only to the user's own target. */
    public boolean offline() {
        return offline;
    }

    /** Whether on-disk caches may be read ({@code -Dreadiness.cache=false} turns this off). */
    public boolean useCache() {
        return useCache;
    }

    /** A folder where checks may cache answers between runs (under the local Maven repository in the plugin). */
    public Path cacheDirectory() {
        return cacheDirectory;
    }

    /** The clock for "now" and "today": expiry dates, certificate lifetimes, report ages. */
    public Clock clock() {
        return clock;
    }

    public CheckLog log() {
        return log;
    }

    public static Builder builder(Path basedir) {
        return new Builder(basedir);
    }

    /** Builds a {@link CheckContext}; everything but the base folder has a default. */
    public static final class Builder {
        private final Path basedir;
        private Path buildDirectory;
        private Path outputDirectory;
        private Path testOutputDirectory;
        private String packaging = "jar";
        private ProjectId project = new ProjectId("unknown", "unknown", "0");
        private Supplier<DependencyNode> dependencies;
        private DeclaredLicenses.Lookup licenses;
        private HttpSettings http = HttpSettings.defaults();
        private boolean offline;
        private boolean useCache = true;
        private Path cacheDirectory;
        private Clock clock = Clock.systemUTC();
        private CheckLog log = CheckLog.silent();
        private Set<String> boundClaims = Set.of();
        private Stage stage = Stage.BUILD;

        private Builder(Path basedir) {
            this.basedir = Objects.requireNonNull(basedir, "basedir");
        }

        public Builder buildDirectory(Path value) {
            buildDirectory = value;
            return this;
        }

        public Builder outputDirectory(Path value) {
            outputDirectory = value;
            return this;
        }

        public Builder testOutputDirectory(Path value) {
            testOutputDirectory = value;
            return this;
        }

        public Builder packaging(String value) {
            packaging = Objects.requireNonNull(value);
            return this;
        }

        public Builder project(ProjectId value) {
            project = Objects.requireNonNull(value);
            return this;
        }

        public Builder dependencies(DependencyNode value) {
            dependencies = value == null ? null : () -> value;
            return this;
        }

        /** The graph, resolved on first use (resolution costs time; most checks never ask). */
        public Builder dependencies(Supplier<DependencyNode> value) {
            dependencies = value;
            return this;
        }

        /** How the licenses of dependencies are read; none by default (the licenses check is then ERROR). */
        public Builder licenses(DeclaredLicenses.Lookup value) {
            licenses = value;
            return this;
        }

        public Builder http(HttpSettings value) {
            http = Objects.requireNonNull(value);
            return this;
        }

        public Builder offline(boolean value) {
            offline = value;
            return this;
        }

        public Builder useCache(boolean value) {
            useCache = value;
            return this;
        }

        public Builder cacheDirectory(Path value) {
            cacheDirectory = value;
            return this;
        }

        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value);
            return this;
        }

        public Builder log(CheckLog value) {
            log = Objects.requireNonNull(value);
            return this;
        }

        /** The claims bound to checklist items (the engine sets them for each run). */
        public Builder boundClaims(Set<String> value) {
            boundClaims = Set.copyOf(value);
            return this;
        }

        /** The stage of the run (the engine sets it); {@link Stage#BUILD} by default. */
        public Builder stage(Stage value) {
            stage = Objects.requireNonNull(value);
            return this;
        }

        public CheckContext build() {
            return new CheckContext(this);
        }
    }
}

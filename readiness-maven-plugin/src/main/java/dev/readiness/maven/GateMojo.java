package dev.readiness.maven;

import dev.readiness.check.CheckContext;
import dev.readiness.check.CheckLog;
import dev.readiness.check.ProjectId;
import dev.readiness.engine.ConfigBinder;
import dev.readiness.engine.ConfigElement;
import dev.readiness.engine.ConfigurationException;
import dev.readiness.engine.Engine;
import dev.readiness.engine.ItemResult;
import dev.readiness.engine.Level;
import dev.readiness.engine.ModuleOutcome;
import dev.readiness.engine.Outcome;
import dev.readiness.engine.ReadinessConfig;
import dev.readiness.engine.ReadinessYaml;
import dev.readiness.report.ConsoleReport;
import dev.readiness.report.Reports;
import dev.readiness.text.Words;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectBuilder;
import org.apache.maven.project.ProjectDependenciesResolver;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.codehaus.plexus.PlexusContainer;
import org.codehaus.plexus.component.repository.exception.ComponentLookupException;
import org.codehaus.plexus.configuration.PlexusConfiguration;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * What the goals that run the gate share ({@code verify}, {@code baseline}): their parameters, the
 * configuration gathered from the POM, {@code -D} properties, readiness.yaml and settings.xml, the run
 * of the checks and the reports. Each goal decides what the outcome means for the build.
 */
abstract class GateMojo extends AbstractMojo {

    /** The team's Markdown checklist, relative to the project folder. Default: the built-in catalog (one item per configured check). */
    @Parameter
    private String checklist;

    /** The checks to run, each an element named by its id with its parameters: {@code <coverage><minimum>80%</minimum></coverage>}. */
    @Parameter
    private PlexusConfiguration checks;

    /** The deployed service's base URL, for the HTTP checks. Set here only, never in readiness.yaml: it decides where credentials go. */
    @Parameter
    private String target;

    /**
     * HTTP settings shared by the HTTP checks: {@code timeout} (10s), {@code trustCertificates}, {@code headers}, and
     * {@code server} (a settings.xml server whose credentials become headers). readiness.yaml may set only the timeout;
     * these win over it key by key.
     */
    @Parameter
    private PlexusConfiguration http;

    /** The time limit of each check. Default 5m. */
    @Parameter
    private String checkTimeout;

    /** Skips the gate: {@code true} or {@code false} (text, so that another word is an error rather than false). */
    @Parameter(property = "readiness.skip", defaultValue = "false")
    private String skip;

    /** Runs only these configured checks (comma-separated ids); the others are SKIPPED. */
    @Parameter(property = "readiness.checks")
    private String runChecks;

    /** Does not run these configured checks (comma-separated ids); they are SKIPPED. */
    @Parameter(property = "readiness.skipChecks")
    private String skipChecks;

    /**
     * Fails the build on unmet RECOMMENDED items too: {@code true} or {@code false}. Default: {@code failOnWarnings} of
     * readiness.yaml, else false. Text, not a Boolean, so that an unset parameter can be told from false and a misspelt
     * one ({@code yes}, which Maven would read as false) is an error rather than a gate that quietly stops failing.
     */
    @Parameter(property = "readiness.failOnWarnings")
    private String failOnWarnings;

    /**
     * The sections (by heading, at any depth) and item keys whose items must be attested when no claim settles them:
     * {@code <requireAttestation><section>Final Sign-Off</section></requireAttestation>}; an item without an attestation
     * that counts then FAILs as REQUIRED. Default: {@code requireAttestation} of readiness.yaml, else none.
     */
    @Parameter(property = "readiness.requireAttestation")
    private List<String> requireAttestation;

    /**
     * How many days ahead a waiver's {@code until} may be, from 1 to 366; a waiver running longer is a configuration error.
     * Default: {@code maxWaiverDays} of readiness.yaml, else 90.
     */
    @Parameter(property = "readiness.maxWaiverDays")
    private String maxWaiverDays;

    /**
     * The stage of this run: {@code build} (before deployment) or {@code postDeploy} (after a deployment, against the
     * deployed service). Claims of the other stage are SKIPPED, naming the stage that evaluates them. Default:
     * {@code stage} of readiness.yaml, else build.
     */
    @Parameter(property = "readiness.stage")
    private String stage;

    /**
     * In a reactor, fails the aggregate when modules that declare the gate were not built in this run ({@code -pl},
     * {@code -rf}): for a release, whose verdict must speak for the whole product. Default false: the aggregate names them.
     */
    @Parameter(property = "readiness.requireFullReactor", defaultValue = "false")
    private String requireFullReactor;

    /**
     * What the target is: {@code production}, {@code staging}, or another name. Claims about production ("Application
     * deployed to production") are decided only when it is {@code production}, and SKIPPED otherwise. Default:
     * {@code environment} of readiness.yaml, else none (not production).
     */
    @Parameter(property = "readiness.environment")
    private String environment;

    /** Whether checks may use their on-disk caches (OSV answers, coverage counters per class): {@code true} or {@code false}. */
    @Parameter(property = "readiness.cache", defaultValue = "true")
    private String cache;

    /** Where the reports are written. */
    @Parameter(defaultValue = "${project.build.directory}/readiness", required = true)
    private File outputDirectory;

    /** A Markdown file the report is appended to as well; GitHub Actions names it in {@code GITHUB_STEP_SUMMARY}. */
    @Parameter(property = "readiness.stepSummary", defaultValue = "${env.GITHUB_STEP_SUMMARY}")
    private String stepSummary;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    private MojoExecution mojoExecution;

    @Component
    private ProjectDependenciesResolver dependenciesResolver;

    /** This module's context, kept for the reactor's aggregate. */
    private CheckContext.Builder moduleContext;

    /** Where Maven's ProjectBuilder is looked up, only when the licenses check reads a POM (few runs need it). */
    @Component
    private PlexusContainer container;

    /** "Now" and "today" of the run: expiry dates of waivers and attestations, the baseline's date. */
    Clock clock = Clock.systemUTC();

    @Component
    private SettingsDecrypter settingsDecrypter;

    /**
     * Runs the checks and decides the verdict, and logs one line per item and every notice.
     *
     * @param gate whether this run is the gate: it writes the reports (and appends to the step summary); otherwise
     *             ({@code baseline}) it writes none, so that the gate's last reports stay as they were
     * @return the outcome, or {@code null} when {@code readiness.skip} is set
     * @throws MojoExecutionException for broken configuration, before any check runs, or reports that cannot be written
     */
    /**
     * A true-or-false parameter as written ({@code byDefault} when blank): another word is a configuration error, where
     * Maven would have read {@code yes} as false and quietly turned a safeguard off.
     */
    static boolean flag(String name, String value, boolean byDefault) throws MojoExecutionException {
        String text = value == null ? "" : value.trim();
        if (text.isEmpty()) {
            return byDefault;
        }
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new MojoExecutionException("Readiness configuration error: " + name + ": '" + Words.oneLine(text, 100)
                + "' is not true or false (readiness." + name + ")");
    }

    protected Outcome runGate(boolean gate) throws MojoExecutionException {
        if (flag("skip", skip, false)) {
            getLog().info("Readiness gate skipped (readiness.skip)");
            return null;
        }
        boolean useCache = flag("cache", cache, true);
        flag("requireFullReactor", requireFullReactor, false); // refused in every module, before any check runs
        Path basedir = project.getBasedir().toPath();
        CheckContext.Builder context = CheckContext.builder(basedir)
                .buildDirectory(Path.of(project.getBuild().getDirectory()))
                .outputDirectory(Path.of(project.getBuild().getOutputDirectory()))
                .testOutputDirectory(Path.of(project.getBuild().getTestOutputDirectory()))
                .packaging(project.getPackaging())
                .project(new ProjectId(project.getGroupId(), project.getArtifactId(), project.getVersion()))
                .dependencies(() -> MavenAdapters.dependencyGraph(dependenciesResolver, project, session))
                .licenses(MavenAdapters.licenses(this::projectBuilder, project, session))
                .offline(session.isOffline())
                .useCache(useCache)
                .cacheDirectory(MavenAdapters.cacheDirectory(session))
                .clock(clock);
        moduleContext = context;
        Outcome outcome;
        try {
            rejectUnknownParameters();
            Engine engine = Engine.discover(getClass().getClassLoader());
            outcome = gate && ReactorGate.isReactor(session)
                    ? engine.verifyModule(sources(basedir), context, log())
                    : engine.verify(sources(basedir), context, log());
        } catch (ConfigurationException e) {
            throw new MojoExecutionException("Readiness configuration error: " + e.getMessage(), e);
        }
        report(outcome, gate, outputDirectory.toPath(), !ReactorGate.isReactor(session));
        return outcome;
    }

    /**
     * In a reactor, records this module's run of the gate and, when it is the last module of the build to run it, decides
     * the reactor's one verdict: the checks of the service and the repository run once against the execution root, each
     * module's results are combined, the checklist is decided once, and the reports go to the execution root's
     * {@code target/readiness/}.
     *
     * <p>Once a module has failed, each module that runs the gate after it decides a partial aggregate of the modules that
     * have run, naming the others, and writes it there: Maven stops the build at the failure (or, with
     * {@code --fail-at-end}, skips what depends on it), and the execution root must not keep a verdict that is not the
     * build's. A partial aggregate fails, but does not fail this module.
     *
     * @param outcome this module's outcome, or {@code null} when the gate was skipped here
     * @return the complete aggregate's outcome, or {@code null} when this build is not a reactor, other modules have yet to
     *         run, or the aggregate written was partial
     * @throws MojoExecutionException for broken configuration, reports that cannot be written, or a module of the build
     *                                that was expected to run the gate but had not when the last module ran
     */
    protected Outcome completeReactor(Outcome outcome) throws MojoExecutionException {
        if (!ReactorGate.isReactor(session)) {
            return null;
        }
        ReactorGate.Snapshot snapshot;
        try {
            snapshot = ReactorGate.record(session, mojoExecution, project,
                    outcome == null ? null : new ModuleOutcome(moduleContext.build(), outcome));
        } catch (IllegalStateException e) {
            throw new MojoExecutionException("Readiness reactor: " + e.getMessage(), e);
        }
        if (snapshot == null) {
            List<String> neverRan = ReactorGate.neverRan(session, mojoExecution, project);
            if (!neverRan.isEmpty()) {
                throw new MojoExecutionException("Readiness reactor: the last module has run, but " + String.join(", ", neverRan)
                        + " did not run readiness:verify, so the reactor's aggregate (and the checks of the service and the"
                        + " repository) did not run: bind the goal to the same phase in every module");
            }
            return null;
        }
        Path rootDir = Path.of(session.getExecutionRootDirectory());
        MavenProject named = rootProject() != null ? rootProject() : session.getProjects().get(0);
        CheckContext.Builder context = CheckContext.builder(rootDir)
                .buildDirectory(aggregateDirectory().getParent())
                .packaging("pom")
                .project(new ProjectId(named.getGroupId(), named.getArtifactId(), named.getVersion()))
                .offline(session.isOffline())
                .useCache(flag("cache", cache, true))
                .cacheDirectory(MavenAdapters.cacheDirectory(session))
                .clock(clock);
        List<ModuleOutcome> modules = snapshot.outcomes();
        synchronized (ReactorGate.aggregateLock(session)) {
            if (!snapshot.complete() && ReactorGate.complete(session)) {
                return null;
            }
            getLog().info("Readiness aggregate of " + modules.size() + " module" + (modules.size() == 1 ? "" : "s") + ", in " + rootDir
                    + (snapshot.complete() ? "" : " (partial: a module failed; not run: " + String.join(", ", snapshot.yetToRun()) + ")"));
            Outcome aggregate;
            try {
                aggregate = Engine.discover(getClass().getClassLoader()).aggregate(sources(rootDir), context, log(), modules,
                        ReactorGate.notBuilt(session, mojoExecution), snapshot.yetToRun(), flag("requireFullReactor", requireFullReactor, false));
            } catch (ConfigurationException e) {
                throw new MojoExecutionException("Readiness configuration error: " + e.getMessage(), e);
            }
            report(aggregate, true, aggregateDirectory(), snapshot.complete() || ReactorGate.firstPartial(session));
            return snapshot.complete() ? aggregate : null;
        }
    }

    /**
     * The execution root's project, built in this run or not ({@code -pl}), else {@code null}. Not Maven's top-level
     * project: under {@code -pl} that is the first module built, whose own reports the aggregate would overwrite.
     */
    private MavenProject rootProject() {
        return ReactorGate.allProjects(session).stream().filter(MavenProject::isExecutionRoot).findFirst().orElse(null);
    }

    /** Where the reactor's aggregate reports go: {@code target/readiness/} of the execution root. */
    protected Path aggregateDirectory() {
        Path build = rootProject() != null ? Path.of(rootProject().getBuild().getDirectory())
                : Path.of(session.getExecutionRootDirectory()).resolve("target");
        return build.resolve("readiness");
    }

    private ProjectBuilder projectBuilder() {
        try {
            return container.lookup(ProjectBuilder.class);
        } catch (ComponentLookupException e) {
            throw new IllegalStateException("Maven's ProjectBuilder is not available to read POMs: " + e.getMessage(), e);
        }
    }

    /** The project's folder. */
    protected Path basedir() {
        return project.getBasedir().toPath();
    }

    /** Where the reports go. */
    protected Path outputDirectory() {
        return outputDirectory.toPath();
    }

    /**
     * Everything Maven-specific, gathered before the engine sees anything: the POM's elements (expressions
     * evaluated) and -D properties, readiness.yaml as the engine reads it, the credentials of the settings.xml
     * server {@code <http><server>} names as headers, the proxy (its password decrypted), and the secrets
     * settings.xml and the environment hold, as written and as decrypted.
     */
    private ReadinessConfig.Sources sources(Path basedir) throws ConfigurationException {
        ReadinessYaml yaml = ReadinessYaml.read(basedir.resolve(ReadinessYaml.FILE));
        PomElements elements = new PomElements(session, mojoExecution);
        List<ConfigElement> checkElements = elements.children(checks);
        ConfigElement httpElement = http == null ? null : elements.element(http);
        ReadinessConfig.Pom pom = new ReadinessConfig.Pom(checklist, checkElements, target, httpElement, checkTimeout,
                failOnWarnings, ids(runChecks), ids(skipChecks), requireAttestation, maxWaiverDays, stage, environment);
        ConfigElement server = httpElement == null ? null : httpElement.child("server");
        Map<String, String> serverHeaders = server == null || server.value() == null ? null : serverHeaders(server.value());
        Settings settings = session.getSettings();
        SettingsDecryptionResult decrypted = settings == null ? null
                : settingsDecrypter.decrypt(new DefaultSettingsDecryptionRequest(settings));
        return new ReadinessConfig.Sources(basedir, pom, yaml, serverHeaders, MavenAdapters.proxy(settings, settingsDecrypter),
                Secrets.of(settings, decrypted, environment()));
    }

    /** The build's environment variables: the process's, and those Maven gives the session as {@code env.*} properties. */
    private Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>(System.getenv());
        Properties system = session.getSystemProperties();
        if (system != null) {
            for (String name : system.stringPropertyNames()) {
                if (name.startsWith("env.")) {
                    environment.putIfAbsent(name.substring("env.".length()), system.getProperty(name));
                }
            }
        }
        return environment;
    }

    /** The headers the settings.xml server with this id stands for, its credentials decrypted as Maven does. */
    private Map<String, String> serverHeaders(String id) throws ConfigurationException {
        Server server = session.getSettings() == null ? null : session.getSettings().getServer(id);
        if (server == null) {
            throw new ConfigurationException("http.server: no <server> with id '" + id + "' in settings.xml"
                    + (session.getSettings() == null || session.getSettings().getServers().isEmpty() ? ""
                    : "; servers: " + String.join(", ", session.getSettings().getServers().stream().map(Server::getId).toList())));
        }
        SettingsDecryptionResult decrypted = settingsDecrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        if (!decrypted.getProblems().isEmpty()) {
            throw new ConfigurationException("http.server: cannot decrypt the credentials of server '" + id + "' ("
                    + MavenAdapters.decryptionProblem(decrypted) + "): encrypt them again with mvn --encrypt-password under the"
                    + " master password of settings-security.xml");
        }
        try {
            return ServerCredentials.headers(decrypted.getServer());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("http.server: " + e.getMessage());
        }
    }

    /**
     * One line per item (unmet REQUIRED ones as errors, other unmet ones as warnings), every notice as a warning, then the
     * verdict; as the gate, the reports are written and an unmet verdict is an error line.
     */
    private void report(Outcome outcome, boolean gate, Path reports, boolean toStepSummary) throws MojoExecutionException {
        List<String> lines = ConsoleReport.lines(outcome);
        for (int i = 0; i < outcome.items().size(); i++) {
            ItemResult item = outcome.items().get(i);
            if (item.unmet() && item.level() == Level.REQUIRED) {
                getLog().error(lines.get(i));
            } else if (item.unmet()) {
                getLog().warn(lines.get(i));
            } else {
                getLog().info(lines.get(i));
            }
        }
        outcome.notices().forEach(getLog()::warn);
        String verdict = lines.get(lines.size() - 1);
        if (!gate) {
            getLog().info(verdict);
            return;
        }
        try {
            Reports.writeAll(outcome, reports, !toStepSummary || stepSummary == null || stepSummary.isBlank() ? null : Path.of(stepSummary));
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write the readiness reports to " + reports + ": " + e.getMessage(), e);
        }
        if (outcome.passed()) {
            getLog().info(verdict);
        } else {
            getLog().error(verdict);
        }
        getLog().info("Reports: " + reports.resolve(Reports.MARKDOWN) + ", " + Reports.JSON + ", " + Reports.JUNIT
                + ", " + Reports.SARIF + ", " + Reports.HTML);
    }

    /**
     * Maven 3 drops unknown elements of a plugin's configuration silently; the gate does not: a
     * misspelt parameter is an error naming it and the known ones.
     */
    private void rejectUnknownParameters() throws ConfigurationException {
        org.apache.maven.model.Plugin plugin = project.getPlugin(mojoExecution.getGroupId() + ":" + mojoExecution.getArtifactId());
        if (plugin == null) {
            return;
        }
        List<Object> configurations = new ArrayList<>();
        configurations.add(plugin.getConfiguration());
        org.apache.maven.model.PluginExecution execution = plugin.getExecutionsAsMap().get(mojoExecution.getExecutionId());
        if (execution != null) {
            configurations.add(execution.getConfiguration());
        }
        Set<String> known = knownParameters();
        for (Object configuration : configurations) {
            if (configuration instanceof Xpp3Dom dom) {
                for (Xpp3Dom child : dom.getChildren()) {
                    if (!known.contains(child.getName())) {
                        throw new ConfigurationException("unknown parameter '" + child.getName() + "' of readiness:" + mojoExecution.getGoal()
                                + ConfigBinder.suggestion(child.getName(), known) + "; known parameters: " + String.join(", ", known));
                    }
                }
            }
        }
    }

    /** The parameters a POM may set, from this goal's own descriptor: the editable ones, by name and alias. */
    private Set<String> knownParameters() {
        Set<String> known = new TreeSet<>();
        for (org.apache.maven.plugin.descriptor.Parameter parameter : mojoExecution.getMojoDescriptor().getParameters()) {
            if (parameter.isEditable()) {
                Stream.of(parameter.getName(), parameter.getAlias()).filter(Objects::nonNull).forEach(known::add);
            }
        }
        return known;
    }

    private static Set<String> ids(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return Set.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(ids::add);
        return ids;
    }

    /** The checks' log: Maven's (the engine masks secrets before it writes). */
    private CheckLog log() {
        return new CheckLog() {
            @Override
            public void info(String message) {
                getLog().info(message);
            }

            @Override
            public void warn(String message) {
                getLog().warn(message);
            }

            @Override
            public void debug(String message) {
                getLog().debug(message);
            }
        };
    }
}

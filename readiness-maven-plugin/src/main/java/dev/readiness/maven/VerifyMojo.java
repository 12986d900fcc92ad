package dev.readiness.maven;

import com.fasterxml.jackson.databind.JsonNode;
import dev.readiness.check.CheckContext;
import dev.readiness.check.CheckLog;
import dev.readiness.check.HttpSettings;
import dev.readiness.check.ProjectId;
import dev.readiness.engine.ConfigBinder;
import dev.readiness.engine.ConfigElement;
import dev.readiness.engine.ConfigurationException;
import dev.readiness.engine.Engine;
import dev.readiness.engine.HttpConfig;
import dev.readiness.engine.ItemResult;
import dev.readiness.engine.Level;
import dev.readiness.engine.Outcome;
import dev.readiness.engine.Plan;
import dev.readiness.engine.ReadinessConfig;
import dev.readiness.engine.ReadinessYaml;
import dev.readiness.engine.Redactor;
import dev.readiness.report.ConsoleReport;
import dev.readiness.report.Reports;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.PluginParameterExpressionEvaluator;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectDependenciesResolver;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluationException;
import org.codehaus.plexus.configuration.PlexusConfiguration;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Verifies the project's production readiness: runs the configured checks, decides each checklist
 * item, writes {@code target/readiness/readiness.json}, {@code readiness.md} and
 * {@code TEST-readiness.xml}, and fails the build when a required item is unmet.
 *
 * <p>BUILD FAILURE ({@code MojoFailureException}) when a REQUIRED item is FAIL or ERROR; BUILD
 * ERROR ({@code MojoExecutionException}) for broken configuration, before any check runs.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.TEST)
public class VerifyMojo extends AbstractMojo {

    /** The POM configuration elements this goal knows; anything else is a configuration error. */
    static final List<String> KNOWN_PARAMETERS = List.of("checklist", "checks", "target", "http", "checkTimeout",
            "skip", "runChecks", "skipChecks", "failOnWarnings", "cache", "outputDirectory", "stepSummary");

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
     * {@code server} (a settings.xml server whose credentials become headers).
     */
    @Parameter
    private PlexusConfiguration http;

    /** The time limit of each check. Default 5m. */
    @Parameter
    private String checkTimeout;

    /** Skips the gate. */
    @Parameter(property = "readiness.skip", defaultValue = "false")
    private boolean skip;

    /** Runs only these configured checks (comma-separated ids); the others are SKIPPED. */
    @Parameter(property = "readiness.checks")
    private String runChecks;

    /** Does not run these configured checks (comma-separated ids); they are SKIPPED. */
    @Parameter(property = "readiness.skipChecks")
    private String skipChecks;

    /** Fails the build on unmet RECOMMENDED items too. */
    @Parameter(property = "readiness.failOnWarnings", defaultValue = "false")
    private boolean failOnWarnings;

    /** Whether checks may use their on-disk caches (OSV answers). */
    @Parameter(property = "readiness.cache", defaultValue = "true")
    private boolean cache;

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

    @Component
    private SettingsDecrypter settingsDecrypter;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Readiness gate skipped (readiness.skip)");
            return;
        }
        Path basedir = project.getBasedir().toPath();
        Engine engine;
        Plan plan;
        try {
            rejectUnknownParameters();
            engine = Engine.discover(getClass().getClassLoader());
            plan = engine.plan(config(engine, basedir), basedir);
        } catch (ConfigurationException e) {
            throw new MojoExecutionException("Readiness configuration error: " + e.getMessage(), e);
        }
        HttpSettings http;
        try {
            http = new HttpSettings(plan.http().target(), plan.http().timeout(), plan.http().trustCertificates(),
                    headers(plan), MavenAdapters.proxy(session));
        } catch (ConfigurationException e) {
            throw new MojoExecutionException("Readiness configuration error: " + e.getMessage(), e);
        }
        Secrets secrets = Secrets.of(session, http);
        CheckContext context = CheckContext.builder(basedir)
                .buildDirectory(Path.of(project.getBuild().getDirectory()))
                .outputDirectory(Path.of(project.getBuild().getOutputDirectory()))
                .testOutputDirectory(Path.of(project.getBuild().getTestOutputDirectory()))
                .packaging(project.getPackaging())
                .project(new ProjectId(project.getGroupId(), project.getArtifactId(), project.getVersion()))
                .dependencies(() -> MavenAdapters.dependencyGraph(dependenciesResolver, project, session))
                .http(http)
                .offline(session.isOffline())
                .useCache(cache)
                .cacheDirectory(MavenAdapters.cacheDirectory(session))
                .log(log(secrets.redactor()))
                .build();
        Outcome outcome = engine.run(plan, context, secrets.redactor());
        report(outcome);
        if (!outcome.passed()) {
            throw new MojoFailureException("Readiness gate failed: " + outcome.failures().size() + " required item"
                    + (outcome.failures().size() == 1 ? "" : "s") + " unmet\n  " + String.join("\n  ", outcome.failures())
                    + "\nSee " + outputDirectory.toPath().resolve(Reports.MARKDOWN));
        }
    }

    /** The configured headers, after those of the settings.xml server named by {@code <http><server>}. */
    private Map<String, String> headers(Plan plan) throws ConfigurationException {
        if (plan.httpServer() == null) {
            return plan.http().headers();
        }
        Server server = session.getSettings() == null ? null : session.getSettings().getServer(plan.httpServer());
        if (server == null) {
            throw new ConfigurationException("http.server: no <server> with id '" + plan.httpServer() + "' in settings.xml"
                    + (session.getSettings() == null || session.getSettings().getServers().isEmpty() ? ""
                    : "; servers: " + String.join(", ", session.getSettings().getServers().stream().map(Server::getId).toList())));
        }
        SettingsDecryptionResult decrypted = settingsDecrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        if (!decrypted.getProblems().isEmpty()) {
            throw new ConfigurationException("http.server: cannot decrypt the credentials of server '" + plan.httpServer() + "': "
                    + decrypted.getProblems().get(0).getMessage());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        try {
            headers.putAll(ServerCredentials.headers(decrypted.getServer()));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("http.server: " + e.getMessage());
        }
        headers.putAll(plan.http().headers());
        return headers;
    }

    private void report(Outcome outcome) throws MojoExecutionException {
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
        try {
            Reports.writeAll(outcome, outputDirectory.toPath(), stepSummary == null || stepSummary.isBlank() ? null : Path.of(stepSummary));
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write the readiness reports to " + outputDirectory + ": " + e.getMessage(), e);
        }
        String verdict = lines.get(lines.size() - 1);
        if (outcome.passed()) {
            getLog().info(verdict);
        } else {
            getLog().error(verdict);
        }
        getLog().info("Reports: " + outputDirectory.toPath().resolve(Reports.MARKDOWN) + ", " + Reports.JSON + ", " + Reports.JUNIT);
    }

    private ReadinessConfig config(Engine engine, Path basedir) throws ConfigurationException {
        ReadinessYaml yaml = ReadinessYaml.read(basedir.resolve(ReadinessYaml.FILE));
        Map<String, JsonNode> checkTrees = new LinkedHashMap<>();
        if (yaml != null) {
            checkTrees.putAll(yaml.checks());
        }
        if (checks != null) {
            for (PlexusConfiguration child : checks.getChildren()) {
                checkTrees.put(child.getName(), engine.toTree(element(child)));
            }
        }
        String checklistPath = checklist != null ? checklist : yaml == null ? null : yaml.checklist();
        JsonNode httpTree = http != null ? ConfigBinder.toTree(element(http), HttpConfig.class) : yaml == null ? null : yaml.http();
        String targetUrl = target;
        String timeoutText = checkTimeout != null ? checkTimeout : yaml == null ? null : yaml.checkTimeout();
        Duration timeout = null;
        if (timeoutText != null) {
            timeout = ConfigBinder.bind("checkTimeout", Duration.class, ConfigBinder.mapper().getNodeFactory().textNode(timeoutText), List.of());
        }
        boolean warningsFail = failOnWarnings || (yaml != null && Boolean.TRUE.equals(yaml.failOnWarnings()));
        return new ReadinessConfig(checklistPath == null ? null : basedir.resolve(checklistPath), checklistPath, checkTrees,
                targetUrl, httpTree, timeout, ids(runChecks), ids(skipChecks), warningsFail);
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
        for (Object configuration : configurations) {
            if (configuration instanceof Xpp3Dom dom) {
                for (Xpp3Dom child : dom.getChildren()) {
                    if (!KNOWN_PARAMETERS.contains(child.getName())) {
                        throw new ConfigurationException("unknown parameter '" + child.getName() + "' of readiness:verify"
                                + ConfigBinder.suggestion(child.getName(), KNOWN_PARAMETERS)
                                + "; known parameters: " + String.join(", ", new TreeSet<>(KNOWN_PARAMETERS)));
                    }
                }
            }
        }
    }

    private ConfigElement element(PlexusConfiguration configuration) throws ConfigurationException {
        List<ConfigElement> children = new ArrayList<>();
        for (PlexusConfiguration child : configuration.getChildren()) {
            children.add(element(child));
        }
        String value = configuration.getChildCount() == 0 ? evaluate(configuration.getValue(null)) : null;
        return new ConfigElement(configuration.getName(), value == null ? null : value.trim(), children);
    }

    /** Expressions in {@code <checks>} and {@code <http>} (${env.TOKEN}, ${project.basedir}) are evaluated as Maven does for typed parameters. */
    private String evaluate(String raw) throws ConfigurationException {
        if (raw == null || !raw.contains("${")) {
            return raw;
        }
        try {
            Object value = new PluginParameterExpressionEvaluator(session, mojoExecution).evaluate(raw);
            return value == null ? null : String.valueOf(value);
        } catch (ExpressionEvaluationException e) {
            throw new ConfigurationException("cannot evaluate '" + raw + "': " + e.getMessage());
        }
    }

    private static Set<String> ids(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return Set.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(ids::add);
        return ids;
    }

    private CheckLog log(Redactor redactor) {
        return new CheckLog() {
            @Override
            public void info(String message) {
                getLog().info(redactor.redact(message));
            }

            @Override
            public void warn(String message) {
                getLog().warn(redactor.redact(message));
            }

            @Override
            public void debug(String message) {
                getLog().debug(redactor.redact(message));
            }
        };
    }
}

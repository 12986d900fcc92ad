package dev.readiness.maven;

import dev.readiness.check.DeclaredLicenses;
import dev.readiness.check.DependencyNode;
import dev.readiness.check.HttpSettings;
import dev.readiness.engine.ConfigurationException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.artifact.versioning.VersionRange;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.building.ModelBuildingException;
import org.apache.maven.model.building.ModelBuildingRequest;
import org.apache.maven.model.building.ModelProblem;
import org.apache.maven.project.DefaultDependencyResolutionRequest;
import org.apache.maven.project.DefaultProjectBuildingRequest;
import org.apache.maven.project.DependencyResolutionException;
import org.apache.maven.project.DependencyResolutionResult;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectBuilder;
import org.apache.maven.project.ProjectBuildingException;
import org.apache.maven.project.ProjectBuildingRequest;
import org.apache.maven.project.ProjectBuildingResult;
import org.apache.maven.project.ProjectDependenciesResolver;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.eclipse.aether.artifact.Artifact;

/** Turns Maven's project, session and settings into the Maven-free types the checks see. */
final class MavenAdapters {

    private MavenAdapters() {
    }

    /**
     * The active HTTP(S) proxy of settings.xml with its password decrypted as Maven does (an encrypted
     * {@code {...}} password is what the proxy must never receive), or {@code null}.
     *
     * @throws ConfigurationException when its password does not decrypt
     */
    static HttpSettings.Proxy proxy(Settings settings, SettingsDecrypter decrypter) throws ConfigurationException {
        if (settings == null) {
            return null;
        }
        for (Proxy proxy : settings.getProxies()) {
            if (proxy.isActive() && (proxy.getProtocol() == null || proxy.getProtocol().startsWith("http"))) {
                SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(proxy));
                if (!result.getProblems().isEmpty()) {
                    throw new ConfigurationException("settings.xml: cannot decrypt the password of the active proxy '" + proxy.getId()
                            + "' (" + decryptionProblem(result) + "): encrypt it again with mvn --encrypt-password under the"
                            + " master password of settings-security.xml, or make the proxy inactive");
                }
                Proxy decrypted = result.getProxy();
                return new HttpSettings.Proxy(decrypted.getHost(), decrypted.getPort(), decrypted.getUsername(),
                        decrypted.getPassword(), decrypted.getNonProxyHosts());
            }
        }
        return null;
    }

    /** Why a settings.xml value did not decrypt, in the words of the innermost cause (a bad key, a missing master password). */
    static String decryptionProblem(SettingsDecryptionResult result) {
        Throwable cause = result.getProblems().get(0).getException();
        while (cause != null && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause != null && cause.getMessage() != null ? cause.getMessage() : result.getProblems().get(0).getMessage();
    }

    /** Where checks cache answers between runs: {@code <local repository>/.cache/readiness}. */
    static Path cacheDirectory(MavenSession session) {
        String local = session.getRepositorySession() != null && session.getRepositorySession().getLocalRepository() != null
                ? session.getRepositorySession().getLocalRepository().getBasedir().getPath()
                : System.getProperty("user.home") + "/.m2/repository";
        return Path.of(local, ".cache", "readiness");
    }

    /** The project's resolved dependency graph (after Maven's conflict resolution), all scopes. */
    static DependencyNode dependencyGraph(ProjectDependenciesResolver resolver, MavenProject project, MavenSession session) {
        DependencyResolutionResult result;
        try {
            result = resolver.resolve(new DefaultDependencyResolutionRequest(project, session.getRepositorySession()));
        } catch (DependencyResolutionException e) {
            // A graph resolved in part would be scanned in part: "scanning completed" must not rest on it.
            DependencyResolutionResult partial = e.getResult();
            String unresolved = partial == null ? "" : partial.getUnresolvedDependencies().stream().limit(5)
                    .map(d -> d.getArtifact().toString()).collect(java.util.stream.Collectors.joining(", "));
            throw new IllegalStateException("the dependency graph of " + project.getId() + " resolved only in part"
                    + (unresolved.isEmpty() ? "" : " (unresolved: " + unresolved + ")") + ": "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
        List<DependencyNode> children = new ArrayList<>();
        for (org.eclipse.aether.graph.DependencyNode child : result.getDependencyGraph().getChildren()) {
            children.add(node(child));
        }
        return new DependencyNode(project.getGroupId(), project.getArtifactId(), project.getVersion(), null, children);
    }

    /**
     * Reads each artifact's licenses from its effective POM, built by Maven's {@link ProjectBuilder} from the project's
     * repositories (parents resolved as for any build; plugins not processed, minimal validation). Nothing is built until
     * a check asks.
     */
    static DeclaredLicenses.Lookup licenses(Supplier<ProjectBuilder> builder, MavenProject project, MavenSession session) {
        return (groupId, artifactId, version) -> {
            String coordinates = groupId + ":" + artifactId + ":" + version;
            ProjectBuildingRequest request = new DefaultProjectBuildingRequest(session.getProjectBuildingRequest());
            request.setProcessPlugins(false);
            request.setResolveDependencies(false);
            request.setValidationLevel(ModelBuildingRequest.VALIDATION_LEVEL_MINIMAL);
            request.setRemoteRepositories(project.getRemoteArtifactRepositories());
            request.setProject(null);
            DefaultArtifact pom = new DefaultArtifact(groupId, artifactId, VersionRange.createFromVersion(version), null, "pom",
                    null, new DefaultArtifactHandler("pom"));
            try {
                ProjectBuildingResult result = builder.get().build(pom, false, request);
                MavenProject effective = result.getProject();
                String file = effective.getFile() != null ? effective.getFile().getPath() : coordinates + ":pom";
                return DeclaredLicenses.read(file, effective.getLicenses().stream()
                        .map(l -> new DeclaredLicenses.License(l.getName(), l.getUrl(), l.getComments())).toList());
            } catch (ProjectBuildingException | RuntimeException e) {
                return DeclaredLicenses.unreadable(pom.getFile() != null ? pom.getFile().getPath() : coordinates + ":pom", problem(e));
            }
        };
    }

    /** The first fatal or error problem Maven reports for a POM that did not build, in one line. */
    private static String problem(Exception e) {
        List<ModelProblem> problems = new ArrayList<>();
        if (e instanceof ProjectBuildingException building && building.getResults() != null) {
            building.getResults().forEach(result -> problems.addAll(result.getProblems()));
        }
        if (e.getCause() instanceof ModelBuildingException model) {
            problems.addAll(model.getProblems());
        }
        return problems.stream().filter(p -> p.getSeverity() != ModelProblem.Severity.WARNING).findFirst()
                .map(ModelProblem::getMessage)
                .orElseGet(() -> String.valueOf(e.getMessage()).lines().filter(line -> !line.isBlank()).findFirst()
                        .orElse(e.getClass().getSimpleName()));
    }

    private static DependencyNode node(org.eclipse.aether.graph.DependencyNode node) {
        List<DependencyNode> children = new ArrayList<>();
        for (org.eclipse.aether.graph.DependencyNode child : node.getChildren()) {
            children.add(node(child));
        }
        Artifact artifact = node.getArtifact();
        String scope = node.getDependency() == null ? null : node.getDependency().getScope();
        return new DependencyNode(artifact.getGroupId(), artifact.getArtifactId(), artifact.getVersion(), scope, children);
    }
}

package dev.readiness.maven;

import dev.readiness.engine.ModuleOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.SessionData;

/**
 * The reactor's aggregate: each module's run of the gate is recorded in the build session, and the run that completes
 * the modules of this build expected to run the gate decides the reactor's one verdict. Works under {@code -T}: the
 * record is shared and the last module to finish is the one that aggregates, exactly once.
 *
 * <p>A module is expected to run the gate when the command line names the goal ({@code readiness:verify}), or when
 * its POM binds the goal to a phase; a module skipped with {@code readiness.skip} still runs it (and is recorded as
 * skipped). The record holds only JDK types as keys, so that it is shared across plugin class realms.
 */
final class ReactorGate {

    private static final String KEY = "dev.readiness.reactor";

    /** Marks a module that ran the gate with readiness.skip. */
    private static final Object SKIPPED = "skipped";

    private ReactorGate() {
    }

    /**
     * Whether this build is of a reactor of several modules, even when {@code -pl} or {@code -rf} builds only one of them
     * (its aggregate then names the others, and {@code requireFullReactor} fails it); a project of one module decides
     * everything itself.
     */
    static boolean isReactor(MavenSession session) {
        return allProjects(session).size() > 1;
    }

    /**
     * Every module of the reactor, those {@code -pl} or {@code -rf} leave unbuilt too (the built ones where Maven kept no
     * other list).
     */
    static List<MavenProject> allProjects(MavenSession session) {
        return session.getAllProjects() != null ? session.getAllProjects() : session.getProjects();
    }

    /**
     * The modules' outcomes so far, in reactor order (modules skipped left out), and the modules of this build expected to
     * run the gate that have not yet: none when the record is complete.
     */
    record Snapshot(List<ModuleOutcome> outcomes, List<String> yetToRun) {
        boolean complete() {
            return yetToRun.isEmpty();
        }
    }

    /**
     * Records a module's run. Returns the complete record to the last module of this build expected to run the gate, once;
     * after a module has failed, returns the record so far to every run until then, as the build may stop at any of them
     * (Maven stops at a failure, or with {@code --fail-at-end} skips the modules that depend on it, so no last module may
     * come); otherwise {@code null}.
     *
     * @param outcome the module's outcome, or {@code null} when the gate was skipped there
     * @throws IllegalStateException when a module's outcome comes from a plugin of another class path (modules that
     *                               declare the plugin with different dependencies), which the aggregate cannot read
     */
    static Snapshot record(MavenSession session, MojoExecution execution, MavenProject project, ModuleOutcome outcome) {
        Map<String, Object> runs = runs(session);
        Set<String> expected = expected(session, execution);
        List<ModuleOutcome> outcomes = new ArrayList<>();
        List<String> yetToRun = new ArrayList<>();
        synchronized (runs) {
            runs.put(project.getId(), outcome == null ? SKIPPED : outcome);
            if (runs.containsKey(KEY + ".done")) {
                return null;
            }
            for (MavenProject module : session.getProjects()) {
                Object run = runs.get(module.getId());
                if (run instanceof ModuleOutcome moduleOutcome) {
                    outcomes.add(moduleOutcome);
                } else if (run != null && run != SKIPPED) {
                    throw new IllegalStateException("module " + module.getArtifactId() + " ran the gate with the plugin on another"
                            + " class path: declare readiness-maven-plugin with the same dependencies in every module (in the parent POM)");
                } else if (run == null && expected.contains(module.getId())) {
                    yetToRun.add(module.getArtifactId());
                }
            }
            if (yetToRun.isEmpty()) {
                runs.put(KEY + ".done", Boolean.TRUE);
            } else if (outcomes.stream().allMatch(m -> m.outcome().passed())) {
                return null;
            }
        }
        return new Snapshot(outcomes, yetToRun);
    }

    /** The lock under which the aggregate is decided and written: one at a time, as under {@code -T} several may come. */
    static Object aggregateLock(MavenSession session) {
        return runs(session);
    }

    /** Whether the complete aggregate has been taken, so that an earlier, partial one must not overwrite its reports. */
    static boolean complete(MavenSession session) {
        return runs(session).containsKey(KEY + ".done");
    }

    /** Whether this is the first partial aggregate of the build (it alone goes to the step summary besides the complete one). */
    static boolean firstPartial(MavenSession session) {
        return runs(session).putIfAbsent(KEY + ".partial", Boolean.TRUE) == null;
    }

    /**
     * In a build of one module at a time, the last module of the reactor runs last: when the aggregate has not run by
     * then, the modules expected to run the gate that did not, by artifactId (empty when it ran, or under {@code -T},
     * where the last module to finish cannot be known in advance).
     */
    static List<String> neverRan(MavenSession session, MojoExecution execution, MavenProject project) {
        List<MavenProject> projects = session.getProjects();
        Map<String, Object> runs = runs(session);
        if (session.isParallel() || !projects.get(projects.size() - 1).getId().equals(project.getId()) || runs.containsKey(KEY + ".done")) {
            return List.of();
        }
        Set<String> expected = expected(session, execution);
        return projects.stream().filter(p -> expected.contains(p.getId()) && !runs.containsKey(p.getId())).map(MavenProject::getArtifactId).toList();
    }

    /**
     * The modules of the whole reactor that declare the gate but are not built in this run ({@code -pl}, {@code -rf}),
     * by artifactId; a module whose POM sets {@code readiness.skip} is not among them, as it is left out when built.
     */
    static List<String> notBuilt(MavenSession session, MojoExecution execution) {
        Set<String> built = new TreeSet<>();
        session.getProjects().forEach(p -> built.add(p.getId()));
        List<String> missing = new ArrayList<>();
        for (MavenProject project : allProjects(session)) {
            if (!built.contains(project.getId()) && declaresGate(project, execution)
                    && !Boolean.parseBoolean(project.getProperties().getProperty("readiness.skip"))) {
                missing.add(project.getArtifactId());
            }
        }
        return missing;
    }

    private static Set<String> expected(MavenSession session, MojoExecution execution) {
        boolean onCommandLine = session.getGoals().stream().anyMatch(goal -> namesGoal(goal, execution));
        Set<String> expected = new TreeSet<>();
        for (MavenProject project : session.getProjects()) {
            if (onCommandLine || bindsGate(project, execution)) {
                expected.add(project.getId());
            }
        }
        return expected;
    }

    /** {@code readiness:verify}, or the goal with the plugin's coordinates ({@code dev.readiness:readiness-maven-plugin[:version]:verify}). */
    private static boolean namesGoal(String goal, MojoExecution execution) {
        String name = execution.getMojoDescriptor().getGoal();
        String prefix = execution.getMojoDescriptor().getPluginDescriptor().getGoalPrefix();
        return goal.equals(prefix + ":" + name)
                || goal.startsWith(execution.getGroupId() + ":" + execution.getArtifactId() + ":") && goal.endsWith(":" + name);
    }

    private static boolean declaresGate(MavenProject project, MojoExecution execution) {
        return plugin(project, execution) != null;
    }

    /** Whether the project's POM binds this goal to a phase of its build (an execution whose phase is not {@code none}). */
    private static boolean bindsGate(MavenProject project, MojoExecution execution) {
        Plugin plugin = plugin(project, execution);
        if (plugin == null) {
            return false;
        }
        String goal = execution.getMojoDescriptor().getGoal();
        for (PluginExecution pluginExecution : plugin.getExecutions()) {
            if (pluginExecution.getGoals().contains(goal) && !"none".equals(pluginExecution.getPhase())) {
                return true;
            }
        }
        return false;
    }

    private static Plugin plugin(MavenProject project, MojoExecution execution) {
        return project.getBuild() == null ? null : project.getPlugin(execution.getGroupId() + ":" + execution.getArtifactId());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> runs(MavenSession session) {
        SessionData data = session.getRepositorySession().getData();
        Object runs = data.get(KEY);
        if (runs == null) {
            data.set(KEY, null, new ConcurrentHashMap<String, Object>());
            runs = data.get(KEY);
        }
        return (Map<String, Object>) runs;
    }
}

package dev.readiness.maven;

import dev.readiness.check.Check;
import dev.readiness.engine.ChecklistParser;
import dev.readiness.engine.Checklist;
import dev.readiness.engine.ConfigurationException;
import dev.readiness.engine.Engine;
import dev.readiness.engine.Item;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Lists every available check (built-in and from plugin dependencies): its id, what it verifies,
 * the checklist items it binds by its phrases (on the configured checklist, else its phrases), and
 * its parameters with their defaults.
 */
@Mojo(name = "list", threadSafe = true, requiresProject = false)
public class ListMojo extends AbstractMojo {

    /** The team's Markdown checklist, relative to the project folder; shows which of its items each check binds. */
    @Parameter(property = "readiness.checklist")
    private String checklist;

    @Parameter(defaultValue = "${project}", readonly = true)
    private MavenProject project;

    @Override
    public void execute() throws MojoExecutionException {
        try {
            Engine engine = Engine.discover(getClass().getClassLoader());
            Checklist items = null;
            if (checklist != null) {
                Path base = project != null && project.getBasedir() != null ? project.getBasedir().toPath() : Path.of("");
                items = new ChecklistParser().parse(base.resolve(checklist), checklist);
            }
            for (Check<?> check : engine.available().values().stream().sorted((a, b) -> a.id().compareTo(b.id())).toList()) {
                getLog().info(check.id() + " — " + check.description());
                List<String> bound = items == null ? check.phrases()
                        : items.items().stream().filter(i -> Engine.binds(check, i)).map(Item::text).toList();
                getLog().info("  verifies: " + (bound.isEmpty() ? "(no item of the checklist)" : String.join("; ", bound)));
                for (Engine.ParameterDoc p : Engine.parameters(check)) {
                    getLog().info("  <" + p.name() + "> " + p.type() + (p.description().isEmpty() ? "" : " — " + p.description()));
                }
            }
        } catch (ConfigurationException e) {
            throw new MojoExecutionException("Readiness configuration error: " + e.getMessage(), e);
        }
    }
}

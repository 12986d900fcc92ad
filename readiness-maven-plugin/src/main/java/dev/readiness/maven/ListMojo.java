package dev.readiness.maven;

import dev.readiness.check.Check;
import dev.readiness.check.Claim;
import dev.readiness.check.Strength;
import dev.readiness.engine.Binding;
import dev.readiness.engine.Checklist;
import dev.readiness.engine.ChecklistParser;
import dev.readiness.engine.ConfigurationException;
import dev.readiness.engine.Engine;
import dev.readiness.engine.Item;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Lists every available check (built-in and from plugin dependencies): its id, what it verifies,
 * each of its claims with its strength and phrases, the checklist items each claim binds (bound
 * exactly as {@code verify} binds them), and its parameters with their defaults. With a checklist,
 * it ends with how many items the available checks would settle, support or leave to a person.
 */
@Mojo(name = "list", threadSafe = true, requiresProject = false)
public class ListMojo extends AbstractMojo {

    /** The team's Markdown checklist, relative to the project folder; shows which of its items each claim binds. */
    @Parameter(property = "readiness.checklist")
    private String checklist;

    @Parameter(defaultValue = "${project}", readonly = true)
    private MavenProject project;

    @Override
    public void execute() throws MojoExecutionException {
        try {
            Engine engine = Engine.discover(getClass().getClassLoader());
            Binding binding = new Binding(engine.available().values());
            Checklist items = null;
            Map<Item, List<Claim>> claimsOf = new LinkedHashMap<>();
            if (checklist != null) {
                Path base = project != null && project.getBasedir() != null ? project.getBasedir().toPath() : Path.of("");
                items = new ChecklistParser().parse(base.resolve(checklist), checklist);
                for (Item item : items.items()) {
                    claimsOf.put(item, binding.claimsOf(item, items.source(), List.of()));
                }
            }
            for (Check<?> check : engine.available().values()) {
                getLog().info(check.id() + " — " + check.description());
                for (Claim claim : check.claims()) {
                    getLog().info("  claim " + claim.id() + " (" + claim.strength().name().toLowerCase(Locale.ROOT) + "): "
                            + claim.description() + (claim.phrases().isEmpty() ? ""
                            : " Phrases: " + claim.phrases().stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(", ")) + "."));
                    if (items != null) {
                        List<String> bound = claimsOf.entrySet().stream().filter(e -> e.getValue().contains(claim))
                                .map(e -> e.getKey().text()).toList();
                        getLog().info("    binds: " + (bound.isEmpty() ? "(no item of the checklist)" : String.join("; ", bound)));
                    }
                }
                for (Engine.ParameterDoc p : Engine.parameters(check)) {
                    getLog().info("  <" + p.name() + "> " + p.type() + (p.description().isEmpty() ? "" : " — " + p.description()));
                }
            }
            if (items != null) {
                long settled = claimsOf.values().stream().filter(c -> c.stream().anyMatch(x -> x.strength() == Strength.SETTLES)).count();
                long supported = claimsOf.values().stream().filter(c -> !c.isEmpty() && c.stream().allMatch(x -> x.strength() == Strength.SUPPORTS)).count();
                getLog().info("Checklist " + checklist + ": " + settled + " items settled, " + supported + " supported, "
                        + (claimsOf.size() - settled - supported) + " manual, with every check above configured");
            }
        } catch (ConfigurationException e) {
            throw new MojoExecutionException("Readiness configuration error: " + e.getMessage(), e);
        }
    }
}

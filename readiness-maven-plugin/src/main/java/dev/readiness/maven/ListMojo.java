package dev.readiness.maven;

import dev.readiness.check.Check;
import dev.readiness.check.Claim;
import dev.readiness.check.Strength;
import dev.readiness.checks.PluginLibrary;
import dev.readiness.engine.Attestation;
import dev.readiness.engine.AttestationFile;
import dev.readiness.engine.Binding;
import dev.readiness.engine.Checklist;
import dev.readiness.engine.ChecklistParser;
import dev.readiness.engine.ConfigurationException;
import dev.readiness.engine.Engine;
import dev.readiness.engine.Item;
import dev.readiness.engine.Ledger;
import dev.readiness.engine.Plan;
import dev.readiness.engine.ReadinessConfig;
import dev.readiness.engine.ReadinessYaml;
import dev.readiness.text.Words;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.configuration.PlexusConfiguration;

/**
 * Lists every available check (built-in and from plugin dependencies): its id, what it verifies,
 * each of its claims with its strength and phrases, the checklist items each claim binds (bound
 * exactly as {@code verify} binds them), and its parameters with their defaults. With a checklist,
 * it ends with how many items the available checks would settle, support or leave to a person; in a
 * project that configures checks, then with every item no configured claim settles, by its key, as a
 * ready-to-paste entry of {@code readiness-attestations.yaml}.
 */
@Mojo(name = "list", threadSafe = true, requiresProject = false)
public class ListMojo extends AbstractMojo {

    /** The team's Markdown checklist, relative to the project folder; shows which of its items each claim binds. */
    @Parameter(property = "readiness.checklist")
    private String checklist;

    /** The checks the project configures, as {@code verify} takes them: the items none of their claims settles are listed for attestation. */
    @Parameter
    private PlexusConfiguration checks;

    /** As {@code verify}'s: the sections and item keys that must be attested, marked "required" in the list. */
    @Parameter(property = "readiness.requireAttestation")
    private List<String> requireAttestation;

    /** As {@code verify}'s: how many days ahead a waiver may run (the waivers are read, and checked, as verify reads them). */
    @Parameter(property = "readiness.maxWaiverDays")
    private String maxWaiverDays;

    @Parameter(defaultValue = "${project}", readonly = true)
    private MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true)
    private MavenSession session;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    private MojoExecution mojoExecution;

    /** "Today", the date of the entries shown. */
    Clock clock = Clock.systemUTC();

    @Override
    public void execute() throws MojoExecutionException {
        try {
            Engine engine = Engine.discover(getClass().getClassLoader());
            Binding binding = new Binding(engine.available().values());
            Checklist items = null;
            Map<Item, List<Claim>> claimsOf = new LinkedHashMap<>();
            Path base = project != null && project.getBasedir() != null ? project.getBasedir().toPath() : Path.of("");
            if (checklist != null) {
                items = new ChecklistParser().parse(base.resolve(checklist), checklist);
                for (Item item : items.items()) {
                    claimsOf.put(item, binding.claimsOf(item, items.source(), List.of()));
                }
            }
            for (Check<?> check : engine.available().values()) {
                getLog().info(check.id() + " — " + check.description());
                for (PluginLibrary library : PluginLibrary.missingFor(check.id())) {
                    getLog().info("  reading " + library.input() + " needs " + library.dependency()
                            + " under the plugin's <dependencies> (not on the plugin's class path now)");
                }
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
            ReadinessYaml yaml = ReadinessYaml.read(base.resolve(ReadinessYaml.FILE));
            if (checks != null || yaml != null && !yaml.checks().isEmpty()) {
                ReadinessConfig.Pom pom = new ReadinessConfig.Pom(checklist, new PomElements(session, mojoExecution).children(checks),
                        null, null, null, null, Set.of(), Set.of(), requireAttestation, maxWaiverDays);
                listManual(engine.plan(new ReadinessConfig.Sources(base, pom, yaml, null, null, Set.of()), clock));
            }
        } catch (ConfigurationException e) {
            throw new MojoExecutionException("Readiness configuration error: " + e.getMessage(), e);
        }
    }

    /**
     * Every item of the project's checklist that no configured claim settles, under its section, as an
     * entry to paste under {@code attestations:}, left to fill in ({@code by} and {@code evidence} empty,
     * so that an entry pasted as it is refuses to load rather than counting).
     */
    private void listManual(Plan plan) {
        Map<String, Strength> strengths = new HashMap<>();
        plan.checks().forEach(check -> check.claims().forEach(c -> strengths.put(c.claim().id(), c.claim().strength())));
        List<Item> manual = plan.checklist().items().stream()
                .filter(item -> plan.bindings().claims().getOrDefault(item.key(), List.of()).stream()
                        .noneMatch(id -> strengths.get(id) == Strength.SETTLES))
                .toList();
        Map<String, Attestation> attested = plan.ledger().attestations();
        long counting = manual.stream().filter(i -> attested.containsKey(i.key()) && attested.get(i.key()).counts()).count();
        getLog().info(Words.plural(manual.size(), "item") + " of " + plan.checklist().source() + " no configured check settles"
                + (counting == 0 ? "" : " (" + counting + " attested)") + ": a person attests each with mvn readiness:attest"
                + " -Ditem=<key> -Dby=<who> -Devidence=<https URL or path>, or under attestations: in " + Ledger.ATTESTATIONS_FILE + ":");
        String today = LocalDate.now(clock).toString();
        String section = null;
        for (Item item : manual) {
            if (!item.section().equals(section)) {
                section = item.section();
                getLog().info("  # " + (section.isEmpty() ? "(no section)" : section));
            }
            Attestation attestation = attested.get(item.key());
            String comment = item.text() + (plan.ledger().requireAttestation().contains(item.key()) ? " (required)" : "")
                    + (attestation == null ? "" : attestation.counts() ? "; attested by " + attestation.shown()
                    : "; " + attestation.origin() + " does not count: " + attestation.problem());
            getLog().info("  - {item: " + item.key() + ", by: , date: " + today + ", evidence: , validFor: "
                    + AttestationFile.DEFAULT_VALID_FOR + "}  # " + comment);
        }
    }
}

package dev.readiness.checks.licenses;

import dev.readiness.check.Check;
import dev.readiness.check.CheckContext;
import dev.readiness.check.DeclaredLicenses;
import dev.readiness.check.DependencyNode;
import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import dev.readiness.text.Words;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads the license of every resolved dependency in the configured scopes (compile and runtime by default,
 * transitive ones included) from its effective POM, parents included, maps it to SPDX ids with the SPDX license
 * list, and fails when a dependency is under no license on {@code allow}, under one on {@code deny} only, under a
 * license the SPDX list does not know, or under none at all; each finding names the artifact and the path that
 * pulls it in. ERROR when a POM (or a parent) cannot be read, or the run has no dependency graph. How several
 * licenses combine is {@link LicensePolicy}'s.
 */
public final class LicensesCheck implements Check<LicensesConfig> {

    private static final int LISTED_IN_SUMMARY = 3;
    /** The most of a resolver's message a finding quotes. */
    private static final int PROBLEM_TEXT = 300;

    @Override
    public String id() {
        return "licenses";
    }

    @Override
    public String description() {
        return "Every resolved runtime dependency declares a license in its effective POM that maps to an SPDX id on the "
                + "allow-list and to none on the deny-list.";
    }

    @Override
    public List<String> phrases() {
        return List.of("License compliance verified");
    }

    @Override
    public Class<LicensesConfig> configType() {
        return LicensesConfig.class;
    }

    /** A dependency with what its POM declares and the decision on it (null when the POM was not read). */
    private record Judged(DependencyNode.Reached dependency, DeclaredLicenses declared, LicensePolicy.Decision decision) {
        DependencyNode node() {
            return dependency.node();
        }

        String coordinates() {
            return node().packageName() + ":" + node().version();
        }
    }

    @Override
    public Result run(LicensesConfig config, CheckContext context) {
        DependencyNode graph;
        DeclaredLicenses.Lookup lookup;
        try {
            graph = context.dependencies();
            lookup = context.licenses();
        } catch (IllegalStateException e) {
            return Result.error(e.getMessage())
                    .remedy("Make the build resolve every dependency (mvn dependency:tree shows what fails), then run the gate again.")
                    .build();
        }
        SpdxLicenses spdx = SpdxLicenses.shipped();
        LicensePolicy policy = new LicensePolicy(spdx, config);
        List<Judged> judged = new ArrayList<>();
        for (DependencyNode.Reached reached : graph.reachable(config.scopes())) {
            DependencyNode node = reached.node();
            DeclaredLicenses declared = lookup.of(node.groupId(), node.artifactId(), node.version());
            judged.add(new Judged(reached, declared,
                    declared.isRead() ? policy.decide(node.packageName(), declared.licenses()) : null));
        }
        List<Judged> failing = judged.stream().filter(j -> j.decision() != null && !j.decision().allowed()).toList();
        List<Judged> unreadable = judged.stream().filter(j -> j.decision() == null).toList();
        List<Finding> findings = new ArrayList<>();
        failing.forEach(j -> findings.add(finding(j, j.coordinates() + " " + j.decision().reason())));
        unreadable.forEach(j -> findings.add(finding(j, "could not determine the license of " + j.coordinates() + ": "
                + Words.oneLine(j.declared().problem(), PROBLEM_TEXT))));

        String expected = "every dependency under a license on allow (" + String.join(", ", config.allow()) + ")"
                + (config.deny().isEmpty() ? "" : ", none on deny (" + String.join(", ", config.deny()) + ")");
        String measured = Words.plural(judged.size(), "dependency", "dependencies") + ": "
                + (judged.size() - failing.size() - unreadable.size()) + " allowed, " + failing.size() + " not allowed, "
                + unreadable.size() + " unreadable";
        Map<String, Integer> counts = licenseCounts(judged);
        Result.Builder result;
        if (!failing.isEmpty()) {
            result = Result.fail(Words.plural(failing.size(), "dependency is", "dependencies are") + " not under an allowed license ("
                            + listing(failing) + "), but expected " + expected)
                    .remedy("Replace or remove each dependency named, or, once its license is cleared, add the license's SPDX id to"
                            + " allow. A dependency whose POM names its license in words the SPDX list does not know can be waived in"
                            + " readiness-waivers.yaml (finding: groupId:artifactId, reason, owner, until) after a person has read"
                            + " its license; several licenses that all apply at once: list the dependency under conjunctive.");
        } else if (!unreadable.isEmpty()) {
            result = Result.error("could not determine the licenses of " + Words.plural(unreadable.size(), "dependency", "dependencies")
                            + ": " + listing(unreadable) + (unreadable.size() == 1 ? " has a POM" : " have POMs")
                            + " (or parent POMs) that could not be read")
                    .remedy("Make each POM named resolvable (mvn dependency:get -Dartifact=groupId:artifactId:version:pom shows why it"
                            + " is not; a parent POM must be in a repository the build uses), then run the gate again.");
        } else {
            result = Result.pass("all " + Words.plural(judged.size(), "dependency", "dependencies") + " in scopes "
                    + String.join(", ", config.scopes()) + " are under allowed licenses" + (counts.isEmpty() ? "" : ": "
                    + counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))));
        }
        return result.measured(measured).expected(expected)
                .evidence("dependencies", judged.size())
                .evidence("failing", failing.size())
                .evidence("unreadable", unreadable.size())
                .evidence("licenses", counts)
                .evidence("scopes", config.scopes())
                .evidence("spdxLicenseList", spdx.version())
                .findings(findings)
                .build();
    }

    private static Finding finding(Judged judged, String message) {
        DependencyNode node = judged.node();
        String path = judged.dependency().path();
        List<Map<String, Object>> licenses = judged.decision() == null ? List.of() : judged.decision().read().stream()
                .map(r -> {
                    Map<String, Object> license = new LinkedHashMap<>();
                    license.put("name", Words.oneLine(r.license().name(), LicensePolicy.OUTSIDE_TEXT));
                    license.put("url", Words.oneLine(r.license().url(), LicensePolicy.OUTSIDE_TEXT));
                    license.put("spdx", List.copyOf(r.match().ids()));
                    license.put("verdict", r.verdict().name());
                    return license;
                }).toList();
        return Finding.of(message + (path.contains("→") ? "; pulled in by " + path : ""))
                .key(node.packageName())
                .at(path)
                .with("package", node.packageName())
                .with("version", node.version())
                .with("path", path)
                .with("pom", judged.declared().pom())
                .with("licenses", licenses)
                .build();
    }

    /** "mysql-connector-j:9.1.0, jtidy:r938, and 2 more". */
    private static String listing(List<Judged> judged) {
        String listed = judged.stream().limit(LISTED_IN_SUMMARY).map(j -> j.node().shortName()).collect(Collectors.joining(", "));
        return judged.size() > LISTED_IN_SUMMARY ? listed + ", and " + (judged.size() - LISTED_IN_SUMMARY) + " more" : listed;
    }

    /** How many allowed dependencies each SPDX id covers, by the license that allowed them. */
    private static Map<String, Integer> licenseCounts(List<Judged> judged) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Judged j : judged) {
            if (j.decision() != null && j.decision().allowed()) {
                j.decision().read().stream().filter(LicensePolicy.Read::allowed).findFirst()
                        .ifPresent(r -> counts.merge(String.join(" OR ", r.match().ids()), 1, Integer::sum));
            }
        }
        return counts;
    }
}

package dev.readiness.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a check of {@link Scope#MODULE} found in one module of a reactor: the reactor's aggregate decides from these.
 *
 * @param module  the module
 * @param context the module's context (its folders), for a check that reads the modules' evidence again as a whole
 * @param result  the check's result in that module, its other claims' verdicts included
 * @since 0.5.0
 */
public record ModuleResult(ProjectId module, CheckContext context, Result result) {

    private static final List<Status> WORST_FIRST = List.of(Status.FAIL, Status.ERROR, Status.PASS, Status.SKIPPED);

    /**
     * The modules' results as one: SKIPPED only when every module skipped it (a {@code pom} module has nothing to
     * read); otherwise the worst status of the modules that ran it, the findings of all of them (one per key, with
     * the modules it was found in and every distinct {@code path}), and the same for each other claim.
     */
    public static Result combine(List<ModuleResult> modules) {
        Result main = combine(modules, null);
        Set<String> claimIds = new LinkedHashSet<>();
        modules.forEach(m -> claimIds.addAll(m.result().claims().keySet()));
        for (String claimId : claimIds) {
            main = main.withClaim(claimId, combine(modules, claimId));
        }
        return main;
    }

    private static Result combine(List<ModuleResult> modules, String claimId) {
        Map<String, Result> ran = new LinkedHashMap<>();
        Map<String, Result> skipped = new LinkedHashMap<>();
        for (ModuleResult m : modules) {
            Result r = claimId == null ? m.result().withoutClaims() : m.result().claims().get(claimId);
            if (r != null) {
                (r.status() == Status.SKIPPED ? skipped : ran).put(m.module().artifactId(), r);
            }
        }
        if (ran.isEmpty()) {
            String reason = skipped.isEmpty() ? "no module decided it" : skipped.values().iterator().next().summary();
            return Result.skipped("skipped in every module" + (skipped.isEmpty() ? ": " + reason : " (" + reason + ")")).build();
        }
        Status worst = ran.values().stream().map(Result::status).min((a, b) -> WORST_FIRST.indexOf(a) - WORST_FIRST.indexOf(b))
                .orElseThrow();
        List<String> unmet = new ArrayList<>();
        Map<String, Object> statuses = new LinkedHashMap<>();
        ran.forEach((module, r) -> {
            statuses.put(module, r.status().name());
            if (r.status() != Status.PASS) {
                unmet.add(module + ": " + r.summary());
            }
        });
        skipped.keySet().forEach(module -> statuses.put(module, Status.SKIPPED.name()));
        String summary = unmet.isEmpty()
                ? (ran.size() == 1 ? ran.values().iterator().next().summary() : "met in every module (" + String.join(", ", ran.keySet()) + ")")
                : String.join("; ", unmet);
        Result.Builder combined = Result.of(worst, summary).evidence("modules", statuses).findings(findings(ran));
        ran.values().stream().map(Result::remedy).filter(r -> r != null).distinct().reduce((a, b) -> a + " " + b)
                .filter(r -> worst != Status.PASS).ifPresent(combined::remedy);
        return combined.build();
    }

    /** One finding per key, naming the modules it was found in and keeping every distinct path. */
    private static List<Finding> findings(Map<String, Result> ran) {
        Map<String, Finding> byKey = new LinkedHashMap<>();
        Map<String, Set<String>> modulesOf = new LinkedHashMap<>();
        Map<String, Set<Object>> pathsOf = new LinkedHashMap<>();
        ran.forEach((module, r) -> {
            for (Finding f : r.findings()) {
                byKey.putIfAbsent(f.key(), f);
                modulesOf.computeIfAbsent(f.key(), k -> new LinkedHashSet<>()).add(module);
                Object path = f.evidence().get("path");
                if (path != null) {
                    pathsOf.computeIfAbsent(f.key(), k -> new LinkedHashSet<>()).add(path);
                }
            }
        });
        List<Finding> all = new ArrayList<>();
        byKey.forEach((key, f) -> {
            Map<String, Object> evidence = new LinkedHashMap<>(f.evidence());
            evidence.put("modules", List.copyOf(modulesOf.get(key)));
            if (pathsOf.containsKey(key) && pathsOf.get(key).size() > 1) {
                evidence.put("paths", List.copyOf(pathsOf.get(key)));
            }
            all.add(new Finding(f.key(), f.message(), f.location(), evidence, f.cause()));
        });
        return all;
    }
}

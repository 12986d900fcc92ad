package dev.readiness.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readiness.check.Claim;
import dev.readiness.check.ProjectId;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import dev.readiness.engine.ModuleSummary.Covered;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModuleSummaryTest {

    private static Outcome module(List<CheckRun> checks) {
        return new Outcome(new ProjectId("dev.shop", "shop-core", "1.0"), new Checklist("built-in", "Readiness", List.of()), List.of(),
                checks, true, List.of(), List.of());
    }

    @Test
    void keepsTheFiguresOfTheModulesOwnCoverageEvidenceInTheirOrder() {
        Map<String, Object> counters = new LinkedHashMap<>();
        counters.put("INSTRUCTION", Map.of("covered", 7_120, "missed", 2_880));
        counters.put("LINE", Map.of("covered", 382L, "missed", 118L));
        counters.put("BRANCH", Map.of("covered", "301", "missed", 199));
        Result measured = Result.pass("line coverage is 76.4% (382 of 500 lines)").evidence("counters", counters).build();
        CheckRun coverage = new CheckRun("coverage", Level.REQUIRED, measured, 10,
                List.of(new ClaimVerdict(Claim.settles("coverage", "line coverage", List.of()), Level.REQUIRED, measured)));

        ModuleSummary summary = ModuleSummary.of(module(List.of(coverage)));

        assertThat(summary.project().artifactId()).isEqualTo("shop-core");
        assertThat(summary.counts()).containsEntry(Status.PASS, 0);
        assertThat(summary.coverage()).containsExactly(Map.entry("INSTRUCTION", new Covered(7_120, 2_880)),
                Map.entry("LINE", new Covered(382, 118)));
    }

    @Test
    void hasNoFiguresWhereNoCoverageCheckRan() {
        assertThat(ModuleSummary.of(module(List.of())).coverage()).isEmpty();
    }
}

package dev.readiness.checks.kubernetes;

import static dev.readiness.fuzz.FuzzContract.check;
import static dev.readiness.fuzz.FuzzContract.checkOneLine;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the {@code kubernetes} check with any bytes as {@code k8s/fuzz.yaml}. Seeds: the check's
 * fixtures (a helm-template-style release, a {@code List}, a careless release) and hostile shapes
 * (aliases, scalar and list documents, a key given twice). A normal build replays them and every kept
 * finding in {@code KubernetesCheckFuzzTestInputs};
 * {@code ./mvnw -pl readiness-checks test -Dfuzz=KubernetesCheckFuzzTest} fuzzes it.
 */
class KubernetesCheckFuzzTest {

    @TempDir
    Path project;

    /**
     * Any file gives a verdict, never an exception: an ERROR naming the file, or a verdict on the workloads
     * it declares, every summary one line; a PASS only with a workload read and no finding that is a cause.
     */
    @FuzzTest(maxDuration = "10m")
    void decidesOnlyOnWhatItReadAndRefusesTheRestInOneLine(byte[] bytes) throws IOException {
        Files.createDirectories(project.resolve("k8s"));
        Files.write(project.resolve("k8s/fuzz.yaml"), bytes);

        Result result = new KubernetesCheck().run(KubernetesConfig.defaults(), CheckContext.builder(project).build());

        checkOneLine(result.summary(), "the summary");
        if (result.status() == Status.ERROR) {
            check(result.claims().isEmpty(), () -> "an ERROR decides no other claim: " + result.claims().keySet());
            check(result.remedy() != null, () -> "an ERROR says what to do: " + result.summary());
            return;
        }
        check(result.evidence().get("workloads") instanceof Integer n && n > 0, () -> "a verdict without a workload: " + result.summary());
        check(result.claims().size() == 8, () -> "a verdict on every claim: " + result.claims().keySet());
        for (Map.Entry<String, Result> claim : result.claims().entrySet()) {
            checkOneLine(claim.getValue().summary(), claim.getKey() + "'s summary");
            check(claim.getValue().status() != Status.PASS || claim.getValue().findings().stream().noneMatch(f -> f.cause()),
                    () -> claim.getKey() + " passes with a cause: " + claim.getValue().findings());
            check(claim.getValue().status() != Status.FAIL || claim.getValue().findings().stream().anyMatch(f -> f.cause())
                    || claim.getKey().equals(KubernetesCheck.THRESHOLDS), () -> claim.getKey() + " fails without naming why");
        }
        check(result.status() != Status.PASS || result.findings().stream().noneMatch(f -> f.cause()),
                () -> "resource limits pass with a cause: " + result.findings());
    }
}

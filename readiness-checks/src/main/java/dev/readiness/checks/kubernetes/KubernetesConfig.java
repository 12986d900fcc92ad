package dev.readiness.checks.kubernetes;

import dev.readiness.check.Param;
import java.util.List;

/**
 * Configuration of the {@code kubernetes} check. Folders are relative to the project's base folder.
 *
 * @param manifests   folders of rendered manifests; default (empty) those of {@link #DEFAULT_FOLDERS} that exist
 * @param minReplicas the fewest replicas a Deployment or StatefulSet, and an autoscaler's minimum, may have; default 2
 */
public record KubernetesConfig(
        @Param("folders of rendered Kubernetes manifests (YAML, as helm template or kustomize build print them), relative to"
                + " the project folder, read with their subfolders; each must exist; default: those of k8s, kubernetes, deploy"
                + " and manifests that exist")
        List<String> manifests,
        @Param("the fewest replicas a Deployment or StatefulSet may run, and the lowest minimum its autoscaler may have; default 2")
        Integer minReplicas) {

    /** The folders read when manifests is not set, those that exist. */
    public static final List<String> DEFAULT_FOLDERS = List.of("k8s", "kubernetes", "deploy", "manifests");

    public KubernetesConfig {
        if (manifests != null && manifests.stream().anyMatch(f -> f == null || f.isBlank())) {
            throw new IllegalArgumentException("manifests holds an empty folder name");
        }
        manifests = manifests == null ? List.of() : List.copyOf(manifests);
        minReplicas = minReplicas == null ? 2 : minReplicas;
        if (minReplicas < 1) {
            throw new IllegalArgumentException("minReplicas must be 1 or more, but was " + minReplicas);
        }
    }

    /** The defaults: the usual folders, two replicas. */
    public static KubernetesConfig defaults() {
        return new KubernetesConfig(null, null);
    }
}

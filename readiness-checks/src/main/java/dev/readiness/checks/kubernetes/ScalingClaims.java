package dev.readiness.checks.kubernetes;

import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import dev.readiness.checks.kubernetes.KubernetesCheck.Model;
import dev.readiness.text.Words;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The verdicts on how the Deployments and StatefulSets scale: autoscaling, its thresholds, and high availability. */
final class ScalingClaims {

    private final Model model;
    private final List<Resource> scalable;

    ScalingClaims(Model model) {
        this.model = model;
        this.scalable = model.scalable();
    }

    private static String minField(Autoscaler autoscaler) {
        return autoscaler.resource().kind().equals("ScaledObject") ? "minReplicaCount" : "minReplicas";
    }

    private static String maxField(Autoscaler autoscaler) {
        return autoscaler.resource().kind().equals("ScaledObject") ? "maxReplicaCount" : "maxReplicas";
    }

    private Result noneToScale() {
        return Result.skipped("the manifests hold no Deployment or StatefulSet, so nothing runs replicas to scale")
                .evidence("scalable", 0).build();
    }

    Result autoscaling() {
        if (scalable.isEmpty()) {
            return noneToScale();
        }
        List<Finding> findings = new ArrayList<>();
        for (Resource workload : scalable) {
            List<Autoscaler> mine = model.autoscalersOf(workload);
            if (mine.isEmpty()) {
                findings.add(workload.finding("autoscaler", workload.id() + " is the scaleTargetRef of no HorizontalPodAutoscaler"
                        + " or KEDA ScaledObject: add an autoscaling/v2 HorizontalPodAutoscaler with scaleTargetRef {apiVersion: "
                        + workload.apiVersion() + ", kind: " + workload.kind() + ", name: " + workload.name() + "}, minReplicas: "
                        + model.minReplicas() + " and a maxReplicas above it").build());
            } else if (mine.size() > 1) {
                findings.add(workload.finding("autoscaler", workload.id() + " is scaled by " + String.join(" and ",
                        mine.stream().map(Autoscaler::describe).toList()) + ", which fight over its replicas: keep one (a ScaledObject"
                        + " makes its own HorizontalPodAutoscaler)").build());
            } else {
                Autoscaler autoscaler = mine.get(0);
                Resource resource = autoscaler.resource();
                if (autoscaler.min() < model.minReplicas()) {
                    findings.add(resource.finding(minField(autoscaler), autoscaler.describe() + " scales " + workload.id() + " down to "
                            + autoscaler.min() + (autoscaler.minWritten() ? "" : " (" + minField(autoscaler) + " is omitted: the default is "
                            + autoscaler.min() + ")") + ", but expected at least " + model.minReplicas() + ": set " + minField(autoscaler)
                            + ": " + model.minReplicas()).build());
                }
                if (autoscaler.max() == null) {
                    findings.add(resource.finding(maxField(autoscaler), autoscaler.describe() + " has no maxReplicas, which the API"
                            + " requires: set maxReplicas above " + minField(autoscaler)).build());
                } else if (autoscaler.max() <= autoscaler.min()) {
                    findings.add(resource.finding(maxField(autoscaler), autoscaler.describe() + " has " + maxField(autoscaler) + " "
                            + autoscaler.max() + ", not above its minimum " + autoscaler.min() + ", so it cannot scale " + workload.id()
                            + " out: raise " + maxField(autoscaler)).build());
                }
            }
        }
        for (Autoscaler autoscaler : model.autoscalers()) {
            if (scalable.stream().noneMatch(autoscaler::scales)) {
                findings.add(autoscaler.resource().finding("scaleTargetRef", autoscaler.describe() + " scales " + autoscaler.targetKind()
                        + "/" + autoscaler.targetName() + ", which is not among the manifests' Deployments and StatefulSets").note().build());
            }
        }
        String what = Words.plural(scalable.size(), "Deployment or StatefulSet", "Deployments and StatefulSets");
        if (findings.stream().noneMatch(Finding::cause)) {
            return Result.pass("each of the " + what + " is scaled by one autoscaler with a minimum of at least "
                            + model.minReplicas() + " and room above it")
                    .evidence("scalable", scalable.size()).evidence("autoscalers", model.autoscalers().size())
                    .findings(findings).build();
        }
        return KubernetesCheck.failing("not every one of the " + what + " is autoscaled from at least " + model.minReplicas()
                        + " replicas", findings)
                .evidence("scalable", scalable.size()).evidence("autoscalers", model.autoscalers().size())
                .remedy("Scale each Deployment and StatefulSet named above with one autoscaling/v2 HorizontalPodAutoscaler (or KEDA"
                        + " ScaledObject) whose minReplicas is at least " + model.minReplicas() + " and whose maxReplicas is above it.")
                .build();
    }

    Result thresholds() {
        if (model.autoscalers().isEmpty()) {
            if (scalable.isEmpty()) {
                return noneToScale();
            }
            return Result.fail("the manifests hold no HorizontalPodAutoscaler or KEDA ScaledObject, so no scaling threshold is defined"
                            + " for their " + Words.plural(scalable.size(), "Deployment or StatefulSet", "Deployments and StatefulSets"))
                    .evidence("autoscalers", 0)
                    .remedy("Add an autoscaling/v2 HorizontalPodAutoscaler with metrics and their targets, e.g. metrics: [{type: Resource,"
                            + " resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}}].")
                    .build();
        }
        List<Finding> findings = new ArrayList<>();
        Map<String, List<String>> defined = new LinkedHashMap<>();
        for (Autoscaler autoscaler : model.autoscalers()) {
            Resource resource = autoscaler.resource();
            defined.put(autoscaler.describe(), autoscaler.thresholds());
            if (autoscaler.thresholds().isEmpty() && autoscaler.unset().isEmpty()) {
                boolean keda = resource.kind().equals("ScaledObject");
                findings.add(resource.finding("thresholds", autoscaler.describe() + (keda ? " has no triggers: add a trigger with"
                        + " its threshold in metadata" : resource.apiVersion().equals("autoscaling/v1")
                        ? " has no targetCPUUtilizationPercentage, so it scales on the default of 80% CPU: set the target explicitly"
                        : " has no metrics, so it scales on the default of 80% average CPU utilisation: list metrics with their targets")).build());
            }
            for (int i = 0; i < autoscaler.unset().size(); i++) {
                findings.add(resource.finding("target/" + (i + 1), autoscaler.describe() + ": " + autoscaler.unset().get(i)
                        + ": give it a target").build());
            }
        }
        if (findings.isEmpty()) {
            return Result.pass("each of the " + Words.plural(model.autoscalers().size(), "autoscaler") + " scales on explicit targets: "
                            + String.join("; ", defined.entrySet().stream().map(e -> e.getKey() + ": " + String.join(", ", e.getValue()))
                            .toList()))
                    .evidence("thresholds", defined).build();
        }
        return KubernetesCheck.failing("not every autoscaler states the targets it scales on", findings)
                .evidence("thresholds", defined)
                .remedy("Give each HorizontalPodAutoscaler metrics with a target (averageUtilization, averageValue or value) and each"
                        + " KEDA trigger its threshold in metadata, chosen from load tests.")
                .build();
    }

    Result availability() {
        if (scalable.isEmpty()) {
            return noneToScale();
        }
        List<Resource> budgets = model.all("policy", "PodDisruptionBudget");
        List<Finding> findings = new ArrayList<>();
        for (Resource workload : scalable) {
            List<Autoscaler> mine = model.autoscalersOf(workload);
            Integer replicas = Resource.number(workload.body(), "/spec/replicas");
            if (mine.isEmpty()) {
                int runs = replicas == null ? 1 : replicas;
                if (runs < model.minReplicas()) {
                    findings.add(workload.finding("replicas", workload.id() + " runs " + Words.plural(runs, "replica")
                            + (replicas == null ? " (replicas is omitted: the default is 1)" : "") + ", so one failure takes it down:"
                            + " set replicas: " + model.minReplicas() + " or more, or scale it with an autoscaler whose minimum is "
                            + model.minReplicas() + " or more").build());
                }
            } else {
                Autoscaler lowest = mine.stream().min((a, b) -> Integer.compare(a.min(), b.min())).orElseThrow();
                if (lowest.min() < model.minReplicas()) {
                    findings.add(workload.finding("replicas", workload.id() + " may run " + Words.plural(lowest.min(), "replica")
                            + ": " + lowest.describe() + " scales it down that far; set its " + minField(lowest) + " to "
                            + model.minReplicas() + " or more").build());
                }
            }
            boolean budgeted = budgets.stream().anyMatch(b -> Objects.equals(b.namespace(), workload.namespace())
                    && Resource.selects(b.body().path("spec").path("selector"), workload.podLabels()));
            if (!budgeted) {
                findings.add(workload.finding("podDisruptionBudget", "no PodDisruptionBudget selects the pods of " + workload.id()
                        + " (labels " + workload.podLabels() + "), so a node drain may evict them all at once: add a policy/v1"
                        + " PodDisruptionBudget with maxUnavailable: 1 and a selector matching those labels").build());
            }
            if (!Resource.nonEmpty(workload.podSpec().path("topologySpreadConstraints"))
                    && !Resource.nonEmpty(workload.podSpec().path("affinity").path("podAntiAffinity"))) {
                findings.add(workload.finding("spread", "nothing spreads the pods of " + workload.id() + " across nodes or zones (no"
                        + " topologySpreadConstraints or podAntiAffinity), so its replicas may share one node: add"
                        + " topologySpreadConstraints on topology.kubernetes.io/zone or kubernetes.io/hostname").build());
            }
        }
        String what = Words.plural(scalable.size(), "Deployment or StatefulSet", "Deployments and StatefulSets");
        if (findings.isEmpty()) {
            return Result.pass("each of the " + what + " runs at least " + model.minReplicas() + " replicas, spread across nodes,"
                            + " under a PodDisruptionBudget")
                    .evidence("scalable", scalable.size()).evidence("podDisruptionBudgets", budgets.size()).build();
        }
        return KubernetesCheck.failing("not every one of the " + what + " is highly available", findings)
                .evidence("scalable", scalable.size()).evidence("podDisruptionBudgets", budgets.size())
                .remedy("Run each Deployment and StatefulSet named above with at least " + model.minReplicas() + " replicas, a"
                        + " PodDisruptionBudget selecting its pods, and topologySpreadConstraints or podAntiAffinity.")
                .build();
    }

}

package dev.readiness.checks.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.readiness.check.CheckContext;
import dev.readiness.check.Claim;
import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import dev.readiness.check.Status;
import dev.readiness.check.Strength;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code kubernetes} check on rendered manifests written as real projects ship them: a
 * helm-template-style release ({@code good/shop.yaml}) with a {@code kind: List} of its worker
 * ({@code good/worker.yaml}), a careless release ({@code careless/all.yaml}), small manifests per
 * rule, and hostile files.
 */
class KubernetesCheckTest {

    @TempDir
    Path dir;

    private final KubernetesCheck check = new KubernetesCheck();

    @Test
    void declaresItsClaimsWithTheChecklistsExactWording() {
        assertThat(check.claims()).extracting(Claim::id, Claim::strength, Claim::phrases).containsExactly(
                org.assertj.core.groups.Tuple.tuple("kubernetes", Strength.SETTLES, List.of("Resource limits set")),
                org.assertj.core.groups.Tuple.tuple("kubernetes.autoscaling", Strength.SETTLES, List.of("Auto-scaling configured")),
                org.assertj.core.groups.Tuple.tuple("kubernetes.thresholds", Strength.SETTLES, List.of("Scaling thresholds defined")),
                org.assertj.core.groups.Tuple.tuple("kubernetes.availability", Strength.SUPPORTS, List.of("High availability configuration verified")),
                org.assertj.core.groups.Tuple.tuple("kubernetes.probes", Strength.SUPPORTS, List.of("Health check endpoints implemented")),
                org.assertj.core.groups.Tuple.tuple("kubernetes.secrets", Strength.SUPPORTS, List.of("Secrets management configured")),
                org.assertj.core.groups.Tuple.tuple("kubernetes.networkPolicy", Strength.SUPPORTS, List.of("Network security groups configured")),
                org.assertj.core.groups.Tuple.tuple("kubernetes.loadBalancer", Strength.SUPPORTS, List.of("Load balancer configured")),
                org.assertj.core.groups.Tuple.tuple("kubernetes.iac", Strength.SUPPORTS, List.of("Infrastructure as Code (IaC) implemented")));
    }

    // --- a well-made release -------------------------------------------------------------------------------------------

    @Test
    void passesEveryClaimOnAHelmTemplateReleaseAndAListOfItsWorker() throws Exception {
        fixture("good", "k8s");

        Result result = run();

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo("each of the 4 containers of 3 workloads sets CPU and memory requests and a memory limit");
        assertThat(result.evidence()).containsEntry("manifests", List.of("k8s")).containsEntry("files", 2)
                .containsEntry("documents", 13).containsEntry("resources", 15).containsEntry("workloads", 3)
                .containsEntry("ignoredKinds", List.of("ConfigMap", "ServiceAccount", "ServiceMonitor"));
        assertThat(result.findings()).isEmpty();
        assertThat(claim(result, KubernetesCheck.AUTOSCALING).summary())
                .isEqualTo("each of the 2 Deployments and StatefulSets is scaled by one autoscaler with a minimum of at least 2 and room above it");
        assertThat(claim(result, KubernetesCheck.THRESHOLDS).summary()).isEqualTo("each of the 2 autoscalers scales on explicit targets:"
                + " HorizontalPodAutoscaler/shop: cpu averageUtilization 70, memory averageValue 600Mi;"
                + " ScaledObject/worker: prometheus threshold 50, kafka lagThreshold 100");
        assertThat(claim(result, KubernetesCheck.AVAILABILITY).summary()).isEqualTo("each of the 2 Deployments and StatefulSets runs"
                + " at least 2 replicas, spread across nodes, under a PodDisruptionBudget");
        assertThat(claim(result, KubernetesCheck.PROBES).summary()).isEqualTo("each of the 2 long-running containers has a liveness and a readiness probe");
        assertThat(claim(result, KubernetesCheck.SECRETS).summary())
                .isEqualTo("no literal secret in the manifests; secrets come by reference (1 ExternalSecret, 1 envFrom.secretRef, 2 secretKeyRef)");
        assertThat(claim(result, KubernetesCheck.NETWORK_POLICY).summary())
                .isEqualTo("a default-deny NetworkPolicy covers every namespace of the workloads (the release namespace)");
        assertThat(claim(result, KubernetesCheck.LOAD_BALANCER).summary()).isEqualTo("Ingress/shop → Service/shop → Deployment/shop");
        assertThat(claim(result, KubernetesCheck.IAC).summary())
                .isEqualTo("the 3 workloads are declared in 2 manifest files under k8s, kept in the repository");
        assertThat(result.claims().values()).extracting(Result::status).containsOnly(Status.PASS);
    }

    // --- a careless release: one finding per gap, naming file, line, document, resource and container ----------------

    @Test
    void failsResourceLimitsNamingTheFileLineWorkloadContainerAndWhatIsMissing() throws Exception {
        fixture("careless", "deploy");

        Result result = run();

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("1 of 1 container of 1 workload lacks a CPU or memory request or a memory limit; first:"
                + " deploy/all.yaml:35 (document 4): Deployment/api container api has no memory request: set resources.requests.memory (e.g. 256Mi)");
        assertThat(result.findings()).extracting(Finding::key).containsExactly(
                "deploy/all.yaml:Deployment/api:api/requests.memory", "deploy/all.yaml:Deployment/api:api/limits.memory");
        Finding limit = result.findings().get(1);
        assertThat(limit.message()).isEqualTo("deploy/all.yaml:35 (document 4): Deployment/api container api has no memory limit:"
                + " set resources.limits.memory (e.g. 512Mi)");
        assertThat(limit.location()).isEqualTo("deploy/all.yaml:35");
        assertThat(limit.evidence()).containsEntry("kind", "Deployment").containsEntry("name", "api").containsEntry("document", 4)
                .containsEntry("container", "api").containsEntry("missing", "resources.limits.memory");
        assertThat(result.measured()).isEqualTo("1 of 1 containers incomplete");
        assertThat(result.remedy()).startsWith("Give each container named above resources: {requests: {cpu: 250m, memory: 256Mi}");
    }

    @Test
    void failsEachOtherClaimOfTheCarelessReleaseOnItsOwnEvidence() throws Exception {
        fixture("careless", "deploy");

        Result result = run();

        assertThat(claim(result, KubernetesCheck.AUTOSCALING).findings()).extracting(Finding::message).containsExactly(
                "deploy/all.yaml:59 (document 5): HorizontalPodAutoscaler/api scales Deployment/api down to 1 (minReplicas is omitted:"
                        + " the default is 1), but expected at least 2: set minReplicas: 2",
                "deploy/all.yaml:59 (document 5): HorizontalPodAutoscaler/api has maxReplicas 1, not above its minimum 1, so it cannot"
                        + " scale Deployment/api out: raise maxReplicas");
        assertThat(claim(result, KubernetesCheck.THRESHOLDS).findings()).extracting(Finding::key, Finding::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("deploy/all.yaml:HorizontalPodAutoscaler/api:thresholds",
                        "deploy/all.yaml:59 (document 5): HorizontalPodAutoscaler/api has no metrics, so it scales on the default of 80%"
                                + " average CPU utilisation: list metrics with their targets"));
        assertThat(claim(result, KubernetesCheck.AVAILABILITY).findings()).extracting(Finding::key).containsExactly(
                "deploy/all.yaml:Deployment/api:replicas", "deploy/all.yaml:Deployment/api:podDisruptionBudget",
                "deploy/all.yaml:Deployment/api:spread");
        assertThat(claim(result, KubernetesCheck.AVAILABILITY).findings().get(0).message()).isEqualTo("deploy/all.yaml:35 (document 4):"
                + " Deployment/api may run 1 replica: HorizontalPodAutoscaler/api scales it down that far; set its minReplicas to 2 or more");
        assertThat(claim(result, KubernetesCheck.PROBES).findings()).extracting(Finding::key).containsExactly(
                "deploy/all.yaml:Deployment/api:api/livenessProbe", "deploy/all.yaml:Deployment/api:api/readinessProbe");
        assertThat(claim(result, KubernetesCheck.SECRETS).findings()).extracting(Finding::message).containsExactly(
                "deploy/all.yaml:3 (document 1): Secret/api-db holds 2 literal values (data.username, data.password) in the manifests:"
                        + " keep secret values out of the repository with an ExternalSecret, a SealedSecret or a secret store's CSI driver",
                "deploy/all.yaml:35 (document 4): Deployment/api container api sets API_TOKEN to a literal value: take it from a Secret"
                        + " with valueFrom.secretKeyRef");
        assertThat(claim(result, KubernetesCheck.SECRETS).summary()).doesNotContain("s3cr3t").doesNotContain("aHVudGVyMg");
        assertThat(claim(result, KubernetesCheck.NETWORK_POLICY).findings()).extracting(Finding::key)
                .containsExactly("deploy/all.yaml:NetworkPolicy/allow-all:allow-all");
        assertThat(claim(result, KubernetesCheck.LOAD_BALANCER).findings()).extracting(Finding::message).containsExactly(
                "deploy/all.yaml:71 (document 6): Ingress/api routes to Service/api, whose selector {\"app\":\"api-server\"} matches the"
                        + " pods of no workload in the manifests: fix the selector or the backend's name");
        for (String id : List.of(KubernetesCheck.AUTOSCALING, KubernetesCheck.THRESHOLDS, KubernetesCheck.AVAILABILITY,
                KubernetesCheck.PROBES, KubernetesCheck.SECRETS, KubernetesCheck.NETWORK_POLICY, KubernetesCheck.LOAD_BALANCER)) {
            assertThat(claim(result, id).status()).as(id).isEqualTo(Status.FAIL);
            assertThat(claim(result, id).remedy()).as(id).isNotBlank();
        }
        assertThat(claim(result, KubernetesCheck.IAC).status()).isEqualTo(Status.PASS);
    }

    // --- resource limits ----------------------------------------------------------------------------------------------

    @Test
    void countsLimitsAsRequestsAndFillsGapsFromTheNamespacesLimitRangeAsTheApiDoes() throws Exception {
        write("k8s/app.yaml", deployment("web", "shop", "        resources: {limits: {cpu: 500m, memory: 512Mi}}\n")
                + "---\n" + deployment("api", "shop", "        resources: {requests: {cpu: 100m}}\n")
                + "---\n" + deployment("ops", "other", "        resources: {requests: {cpu: 100m}}\n")
                + """
                ---
                apiVersion: v1
                kind: LimitRange
                metadata: {name: defaults, namespace: shop}
                spec:
                  limits:
                    - type: Container
                      default: {memory: 256Mi}
                """);

        Result result = run();

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.findings()).extracting(Finding::key).containsExactly(
                "k8s/app.yaml:Deployment/other/ops:app/requests.memory", "k8s/app.yaml:Deployment/other/ops:app/limits.memory");
    }

    @Test
    void holdsInitContainersAndCronJobsToTheSameLimits() throws Exception {
        write("k8s/job.yaml", """
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: report}
                spec:
                  schedule: "0 * * * *"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: Never
                          initContainers:
                            - name: fetch
                              image: busybox
                          containers:
                            - name: report
                              image: report:1
                              resources: {requests: {cpu: 10m, memory: 32Mi}, limits: {memory: 64Mi}}
                """);

        Result result = run();

        assertThat(result.findings()).extracting(Finding::key).containsExactly("k8s/job.yaml:CronJob/report:fetch/requests.cpu",
                "k8s/job.yaml:CronJob/report:fetch/requests.memory", "k8s/job.yaml:CronJob/report:fetch/limits.memory");
        assertThat(result.findings().get(0).message()).isEqualTo("k8s/job.yaml:1 (document 1): CronJob/report init container fetch"
                + " has no CPU request: set resources.requests.cpu (e.g. 250m)");
        assertThat(claim(result, KubernetesCheck.AUTOSCALING).status()).isEqualTo(Status.SKIPPED);
        assertThat(claim(result, KubernetesCheck.THRESHOLDS).status()).isEqualTo(Status.SKIPPED);
        assertThat(claim(result, KubernetesCheck.AVAILABILITY).status()).isEqualTo(Status.SKIPPED);
        assertThat(claim(result, KubernetesCheck.PROBES).summary()).isEqualTo("no long-running container in the manifests (only Jobs,"
                + " CronJobs or Pods that stop), so probes do not apply");
        assertThat(claim(result, KubernetesCheck.PROBES).status()).isEqualTo(Status.SKIPPED);
    }

    // --- autoscaling and thresholds -----------------------------------------------------------------------------------

    @Test
    void failsAutoscalingAndThresholdsWhenADeploymentHasNoAutoscaler() throws Exception {
        write("k8s/app.yaml", deployment("web", null, LIMITS));

        Result result = run();

        Result autoscaling = claim(result, KubernetesCheck.AUTOSCALING);
        assertThat(autoscaling.status()).isEqualTo(Status.FAIL);
        assertThat(autoscaling.findings()).extracting(Finding::message).containsExactly("k8s/app.yaml:1 (document 1): Deployment/web"
                + " is the scaleTargetRef of no HorizontalPodAutoscaler or KEDA ScaledObject: add an autoscaling/v2"
                + " HorizontalPodAutoscaler with scaleTargetRef {apiVersion: apps/v1, kind: Deployment, name: web}, minReplicas: 2"
                + " and a maxReplicas above it");
        Result thresholds = claim(result, KubernetesCheck.THRESHOLDS);
        assertThat(thresholds.status()).isEqualTo(Status.FAIL);
        assertThat(thresholds.summary()).isEqualTo("the manifests hold no HorizontalPodAutoscaler or KEDA ScaledObject, so no scaling"
                + " threshold is defined for their 1 Deployment or StatefulSet");
    }

    @Test
    void failsWhenTwoAutoscalersFightOverOneDeploymentAndAKedaTriggerHasNoThreshold() throws Exception {
        write("k8s/app.yaml", deployment("web", null, LIMITS) + """
                ---
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: web}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
                  minReplicas: 3
                  maxReplicas: 6
                  metrics:
                    - type: Pods
                      pods:
                        metric: {name: requests_per_second}
                        target: {type: AverageValue}
                ---
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: web}
                spec:
                  scaleTargetRef: {name: web}
                  minReplicaCount: 2
                  triggers:
                    - type: cron
                      metadata: {timezone: Europe/Paris, start: 0 8 * * *, end: 0 20 * * *}
                """);

        Result result = run();

        assertThat(claim(result, KubernetesCheck.AUTOSCALING).findings()).extracting(Finding::message).containsExactly(
                "k8s/app.yaml:1 (document 1): Deployment/web is scaled by HorizontalPodAutoscaler/web and ScaledObject/web, which"
                        + " fight over its replicas: keep one (a ScaledObject makes its own HorizontalPodAutoscaler)");
        assertThat(claim(result, KubernetesCheck.THRESHOLDS).findings()).extracting(Finding::key, Finding::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("k8s/app.yaml:HorizontalPodAutoscaler/web:target/1", "k8s/app.yaml:19 (document 2):"
                        + " HorizontalPodAutoscaler/web: metric 1 (Pods requests_per_second) has no target averageUtilization,"
                        + " averageValue or value: give it a target"),
                org.assertj.core.groups.Tuple.tuple("k8s/app.yaml:ScaledObject/web:target/1", "k8s/app.yaml:32 (document 3):"
                        + " ScaledObject/web: trigger 1 (cron) has no threshold in its metadata: give it a target"));
    }

    @Test
    void failsAutoscalingWhenTheMinimumIsBelowMinReplicasAsConfigured() throws Exception {
        write("k8s/app.yaml", deployment("web", null, LIMITS) + hpa("web", 2, 5));

        Result result = check.run(new KubernetesConfig(null, 3), CheckContext.builder(dir).build());

        assertThat(claim(result, KubernetesCheck.AUTOSCALING).findings()).extracting(Finding::message).containsExactly(
                "k8s/app.yaml:19 (document 2): HorizontalPodAutoscaler/web scales Deployment/web down to 2, but expected at least 3:"
                        + " set minReplicas: 3");
        assertThat(claim(result, KubernetesCheck.THRESHOLDS).status()).isEqualTo(Status.PASS);
    }

    // --- availability -------------------------------------------------------------------------------------------------

    @Test
    void failsAvailabilityOfADeploymentThatRunsOneReplicaWithoutBudgetOrSpread() throws Exception {
        write("k8s/app.yaml", deployment("web", null, LIMITS));

        Result availability = claim(run(), KubernetesCheck.AVAILABILITY);

        assertThat(availability.status()).isEqualTo(Status.FAIL);
        assertThat(availability.findings()).extracting(Finding::message).containsExactly(
                "k8s/app.yaml:1 (document 1): Deployment/web runs 1 replica (replicas is omitted: the default is 1), so one failure"
                        + " takes it down: set replicas: 2 or more, or scale it with an autoscaler whose minimum is 2 or more",
                "k8s/app.yaml:1 (document 1): no PodDisruptionBudget selects the pods of Deployment/web (labels {\"app\":\"web\"}), so a"
                        + " node drain may evict them all at once: add a policy/v1 PodDisruptionBudget with maxUnavailable: 1 and a"
                        + " selector matching those labels",
                "k8s/app.yaml:1 (document 1): nothing spreads the pods of Deployment/web across nodes or zones (no"
                        + " topologySpreadConstraints or podAntiAffinity), so its replicas may share one node: add"
                        + " topologySpreadConstraints on topology.kubernetes.io/zone or kubernetes.io/hostname");
    }

    @Test
    void passesAvailabilityWithExplicitReplicasABudgetByExpressionAndAntiAffinity() throws Exception {
        write("k8s/app.yaml", deployment("web", null, LIMITS).replace("spec:\n  selector", "spec:\n  replicas: 3\n  selector")
                .replace("    spec:\n", "    spec:\n      affinity: {podAntiAffinity: {requiredDuringSchedulingIgnoredDuringExecution:"
                        + " [{topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: web}}}]}}\n") + """
                ---
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: web}
                spec:
                  minAvailable: 2
                  selector:
                    matchExpressions: [{key: app, operator: In, values: [web, api]}]
                """);

        assertThat(claim(run(), KubernetesCheck.AVAILABILITY).status()).isEqualTo(Status.PASS);
    }

    // --- probes, secrets, network policy, load balancer: skipped without evidence ------------------------------------

    @Test
    void skipsTheSupportingClaimsThatTheManifestsHoldNoEvidenceFor() throws Exception {
        write("k8s/app.yaml", deployment("web", null, LIMITS));

        Result result = run();

        assertThat(claim(result, KubernetesCheck.SECRETS).status()).isEqualTo(Status.SKIPPED);
        assertThat(claim(result, KubernetesCheck.SECRETS).summary())
                .isEqualTo("the manifests neither define nor reference a secret, so they say nothing about secrets management");
        assertThat(claim(result, KubernetesCheck.NETWORK_POLICY).status()).isEqualTo(Status.SKIPPED);
        assertThat(claim(result, KubernetesCheck.NETWORK_POLICY).summary()).isEqualTo("the manifests hold no default-deny NetworkPolicy"
                + " for the release namespace; one may be set for the cluster elsewhere, so a person must say");
        assertThat(claim(result, KubernetesCheck.LOAD_BALANCER).status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void passesTheLoadBalancerOnAServiceOfTypeLoadBalancerAndAnHttpRoute() throws Exception {
        write("k8s/app.yaml", deployment("web", null, LIMITS) + """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec: {type: LoadBalancer, selector: {app: web}, ports: [{port: 443, targetPort: 8443}]}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: web}
                spec:
                  parentRefs: [{name: public}]
                  rules:
                    - backendRefs: [{name: web, port: 443}, {name: legacy, port: 80}]
                """);

        Result loadBalancer = claim(run(), KubernetesCheck.LOAD_BALANCER);

        assertThat(loadBalancer.status()).isEqualTo(Status.PASS);
        assertThat(loadBalancer.summary()).isEqualTo("Service/web → Deployment/web; HTTPRoute/web → Service/web → Deployment/web");
        assertThat(loadBalancer.findings()).extracting(Finding::message, Finding::cause).containsExactly(org.assertj.core.groups.Tuple.tuple(
                "k8s/app.yaml:24 (document 3): HTTPRoute/web routes to Service legacy, which is not in the manifests; not followed", false));
    }

    @Test
    void leavesSecretFilePathsNumbersAndVariableReferencesAlone() throws Exception {
        write("k8s/app.yaml", deployment("web", null, LIMITS + """
                        env:
                          - {name: DB_PASSWORD_FILE, value: /run/secrets/db}
                          - {name: TOKEN_TTL, value: "3600"}
                          - {name: API_KEY, value: $(VAULT_API_KEY)}
                          - name: SESSION_SECRET
                            valueFrom: {secretKeyRef: {name: web, key: session}}
                """));

        Result secrets = claim(run(), KubernetesCheck.SECRETS);

        assertThat(secrets.status()).isEqualTo(Status.PASS);
        assertThat(secrets.summary()).isEqualTo("no literal secret in the manifests; secrets come by reference (1 secretKeyRef)");
    }

    // --- where the manifests are, and what they must be ---------------------------------------------------------------

    @Test
    void reportsErrorWhenNoManifestFolderExistsNamingTheFoldersTried() throws Exception {
        Result result = run();

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("no manifest folder: none of k8s, kubernetes, deploy, manifests exists in the project folder");
        assertThat(result.remedy()).startsWith("Set manifests to the folders of the rendered manifests. Render it into a folder");
    }

    @Test
    void pointsAtTheUnrenderedChartWhenNoManifestFolderExists() throws Exception {
        write("charts/shop/Chart.yaml", "apiVersion: v2\nname: shop\nversion: 1.0.0\n");

        Result result = run();

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("no manifest folder: none of k8s, kubernetes, deploy, manifests exists in the project"
                + " folder, but it holds unrendered manifests: charts/shop/Chart.yaml");
        assertThat(result.evidence()).containsEntry("unrendered", List.of("charts/shop/Chart.yaml"));
    }

    @Test
    void reportsErrorForAConfiguredFolderThatDoesNotExist() throws Exception {
        fixture("good", "k8s");

        Result result = check.run(new KubernetesConfig(List.of("k8s", "rendered"), null), CheckContext.builder(dir).build());

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("the manifests folder rendered does not exist");
    }

    @Test
    void reportsErrorForAnUnrenderedHelmChartWithTheCommandThatRendersIt() throws Exception {
        write("deploy/shop/Chart.yaml", "apiVersion: v2\nname: shop\nversion: 1.0.0\n");
        write("deploy/shop/values.yaml", "replicaCount: 2\n");
        write("deploy/shop/templates/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include \"shop.fullname\" . }}\n");

        Result result = run();

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("deploy/shop is a Helm chart whose templates hold {{ }} expressions, not rendered manifests:"
                + " what it applies is known only after helm template");
        assertThat(result.remedy()).contains("helm template <release> <chart> --output-dir k8s/rendered");
        assertThat(result.findings()).extracting(Finding::location).containsExactly("deploy/shop/Chart.yaml");
    }

    @Test
    void reportsErrorForAnUnrenderedKustomizeBase() throws Exception {
        write("k8s/base/kustomization.yaml", "resources: [deployment.yaml]\n");
        write("k8s/base/deployment.yaml", deployment("web", null, LIMITS));

        Result result = run();

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).startsWith("k8s/base is a kustomize base (kustomization.yaml), not rendered manifests");
        assertThat(result.remedy()).contains("kustomize build <overlay> -o k8s/rendered/");
    }

    @Test
    void reportsErrorWhenTheManifestsHoldNoWorkload() throws Exception {
        write("k8s/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: b}\n");

        Result result = run();

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("no workload (Deployment, StatefulSet, DaemonSet, Job, CronJob, Pod, ReplicaSet) in the"
                + " 1 manifest file of k8s");
    }

    // --- hostile input ------------------------------------------------------------------------------------------------

    @Test
    void reportsErrorWithFileAndLineForMalformedYaml() throws Exception {
        write("k8s/app.yaml", deployment("web", null, LIMITS) + "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: [web\n");

        Result result = run();

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("k8s/app.yaml:22 is not valid YAML: while parsing a flow sequence; expected ',' or ']', but got <stream end>");
        assertThat(result.findings()).extracting(Finding::key).containsExactly("k8s/app.yaml:not-yaml");
    }

    @Test
    void reportsErrorForAKeyGivenTwice() throws Exception {
        write("k8s/app.yaml", "apiVersion: apps/v1\nkind: Deployment\nkind: StatefulSet\nmetadata: {name: web}\n");

        Result result = run();

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).startsWith("k8s/app.yaml:3 is not valid YAML: Duplicate field 'kind'");
    }

    @Test
    void refusesAFileLargerThanTheBoundWithoutReadingIt() throws Exception {
        Path huge = Files.createDirectories(dir.resolve("k8s")).resolve("huge.yaml");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(Manifests.MAX_FILE_BYTES + 1);
        }
        write("k8s/app.yaml", deployment("web", null, LIMITS));

        Result result = run();

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("k8s/huge.yaml is larger than 8 MiB; not read");
    }

    @Test
    @Timeout(10)
    void refusesAYamlAliasBombWithoutExpandingIt() throws Exception {
        StringBuilder bomb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 10; i++) {
            String previous = "*a" + (i - 1);
            bomb.append("a").append(i).append(": &a").append(i).append(" [").append(String.join(", ", java.util.Collections.nCopies(9, previous))).append("]\n");
        }
        write("k8s/bomb.yaml", bomb.toString());
        write("k8s/app.yaml", deployment("web", null, LIMITS));

        Result result = run();

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).isEqualTo("k8s/bomb.yaml:5 is not valid YAML: a YAML alias (*a0) is not read: write the value out,"
                + " as helm template and kustomize build do");
    }

    @Test
    void refusesASymbolicLinkOutOfTheProject(@TempDir Path outside) throws Exception {
        Files.writeString(outside.resolve("stolen.yaml"), deployment("web", null, LIMITS));
        write("k8s/app.yaml", deployment("api", null, LIMITS));
        Files.createSymbolicLink(dir.resolve("k8s/stolen.yaml"), outside.resolve("stolen.yaml"));
        Files.createSymbolicLink(dir.resolve("k8s/elsewhere"), outside);

        Result result = run();

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.findings()).extracting(Finding::key).containsExactly("k8s/elsewhere:outside-project", "k8s/stolen.yaml:outside-project");
        assertThat(result.summary()).isEqualTo("k8s/elsewhere resolves to " + outside.toRealPath() + ", outside the project, so it is not read"
                + " (and 1 more problem)");
    }

    @Test
    void reportsErrorForBinaryBytesInAYamlFileAndIgnoresOtherFiles() throws Exception {
        write("k8s/app.yaml", deployment("web", null, LIMITS));
        Files.write(dir.resolve("k8s/logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 1, 2, 3});

        assertThat(run().status()).isEqualTo(Status.PASS);

        Files.write(dir.resolve("k8s/blob.yaml"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, (byte) 0xff, 0});
        Result result = run();

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.summary()).startsWith("k8s/blob.yaml:1 is not valid YAML: ");
    }

    @Test
    void notesDocumentsThatAreAScalarOrAListAndIgnoresUnknownKinds() throws Exception {
        write("k8s/app.yaml", deployment("web", null, LIMITS) + """
                ---
                just some text
                ---
                - a
                - b
                ---
                ---
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: web}
                spec: {secretName: web-tls}
                ---
                replicaCount: 3
                """);

        Result result = run();

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.findings().stream().filter(f -> !f.cause())).extracting(Finding::key, Finding::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("k8s/app.yaml:document/2:not-an-object",
                        "document 2 of k8s/app.yaml (line 19) is a scalar, not a Kubernetes object; ignored"),
                org.assertj.core.groups.Tuple.tuple("k8s/app.yaml:document/3:not-an-object",
                        "document 3 of k8s/app.yaml (line 21) is a list, not a Kubernetes object; ignored"));
        assertThat(result.evidence()).containsEntry("ignoredKinds", List.of("Certificate"))
                .containsEntry("notKubernetesObjects", new java.util.TreeMap<>(Map.of("k8s/app.yaml", 1)));
    }

    @Test
    void rejectsAMinimumOfNoReplicasAndAnEmptyFolderName() {
        assertThatThrownBy(() -> new KubernetesConfig(null, 0)).hasMessage("minReplicas must be 1 or more, but was 0");
        assertThatThrownBy(() -> new KubernetesConfig(java.util.Arrays.asList("k8s", " "), null))
                .hasMessage("manifests holds an empty folder name");
    }

    // --- helpers ------------------------------------------------------------------------------------------------------

    private static final String LIMITS = "        resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 256Mi}}\n";

    /** A Deployment of one container named app, whose pods are labelled app: name; the resources lines are indented for the container. */
    private static String deployment(String name, String namespace, String containerLines) {
        return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + name + "\n"
                + (namespace == null ? "" : "  namespace: " + namespace + "\n")
                + "spec:\n  selector:\n    matchLabels: {app: " + name + "}\n  template:\n    metadata:\n      labels: {app: " + name + "}\n"
                + "    spec:\n      containers:\n      - name: app\n        image: registry.example.com/" + name + ":1\n"
                + "        livenessProbe: {httpGet: {path: /live, port: 8080}}\n        readinessProbe: {httpGet: {path: /ready, port: 8080}}\n"
                + containerLines;
    }

    private static String hpa(String name, int min, int max) {
        return "---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: " + name + "}\nspec:\n"
                + "  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: " + name + "}\n  minReplicas: " + min
                + "\n  maxReplicas: " + max + "\n  metrics:\n    - type: Resource\n      resource: {name: cpu, target: {type: Utilization,"
                + " averageUtilization: 75}}\n";
    }

    private Result run() throws Exception {
        return check.run(KubernetesConfig.defaults(), CheckContext.builder(dir).build());
    }

    private static Result claim(Result result, String id) {
        assertThat(result.claims()).containsKey(id);
        return result.claims().get(id);
    }

    private void write(String path, String text) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void fixture(String name, String folder) throws IOException, URISyntaxException {
        Path source = Path.of(getClass().getResource(name).toURI());
        Path target = Files.createDirectories(dir.resolve(folder));
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
    }
}

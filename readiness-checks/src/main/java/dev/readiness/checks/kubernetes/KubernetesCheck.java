package dev.readiness.checks.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.readiness.check.Check;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Claim;
import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import dev.readiness.check.Scope;
import dev.readiness.checks.kubernetes.Resource.Container;
import dev.readiness.text.Words;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The {@code kubernetes} check: reads the rendered manifests of the {@code manifests} folders and
 * settles "Resource limits set" (every container and init container of every workload has CPU and
 * memory requests and a memory limit, its own or its namespace's LimitRange defaults), "Auto-scaling
 * configured" (every Deployment and StatefulSet has one autoscaler with a minimum of at least
 * {@code minReplicas} and room above it) and "Scaling thresholds defined" (every autoscaler has
 * explicit targets). It supports, and can only disprove, high availability, health probes, secrets
 * management, network policies, the load balancer and infrastructure as code.
 *
 * <p>It is an ERROR, never a pass, when no manifest folder exists, when a folder holds an
 * unrendered Helm chart or kustomize base, a file that is not YAML, too large or outside the project,
 * or when the manifests hold no workload. Each finding names the file, line and document, the
 * resource and the container, and says how to fix it.
 */
public final class KubernetesCheck implements Check<KubernetesConfig> {

    static final String AUTOSCALING = "kubernetes.autoscaling";
    static final String THRESHOLDS = "kubernetes.thresholds";
    static final String AVAILABILITY = "kubernetes.availability";
    static final String PROBES = "kubernetes.probes";
    static final String SECRETS = "kubernetes.secrets";
    static final String NETWORK_POLICY = "kubernetes.networkPolicy";
    static final String LOAD_BALANCER = "kubernetes.loadBalancer";
    static final String IAC = "kubernetes.iac";

    /** The kinds the check reads, besides the workloads; any other kind is listed as ignored. */
    private static final Set<String> READ_KINDS = Set.of("HorizontalPodAutoscaler", "ScaledObject", "PodDisruptionBudget",
            "NetworkPolicy", "Secret", "ExternalSecret", "SealedSecret", "SecretProviderClass", "Ingress", "HTTPRoute", "Service",
            "LimitRange");

    @Override
    public String id() {
        return "kubernetes";
    }

    @Override
    public String description() {
        return "Every container and init container of every workload in the rendered Kubernetes manifests has CPU and memory"
                + " requests and a memory limit (its own, or its namespace's LimitRange defaults).";
    }

    @Override
    public List<String> phrases() {
        return List.of("Resource limits set");
    }

    @Override
    public List<Claim> claims() {
        return List.of(
                Claim.settles(id(), description(), phrases()),
                Claim.settles(AUTOSCALING, "Every Deployment and StatefulSet is the scaleTargetRef of one HorizontalPodAutoscaler or"
                        + " KEDA ScaledObject whose minimum is at least minReplicas (an omitted HPA minReplicas is 1) and whose"
                        + " maximum is above it.", List.of("Auto-scaling configured")),
                Claim.settles(THRESHOLDS, "Every autoscaler scales on explicit targets: each HPA metric has a target value, each KEDA"
                        + " trigger a threshold in its metadata; an HPA without metrics (the default 80% CPU) does not.",
                        List.of("Scaling thresholds defined")),
                Claim.supports(AVAILABILITY, "Every Deployment and StatefulSet runs at least minReplicas replicas (its autoscaler's"
                        + " minimum when it has one), a PodDisruptionBudget selects its pods, and topology spread constraints or pod"
                        + " anti-affinity spread them; one that does not shows the item false.",
                        List.of("High availability configuration verified")),
                Claim.supports(PROBES, "Every long-running container has a liveness and a readiness probe; one without shows the"
                        + " item false.", List.of("Health check endpoints implemented")),
                Claim.supports(SECRETS, "No Secret holds literal data and no secret-named environment variable a literal value,"
                        + " and secrets come by reference (secretKeyRef, secretRef, secret volumes, ExternalSecret); a literal shows"
                        + " the item false.", List.of("Secrets management configured")),
                Claim.supports(NETWORK_POLICY, "Every namespace with workloads has a default-deny NetworkPolicy (podSelector {} and"
                        + " no ingress rule); a policy that admits all traffic to every pod shows the item false.",
                        List.of("Network security groups configured")),
                Claim.supports(LOAD_BALANCER, "An Ingress, a Gateway API HTTPRoute or a Service of type LoadBalancer reaches a"
                        + " workload through its Service; one whose Service selects no workload shows the item false.",
                        List.of("Load balancer configured")),
                Claim.supports(IAC, "The workloads are declared in manifests kept in the repository.",
                        List.of("Infrastructure as Code (IaC) implemented")));
    }

    @Override
    public Class<KubernetesConfig> configType() {
        return KubernetesConfig.class;
    }

    @Override
    public Scope scope() {
        return Scope.BUILD;
    }

    @Override
    public Result run(KubernetesConfig config, CheckContext context) throws IOException {
        Path basedir = context.basedir();
        List<String> names = config.manifests().isEmpty()
                ? KubernetesConfig.DEFAULT_FOLDERS.stream().filter(f -> Files.isDirectory(basedir.resolve(f))).toList()
                : config.manifests();
        if (names.isEmpty()) {
            return noFolder(basedir);
        }
        List<Path> folders = new ArrayList<>();
        for (String name : names) {
            Path folder = basedir.resolve(name);
            if (!Files.isDirectory(folder)) {
                return Result.error("the manifests folder " + Words.path(basedir, folder) + " does not exist")
                        .evidence("manifests", names)
                        .remedy("Render the manifests into " + name + " before the gate runs, or point manifests at the folder"
                                + " that holds them. " + Manifests.RENDER_HINT)
                        .build();
            }
            folders.add(folder);
        }
        Manifests.Read read = Manifests.read(basedir, folders);
        String where = String.join(", ", names);
        if (!read.problems().isEmpty()) {
            return unreadable(read, names);
        }
        List<Resource> workloads = read.resources().stream().filter(Resource::isWorkload).toList();
        if (workloads.isEmpty()) {
            return Result.error("no workload (Deployment, StatefulSet, DaemonSet, Job, CronJob, Pod, ReplicaSet) in the "
                            + Words.plural(read.files().size(), "manifest file") + " of " + where)
                    .evidence("manifests", names)
                    .evidence("files", read.files().size())
                    .findings(read.notes())
                    .remedy("Point manifests at the folder of the rendered manifests that declare the workloads. " + Manifests.RENDER_HINT)
                    .build();
        }
        Model model = new Model(read.resources(), workloads,
                read.resources().stream().map(Autoscaler::of).filter(Objects::nonNull).toList(), config.minReplicas());
        Result.Builder main = resourceLimits(model);
        TreeMap<String, Integer> kinds = new TreeMap<>();
        TreeSet<String> ignored = new TreeSet<>();
        for (Resource resource : read.resources()) {
            kinds.merge(resource.kind(), 1, Integer::sum);
            if (!resource.isWorkload() && !READ_KINDS.contains(resource.kind())) {
                ignored.add(resource.kind());
            }
        }
        main.evidence("manifests", names)
                .evidence("files", read.files().size())
                .evidence("documents", read.documents())
                .evidence("resources", read.resources().size())
                .evidence("workloads", workloads.size())
                .evidence("kinds", kinds)
                .evidence("ignoredKinds", List.copyOf(ignored))
                .findings(read.notes());
        if (!read.notObjects().isEmpty()) {
            main.evidence("notKubernetesObjects", read.notObjects());
        }
        ScalingClaims scaling = new ScalingClaims(model);
        SecurityClaims security = new SecurityClaims(model);
        return main.claim(AUTOSCALING, scaling.autoscaling())
                .claim(THRESHOLDS, scaling.thresholds())
                .claim(AVAILABILITY, scaling.availability())
                .claim(PROBES, security.probes())
                .claim(SECRETS, security.secrets())
                .claim(NETWORK_POLICY, security.networkPolicy())
                .claim(LOAD_BALANCER, security.loadBalancer())
                .claim(IAC, Result.pass("the " + Words.plural(workloads.size(), "workload is", "workloads are") + " declared in "
                                + Words.plural(read.files().size(), "manifest file") + " under " + where + ", kept in the repository")
                        .evidence("manifests", names).evidence("files", read.files()).build())
                .build();
    }

    /** The resources read, the workloads among them, the autoscalers, and the replica minimum. */
    record Model(List<Resource> resources, List<Resource> workloads, List<Autoscaler> autoscalers, int minReplicas) {

        List<Resource> all(String group, String kind) {
            return resources.stream().filter(r -> r.is(group, kind)).toList();
        }

        List<Resource> scalable() {
            return workloads.stream().filter(Resource::isScalable).toList();
        }

        List<Autoscaler> autoscalersOf(Resource workload) {
            return autoscalers.stream().filter(a -> a.scales(workload)).toList();
        }
    }

    /** What is required of each container's resources: the value, how people call it, and an example. */
    private record Requirement(String path, String words, String example) {
    }

    private static final List<Requirement> REQUIRED = List.of(
            new Requirement("requests.cpu", "CPU request", "250m"),
            new Requirement("requests.memory", "memory request", "256Mi"),
            new Requirement("limits.memory", "memory limit", "512Mi"));

    private static Result.Builder resourceLimits(Model model) {
        List<Finding> findings = new ArrayList<>();
        int containers = 0;
        int incomplete = 0;
        for (Resource workload : model.workloads()) {
            LimitRangeDefaults defaults = LimitRangeDefaults.of(model.all("", "LimitRange"), workload.namespace());
            for (Container container : workload.containers()) {
                containers++;
                boolean complete = true;
                for (Requirement required : REQUIRED) {
                    if (defaults.effective(container.body().path("resources"), required.path()) == null) {
                        complete = false;
                        findings.add(workload.finding(container.name() + "/" + required.path(), workload.id() + " "
                                        + container.describe() + " has no " + required.words() + ": set resources." + required.path()
                                        + " (e.g. " + required.example() + ")")
                                .with("container", container.name()).with("missing", "resources." + required.path())
                                .build());
                    }
                }
                incomplete += complete ? 0 : 1;
            }
        }
        String expected = "every container: resources.requests.cpu, resources.requests.memory and resources.limits.memory";
        String of = Words.plural(containers, "container") + " of " + Words.plural(model.workloads().size(), "workload");
        if (findings.isEmpty()) {
            return Result.pass("each of the " + of + " sets CPU and memory requests and a memory limit")
                    .measured("0 of " + containers + " containers incomplete").expected(expected)
                    .evidence("containers", containers);
        }
        return failing(incomplete + " of " + of + (incomplete == 1 ? " lacks" : " lack") + " a CPU or memory request or a memory limit", findings)
                .measured(incomplete + " of " + containers + " containers incomplete").expected(expected)
                .evidence("containers", containers)
                .remedy("Give each container named above resources: {requests: {cpu: 250m, memory: 256Mi}, limits: {memory: 512Mi}}"
                        + " sized from its observed use, in the chart's values or the manifest; or a LimitRange with default and"
                        + " defaultRequest in its namespace.");
    }

    /** A FAIL whose summary is the headline and its first finding: what a person reads first. */
    static Result.Builder failing(String headline, List<Finding> findings) {
        List<Finding> causes = findings.stream().filter(Finding::cause).toList();
        String first = causes.get(0).message();
        return Result.fail(headline + "; " + (causes.size() > 1 ? "first: " : "") + first).findings(findings);
    }

    /** No manifest folder at all: ERROR, pointing at a chart or kustomize base when the project holds one. */
    private static Result noFolder(Path basedir) throws IOException {
        List<String> sources = new ArrayList<>();
        try (Stream<Path> found = Files.find(basedir, 3, (p, a) -> a.isRegularFile() && !p.toString().contains("/target/")
                && Set.of("Chart.yaml", "kustomization.yaml", "kustomization.yml").contains(p.getFileName().toString()))) {
            found.sorted().limit(5).forEach(p -> sources.add(Words.path(basedir, p)));
        }
        return Result.error("no manifest folder: none of " + String.join(", ", KubernetesConfig.DEFAULT_FOLDERS)
                        + " exists in the project folder"
                        + (sources.isEmpty() ? "" : ", but it holds unrendered manifests: " + String.join(", ", sources)))
                .evidence("manifests", KubernetesConfig.DEFAULT_FOLDERS)
                .evidence("unrendered", sources.isEmpty() ? null : sources)
                .remedy("Set manifests to the folders of the rendered manifests. " + Manifests.RENDER_HINT)
                .build();
    }

    private static Result unreadable(Manifests.Read read, List<String> names) {
        List<Finding> problems = read.problems();
        boolean unrendered = problems.stream().anyMatch(p -> p.key().endsWith(":helm-chart") || p.key().endsWith(":kustomize"));
        return Result.error(problems.get(0).message() + (problems.size() > 1 ? " (and " + Words.plural(problems.size() - 1,
                        "more problem") + ")" : ""))
                .evidence("manifests", names)
                .evidence("files", read.files().size())
                .findings(problems)
                .remedy(unrendered ? Manifests.RENDER_HINT
                        : "Fix or remove the files named above: manifests are read only when every file below the manifests folders is"
                        + " well-formed YAML without aliases, at most " + Manifests.MAX_FILE_BYTES / (1024 * 1024) + " MiB, inside"
                        + " the project.")
                .build();
    }

    /** The defaults a namespace's LimitRanges give containers: default (limits) and defaultRequest, each falling back as the API does. */
    private record LimitRangeDefaults(Map<String, String> limits, Map<String, String> requests) {

        static LimitRangeDefaults of(List<Resource> limitRanges, String namespace) {
            Map<String, String> limits = new LinkedHashMap<>();
            Map<String, String> requests = new LinkedHashMap<>();
            for (Resource range : limitRanges) {
                if (!Objects.equals(range.namespace(), namespace)) {
                    continue;
                }
                for (JsonNode limit : range.body().path("spec").path("limits")) {
                    if (!"Container".equals(Resource.text(limit, "/type"))) {
                        continue;
                    }
                    for (String resource : List.of("cpu", "memory")) {
                        String max = Resource.text(limit, "/max/" + resource);
                        String byDefault = first(Resource.text(limit, "/default/" + resource), max);
                        String request = first(Resource.text(limit, "/defaultRequest/" + resource), byDefault);
                        if (byDefault != null) {
                            limits.putIfAbsent(resource, byDefault);
                        }
                        if (request != null) {
                            requests.putIfAbsent(resource, request);
                        }
                    }
                }
            }
            return new LimitRangeDefaults(limits, requests);
        }

        /** The container's value after the API's defaulting: its own, a request from its own limit, else the LimitRange's. */
        String effective(JsonNode resources, String path) {
            String resource = path.substring(path.indexOf('.') + 1);
            String limit = first(Resource.text(resources, "/limits/" + resource), limits.get(resource));
            if (path.startsWith("limits.")) {
                return limit;
            }
            return first(first(Resource.text(resources, "/requests/" + resource), Resource.text(resources, "/limits/" + resource)),
                    first(requests.get(resource), limit));
        }

        private static String first(String a, String b) {
            return a != null ? a : b;
        }
    }
}

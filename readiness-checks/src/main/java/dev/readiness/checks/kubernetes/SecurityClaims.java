package dev.readiness.checks.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import dev.readiness.checks.kubernetes.KubernetesCheck.Model;
import dev.readiness.checks.kubernetes.Resource.Container;
import dev.readiness.text.SecretNames;
import dev.readiness.text.Words;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The verdicts the manifests can only support: probes, secrets, network policies, the load balancer. */
final class SecurityClaims {

    /** Names that hold where a secret is, or how it is used, rather than the secret: DB_PASSWORD_FILE, TOKEN_URL. */
    private static final Pattern NOT_A_SECRET_VALUE = Pattern.compile("(?i).*_(FILE|PATH|DIR|NAME|URL|URI|ENDPOINT|HEADER|LENGTH|TTL)$");

    /** Values that are no secret: a number, a boolean, or only a reference to another variable, $(OTHER). */
    private static final Pattern PLAIN_VALUE = Pattern.compile("(?i)true|false|\\d+|\\$\\([A-Za-z0-9_.-]+\\)");

    private final Model model;

    SecurityClaims(Model model) {
        this.model = model;
    }

    Result probes() {
        List<Finding> findings = new ArrayList<>();
        int containers = 0;
        for (Resource workload : model.workloads()) {
            if (!workload.isLongRunning()) {
                continue;
            }
            for (Container container : workload.containers()) {
                if (!container.keepsRunning()) {
                    continue;
                }
                containers++;
                for (String probe : List.of("livenessProbe", "readinessProbe")) {
                    if (!hasHandler(container.body().path(probe))) {
                        findings.add(workload.finding(container.name() + "/" + probe, workload.id() + " " + container.describe()
                                        + " has no " + probe + ": add one with httpGet on its health endpoint (e.g. /actuator/health/"
                                        + (probe.startsWith("liveness") ? "liveness" : "readiness") + "), or tcpSocket, grpc or exec")
                                .with("container", container.name()).with("missing", probe).build());
                    }
                }
            }
        }
        if (containers == 0) {
            return Result.skipped("no long-running container in the manifests (only Jobs, CronJobs or Pods that stop), so probes do"
                    + " not apply").evidence("containers", 0).build();
        }
        if (findings.isEmpty()) {
            return Result.pass("each of the " + Words.plural(containers, "long-running container") + " has a liveness and a readiness probe")
                    .evidence("containers", containers).build();
        }
        return KubernetesCheck.failing(Words.plural(findings.size(), "probe is", "probes are") + " missing from the "
                        + Words.plural(containers, "long-running container"), findings)
                .evidence("containers", containers)
                .remedy("Give each container named above a livenessProbe (restart when it hangs) and a readinessProbe (take it out of"
                        + " the Service while it cannot serve), on the health endpoints the service implements.")
                .build();
    }

    private static boolean hasHandler(JsonNode probe) {
        return probe.isObject() && (probe.has("httpGet") || probe.has("tcpSocket") || probe.has("grpc") || probe.has("exec"));
    }

    Result secrets() {
        List<Finding> findings = new ArrayList<>();
        TreeMap<String, Integer> references = new TreeMap<>();
        for (Resource secret : model.all("", "Secret")) {
            Set<String> keys = new LinkedHashSet<>();
            for (String field : List.of("data", "stringData")) {
                for (Iterator<String> names = secret.body().path(field).fieldNames(); names.hasNext(); ) {
                    String key = names.next();
                    JsonNode value = secret.body().path(field).path(key);
                    if (value.isValueNode() && !value.asText().isEmpty()) {
                        keys.add(field + "." + key);
                    }
                }
            }
            if (!keys.isEmpty()) {
                findings.add(secret.finding("literal", secret.id() + " holds " + Words.plural(keys.size(), "literal value") + " ("
                                + String.join(", ", keys) + ") in the manifests: keep secret values out of the repository with an"
                                + " ExternalSecret, a SealedSecret or a secret store's CSI driver")
                        .with("keys", List.copyOf(keys)).build());
            }
        }
        for (Resource workload : model.workloads()) {
            JsonNode spec = workload.podSpec();
            for (Container container : workload.containers()) {
                for (JsonNode env : container.body().path("env")) {
                    String name = Resource.text(env, "/name");
                    String value = Resource.text(env, "/value");
                    if (env.path("valueFrom").has("secretKeyRef")) {
                        references.merge("secretKeyRef", 1, Integer::sum);
                    } else if (SecretNames.isSecret(name) && !NOT_A_SECRET_VALUE.matcher(name).matches() && value != null
                            && !PLAIN_VALUE.matcher(value).matches()) {
                        findings.add(workload.finding(container.name() + "/env/" + name, workload.id() + " " + container.describe()
                                        + " sets " + name + " to a literal value: take it from a Secret with valueFrom.secretKeyRef")
                                .with("container", container.name()).with("variable", name).build());
                    }
                }
                for (JsonNode from : container.body().path("envFrom")) {
                    if (from.has("secretRef")) {
                        references.merge("envFrom.secretRef", 1, Integer::sum);
                    }
                }
            }
            for (JsonNode volume : spec.path("volumes")) {
                if (volume.has("secret")) {
                    references.merge("secret volume", 1, Integer::sum);
                }
                for (JsonNode source : volume.path("projected").path("sources")) {
                    if (source.has("secret")) {
                        references.merge("secret volume", 1, Integer::sum);
                    }
                }
            }
        }
        for (Resource resource : model.resources()) {
            if (List.of("external-secrets.io/ExternalSecret", "bitnami.com/SealedSecret", "secrets-store.csi.x-k8s.io/SecretProviderClass")
                    .contains(resource.group() + "/" + resource.kind())) {
                references.merge(resource.kind(), 1, Integer::sum);
            }
        }
        if (!findings.isEmpty()) {
            return KubernetesCheck.failing(Words.plural(findings.size(), "literal secret is", "literal secrets are") + " written in the"
                            + " manifests", findings)
                    .evidence("references", references)
                    .remedy("Move each secret value named above to a secret store and bring it in by reference (an ExternalSecret or a"
                            + " SealedSecret, used through secretKeyRef or envFrom.secretRef); rotate the values that were committed."
                            + " A Secret the pipeline renders from its own secrets and never commits may be waived by its finding's key.")
                    .build();
        }
        if (references.isEmpty()) {
            return Result.skipped("the manifests neither define nor reference a secret, so they say nothing about secrets management")
                    .evidence("references", references).build();
        }
        return Result.pass("no literal secret in the manifests; secrets come by reference ("
                        + String.join(", ", references.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList()) + ")")
                .evidence("references", references).build();
    }

    Result networkPolicy() {
        List<Resource> policies = model.all("networking.k8s.io", "NetworkPolicy");
        List<Finding> findings = new ArrayList<>();
        Set<String> denied = new LinkedHashSet<>();
        for (Resource policy : policies) {
            JsonNode spec = policy.body().path("spec");
            boolean everyPod = spec.path("podSelector").isMissingNode() || spec.path("podSelector").isEmpty();
            boolean allowsAll = false;
            for (JsonNode rule : spec.path("ingress")) {
                allowsAll |= rule.isEmpty() || !rule.has("from") && !rule.has("ports");
            }
            if (everyPod && allowsAll) {
                findings.add(policy.finding("allow-all", policy.id() + " admits traffic from anywhere to every pod of its namespace"
                        + " (podSelector {} and an ingress rule without from): remove it, or name the allowed sources in from").build());
            }
            JsonNode types = spec.path("policyTypes");
            boolean ingressType = types.isMissingNode() || types.isEmpty()
                    || java.util.stream.StreamSupport.stream(types.spliterator(), false).anyMatch(t -> t.asText().equals("Ingress"));
            if (everyPod && ingressType && !Resource.nonEmpty(spec.path("ingress"))) {
                denied.add(namespace(policy.namespace()));
            }
        }
        Set<String> namespaces = new LinkedHashSet<>();
        model.workloads().forEach(w -> namespaces.add(namespace(w.namespace())));
        namespaces.removeAll(denied);
        if (!findings.isEmpty()) {
            return KubernetesCheck.failing("a NetworkPolicy admits all traffic", findings)
                    .evidence("networkPolicies", policies.size())
                    .remedy("Remove the allow-all policies; add a default-deny NetworkPolicy (podSelector: {}, policyTypes: [Ingress])"
                            + " per namespace and allow each needed source by name.")
                    .build();
        }
        if (namespaces.isEmpty()) {
            return Result.pass("a default-deny NetworkPolicy covers every namespace of the workloads ("
                            + String.join(", ", denied) + ")")
                    .evidence("networkPolicies", policies.size()).build();
        }
        return Result.skipped("the manifests hold no default-deny NetworkPolicy for " + String.join(", ", namespaces)
                        + "; one may be set for the cluster elsewhere, so a person must say")
                .evidence("networkPolicies", policies.size())
                .remedy("Add a NetworkPolicy with podSelector: {} and policyTypes: [Ingress] (and Egress) and no rules, then allow"
                        + " each needed source.")
                .build();
    }

    private static String namespace(String namespace) {
        return namespace == null ? "the release namespace" : "namespace " + namespace;
    }

    Result loadBalancer() {
        List<Resource> services = model.all("", "Service");
        List<Finding> findings = new ArrayList<>();
        List<String> reached = new ArrayList<>();
        for (Resource entry : model.resources()) {
            List<String[]> backends = new ArrayList<>();
            if (entry.kind().equals("Ingress") && List.of("networking.k8s.io", "extensions").contains(entry.group())) {
                JsonNode spec = entry.body().path("spec");
                addIngressBackend(backends, spec.path("defaultBackend"), entry);
                addIngressBackend(backends, spec.path("backend"), entry);
                for (JsonNode rule : spec.path("rules")) {
                    for (JsonNode path : rule.path("http").path("paths")) {
                        addIngressBackend(backends, path.path("backend"), entry);
                    }
                }
            } else if (entry.is("gateway.networking.k8s.io", "HTTPRoute")) {
                for (JsonNode rule : entry.body().path("spec").path("rules")) {
                    for (JsonNode ref : rule.path("backendRefs")) {
                        String kind = Resource.text(ref, "/kind");
                        if (kind == null || kind.equals("Service")) {
                            String namespace = Resource.text(ref, "/namespace");
                            backends.add(new String[] {Resource.text(ref, "/name"), namespace == null ? entry.namespace() : namespace});
                        }
                    }
                }
            } else if (entry.is("", "Service") && "LoadBalancer".equals(Resource.text(entry.body(), "/spec/type"))) {
                backends.add(new String[] {entry.name(), entry.namespace()});
            } else {
                continue;
            }
            for (String[] backend : backends) {
                Resource service = services.stream().filter(s -> s.name().equals(backend[0]) && Objects.equals(s.namespace(), backend[1]))
                        .findFirst().orElse(null);
                JsonNode selector = service == null ? null : service.body().path("spec").path("selector");
                if (selector == null || !Resource.nonEmpty(selector)) {
                    findings.add(entry.finding("backend/" + backend[0], entry.id() + " routes to Service " + backend[0]
                            + (service == null ? ", which is not in the manifests" : ", which selects no pods") + "; not followed").note().build());
                    continue;
                }
                List<String> workloads = model.workloads().stream().filter(w -> Objects.equals(w.namespace(), service.namespace())
                        && Resource.matchesAll(selector, w.podLabels())).map(Resource::id).toList();
                if (workloads.isEmpty()) {
                    findings.add(entry.finding("backend/" + backend[0], entry.id() + " routes to " + service.id() + ", whose selector "
                            + selector + " matches the pods of no workload in the manifests: fix the selector or the backend's name").build());
                } else {
                    reached.add(entry.id() + (entry == service ? "" : " → " + service.id()) + " → " + String.join(", ", workloads));
                }
            }
        }
        if (findings.stream().anyMatch(Finding::cause)) {
            return KubernetesCheck.failing("traffic from the load balancer reaches no workload", findings)
                    .evidence("routes", reached)
                    .remedy("Make each Ingress, HTTPRoute and LoadBalancer Service named above reach a Service whose selector matches"
                            + " the pod labels of the workload that serves it.")
                    .build();
        }
        if (reached.isEmpty()) {
            return Result.skipped("no Ingress, HTTPRoute or Service of type LoadBalancer in the manifests reaches a workload; the load"
                            + " balancer may be set up elsewhere, so a person must say")
                    .evidence("routes", reached).findings(findings).build();
        }
        return Result.pass(String.join("; ", reached)).evidence("routes", reached).findings(findings).build();
    }

    private static void addIngressBackend(List<String[]> backends, JsonNode backend, Resource ingress) {
        String name = Resource.text(backend, "/service/name");
        if (name == null) {
            name = Resource.text(backend, "/serviceName");
        }
        if (name != null) {
            backends.add(new String[] {name, ingress.namespace()});
        }
    }
}

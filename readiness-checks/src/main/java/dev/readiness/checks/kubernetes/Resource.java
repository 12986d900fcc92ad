package dev.readiness.checks.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.readiness.check.Finding;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One Kubernetes object read from a manifest file: where it is (file, document, line), what it is
 * ({@code apiVersion}, {@code kind}, namespace, name) and its body as written.
 *
 * @param file      the file, relative to the project folder
 * @param document  the document's place in the file, from 1 ({@code ---} separates documents)
 * @param line      the line the document (or the {@code List} holding the object) starts on
 * @param namespace {@code metadata.namespace}, or {@code null}: the namespace it is applied to
 */
record Resource(String file, int document, int line, String apiVersion, String kind, String namespace, String name, JsonNode body) {

    /** Where each workload kind keeps its pod spec, and the API group it belongs to. */
    private static final Map<String, String> POD_SPEC = Map.of(
            "Pod", "/spec",
            "ReplicationController", "/spec/template/spec",
            "Deployment", "/spec/template/spec",
            "StatefulSet", "/spec/template/spec",
            "DaemonSet", "/spec/template/spec",
            "ReplicaSet", "/spec/template/spec",
            "Job", "/spec/template/spec",
            "CronJob", "/spec/jobTemplate/spec/template/spec");

    private static final Map<String, String> GROUP = Map.of(
            "Pod", "", "ReplicationController", "",
            "Deployment", "apps", "StatefulSet", "apps", "DaemonSet", "apps", "ReplicaSet", "apps",
            "Job", "batch", "CronJob", "batch");

    /** The API group of the apiVersion: {@code apps} of {@code apps/v1}, "" of {@code v1}. */
    String group() {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    boolean is(String group, String kind) {
        return this.kind.equals(kind) && group().equals(group);
    }

    /** A Deployment, StatefulSet, DaemonSet, Job, CronJob, Pod, ReplicaSet or ReplicationController of the core API groups. */
    boolean isWorkload() {
        return POD_SPEC.containsKey(kind) && (GROUP.get(kind).equals(group()) || "extensions".equals(group()) && "apps".equals(GROUP.get(kind)));
    }

    /** A Deployment or StatefulSet: what an autoscaler scales and what runs the service's replicas. */
    boolean isScalable() {
        return isWorkload() && (kind.equals("Deployment") || kind.equals("StatefulSet"));
    }

    /** Whether its pods keep running (not a Job, a CronJob or a Pod that stops), so they need probes. */
    boolean isLongRunning() {
        if (kind.equals("Job") || kind.equals("CronJob")) {
            return false;
        }
        String restart = text(podSpec(), "/restartPolicy");
        return restart == null || restart.equals("Always");
    }

    /** Kind, namespace when written, and name: {@code Deployment/shop/web}, {@code Deployment/web}. */
    String id() {
        return kind + "/" + (namespace == null ? "" : namespace + "/") + name;
    }

    /** Where it is, for a message: {@code k8s/all.yaml:12 (document 3)}. */
    String where() {
        return file + ":" + line + " (document " + document + ")";
    }

    /** A finding's stable key: {@code k8s/all.yaml:Deployment/web:app/limits.memory}. */
    String key(String rule) {
        return file + ":" + id() + ":" + rule;
    }

    /** A finding about this resource: where it is, the message, and a key of the rule it breaks. */
    Finding.Builder finding(String rule, String message) {
        return Finding.of(where() + ": " + message).key(key(rule)).at(file + ":" + line)
                .with("kind", kind).with("name", name).with("namespace", namespace).with("document", document);
    }

    JsonNode podSpec() {
        return body.at(POD_SPEC.get(kind));
    }

    /** The labels its pods get: the pod template's, or a Pod's own. */
    JsonNode podLabels() {
        String spec = POD_SPEC.get(kind);
        return body.at(spec.substring(0, spec.length() - "/spec".length()) + "/metadata/labels");
    }

    /** Its containers, then its init containers (those with restartPolicy Always are sidecars, which keep running). */
    List<Container> containers() {
        List<Container> containers = new ArrayList<>();
        for (JsonNode node : podSpec().path("containers")) {
            containers.add(new Container(nameOf(node), node, false));
        }
        for (JsonNode node : podSpec().path("initContainers")) {
            containers.add(new Container(nameOf(node), node, true));
        }
        return containers;
    }

    private static String nameOf(JsonNode container) {
        String name = text(container, "/name");
        return name == null ? "(unnamed)" : name;
    }

    /** One container of a pod spec. */
    record Container(String name, JsonNode body, boolean init) {

        /** A regular container, or an init container that keeps running beside them (a sidecar). */
        boolean keepsRunning() {
            return !init || "Always".equals(text(body, "/restartPolicy"));
        }

        /** {@code container app} or {@code init container migrate}, for a message. */
        String describe() {
            return (init ? "init container " : "container ") + name;
        }
    }

    /** The text at the pointer, or {@code null} when it is absent, empty, or not a scalar. */
    static String text(JsonNode node, String pointer) {
        JsonNode value = node.at(pointer);
        if (!value.isValueNode() || value.isNull()) {
            return null;
        }
        String text = value.asText();
        return text.isBlank() ? null : text;
    }

    /** The whole number at the pointer, or {@code null} when it is absent or not a whole number. */
    static Integer number(JsonNode node, String pointer) {
        JsonNode value = node.at(pointer);
        return value.canConvertToInt() && value.isIntegralNumber() ? value.intValue() : null;
    }

    /** Whether the node is a mapping with at least one entry, or a list with at least one element. */
    static boolean nonEmpty(JsonNode node) {
        return (node.isObject() || node.isArray()) && !node.isEmpty();
    }

    /** Whether a label selector ({@code matchLabels}, {@code matchExpressions}) selects pods with these labels; {@code {}} selects all. */
    static boolean selects(JsonNode selector, JsonNode labels) {
        if (!selector.isObject()) {
            return false;
        }
        if (!matchesAll(selector.path("matchLabels"), labels)) {
            return false;
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String key = text(expression, "/key");
            String operator = String.valueOf(text(expression, "/operator"));
            JsonNode value = labels.path(key == null ? "" : key);
            boolean has = value.isValueNode() && !value.isNull();
            boolean in = false;
            for (JsonNode v : expression.path("values")) {
                in |= has && v.asText().equals(value.asText());
            }
            boolean ok = switch (operator) {
                case "In" -> in;
                case "NotIn" -> !in;
                case "Exists" -> has;
                case "DoesNotExist" -> !has;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Whether every label of the map is among the labels (a Service's selector; an empty map matches all). */
    static boolean matchesAll(JsonNode map, JsonNode labels) {
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> label = it.next();
            if (!labels.path(label.getKey()).isValueNode() || !labels.path(label.getKey()).asText().equals(label.getValue().asText())) {
                return false;
            }
        }
        return true;
    }
}

package dev.readiness.checks.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A HorizontalPodAutoscaler ({@code autoscaling/v2}, or {@code v1}) or a KEDA ScaledObject
 * ({@code keda.sh}), read as what it scales, between which bounds, and on which thresholds.
 *
 * @param min         its minimum replicas as the API reads it (an HPA's omitted minReplicas is 1, a ScaledObject's minReplicaCount 0)
 * @param minWritten  whether the minimum is written, rather than the default
 * @param max         its maximum replicas, or {@code null} when not written (an HPA needs one; KEDA's default is 100)
 * @param thresholds  each metric target or trigger threshold, described ("cpu averageUtilization 70")
 * @param unset       each metric or trigger without a target, described ("trigger 1 (prometheus) has no threshold")
 */
record Autoscaler(Resource resource, String targetKind, String targetName, int min, boolean minWritten, Integer max,
                  List<String> thresholds, List<String> unset) {

    /** KEDA trigger metadata keys that hold the value the trigger scales at. */
    private static final List<String> KEDA_TARGET_KEYS = List.of("value", "threshold", "targetvalue", "queuelength",
            "targetqueuelength", "listlength", "desiredreplicas", "targetpipelinesqueuelength", "targetreplicasperpod");

    /** The autoscaler this resource is, or {@code null} when it is none. */
    static Autoscaler of(Resource resource) {
        if (resource.kind().equals("HorizontalPodAutoscaler") && resource.group().equals("autoscaling")) {
            return hpa(resource);
        }
        if (resource.kind().equals("ScaledObject") && resource.group().equals("keda.sh")) {
            return scaledObject(resource);
        }
        return null;
    }

    /** {@code HorizontalPodAutoscaler/web} or {@code ScaledObject/worker}. */
    String describe() {
        return resource.id();
    }

    /** Whether it scales this workload: same kind, name and namespace. */
    boolean scales(Resource workload) {
        return workload.kind().equals(targetKind) && workload.name().equals(targetName)
                && java.util.Objects.equals(workload.namespace(), resource.namespace());
    }

    private static Autoscaler hpa(Resource resource) {
        JsonNode spec = resource.body().path("spec");
        Integer min = Resource.number(spec, "/minReplicas");
        List<String> thresholds = new ArrayList<>();
        List<String> unset = new ArrayList<>();
        if (resource.apiVersion().equals("autoscaling/v1")) {
            Integer cpu = Resource.number(spec, "/targetCPUUtilizationPercentage");
            if (cpu != null) {
                thresholds.add("cpu averageUtilization " + cpu);
            }
        } else {
            int n = 0;
            for (JsonNode metric : spec.path("metrics")) {
                n++;
                String type = String.valueOf(Resource.text(metric, "/type"));
                JsonNode source = metric.path(Character.toLowerCase(type.charAt(0)) + type.substring(1));
                String name = Resource.text(source, source.has("metric") ? "/metric/name" : "/name");
                String what = "metric " + n + " (" + type + (name == null ? "" : " " + name) + ")";
                String target = target(source.path("target"));
                if (target == null) {
                    unset.add(what + " has no target averageUtilization, averageValue or value");
                } else {
                    thresholds.add((name == null ? type : name) + " " + target);
                }
            }
        }
        return new Autoscaler(resource, Resource.text(spec, "/scaleTargetRef/kind"), Resource.text(spec, "/scaleTargetRef/name"),
                min == null ? 1 : min, min != null, Resource.number(spec, "/maxReplicas"), thresholds, unset);
    }

    private static String target(JsonNode target) {
        for (String field : List.of("averageUtilization", "averageValue", "value")) {
            String value = Resource.text(target, "/" + field);
            if (value != null) {
                return field + " " + value;
            }
        }
        return null;
    }

    private static Autoscaler scaledObject(Resource resource) {
        JsonNode spec = resource.body().path("spec");
        Integer min = Resource.number(spec, "/minReplicaCount");
        Integer max = Resource.number(spec, "/maxReplicaCount");
        List<String> thresholds = new ArrayList<>();
        List<String> unset = new ArrayList<>();
        int n = 0;
        for (JsonNode trigger : spec.path("triggers")) {
            n++;
            String type = String.valueOf(Resource.text(trigger, "/type"));
            String threshold = threshold(trigger.path("metadata"));
            if (threshold == null) {
                unset.add("trigger " + n + " (" + type + ") has no threshold in its metadata");
            } else {
                thresholds.add(type + " " + threshold);
            }
        }
        String kind = Resource.text(spec, "/scaleTargetRef/kind");
        return new Autoscaler(resource, kind == null ? "Deployment" : kind, Resource.text(spec, "/scaleTargetRef/name"),
                min == null ? 0 : min, min != null, max == null ? 100 : max, thresholds, unset);
    }

    /** The first metadata entry naming the value a trigger scales at ({@code threshold}, {@code lagThreshold}, {@code value}). */
    private static String threshold(JsonNode metadata) {
        for (Iterator<Map.Entry<String, JsonNode>> it = metadata.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey().toLowerCase(Locale.ROOT);
            boolean names = KEDA_TARGET_KEYS.contains(key) || key.endsWith("threshold") && !key.startsWith("activation");
            String value = Resource.text(metadata, "/" + entry.getKey().replace("~", "~0").replace("/", "~1"));
            if (names && value != null) {
                return entry.getKey() + " " + value;
            }
        }
        return null;
    }
}

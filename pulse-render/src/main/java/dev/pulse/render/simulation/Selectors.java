package dev.pulse.render.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** Kubernetes label selectors (k8s.io/apimachinery pkg/apis/meta/v1 LabelSelector): matchLabels and matchExpressions. */
final class Selectors {

    private Selectors() {}

    /** A {@code LabelSelector}; an empty or absent selector matches everything. */
    static boolean matches(JsonNode selector, Map<String, String> labels) {
        if (!Json.strings(selector, "matchLabels").entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
            return false;
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String key = expression.path("key").asText();
            List<String> values = Json.texts(expression, "values");
            boolean has = labels.containsKey(key);
            boolean ok = switch (expression.path("operator").asText()) {
                case "In" -> has && values.contains(labels.get(key));
                case "NotIn" -> !has || !values.contains(labels.get(key));
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

    /** A plain {@code map[string]string} selector (nodeSelector): every pair must be a label of the node. */
    static boolean matchesMap(JsonNode selector, Map<String, String> labels) {
        return Json.strings(selector).entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}

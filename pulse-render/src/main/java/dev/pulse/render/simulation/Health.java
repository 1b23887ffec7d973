package dev.pulse.render.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Argo CD's health of an object, in Argo CD's order (argoproj/argo-cd util/lua/lua.go getHealthScript, then
 * argoproj/gitops-engine pkg/health/health.go GetHealthCheckFunc): the instance's own Lua checks
 * ({@code spec.resourceHealthChecks} of the ArgoCD CR), else Argo CD's built-in Lua for the kind, else the
 * built-in Go checks for core kinds; none of these: no health, which a sync treats as done at once.
 */
final class Health {

    private final Map<String, String> custom;
    private final ArgoCdHealth builtin;

    private Health(Map<String, String> custom, ArgoCdHealth builtin) {
        this.custom = Map.copyOf(custom);
        this.builtin = builtin;
    }

    /** The checks of the ArgoCD CR named {@code instance} in {@code namespace}, among {@code bootstrap}. */
    static Health of(List<ObjectNode> bootstrap, String namespace, String instance, ArgoCdHealth builtin) {
        Map<String, String> custom = new TreeMap<>();
        for (ObjectNode object : bootstrap) {
            if (Json.group(object).equals("argoproj.io") && object.path("kind").asText().equals("ArgoCD") && Json.text(object, "metadata", "name").equals(instance)
                    && Json.text(object, "metadata", "namespace").equals(namespace)) {
                for (JsonNode check : object.path("spec").path("resourceHealthChecks")) {
                    custom.put(check.path("group").asText("") + "/" + check.path("kind").asText(), check.path("check").asText());
                }
            }
        }
        return new Health(custom, builtin);
    }

    /** Where the check for a kind comes from, for messages; empty when the kind has none. */
    Optional<String> source(String group, String kind) {
        if (custom.containsKey(group + "/" + kind)) {
            return Optional.of("the ArgoCD instance's resourceHealthChecks");
        }
        if (builtin.script(group, kind).isPresent() || (!builtin.hasFolder() && ArgoCdHealth.upstreamHasScript(group, kind))) {
            return Optional.of("Argo CD's built-in Lua check");
        }
        if (group.isEmpty() && kind.equals("PersistentVolumeClaim")) {
            return Optional.of("gitops-engine's built-in check");
        }
        return Optional.empty();
    }

    /**
     * The health of {@code object}; empty when Argo CD has no check for its kind.
     *
     * @param reconciled whether the simulated controller finished it (for the approximation without Lua scripts)
     * @param waiting why not, when not
     */
    Optional<LuaHealth.Status> of(ObjectNode object, boolean reconciled, String waiting) {
        String group = Json.group(object);
        String kind = object.path("kind").asText();
        String script = custom.get(group + "/" + kind);
        if (script != null) {
            return Optional.of(LuaHealth.run(script, "resourceHealthChecks " + group + "/" + kind, object));
        }
        Optional<String> upstream = builtin.script(group, kind);
        if (upstream.isPresent()) {
            return Optional.of(LuaHealth.run(upstream.get(), group + "/" + kind + "/health.lua", object));
        }
        if (!builtin.hasFolder() && ArgoCdHealth.upstreamHasScript(group, kind)) {
            return Optional.of(reconciled ? new LuaHealth.Status("Healthy", "") : new LuaHealth.Status("Progressing", waiting));
        }
        if (group.isEmpty() && kind.equals("PersistentVolumeClaim")) {
            // gitops-engine pkg/health/health_pvc.go
            return Optional.of(switch (Json.text(object, "status", "phase")) {
                case "Bound" -> new LuaHealth.Status("Healthy", "");
                case "Lost" -> new LuaHealth.Status("Degraded", "");
                default -> new LuaHealth.Status("Progressing", "");
            });
        }
        return Optional.empty();
    }
}

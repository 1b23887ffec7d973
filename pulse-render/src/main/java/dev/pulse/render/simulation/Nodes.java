package dev.pulse.render.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Node labels (NFD), machine config (MCO), performance tuning (NTO), host networks (NMState) and the SR-IOV daemon. */
final class Nodes {

    private static final Pattern VFIO_IDS = Pattern.compile("(?m)^\\s*options\\s+vfio-pci\\s+.*\\bids=([0-9a-fA-F:,]+)");
    private static final Pattern CONDITION_HOST = Pattern.compile("(?m)^ConditionHost=(\\S+)");
    private static final Pattern DRIVER_OVERRIDE = Pattern.compile("vfio-pci > /sys/bus/pci/devices/([0-9a-fA-F:.]+)/driver_override");
    static final String POOL_LABEL = "pools.operator.machineconfiguration.openshift.io/";

    private Nodes() {}

    /** A MachineConfigPool: built in or from the tree. */
    record Pool(String name, JsonNode nodeSelector, JsonNode machineConfigSelector, Map<String, String> labels, Optional<ObjectRef> ref) {}

    static void reconcile(ClusterState state) {
        nfd(state);
        List<Pool> pools = machineConfig(state);
        performanceProfiles(state, pools);
        nncp(state);
        sriovDaemon(state);
    }

    /**
     * NFD (kubernetes-sigs/node-feature-discovery): once an instance runs, nfd-worker labels PCI devices of the
     * default classes (display controllers: {@code feature.node.kubernetes.io/pci-<vendor>.present}) and nfd-master
     * applies NodeFeatureRules (pkg/nfd-master/nfd-master.go processNodeFeatureRule): a rule's labels land on
     * the nodes where every matchFeatures term matches; names without a namespace get
     * {@code feature.node.kubernetes.io/}; the kubernetes.io and k8s.io namespaces are denied.
     */
    private static void nfd(ClusterState state) {
        boolean running = state.liveOf("nfd.openshift.io", "NodeFeatureDiscovery").stream().anyMatch(nfd -> state.reconciled.contains(ObjectRef.of(nfd)));
        if (!running) {
            return;
        }
        for (Node node : state.nodes.values()) {
            node.functions.stream().filter(f -> f.role().equals("gpu"))
                    .forEach(f -> node.labels.put("feature.node.kubernetes.io/pci-" + f.id().substring(0, 4) + ".present", "true"));
            if (node.functions.stream().anyMatch(f -> f.role().equals("nic") && f.device().maxVfsPerPort() > 0)) {
                node.labels.put("feature.node.kubernetes.io/network-sriov.capable", "true");
            }
        }
        for (ObjectNode rule : state.liveOf("nfd.k8s-sigs.io", "NodeFeatureRule")) {
            for (JsonNode entry : rule.path("spec").path("rules")) {
                for (Node node : state.nodes.values()) {
                    if (ruleMatches(entry, node)) {
                        Json.strings(entry, "labels").forEach((key, value) -> {
                            String label = key.contains("/") ? key : "feature.node.kubernetes.io/" + key;
                            String namespace = label.substring(0, label.indexOf('/'));
                            boolean denied = (namespace.equals("kubernetes.io") || namespace.endsWith(".kubernetes.io") || namespace.equals("k8s.io")
                                    || namespace.endsWith(".k8s.io")) && !namespace.endsWith("feature.node.kubernetes.io");
                            if (!denied) {
                                node.labels.put(label, value);
                            }
                        });
                    }
                }
            }
        }
    }

    /** matchFeatures (all terms) or matchAny (any of its matchFeatures); only the {@code system.name} feature is modelled. */
    private static boolean ruleMatches(JsonNode rule, Node node) {
        boolean all = rule.path("matchFeatures").isEmpty() || terms(rule.path("matchFeatures"), node);
        if (!rule.path("matchAny").isEmpty()) {
            boolean any = false;
            for (JsonNode alternative : rule.path("matchAny")) {
                any |= terms(alternative.path("matchFeatures"), node);
            }
            return all && any;
        }
        return all && !rule.path("matchFeatures").isEmpty();
    }

    private static boolean terms(JsonNode features, Node node) {
        for (JsonNode term : features) {
            if (!term.path("feature").asText().equals("system.name")) {
                return false; // other features are hardware facts the model does not have: never assumed
            }
            for (Map.Entry<String, JsonNode> expression : iterable(term.path("matchExpressions"))) {
                String value = expression.getKey().equals("nodename") ? node.name : null;
                List<String> values = Json.texts(expression.getValue(), "value");
                boolean ok = switch (expression.getValue().path("op").asText()) {
                    case "In" -> value != null && values.contains(value);
                    case "NotIn" -> value == null || !values.contains(value);
                    case "Exists" -> value != null;
                    case "DoesNotExist" -> value == null;
                    default -> false;
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }

    /**
     * MCO (openshift/machine-config-operator): the built-in {@code master} and {@code worker} pools plus the tree's
     * pools select nodes by label; a node in a custom pool and {@code worker} belongs to the custom pool, a master
     * stays in {@code master}, a node in two custom pools in none ("node %s belongs to %d custom roles, cannot
     * proceed with this Node", pkg/controller/common/helpers.go GetPoolsForNode). A pool renders the MachineConfigs its machineConfigSelector matches.
     */
    private static List<Pool> machineConfig(ClusterState state) {
        List<Pool> pools = new ArrayList<>();
        for (String role : List.of("master", "worker")) {
            ObjectNode nodeSelector = Json.object();
            nodeSelector.set("matchLabels", Json.object().put("node-role.kubernetes.io/" + role, ""));
            ObjectNode configSelector = Json.object();
            configSelector.set("matchLabels", Json.object().put("machineconfiguration.openshift.io/role", role));
            pools.add(new Pool(role, nodeSelector, configSelector, Map.of(POOL_LABEL + role, ""), Optional.empty()));
        }
        for (ObjectNode pool : state.liveOf("machineconfiguration.openshift.io", "MachineConfigPool")) {
            pools.add(new Pool(Json.text(pool, "metadata", "name"), pool.path("spec").path("nodeSelector"), pool.path("spec").path("machineConfigSelector"),
                    Json.strings(pool, "metadata", "labels"), Optional.of(ObjectRef.of(pool))));
        }
        Map<String, List<String>> members = new TreeMap<>();
        Map<String, String> conflicts = new TreeMap<>();
        for (Node node : state.nodes.values()) {
            if (node.labels.containsKey("node-role.kubernetes.io/master")) {
                node.pool = "master";
            } else {
                List<Pool> custom = pools.stream().filter(p -> p.ref().isPresent() && !p.name().equals("worker") && Selectors.matches(p.nodeSelector(), node.labels)).toList();
                if (custom.size() > 1) {
                    conflicts.put(node.name, "node " + node.name + " belongs to " + custom.size() + " custom roles, cannot proceed with this Node");
                    custom.forEach(p -> conflicts.put(p.name(), conflicts.get(node.name)));
                } else if (custom.size() == 1) {
                    node.pool = custom.get(0).name();
                } else if (node.labels.containsKey("node-role.kubernetes.io/worker")) {
                    node.pool = "worker";
                }
            }
            if (!node.pool.isEmpty()) {
                members.computeIfAbsent(node.pool, k -> new ArrayList<>()).add(node.name);
            }
        }
        List<ObjectNode> configs = state.liveOf("machineconfiguration.openshift.io", "MachineConfig");
        for (Pool pool : pools) {
            List<ObjectNode> rendered = configs.stream().filter(mc -> Selectors.matches(pool.machineConfigSelector(), Json.strings(mc, "metadata", "labels"))).toList();
            for (String member : members.getOrDefault(pool.name(), List.of())) {
                Node node = state.nodes.get(member);
                for (ObjectNode mc : rendered) {
                    apply(node, mc, state);
                }
            }
            pool.ref().ifPresent(ref -> {
                int count = members.getOrDefault(pool.name(), List.of()).size();
                // The render controller names the pool's rendered config in spec.configuration; the node controller
                // copies it to status.configuration once every node runs it (pkg/controller/render, pkg/controller/node).
                ObjectNode configuration = Json.object().put("name", renderedName(pool.name(), rendered));
                configuration.set("source", Json.array());
                rendered.forEach(mc -> ((com.fasterxml.jackson.databind.node.ArrayNode) configuration.get("source")).addObject()
                        .put("apiVersion", "machineconfiguration.openshift.io/v1").put("kind", "MachineConfig").put("name", Json.text(mc, "metadata", "name")));
                state.specWrites.put(ref, Json.object().set("configuration", configuration.deepCopy()));
                ObjectNode status = Json.object();
                status.set("configuration", configuration);
                status.put("machineCount", count).put("readyMachineCount", count).put("updatedMachineCount", count)
                        .put("unavailableMachineCount", 0).put("degradedMachineCount", 0).put("observedGeneration", 1);
                String conflict = conflicts.get(pool.name());
                status.set("conditions", Json.array().add(Json.condition("Updated", conflict == null, "", ""))
                        .add(Json.condition("Updating", false, "", "")).add(Json.condition("Degraded", conflict != null, "", conflict == null ? "" : conflict))
                        .add(Json.condition("NodeDegraded", conflict != null, "", conflict == null ? "" : conflict)));
                state.setStatus(ref, status, conflict == null, conflict == null ? "" : conflict);
            });
        }
        return pools;
    }

    /** {@code rendered-<pool>-<hash>}: a deterministic stand-in for the hash MCO takes of the merged config. */
    private static String renderedName(String pool, List<ObjectNode> configs) {
        StringBuilder names = new StringBuilder();
        configs.forEach(mc -> names.append(Json.text(mc, "metadata", "name")).append(','));
        return "rendered-" + pool + "-" + String.format("%08x", names.toString().hashCode());
    }

    /** What one MachineConfig does to a node: kernel arguments, vfio-pci ids from modprobe.d, driver_override units. */
    private static void apply(Node node, ObjectNode mc, ClusterState state) {
        node.machineConfigs.add(Json.text(mc, "metadata", "name"));
        Json.texts(mc, "spec", "kernelArguments").forEach(node.kernelArguments::add);
        for (JsonNode file : mc.path("spec").path("config").path("storage").path("files")) {
            String contents = decode(Json.text(file, "contents", "source"));
            Matcher ids = VFIO_IDS.matcher(contents);
            while (ids.find()) {
                for (String id : ids.group(1).split(",")) {
                    if (!id.isBlank()) {
                        node.vfioIds.add(id.toLowerCase(java.util.Locale.ROOT));
                    }
                }
            }
        }
        for (JsonNode unit : mc.path("spec").path("config").path("systemd").path("units")) {
            String contents = unit.path("contents").asText();
            Matcher override = DRIVER_OVERRIDE.matcher(contents);
            Matcher host = CONDITION_HOST.matcher(contents);
            boolean here = !host.find() || host.group(1).equals(node.name);
            while (here && override.find()) {
                node.vfioAddresses.add(override.group(1));
            }
        }
    }

    /** RFC 2397 data URL contents: percent-encoded or base64. */
    static String decode(String url) {
        if (!url.startsWith("data:")) {
            return "";
        }
        int comma = url.indexOf(',');
        String meta = url.substring(5, comma);
        String data = url.substring(comma + 1);
        if (meta.endsWith(";base64")) {
            return new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
        }
        return URLDecoder.decode(data.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /**
     * Node Tuning Operator (openshift/cluster-node-tuning-operator pkg/performanceprofile/controller): a
     * PerformanceProfile renders a MachineConfig into the pool its machineConfigPoolSelector names (reboot), huge
     * pages and the isolated CPU set for the nodes its nodeSelector selects, and the static CPU manager policy.
     */
    private static void performanceProfiles(ClusterState state, List<Pool> pools) {
        for (ObjectNode profile : state.liveOf("performance.openshift.io", "PerformanceProfile")) {
            ObjectRef ref = ObjectRef.of(profile);
            JsonNode poolSelector = profile.path("spec").path("machineConfigPoolSelector");
            List<Pool> matched = pools.stream().filter(pool -> Selectors.matchesMap(poolSelector, pool.labels())).toList();
            if (matched.size() != 1) {
                ObjectNode status = Json.object();
                String message = matched.isEmpty() ? "no MachineConfigPool has the labels " + Json.strings(poolSelector)
                        : "more than one MachineConfigPool has the labels " + Json.strings(poolSelector);
                status.set("conditions", Json.array().add(Json.condition("Available", false, "GettingMCPFailed", message))
                        .add(Json.condition("Degraded", true, "GettingMCPFailed", message)));
                state.setStatus(ref, status, false, message);
                continue;
            }
            String pool = matched.get(0).name();
            int isolated = cpuCount(Json.text(profile, "spec", "cpu", "isolated"));
            for (Node node : state.nodes.values()) {
                if (!node.pool.equals(pool)) {
                    continue;
                }
                node.machineConfigs.add("50-performance-" + ref.name());
                if (!Selectors.matchesMap(profile.path("spec").path("nodeSelector"), node.labels)) {
                    continue;
                }
                node.performanceProfile = ref.name();
                node.dedicatedCpus = isolated;
                for (JsonNode pages : profile.path("spec").path("hugepages").path("pages")) {
                    node.hugepages.merge(Quantities.pageSize(pages.path("size").asText()), pages.path("count").asLong(), Long::sum);
                }
            }
            state.setStatus(ref, Operands.conditions(true), true, "");
        }
    }

    /** Number of CPUs in a Linux CPU list such as {@code 4-191,196-383}. */
    static int cpuCount(String list) {
        int count = 0;
        for (String part : list.split(",")) {
            part = part.trim();
            if (part.isEmpty()) {
                continue;
            }
            int dash = part.indexOf('-');
            count += dash < 0 ? 1 : Integer.parseInt(part.substring(dash + 1).trim()) - Integer.parseInt(part.substring(0, dash).trim()) + 1;
        }
        return count;
    }

    /**
     * kubernetes-nmstate's handler applies a NodeNetworkConfigurationPolicy on the nodes its nodeSelector selects
     * and reports conditions (api/shared/nodenetworkconfigurationpolicy_types.go): Available/SuccessfullyConfigured,
     * or Ignored/NoMatchingNode when no node matches.
     */
    private static void nncp(ClusterState state) {
        for (ObjectNode policy : state.liveOf("nmstate.io", "NodeNetworkConfigurationPolicy")) {
            ObjectRef ref = ObjectRef.of(policy);
            List<Node> matched = state.nodes.values().stream().filter(node -> Selectors.matchesMap(policy.path("spec").path("nodeSelector"), node.labels)).toList();
            ObjectNode status = Json.object();
            if (matched.isEmpty()) {
                status.set("conditions", Json.array().add(Json.condition("Ignored", true, "NoMatchingNode", "Policy does not match any node"))
                        .add(Json.condition("Available", false, "NoMatchingNode", "")));
                state.setStatus(ref, status, false, "its nodeSelector " + Json.strings(policy, "spec", "nodeSelector") + " matches no node");
                continue;
            }
            for (Node node : matched) {
                for (JsonNode iface : policy.path("spec").path("desiredState").path("interfaces")) {
                    if (iface.path("type").asText().equals("linux-bridge") && !iface.path("state").asText().equals("absent")) {
                        node.bridges.add(iface.path("name").asText());
                    }
                }
            }
            String message = matched.size() + "/" + matched.size() + " nodes successfully configured";
            status.set("conditions", Json.array().add(Json.condition("Available", true, "SuccessfullyConfigured", message))
                    .add(Json.condition("Degraded", false, "SuccessfullyConfigured", "")).add(Json.condition("Progressing", false, "SuccessfullyConfigured", "")));
            state.setStatus(ref, status, true, "");
        }
    }

    /**
     * The SR-IOV config daemon runs on the nodes the SriovOperatorConfig's configDaemonNodeSelector selects (the
     * operator's own default config selects every node) and publishes a SriovNetworkNodeState listing their PFs.
     */
    private static void sriovDaemon(ClusterState state) {
        String namespace = state.operators.get("sriov-network-operator");
        if (namespace == null) {
            return;
        }
        Optional<ObjectNode> config = state.get("sriovnetwork.openshift.io", "SriovOperatorConfig", namespace, Operands.SRIOV_CONFIG_NAME);
        Map<String, String> selector = config.map(c -> Json.strings(c, "spec", "configDaemonNodeSelector")).orElse(new LinkedHashMap<>());
        for (Node node : state.nodes.values()) {
            node.sriovDaemon = selector.entrySet().stream().allMatch(e -> e.getValue().equals(node.labels.get(e.getKey())));
        }
    }
}

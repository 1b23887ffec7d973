package dev.pulse.render.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.model.StorageDefaults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the VMs: virt-controller turns a VirtualMachine with runStrategy Always into a launcher pod whose
 * requests are the devices, VFs, huge pages and dedicated CPUs the VM asks for (kubevirt/kubevirt
 * pkg/virt-controller/services/template.go, renderresources.go), and the scheduler puts it on the first node, in
 * name order, whose nodeSelector matches and that still has all of it free. VMs are placed in namespace/name order.
 * Claims and DataVolumes bind when their volume or storage class exists.
 */
final class Scheduler {

    /** What one VM's launcher pod requests. */
    record Demand(Map<String, Long> resources, Map<String, String> nodeSelector, List<String> problems, Set<String> vfioResources) {}

    private Scheduler() {}

    static void reconcile(ClusterState state) {
        claims(state);
        for (ObjectNode vm : state.liveOf("kubevirt.io", "VirtualMachine")) {
            ObjectRef ref = ObjectRef.of(vm);
            String strategy = Json.text(vm, "spec", "runStrategy");
            boolean runs = strategy.isEmpty() ? vm.path("spec").path("running").asBoolean(false) : Set.of("Always", "RerunOnFailure", "Once").contains(strategy);
            ObjectNode status = Json.object();
            if (!runs) {
                status.put("created", false).put("ready", false).put("printableStatus", "Stopped");
                status.set("conditions", Json.array().add(Json.condition("Ready", false, "VMINotExists", "VMI does not exist")));
                state.setStatus(ref, status, true, "");
                continue;
            }
            Demand demand = demand(state, vm);
            String why;
            if (!demand.problems().isEmpty()) {
                why = String.join("; ", demand.problems());
            } else {
                why = place(state, demand);
                if (!why.isEmpty() && capacityOnly(state, demand)) {
                    state.capacityOnly.add(ref);
                }
            }
            if (why.isEmpty()) {
                status.put("created", true).put("ready", true).put("printableStatus", "Running");
                status.set("conditions", Json.array().add(Json.condition("Ready", true, "", "")));
                state.setStatus(ref, status, true, "");
            } else {
                status.put("created", true).put("ready", false).put("printableStatus", "ErrorUnschedulable");
                status.set("conditions", Json.array().add(Json.condition("Ready", false, "Unschedulable", why)));
                state.setStatus(ref, status, false, why);
            }
        }
    }

    /** The first node that fits, in name order, taking what the VM uses; "" when placed, else why no node fits. */
    private static String place(ClusterState state, Demand demand) {
        List<String> reasons = new ArrayList<>();
        for (Node node : state.nodes.values()) {
            if (!node.matches(demand.nodeSelector())) {
                continue;
            }
            if (!node.labels.containsKey("node-role.kubernetes.io/worker")) {
                // OpenShift taints control-plane nodes that are not also workers node-role.kubernetes.io/master:NoSchedule.
                reasons.add(node.name + ": node-role.kubernetes.io/master:NoSchedule taint");
                continue;
            }
            List<String> short_ = new ArrayList<>();
            demand.resources().forEach((resource, amount) -> {
                if (node.free(resource) < amount) {
                    String why = node.missingWhy.get(resource);
                    if (why == null && resource.startsWith("nvidia.com/NVIDIA_")) {
                        why = node.missingWhy.get("vgpu");
                    }
                    short_.add(resource + ": " + amount + " asked, " + Math.max(0, node.free(resource)) + " free of " + node.allocatable.getOrDefault(resource, 0L)
                            + (why == null ? "" : " (" + why + ")"));
                }
            });
            for (String resource : demand.vfioResources()) {
                String type = node.vfDeviceTypes.get(resource);
                if (type != null && !type.equals("vfio-pci")) {
                    short_.add(resource + " VFs have deviceType " + type + "; KubeVirt's SR-IOV binding passes vfio-pci VFs only");
                }
            }
            if (short_.isEmpty()) {
                demand.resources().forEach((resource, amount) -> node.used.merge(resource, amount, Long::sum));
                return "";
            }
            reasons.add(node.name + ": " + String.join(", ", short_));
        }
        if (reasons.isEmpty()) {
            return "no node matches its nodeSelector " + demand.nodeSelector();
        }
        return "0/" + reasons.size() + " nodes fit: " + String.join("; ", reasons);
    }

    /** Whether some matching node advertises every resource asked for, so only what other VMs took is missing. */
    private static boolean capacityOnly(ClusterState state, Demand demand) {
        return state.nodes.values().stream().filter(node -> node.matches(demand.nodeSelector()))
                .anyMatch(node -> demand.resources().entrySet().stream().allMatch(e -> node.allocatable.getOrDefault(e.getKey(), 0L) >= e.getValue()));
    }

    static Demand demand(ClusterState state, ObjectNode vm) {
        JsonNode spec = vm.path("spec").path("template").path("spec");
        String namespace = Json.text(vm, "metadata", "namespace");
        Map<String, Long> resources = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        Set<String> vfio = new TreeSet<>();
        JsonNode devices = spec.path("domain").path("devices");
        Stream.concat(Json.list(devices, "gpus").stream(), Json.list(devices, "hostDevices").stream())
                .forEach(device -> resources.merge(device.path("deviceName").asText(), 1L, Long::sum));
        Map<String, JsonNode> networks = new LinkedHashMap<>();
        spec.path("networks").forEach(network -> networks.put(network.path("name").asText(), network));
        for (JsonNode iface : devices.path("interfaces")) {
            JsonNode network = networks.get(iface.path("name").asText());
            if (network == null || !network.has("multus")) {
                continue;
            }
            String target = network.path("multus").path("networkName").asText();
            String key = target.contains("/") ? target : namespace + "/" + target;
            String resource = state.attachments.get(key);
            if (resource == null) {
                problems.add("failed to locate network attachment definition " + key);
                continue;
            }
            if (!resource.isEmpty()) {
                resources.merge(resource, 1L, Long::sum);
                if (iface.has("sriov")) {
                    vfio.add(resource);
                }
            }
        }
        JsonNode memory = spec.path("domain").path("memory");
        String pageSize = memory.path("hugepages").path("pageSize").asText("");
        if (!pageSize.isEmpty()) {
            String guest = memory.path("guest").asText(Json.text(spec, "domain", "resources", "requests", "memory"));
            resources.merge("hugepages-" + Quantities.pageSize(pageSize), Quantities.bytes(guest), Long::sum);
        }
        JsonNode cpu = spec.path("domain").path("cpu");
        if (cpu.path("dedicatedCpuPlacement").asBoolean(false)) {
            long vcpus = (long) cpu.path("cores").asInt(1) * cpu.path("sockets").asInt(1) * cpu.path("threads").asInt(1);
            resources.merge(Devices.DEDICATED_CPUS, vcpus + (cpu.path("isolateEmulatorThread").asBoolean(false) ? 1 : 0), Long::sum);
        }
        secrets(spec).forEach(secret -> secret(state, namespace, secret).ifPresent(problems::add));
        for (JsonNode template : vm.path("spec").path("dataVolumeTemplates")) {
            storageClass(state, template.path("spec").path("storage").path("storageClassName").asText(
                    template.path("spec").path("pvc").path("storageClassName").asText(""))).ifPresent(problems::add);
        }
        for (JsonNode volume : spec.path("volumes")) {
            String claim = volume.path("persistentVolumeClaim").path("claimName").asText("");
            if (!claim.isEmpty() && state.get("", "PersistentVolumeClaim", namespace, claim).isEmpty()) {
                problems.add("PersistentVolumeClaim " + namespace + "/" + claim + " not found");
            }
        }
        // virt-handler runs only where HCO's workloads nodePlacement allows, and VMs run only where it does.
        Map<String, String> nodeSelector = new TreeMap<>(Json.strings(spec, "nodeSelector"));
        state.liveOf("hco.kubevirt.io", "HyperConverged").forEach(hco -> nodeSelector.putAll(Json.strings(hco, "spec", "workloads", "nodePlacement", "nodeSelector")));
        return new Demand(resources, nodeSelector, problems, vfio);
    }

    /** Secrets a VM reads: access credentials and cloud-init user/network data references. */
    private static List<String> secrets(JsonNode spec) {
        List<String> names = new ArrayList<>();
        for (JsonNode credential : spec.path("accessCredentials")) {
            for (String method : List.of("sshPublicKey", "userPassword")) {
                String name = Json.text(credential, method, "source", "secret", "secretName");
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        for (JsonNode volume : spec.path("volumes")) {
            for (String source : List.of("cloudInitNoCloud", "cloudInitConfigDrive")) {
                for (String ref : List.of("userDataSecretRef", "networkDataSecretRef")) {
                    String name = Json.text(volume, source, ref, "name");
                    if (!name.isEmpty()) {
                        names.add(name);
                    }
                }
            }
        }
        return names.stream().distinct().collect(Collectors.toList());
    }

    /** A Secret exists when the tree applied it, or the model names it as one the user provides (assumed, listed). */
    private static java.util.Optional<String> secret(ClusterState state, String namespace, String name) {
        if (state.get("", "Secret", namespace, name).isPresent()) {
            return java.util.Optional.empty();
        }
        var access = state.cluster.access();
        if (access.sshKeys().filter(name::equals).isPresent() || access.passwords().filter(name::equals).isPresent()) {
            state.assumed.add("Secret " + namespace + "/" + name + " (named by the model's access settings)");
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("Secret " + namespace + "/" + name + " not found: neither in the tree nor named by the model as one the user provides");
    }

    /** A storage class exists when the tree has it or the model names it (assumed, listed); "" is the cluster default. */
    private static java.util.Optional<String> storageClass(ClusterState state, String name) {
        StorageDefaults storage = state.cluster.storage();
        if (name.isEmpty()) {
            state.assumed.add("a default StorageClass");
            return java.util.Optional.empty();
        }
        if (state.get("storage.k8s.io", "StorageClass", "", name).isPresent() || state.storageClasses.containsKey(name)) {
            return java.util.Optional.empty();
        }
        if (storage.backend().filter(backend -> backend.storageClass().equals(name)).isPresent()) {
            return java.util.Optional.of("StorageClass " + name + " does not exist yet: the " + storage.backend().get().type().keyword()
                    + " backend makes it once its instance is ready");
        }
        if (name.equals(storage.storageClass()) || storage.otherClasses().stream().anyMatch(c -> c.name().equals(name))) {
            state.assumed.add("StorageClass " + name + " (named by the model's storage settings)");
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("StorageClass " + name + " not found: neither in the tree nor named by the model");
    }

    /**
     * PersistentVolumeClaims bind to the PersistentVolume they name or whose labels their selector matches, or are
     * provisioned by their storage class; standalone DataVolumes import once their claim binds.
     */
    private static void claims(ClusterState state) {
        for (ObjectNode volume : state.liveOf("", "PersistentVolume")) {
            state.setStatus(ObjectRef.of(volume), Json.object().put("phase", "Bound"), true, "");
        }
        for (ObjectNode claim : state.liveOf("", "PersistentVolumeClaim")) {
            ObjectRef ref = ObjectRef.of(claim);
            String volumeName = Json.text(claim, "spec", "volumeName");
            JsonNode selector = claim.path("spec").path("selector");
            boolean bound;
            String why = "";
            if (!volumeName.isEmpty()) {
                bound = state.get("", "PersistentVolume", "", volumeName).isPresent();
                why = "PersistentVolume " + volumeName + " not found";
            } else if (!selector.isMissingNode() && !selector.isEmpty()) {
                bound = state.liveOf("", "PersistentVolume").stream().anyMatch(pv -> Selectors.matches(selector, Json.strings(pv, "metadata", "labels")));
                why = "no PersistentVolume matches its selector";
            } else {
                java.util.Optional<String> problem = storageClass(state, Json.text(claim, "spec", "storageClassName"));
                bound = problem.isEmpty();
                why = problem.orElse("");
            }
            state.setStatus(ref, Json.object().put("phase", bound ? "Bound" : "Pending"), bound, why);
        }
        for (ObjectNode dataVolume : state.liveOf("cdi.kubevirt.io", "DataVolume")) {
            ObjectRef ref = ObjectRef.of(dataVolume);
            java.util.Optional<String> problem = storageClass(state, dataVolume.path("spec").path("storage").path("storageClassName").asText(""));
            ObjectNode status = Json.object().put("phase", problem.isEmpty() ? "Succeeded" : "Pending").put("progress", problem.isEmpty() ? "100.0%" : "N/A");
            status.set("conditions", Json.array().add(Json.condition("Bound", problem.isEmpty(), "", ""))
                    .add(Json.condition("Ready", problem.isEmpty(), "", "")).add(Json.condition("Running", false, "Completed", "")));
            state.setStatus(ref, status, problem.isEmpty(), problem.orElse(""));
        }
    }
}

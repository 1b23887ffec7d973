package dev.pulse.render.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.model.Fleet;
import dev.pulse.model.ResolvedCluster;
import dev.pulse.model.ResolvedHost;
import dev.pulse.model.Vm;
import dev.pulse.model.diag.Diagnostic;
import dev.pulse.model.diag.Location;
import dev.pulse.model.diag.Rule;
import dev.pulse.render.tree.Rendering;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What applying a render does to running clusters, compared with the render before it: which nodes
 * reboot (a MachineConfig or PerformanceProfile of their pool changed; the VF count of a NIC whose
 * firmware applies it at boot changed), which VMs restart (their template changed) or are recreated or
 * deleted, which other objects are deleted. Reviewers read it in SUMMARY.md; render and check print the
 * reboots ({@link Rule#REBOOT}), deletions and kept disks ({@link Rule#DELETE}) as {@link #diagnostics() warnings}
 * located at the model value that causes them.
 *
 * @param reboots one line per cluster and cause
 * @param vmRestarts VMs whose running instance must restart to pick up the change
 * @param deletions objects the sync will delete (disks first: their data is gone for good)
 * @param keptDisks disks the model no longer renders that the sync keeps (Prune=false), and disks that need a
 *     step by hand to stay safe; each line says how to finish
 * @param diagnostics one warning per reboot, deletion and kept disk, sorted by location: at the host whose profile
 *     reboots (its {@code profile} value), the VM that goes (its {@code retired} value, or its cluster's {@code vms}
 *     when it left the model), else the cluster or the fleet file
 */
public record Impact(List<String> reboots, List<String> vmRestarts, List<String> deletions, List<String> keptDisks, List<Diagnostic> diagnostics) {

    public static final Impact NONE = new Impact(List.of(), List.of(), List.of(), List.of(), List.of());

    public Impact {
        reboots = List.copyOf(reboots);
        vmRestarts = List.copyOf(vmRestarts);
        deletions = List.copyOf(deletions);
        keptDisks = List.copyOf(keptDisks);
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean isEmpty() {
        return reboots.isEmpty() && vmRestarts.isEmpty() && deletions.isEmpty() && keptDisks.isEmpty();
    }

    /** Whether a sync annotation of {@code object} protects it from pruning (see WorkloadsLayer's DataVolumes). */
    private static boolean protectedFromPrune(JsonNode object) {
        return java.util.Arrays.stream(object.at("/metadata/annotations/argocd.argoproj.io~1sync-options").asText("").split(","))
                .anyMatch(option -> option.trim().equals("Prune=false"));
    }

    /** The impact of going from {@code previous} (per {@code cluster/layer}) to {@code next}. */
    public static Impact between(Map<String, List<ObjectNode>> previous, Rendering next) {
        if (previous.isEmpty()) {
            return NONE;
        }
        Fleet fleet = next.fleet();
        Map<String, List<ObjectNode>> current = new TreeMap<>();
        next.layers().forEach(layer -> current.put(layer.cluster() + "/" + layer.layer(), layer.objects()));
        // each line with where in the model its cause stands (the first place, when several objects give the same line)
        Located reboots = new Located();
        TreeSet<String> restarts = new TreeSet<>();
        Located deletions = new Located();
        Located diskDeletions = new Located();
        Located keptDisks = new Located();
        TreeSet<String> keys = new TreeSet<>(previous.keySet());
        keys.addAll(current.keySet());
        for (String key : keys) {
            String cluster = key.substring(0, key.indexOf('/'));
            Map<String, ObjectNode> before = byIdentity(previous.getOrDefault(key, List.of()));
            Map<String, ObjectNode> after = byIdentity(current.getOrDefault(key, List.of()));
            TreeSet<String> ids = new TreeSet<>(before.keySet());
            ids.addAll(after.keySet());
            for (String id : ids) {
                ObjectNode old = before.get(id);
                ObjectNode now = after.get(id);
                if (Objects.equals(old, now)) {
                    continue;
                }
                ObjectNode any = now != null ? now : old;
                String change = old == null ? "added" : now == null ? "removed" : "changed";
                String name = any.path("kind").asText() + " " + any.at("/metadata/name").asText();
                switch (any.path("kind").asText()) {
                    case "MachineConfig" -> {
                        String pool = any.at("/metadata/labels/machineconfiguration.openshift.io~1role").asText();
                        reboots.add(cluster + ": every node of pool " + pool + " reboots (" + name + " " + change + ")", hostsOfProfile(fleet, cluster, pool));
                    }
                    case "PerformanceProfile" -> reboots.add(cluster + ": every node of pool " + pool(any) + " reboots (" + name + " " + change + ")",
                            hostsOfProfile(fleet, cluster, pool(any)));
                    case "SriovNetworkNodePolicy" -> {
                        if ((old == null || now == null || old.at("/spec/numVfs").asInt() != now.at("/spec/numVfs").asInt()) && rebootsOnVfChange(fleet, any)) {
                            reboots.add(cluster + ": " + hostsOf(fleet, cluster, any) + " reboot" + (hostsOf(fleet, cluster, any).startsWith("host ") ? "s" : "")
                                    + " (" + name + " " + change + ": the NIC's firmware applies a new VF count at boot)",
                                    hostsOfProfile(fleet, cluster, any.at("/spec/nodeSelector/pulse.dev~1hardware-profile").asText()));
                        }
                    }
                    case "OpenStackDataPlaneNodeSet" -> {
                        // edpm_kernel role: new kernel arguments need a reboot, which the reboot-os service performs
                        String args = "/spec/nodeTemplate/ansible/ansibleVars/edpm_kernel_args";
                        if (now != null && !now.at(args).isMissingNode() && (old == null || !old.at(args).equals(now.at(args)))) {
                            reboots.add(cluster + ": the EDPM nodes of NodeSet " + any.at("/metadata/name").asText()
                                    + " reboot when the next data plane Deployment runs (kernel arguments " + (old == null ? "added" : "changed") + ")",
                                    hostsOfProfile(fleet, cluster, any.at("/metadata/name").asText())); // a NodeSet per hardware profile
                        }
                    }
                    case "VirtualMachine" -> {
                        String vm = cluster + "/" + any.at("/metadata/name").asText();
                        List<String> owned = new ArrayList<>();
                        (old == null ? now : old).at("/spec/dataVolumeTemplates").forEach(t -> owned.add(t.at("/metadata/name").asText()));
                        if (now == null) {
                            deletions.add(vm + " (VirtualMachine" + (owned.isEmpty() ? " only: its disks are DataVolumes of their own"
                                    : ", with the DataVolumes it owns: " + String.join(", ", owned)) + ")", vmOf(fleet, cluster, any.at("/metadata/name").asText()));
                        } else if (old != null && !owned.isEmpty() && now.at("/spec/dataVolumeTemplates").isMissingNode()) {
                            // A render before issue 20: the disk was a template, now it is a DataVolume of its own.
                            String namespace = now.at("/metadata/namespace").asText();
                            owned.forEach(disk -> keptDisks.add(cluster + ": DataVolume " + disk + " in " + namespace + " becomes a DataVolume of its own, "
                                    + "but KubeVirt keeps VirtualMachine " + now.at("/metadata/name").asText() + " as its owner (kubevirt/kubevirt#18745), so "
                                    + "deleting the VM would still delete it: once synced, run `oc -n " + namespace + " patch datavolume " + disk
                                    + " --type=json -p '[{\"op\":\"remove\",\"path\":\"/metadata/ownerReferences\"}]'`",
                                    vmOf(fleet, cluster, now.at("/metadata/name").asText())));
                            if (!old.at("/spec/template").equals(now.at("/spec/template"))) {
                                restarts.add(vm + " restarts to apply its new spec");
                            }
                        } else if (old != null && !old.at("/spec/dataVolumeTemplates").equals(now.at("/spec/dataVolumeTemplates"))) {
                            restarts.add(vm + " is recreated: its disk template changed");
                        } else if (old != null && !old.at("/spec/template").equals(now.at("/spec/template"))) {
                            restarts.add(vm + " restarts to apply its new spec");
                        }
                    }
                    case "DataVolume" -> {
                        String disk = "DataVolume " + any.at("/metadata/name").asText() + " in " + any.at("/metadata/namespace").asText();
                        Location at = diskOf(fleet, cluster, any.at("/metadata/name").asText());
                        if (now == null && protectedFromPrune(old)) {
                            keptDisks.add(cluster + ": " + disk + " is no longer rendered but stays on the cluster (Prune=false; Argo CD shows it "
                                    + "OutOfSync): to use it again, put its vm back in the model; to delete it, put the vm back with "
                                    + "'retired: delete-disks', sync, then remove the entry", at);
                        } else if (now == null) {
                            diskDeletions.add(cluster + ": " + disk + " and its data", at);
                        } else if (old != null && !old.at("/spec").equals(now.at("/spec"))) {
                            // CDI's webhook refuses changes to an existing DataVolume's spec: the sync would fail on it.
                            keptDisks.add(cluster + ": " + disk + " changed its source or size, but CDI does not change an existing DataVolume "
                                    + "(Argo CD's sync fails on it) and the disk keeps its data: to import afresh, retire the vm with "
                                    + "'retired: delete-disks', sync, remove it, then add it again", at);
                        }
                        if (old != null && now != null && protectedFromPrune(old) && !protectedFromPrune(now)) {
                            diskDeletions.add(cluster + ": " + disk + " loses its protection (retired: delete-disks): the sync after its vm leaves "
                                    + "the model deletes it and its data", at);
                        }
                    }
                    default -> {
                    }
                }
                if (now == null && !any.path("kind").asText().equals("VirtualMachine") && !any.path("kind").asText().equals("DataVolume")) {
                    deletions.add(cluster + ": " + name + (any.at("/metadata/namespace").isMissingNode() ? "" : " in " + any.at("/metadata/namespace").asText()),
                            clusterOf(fleet, cluster));
                }
            }
        }
        List<String> allDeletions = new ArrayList<>(diskDeletions.lines());
        allDeletions.addAll(deletions.lines());
        List<Diagnostic> diagnostics = Stream.of(
                reboots.diagnostics(Rule.REBOOT, "node reboot: ", "merge when these nodes may drain and reboot: the operators take them one at a time"),
                diskDeletions.diagnostics(Rule.DELETE, "deleted by the sync: ", "to keep the data, put the vm back with 'retired: keep-disks'"),
                deletions.diagnostics(Rule.DELETE, "deleted by the sync: ", "if it should stay, put it back in the model"),
                keptDisks.diagnostics(Rule.DELETE, "disk kept: ", "")).flatMap(List::stream).sorted(Diagnostic.BY_LOCATION).toList();
        return new Impact(reboots.lines(), List.copyOf(restarts), allDeletions, keptDisks.lines(), diagnostics);
    }

    /** Impact lines in order, each with the model location of its cause. */
    private static final class Located {

        private final TreeMap<String, Location> lines = new TreeMap<>();

        void add(String line, Location at) {
            lines.putIfAbsent(line, at);
        }

        List<String> lines() {
            return List.copyOf(lines.keySet());
        }

        List<Diagnostic> diagnostics(Rule rule, String what, String hint) {
            return lines.entrySet().stream().map(line -> new Diagnostic(rule, rule.severity(), line.getValue(), what + line.getKey(), hint)).toList();
        }
    }

    /**
     * Where the hosts of hardware profile (or pool) {@code profile} are written: the {@code profile} value of the first
     * such host of the cluster, or of its first host when none has that profile (pools named master or worker).
     */
    private static Location hostsOfProfile(Fleet fleet, String clusterName, String profile) {
        Optional<ResolvedCluster> cluster = fleet.cluster(clusterName);
        List<ResolvedHost> hosts = cluster.map(ResolvedCluster::hosts).orElse(List.of());
        return hosts.stream().filter(h -> h.profile().name().equals(profile)).findFirst().or(() -> hosts.stream().findFirst())
                .map(h -> h.spec().source().of("profile")).orElseGet(() -> clusterOf(fleet, clusterName));
    }

    /** Where VM {@code name} is retired, or the cluster's VM list it left. */
    private static Location vmOf(Fleet fleet, String clusterName, String name) {
        return fleet.cluster(clusterName).flatMap(c -> Stream.concat(c.retiredVms().stream(), c.vms().stream().map(v -> v.spec()))
                .filter(vm -> vm.name().equals(name)).findFirst().map(Impact::placeOf).or(() -> Optional.of(c.source().of("vms"))))
                .orElseGet(() -> clusterOf(fleet, clusterName));
    }

    /** Where the VM owning DataVolume {@code dataVolume} ({@code <vm>-<disk>}) stands, as {@link #vmOf}. */
    private static Location diskOf(Fleet fleet, String clusterName, String dataVolume) {
        return fleet.cluster(clusterName).flatMap(c -> Stream.concat(c.retiredVms().stream(), c.vms().stream().map(v -> v.spec()))
                .filter(vm -> dataVolume.startsWith(vm.name() + "-")).max(java.util.Comparator.comparingInt(vm -> vm.name().length())) // app-02 over app
                .map(Impact::placeOf).or(() -> Optional.of(c.source().of("vms"))))
                .orElseGet(() -> clusterOf(fleet, clusterName));
    }

    private static Location placeOf(Vm vm) {
        return vm.retired().isPresent() ? vm.source().of("retired") : vm.source().at();
    }

    /** The cluster's mapping, or the fleet file when the cluster left the model. */
    private static Location clusterOf(Fleet fleet, String clusterName) {
        return fleet.cluster(clusterName).map(c -> c.source().at()).orElseGet(() -> fleet.source().at());
    }

    /** Whether the policy's NIC (by vendor and device id) is a catalog device whose VF count changes need a reboot. */
    private static boolean rebootsOnVfChange(Fleet fleet, JsonNode policy) {
        String id = policy.at("/spec/nicSelector/vendor").asText() + ":" + policy.at("/spec/nicSelector/deviceID").asText();
        return fleet.catalog().devices().values().stream().anyMatch(d -> d.pci().toString().equals(id) && d.vfChangeReboots());
    }

    private static String pool(JsonNode profile) {
        String selector = profile.at("/spec/machineConfigPoolSelector").fieldNames().hasNext()
                ? profile.at("/spec/machineConfigPoolSelector").fieldNames().next() : "";
        return selector.substring(selector.lastIndexOf('/') + 1);
    }

    private static String hostsOf(Fleet fleet, String clusterName, JsonNode policy) {
        String profile = policy.at("/spec/nodeSelector/pulse.dev~1hardware-profile").asText();
        List<String> hosts = new ArrayList<>();
        fleet.cluster(clusterName).map(ResolvedCluster::hosts).orElse(List.of()).stream().filter(h -> h.profile().name().equals(profile)).map(ResolvedHost::name).forEach(hosts::add);
        return hosts.isEmpty() ? "hosts of profile " + profile : "host" + (hosts.size() == 1 ? " " : "s ") + String.join(", ", hosts);
    }

    private static Map<String, ObjectNode> byIdentity(List<ObjectNode> objects) {
        Map<String, ObjectNode> map = new TreeMap<>();
        objects.forEach(o -> map.put(o.path("apiVersion").asText() + "/" + o.path("kind").asText() + "/" + o.at("/metadata/namespace").asText("")
                + "/" + o.at("/metadata/name").asText(), o));
        return map;
    }
}

package dev.pulse.model.rules;

import dev.pulse.model.Catalog;
import dev.pulse.model.Cluster;
import dev.pulse.model.FleetSpec;
import dev.pulse.model.HardwareProfile;
import dev.pulse.model.Host;
import dev.pulse.model.Role;
import dev.pulse.model.Vm;
import dev.pulse.model.diag.Diagnostics;
import dev.pulse.model.diag.Rule;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * PULSE-CPU-SETS: the reserved and isolated CPU lists a PerformanceProfile gets are well-formed cpuset lists that
 * fit the host, are there wherever dedicated CPUs or huge pages need them, agree within a pool, and isolate enough
 * CPUs for the dedicated vCPUs pinned to a host.
 */
final class CpuRules {

    private final Diagnostics diagnostics;

    CpuRules(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** The CPU lists of every hardware profile. */
    void checkCatalog(Catalog catalog) {
        for (HardwareProfile profile : catalog.hardwareProfiles().values()) {
            checkCpuLists(profile);
            checkCpuSets(profile);
        }
    }

    /** PULSE-CPU-SETS: reserved and isolated CPU lists are cpuset lists ({@code 0-3,8}) and come together. */
    private void checkCpuSets(HardwareProfile profile) {
        for (Optional<String> cpus : List.of(profile.reservedCpus(), profile.isolatedCpus())) {
            cpus.filter(list -> !list.matches("\\d+(-\\d+)?(,\\d+(-\\d+)?)*")).ifPresent(list -> diagnostics.error(Rule.CPU_SETS,
                    profile.source().of("cpu"), "hardware profile '" + profile.name() + "' has CPU list '" + list + "', which is not a cpuset list",
                    "write CPU numbers and ranges separated by commas, e.g. 0-1,64-65"));
        }
        if (profile.reservedCpus().isPresent() != profile.isolatedCpus().isPresent()) {
            diagnostics.error(Rule.CPU_SETS, profile.source().of("cpu"), "hardware profile '" + profile.name() + "' sets only one of cpu.reserved and cpu.isolated",
                    "set both: the PerformanceProfile needs the CPUs kept for the host and the CPUs for pinned vCPUs");
        }
    }

    /**
     * PULSE-CPU-SETS: a profile's CPU lists lie inside its CPUs and do not overlap (NTO refuses overlapping
     * reserved and isolated sets: cluster-node-tuning-operator performanceprofile_validation.go validateCPUs).
     */
    private void checkCpuLists(HardwareProfile profile) {
        Optional<BitSet> reserved = profile.reservedCpus().flatMap(CpuRules::cpus);
        Optional<BitSet> isolated = profile.isolatedCpus().flatMap(CpuRules::cpus);
        String what = "hardware profile '" + profile.name() + "'";
        if (reserved.isPresent() && isolated.isPresent() && reserved.get().intersects(isolated.get())) {
            diagnostics.error(Rule.CPU_SETS, profile.source().of("cpu"), what + " reserves and isolates the same CPUs",
                    "make cpu.reserved and cpu.isolated disjoint");
        }
        if (profile.cpuCount() > 0) {
            for (Optional<BitSet> set : List.of(reserved, isolated)) {
                if (set.isPresent() && set.get().length() > profile.cpuCount()) {
                    diagnostics.error(Rule.CPU_SETS, profile.source().of("cpu"), what + " names CPU " + (set.get().length() - 1)
                            + ", but has " + profile.cpuCount() + " CPUs (0-" + (profile.cpuCount() - 1) + ")", "fix cpu.reserved/cpu.isolated or cpu.count");
                }
            }
        }
    }

    /**
     * PULSE-CPU-SETS: dedicated vCPUs and huge pages need a PerformanceProfile, one per MachineConfigPool,
     * so every host of the pool needs the same reserved/isolated CPU lists (on standard clusters each hardware
     * profile has its own pool; compact and single-node ones share master).
     * Source: OpenShift Virtualization, "Enabling dedicated resources for virtual machines" (seed 001 "Next").
     */
    void checkDedicatedCpus(FleetSpec fleet, Cluster cluster, Map<String, HardwareProfile> profiles) {
        Optional<Vm> needing = cluster.vms().stream().filter(vm -> fleet.role(vm)
                .map(role -> role.dedicatedCpu() || !role.hugepages().isEmpty()).orElse(false)).findFirst();
        if (needing.isEmpty()) {
            return;
        }
        // On standard clusters each profile has its own pool, so only hosts such a VM may run on need the lists (its pinned
        // host; every host for an unpinned one); compact and single-node clusters have one pool, and so one PerformanceProfile.
        List<Vm> needingVms = cluster.vms().stream().filter(vm -> fleet.catalog().role(vm.role())
                .map(role -> role.dedicatedCpu() || !role.hugepages().isEmpty()).orElse(false)).toList();
        boolean everyHost = !cluster.topology().customPools() || needingVms.stream().anyMatch(vm -> vm.host().isEmpty());
        Set<String> runHosts = needingVms.stream().flatMap(vm -> vm.host().stream()).collect(Collectors.toSet());
        Set<String> cpuSets = new TreeSet<>();
        for (Map.Entry<String, HardwareProfile> host : profiles.entrySet()) {
            HardwareProfile profile = host.getValue();
            if (!everyHost && !runHosts.contains(host.getKey())) {
                continue;
            }
            if (profile.reservedCpus().isEmpty() || profile.isolatedCpus().isEmpty()) {
                diagnostics.error(Rule.CPU_SETS, cluster.host(host.getKey()).orElseThrow().source().of("profile"), "vm '" + needing.get().name()
                        + "' needs dedicated CPUs or huge pages, but host '" + host.getKey() + "' (profile '" + profile.name() + "') has no cpu.reserved/cpu.isolated",
                        "add 'cpu: {vendor: ..., reserved: 0-1, isolated: 2-31}' to the profile: the PerformanceProfile of the pool needs them");
            } else {
                cpuSets.add(profile.reservedCpus().get() + " / " + profile.isolatedCpus().get());
            }
        }
        if (cpuSets.size() > 1 && !cluster.topology().customPools()) {
            diagnostics.error(Rule.CPU_SETS, cluster.source().of("hosts"), "hosts of cluster '" + cluster.name() + "' share one MachineConfigPool but have different "
                    + "reserved/isolated CPU lists (" + String.join("; ", cpuSets) + ")", "give their hardware profiles the same CPU lists, or split the hosts into clusters");
        }
    }

    /**
     * PULSE-CPU-SETS: the dedicated vCPUs pinned to a host fit its isolated CPUs: each takes one, plus one for an isolated emulator
     * thread (KubeVirt dedicated CPU placement), else the VM never schedules.
     */
    void checkDedicatedCapacity(FleetSpec fleet, Cluster cluster, Map<String, HardwareProfile> profiles) {
        Map<String, Integer> asked = new TreeMap<>();
        for (Vm vm : cluster.vms()) {
            Optional<Role> role = fleet.role(vm).filter(Role::dedicatedCpu);
            if (role.isPresent() && vm.host().isPresent() && profiles.containsKey(vm.host().get())) {
                asked.merge(vm.host().get(), role.get().vcpus() + 1, Integer::sum);
            }
        }
        for (Host host : cluster.hosts()) {
            HardwareProfile profile = profiles.get(host.name());
            if (profile == null) {
                continue;
            }
            Optional<BitSet> isolated = profile.isolatedCpus().flatMap(CpuRules::cpus);
            Integer need = asked.get(host.name());
            if (need != null && isolated.isPresent() && need > isolated.get().cardinality()) {
                diagnostics.error(Rule.CPU_SETS, host.source().of("name"), "VMs pinned to host '" + host.name() + "' need " + need
                        + " dedicated CPUs (vCPUs plus one emulator thread each), but its profile isolates " + isolated.get().cardinality(),
                        "pin some of them to another host, or give their roles fewer cores");
            }
        }
    }

    /** A cpuset list such as {@code 0-3,8}; empty when malformed (another rule reports that). */
    static Optional<BitSet> cpus(String list) {
        if (!list.matches("\\d+(-\\d+)?(,\\d+(-\\d+)?)*")) {
            return Optional.empty();
        }
        BitSet set = new BitSet();
        for (String range : list.split(",")) {
            String[] bounds = range.split("-");
            int from = Integer.parseInt(bounds[0]);
            int to = bounds.length > 1 ? Integer.parseInt(bounds[1]) : from;
            if (to < from || to > 65535) {
                return Optional.empty();
            }
            set.set(from, to + 1);
        }
        return Optional.of(set);
    }
}

package dev.pulse.model.rules;

import dev.pulse.model.Cluster;
import dev.pulse.model.Disk;
import dev.pulse.model.FleetSpec;
import dev.pulse.model.Retirement;
import dev.pulse.model.Vm;
import dev.pulse.model.diag.Diagnostics;
import dev.pulse.model.diag.Rule;
import java.util.HashSet;
import java.util.Set;

/**
 * Rules for VMs marked {@code retired} (issue 20): names still valid and unique among the cluster's VMs (their
 * disks keep the {@code <vm>-rootdisk} name), and a warning ({@code PULSE-DELETE}) for every disk whose data a
 * later sync will delete, so nobody loses data without having been told at render time.
 */
public final class RetiredVmRules {

    private final Diagnostics diagnostics;

    public RetiredVmRules(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    public void check(FleetSpec fleet) {
        for (Cluster cluster : fleet.clusters()) {
            Set<String> names = new HashSet<>();
            cluster.vms().forEach(vm -> names.add(vm.name()));
            for (Vm vm : cluster.retiredVms()) {
                String what = "retired vm '" + vm.name() + "' of cluster '" + cluster.name() + "'";
                if (!Names.isLabel(vm.name())) {
                    diagnostics.error(Rule.NAME, vm.source().of("name"), what + " is not a DNS-1123 label",
                            "use lower-case letters, digits and '-', at most 63 characters");
                }
                if (!names.add(vm.name())) {
                    diagnostics.error(Rule.DUPLICATE_NAME, vm.source().of("name"), what + " has the name of another vm of the cluster",
                            "its disks keep the name '" + vm.name() + "-rootdisk': rename one of the VMs");
                }
                boolean imported = vm.allDisks().stream().anyMatch(Disk::imported);
                String dataVolumes = vm.allDisks().stream().filter(Disk::imported).map(disk -> "'" + vm.name() + "-" + disk.name() + "'")
                        .collect(java.util.stream.Collectors.joining(", "));
                if (vm.retired().orElseThrow() == Retirement.DELETE_DISKS && imported) {
                    diagnostics.warning(Rule.DELETE, vm.source().of("retired"), what + " is retired with its disks deleted: DataVolume "
                            + dataVolumes + " loses its protection from pruning, and once you remove the vm from the model the next sync "
                            + "deletes it and its data", "to keep the data, write 'retired: keep-disks'");
                } else {
                    diagnostics.note(Rule.RETIRED, vm.source().of("retired"), what + ": the next sync deletes its VirtualMachine"
                            + (imported ? "; DataVolume " + dataVolumes + " stays, protected from pruning" : ""),
                            "to delete the disks too, write 'retired: delete-disks'");
                }
            }
        }
    }
}

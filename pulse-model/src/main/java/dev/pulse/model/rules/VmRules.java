package dev.pulse.model.rules;

import dev.pulse.model.Catalog;
import dev.pulse.model.Cluster;
import dev.pulse.model.EvictionStrategy;
import dev.pulse.model.FleetSpec;
import dev.pulse.model.Quantity;
import dev.pulse.model.Role;
import dev.pulse.model.Vm;
import dev.pulse.model.VmIdentity;
import dev.pulse.model.diag.Diagnostics;
import dev.pulse.model.diag.Location;
import dev.pulse.model.diag.Rule;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Rules on what a VM and its role ask for: memory and huge pages (PULSE-QUANTITY), emulated NIC models
 * (PULSE-CHOICE), a guest NUMA topology (PULSE-NUMA), an eviction strategy it can meet (PULSE-EVICTION), guest
 * templates that exist (PULSE-REF) and guest variables that are not secrets (PULSE-SECRET).
 */
final class VmRules {

    private final Diagnostics diagnostics;

    VmRules(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** The resources every catalog role asks for. */
    void checkCatalog(Catalog catalog) {
        for (Role role : catalog.roles().values()) {
            checkRoleResources(role);
        }
    }

    /** Every VM of an OpenShift Virtualization cluster, with the role it uses. */
    void check(FleetSpec fleet, Cluster cluster) {
        for (Vm vm : cluster.vms()) {
            Optional<Role> role = fleet.role(vm);
            role.ifPresent(r -> checkGuest(fleet, r));
            checkShape(vm);
            role.filter(r -> vm.identity().numa() && !(r.dedicatedCpu() && !r.hugepages().isEmpty())).ifPresent(r -> diagnostics.error(Rule.NUMA,
                    vm.source().of("numa"), "vm '" + vm.name() + "' asks for a guest NUMA topology, which needs dedicated CPUs and huge pages, but it has "
                            + (r.dedicatedCpu() ? "no huge pages" : "shared CPUs"),
                    "give the VM (or its role) 'resources: {cpu: {dedicated: true}, hugepages: 1Gi}', or remove 'numa'"));
            checkEviction(fleet, cluster, vm, role);
            checkSecretVars(vm.guestVars(), vm.source().of("guestVars"), "vm '" + vm.name() + "'");
        }
    }

    /** PULSE-REF: a role's guest templates are defined; PULSE-SECRET: its guest variables are not secrets. */
    private void checkGuest(FleetSpec fleet, Role role) {
        for (String template : role.guest()) {
            if (fleet.catalog().template(template).isEmpty()) {
                diagnostics.error(Rule.REF, role.source().of("guest"), "role '" + role.name() + "' uses guest template '" + template + "', which is not defined",
                        ReferenceRules.hint(template, fleet.catalog().templates().keySet(), "add templates/" + template + ".yaml.j2 beside the fleet file"));
            }
        }
        checkSecretVars(role.guestVars(), role.source().of("guestVars"), "role '" + role.name() + "'");
    }

    /**
     * PULSE-QUANTITY: memory is a whole Kubernetes quantity, and huge pages are a size x86 kernels offer
     * (2Mi or 1Gi) that divides the memory. Source: KubeVirt virtual hardware, hugepages.
     */
    private void checkRoleResources(Role role) {
        String what = "role '" + role.name() + "'";
        if (Quantity.bytes(role.memory()).isEmpty()) {
            diagnostics.error(Rule.QUANTITY, role.source().of("resources"), what + " has memory '" + role.memory() + "', not a whole Kubernetes quantity",
                    "write it like 128Gi or 4096Mi");
            return;
        }
        if (!role.hugepages().isEmpty()) {
            if (!Quantity.isHugePageSize(role.hugepages())) {
                diagnostics.error(Rule.QUANTITY, role.source().of("resources"), what + " asks for huge pages of '" + role.hugepages() + "'",
                        "use 1Gi or 2Mi, the sizes x86 kernels offer");
            } else if (!Quantity.bytes(role.memory()).get().mod(Quantity.bytes(role.hugepages()).get()).equals(BigInteger.ZERO)) {
                diagnostics.error(Rule.QUANTITY, role.source().of("resources"), what + " has memory " + role.memory() + ", not a multiple of its "
                        + role.hugepages() + " huge pages", "round the memory to a whole number of pages");
            }
        }
    }

    /**
     * PULSE-QUANTITY: what a VM sets over its role follows the role's rules (memory a whole quantity, huge pages
     * 2Mi/1Gi dividing it). PULSE-NUMA: a guest NUMA topology mirroring the host's needs dedicated CPUs and huge
     * pages (kubevirt docs virtual_machines/numa.md: "guestMappingPassthrough ... requires dedicatedCpuPlacement
     * and hugepages"; the VMI admitter refuses it otherwise).
     */
    private void checkShape(Vm vm) {
        String what = "vm '" + vm.name() + "'";
        vm.identity().nicModels().forEach((network, model) -> {
            if (!VmIdentity.NIC_MODELS.contains(model)) {
                diagnostics.error(Rule.CHOICE, vm.source().of("nicModels"), what + " gives network '" + network + "' NIC model '" + model
                        + "', which KubeVirt does not emulate", ReferenceRules.hint(model, VmIdentity.NIC_MODELS, "use one of "
                        + String.join(", ", VmIdentity.NIC_MODELS)));
            }
        });
        vm.shape().memory().filter(memory -> Quantity.bytes(memory).isEmpty()).ifPresent(memory -> diagnostics.error(Rule.QUANTITY,
                vm.source().of("resources"), what + " has memory '" + memory + "', not a whole Kubernetes quantity", "write it like 128Gi or 4096Mi"));
        vm.shape().hugepages().filter(size -> !size.isEmpty() && !Quantity.isHugePageSize(size)).ifPresent(size -> diagnostics.error(Rule.QUANTITY,
                vm.source().of("resources"), what + " asks for huge pages of '" + size + "'", "use 1Gi or 2Mi, the sizes x86 kernels offer, or none"));
    }

    /**
     * PULSE-EVICTION: LiveMigrate needs a VM that can move: no host devices (GPUs, VFs, PCI functions stay
     * on their node) and only ReadWriteMany disks. Source: KubeVirt live migration limitations; seed 002
     * ("EBS-backed RWO volumes ... live migration is not supported").
     */
    private void checkEviction(FleetSpec fleet, Cluster cluster, Vm vm, Optional<Role> role) {
        Optional<EvictionStrategy> asked = vm.evictionStrategy().or(() -> role.flatMap(Role::evictionStrategy));
        if (asked.orElse(null) != EvictionStrategy.LIVE_MIGRATE || role.isEmpty()) {
            return;
        }
        Optional<String> blocker = Migration.blocker(fleet.catalog(), cluster, vm, role.get());
        blocker.ifPresent(why -> diagnostics.error(Rule.EVICTION, vm.source().of(vm.evictionStrategy().isPresent() ? "evictionStrategy" : "role"),
                "vm '" + vm.name() + "' asks for evictionStrategy LiveMigrate, but " + why,
                "use evictionStrategy None (the drain stops it) or External, or remove what pins it"));
    }

    /** PULSE-SECRET: secret values never go into the model or the rendered tree; guests get them from Secrets. */
    private void checkSecretVars(Map<String, String> vars, Location at, String who) {
        vars.keySet().stream().filter(key -> key.toLowerCase(Locale.ROOT).matches(".*(password|passwd|secret|token|private.?key).*"))
                .forEach(key -> diagnostics.error(Rule.SECRET, at, who + " sets guest variable '" + key + "', which looks like a secret value",
                        "keep secrets out of Git: put it in a Secret and use the cluster's 'access: {sshKeysSecret, passwordsSecret}'"));
    }
}

package dev.pulse.model.rules;

import dev.pulse.model.Cluster;
import dev.pulse.model.Device;
import dev.pulse.model.DeviceKind;
import dev.pulse.model.FleetSpec;
import dev.pulse.model.GpuMode;
import dev.pulse.model.GpuSlot;
import dev.pulse.model.HardwareProfile;
import dev.pulse.model.Host;
import dev.pulse.model.Rhoso;
import dev.pulse.model.Role;
import dev.pulse.model.diag.Diagnostics;
import dev.pulse.model.diag.Location;
import dev.pulse.model.diag.Rule;
import dev.pulse.model.load.Suggest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Rules of the RHOSO target (platform {@code rhoso}): what OpenStack on OpenShift would refuse or silently not do,
 * located in fleet.yaml. Sources: openstack-k8s-operators/architecture {@code examples/dt/nova/nova04delta/README.md}
 * (aliases, device_spec, device types); Nova "Attaching physical PCI devices to guests" (alias fields, numa_policy
 * values, flavor extra spec {@code pci_passthrough:alias}); openstack-operator NetConfig and NodeSet CRDs (IPAM).
 */
final class RhosoRules {

    /** Nova {@code [pci] alias} {@code numa_policy} values (nova/pci/request.py, the alias JSON schema). */
    static final List<String> NUMA_POLICIES = List.of("legacy", "preferred", "required", "socket");

    /** Operators under {@code operators:} that only an RHOSO cluster installs. */
    private static final Set<String> RHOSO_OPERATORS = Set.of("cert-manager", "openstack");

    /** Cluster keys only OpenShift Virtualization clusters use. */
    private static final List<String> KUBEVIRT_KEYS = List.of("access", "gpuOperator", "placement", "vgpuManager", "vmNamespace", "vms", "networks", "volumes");

    private final Diagnostics diagnostics;

    RhosoRules(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    void check(FleetSpec fleet, Cluster cluster, Map<String, HardwareProfile> profiles) {
        if (!cluster.isRhoso()) {
            checkNoRhosoKeys(cluster);
            return;
        }
        Rhoso rhoso = cluster.rhoso().orElseThrow();
        checkPlatformKeys(cluster);
        checkOperators(cluster);
        checkNames(cluster, rhoso);
        checkStorage(cluster);
        Optional<Ipv4.Subnet> ctlplane = checkNetworks(cluster, rhoso);
        checkHosts(cluster, profiles, ctlplane);
        checkAliases(fleet, cluster, rhoso, profiles);
        checkFlavors(fleet, cluster, rhoso, profiles);
    }

    /** PULSE-PLATFORM: the {@code rhoso:} block and host {@code ctlplaneIP} mean nothing on an OpenShift Virtualization cluster. */
    private void checkNoRhosoKeys(Cluster cluster) {
        if (cluster.source().fields().containsKey("rhoso")) {
            diagnostics.error(Rule.PLATFORM, cluster.source().of("rhoso"), "cluster '" + cluster.name() + "' has a 'rhoso' block but platform "
                    + cluster.platform().keyword(), "add 'platform: rhoso' to the cluster, or remove the block");
        }
        checkOperators(cluster);
        for (Host host : cluster.hosts()) {
            if (host.ctlplaneIP().isPresent()) {
                diagnostics.error(Rule.PLATFORM, host.source().of("ctlplaneIP"), "host '" + host.name() + "' has a ctlplaneIP, which only EDPM nodes of an "
                        + "RHOSO cluster have", "remove it, or set 'platform: rhoso' on cluster '" + cluster.name() + "'");
            }
        }
    }

    /** PULSE-PLATFORM: an operator override for an operator the cluster's platform never installs would be ignored. */
    private void checkOperators(Cluster cluster) {
        for (dev.pulse.model.OperatorSettings settings : cluster.operators()) {
            if (RHOSO_OPERATORS.contains(settings.operator()) != cluster.isRhoso()) {
                diagnostics.error(Rule.PLATFORM, settings.source().at(), "cluster '" + cluster.name() + "' (platform " + cluster.platform().keyword()
                        + ") configures operator '" + settings.operator() + "', which Pulse installs only on " + (cluster.isRhoso() ? "OpenShift "
                        + "Virtualization" : "RHOSO") + " clusters", "remove the override; RHOSO clusters take cert-manager and openstack, others the rest");
            }
        }
    }

    /**
     * PULSE-PLATFORM: on an RHOSO cluster the hosts are EDPM compute nodes and instances are created through Nova,
     * so KubeVirt VMs, OpenShift secondary networks, machine pools and host PCI-by-address do not apply.
     */
    private void checkPlatformKeys(Cluster cluster) {
        for (String key : KUBEVIRT_KEYS) {
            if (cluster.source().fields().containsKey(key)) {
                diagnostics.error(Rule.PLATFORM, cluster.source().of(key), "cluster '" + cluster.name() + "' is an RHOSO cluster, but '" + key
                        + "' is an OpenShift Virtualization setting", "remove '" + key + "': on RHOSO, instances are Nova servers of the flavors "
                        + "under 'rhoso.flavors', and their networks are Neutron networks");
            }
        }
        for (Host host : cluster.hosts()) {
            for (String key : List.of("machinePool", "pci", "controlPlane")) {
                if (host.source().fields().containsKey(key)) {
                    diagnostics.error(Rule.PLATFORM, host.source().of(key), "host '" + host.name() + "' of RHOSO cluster '" + cluster.name()
                            + "' is an EDPM compute node, but '" + key + "' describes an OpenShift node", "remove '" + key + "'");
                }
            }
        }
    }

    /** PULSE-NAME: the namespace and Secret names become object names and references. */
    private void checkNames(Cluster cluster, Rhoso rhoso) {
        if (!Names.isLabel(rhoso.namespace())) {
            diagnostics.error(Rule.NAME, rhoso.source().of("namespace"), "RHOSO namespace '" + rhoso.namespace() + "' is not a DNS-1123 label",
                    "use lower-case letters, digits and '-', e.g. openstack");
        } else if (rhoso.namespace().startsWith("openshift-") || rhoso.namespace().startsWith("kube-") || rhoso.namespace().equals("default")
                || rhoso.namespace().equals("openstack-operators")) {
            diagnostics.error(Rule.NAME, rhoso.source().of("namespace"), "RHOSO namespace '" + rhoso.namespace() + "' is a platform or operator namespace",
                    "give the control plane a namespace of its own, e.g. openstack");
        }
        if (!Names.isLabel(rhoso.controlPlane())) {
            diagnostics.error(Rule.NAME, rhoso.source().of("controlPlane"), "control plane name '" + rhoso.controlPlane() + "' is not a DNS-1123 label",
                    "use lower-case letters, digits and '-', e.g. controlplane");
        }
        Map<String, String> secrets = Map.of("secret", rhoso.secret(), "libvirtSecret", rhoso.libvirtSecret(), "sshKeySecret", rhoso.sshKeySecret(),
                "migrationSshKeySecret", rhoso.migrationSshKeySecret());
        secrets.entrySet().stream().sorted(Map.Entry.comparingByKey()).filter(e -> !Names.isSubdomain(e.getValue())).forEach(e -> diagnostics.error(
                Rule.NAME, rhoso.source().of(e.getKey()), "Secret name '" + e.getValue() + "' of cluster '" + cluster.name() + "' is not a valid Kubernetes name",
                "name an existing Secret in namespace " + rhoso.namespace()));
    }

    /** PULSE-REQUIRED: OpenStackControlPlane {@code spec.storageClass} is required (openstack-operator CRD). */
    private void checkStorage(Cluster cluster) {
        if (cluster.storage().storageClass().isEmpty()) {
            diagnostics.error(Rule.REQUIRED, cluster.source().of("storage"), "RHOSO cluster '" + cluster.name() + "' names no storage class, which the "
                    + "control plane's databases, message queues and image store need", "add 'storage: {class: <an existing StorageClass>}' (LVMS, ODF, local-storage)");
        }
    }

    /** PULSE-RHOSO-NETWORK, PULSE-REQUIRED: NetConfig networks are well-formed and include ctlplane. */
    private Optional<Ipv4.Subnet> checkNetworks(Cluster cluster, Rhoso rhoso) {
        Map<String, Rhoso.RhosoNetwork> seen = new HashMap<>();
        Optional<Ipv4.Subnet> ctlplane = Optional.empty();
        for (Rhoso.RhosoNetwork network : rhoso.networks()) {
            String what = "rhoso network '" + network.name() + "'";
            Rhoso.RhosoNetwork first = seen.putIfAbsent(network.name(), network);
            if (first != null) {
                diagnostics.error(Rule.DUPLICATE_NAME, network.source().of("name"), what + " appears twice in cluster '" + cluster.name() + "' (first at "
                        + first.source().of("name") + ")", "give each network its own name");
            }
            if (!Names.isLabel(network.name())) {
                diagnostics.error(Rule.NAME, network.source().of("name"), what + " is not a DNS-1123 label", "use lower-case letters, digits and '-'");
            }
            Optional<Ipv4.Subnet> subnet = Ipv4.subnet(network.cidr());
            if (subnet.isEmpty()) {
                diagnostics.error(Rule.RHOSO_NETWORK, network.source().of("cidr"), what + " has cidr '" + network.cidr() + "', not an IPv4 subnet",
                        "write it as address/prefix, e.g. 192.168.122.0/24");
                continue;
            }
            for (String key : List.of("allocationStart", "allocationEnd")) {
                String address = key.equals("allocationStart") ? network.allocationStart() : network.allocationEnd();
                if (!subnet.get().contains(address)) {
                    diagnostics.error(Rule.RHOSO_NETWORK, network.source().of(key), what + " allocates from " + address + ", which is not in " + network.cidr(),
                            "give an address inside the subnet");
                }
            }
            if (Ipv4.parse(network.allocationStart()).isPresent() && Ipv4.parse(network.allocationEnd()).isPresent()
                    && Ipv4.parse(network.allocationStart()).get() > Ipv4.parse(network.allocationEnd()).get()) {
                diagnostics.error(Rule.RHOSO_NETWORK, network.source().of("allocationEnd"), what + " allocates from " + network.allocationStart() + " to "
                        + network.allocationEnd() + ", an empty range", "put the lower address first");
            }
            network.gateway().filter(gateway -> !subnet.get().contains(gateway)).ifPresent(gateway -> diagnostics.error(Rule.RHOSO_NETWORK,
                    network.source().of("gateway"), what + " has gateway " + gateway + ", which is not in " + network.cidr(), "give an address inside the subnet"));
            if (network.name().equals(Rhoso.CTLPLANE)) {
                ctlplane = subnet;
            }
        }
        rhoso.networks().stream().filter(network -> !network.name().equals(Rhoso.CTLPLANE)).findFirst().ifPresent(network -> diagnostics.warning(
                Rule.RHOSO_NETWORK, network.source().of("name"), "rhoso network '" + network.name() + "' goes into the NetConfig and the EDPM "
                        + "nodes' networks, but Pulse does not render the OpenShift side of isolated networks (NodeNetworkConfigurationPolicy, "
                        + "NetworkAttachmentDefinition, MetalLB pools) nor the services' networkAttachments",
                "add those with the architecture repository's lib/networking components, or keep to ctlplane (seed 004: NETWORK_ISOLATION=false)"));
        if (rhoso.network(Rhoso.CTLPLANE).isEmpty()) {
            diagnostics.error(Rule.REQUIRED, rhoso.source().of("networks"), "RHOSO cluster '" + cluster.name() + "' has no 'ctlplane' network, which the "
                    + "data plane is managed over", "add '{name: ctlplane, cidr: ..., dnsDomain: ..., allocationStart: ..., allocationEnd: ...}' under 'rhoso.networks'");
        }
        return ctlplane;
    }

    /** EDPM hosts: an address on ctlplane (PULSE-REQUIRED, PULSE-RHOSO-NETWORK) and GPUs Nova passthrough can serve (PULSE-NOVA-GPU). */
    private void checkHosts(Cluster cluster, Map<String, HardwareProfile> profiles, Optional<Ipv4.Subnet> ctlplane) {
        Map<String, Host> byAddress = new HashMap<>();
        for (Host host : cluster.hosts()) {
            if (host.ctlplaneIP().isEmpty()) {
                diagnostics.error(Rule.REQUIRED, host.source().of("name"), "EDPM host '" + host.name() + "' has no 'ctlplaneIP'",
                        "add the node's address on the ctlplane network: Ansible connects to it and the NodeSet reserves it");
            }
            host.ctlplaneIP().ifPresent(ip -> {
                if (ctlplane.isPresent() && !ctlplane.get().contains(ip)) {
                    diagnostics.error(Rule.RHOSO_NETWORK, host.source().of("ctlplaneIP"), "EDPM host '" + host.name() + "' has ctlplaneIP '" + ip
                            + "', which is not an address of the ctlplane network " + ctlplane.get(), "give an address inside the ctlplane subnet");
                }
                Host other = byAddress.putIfAbsent(ip, host);
                if (other != null) {
                    diagnostics.error(Rule.RHOSO_NETWORK, host.source().of("ctlplaneIP"), "EDPM host '" + host.name() + "' has ctlplaneIP " + ip
                            + ", which host '" + other.name() + "' already has", "give each node its own address");
                }
            });
            HardwareProfile profile = profiles.get(host.name());
            if (profile == null) {
                continue;
            }
            for (GpuSlot gpu : profile.gpus()) {
                if (gpu.mode() != GpuMode.VM_PASSTHROUGH) {
                    diagnostics.error(Rule.NOVA_GPU, host.source().of("profile"), "EDPM host '" + host.name() + "' (profile '" + profile.name() + "') has '"
                            + gpu.model() + "' GPUs in mode " + gpu.mode().keyword() + ", which Pulse's RHOSO target does not serve: Nova gets whole GPUs by "
                            + "PCI passthrough, and EDPM nodes run no GPU containers", "use a hardware profile whose GPUs are 'mode: vm-passthrough'");
                }
            }
        }
    }

    /** PCI aliases name GPU models of the cluster's hosts, once each, with a Nova NUMA policy. */
    private void checkAliases(FleetSpec fleet, Cluster cluster, Rhoso rhoso, Map<String, HardwareProfile> profiles) {
        Set<String> models = profiles.values().stream().flatMap(p -> p.gpus().stream()).map(GpuSlot::model).collect(Collectors.toSet());
        Map<String, Rhoso.PciAlias> byModel = new HashMap<>();
        Map<String, Rhoso.PciAlias> byName = new HashMap<>();
        for (Rhoso.PciAlias alias : rhoso.pciAliases()) {
            Optional<Device> device = fleet.catalog().device(alias.model());
            if (device.isEmpty() || device.get().kind() != DeviceKind.GPU) {
                diagnostics.error(Rule.REF, alias.source().of("model"), "PCI alias '" + alias.name() + "' is for '" + alias.model() + "', which is not a GPU "
                        + "of the catalog", Suggest.closest(alias.model(), models).map(s -> "did you mean '" + s + "'?").orElse("name a GPU model of the hosts' profiles"));
            } else if (!models.contains(alias.model())) {
                diagnostics.error(Rule.REF, alias.source().of("model"), "PCI alias '" + alias.name() + "' is for '" + alias.model() + "', which no host of "
                        + "cluster '" + cluster.name() + "' has", "remove the alias or add hosts with that GPU");
            }
            Rhoso.PciAlias first = byModel.putIfAbsent(alias.model(), alias);
            if (first != null) {
                diagnostics.error(Rule.DUPLICATE_NAME, alias.source().of("model"), "GPU model '" + alias.model() + "' has two PCI aliases (first at "
                        + first.source().of("model") + ")", "give each GPU model one alias");
            }
            Rhoso.PciAlias sameName = byName.putIfAbsent(alias.name(), alias);
            if (sameName != null && sameName != first && !sameName.model().equals(alias.model())) {
                diagnostics.error(Rule.DUPLICATE_NAME, alias.source().of("name"), "PCI alias name '" + alias.name() + "' is used for '" + sameName.model()
                        + "' and '" + alias.model() + "'", "give each GPU model its own alias name: a flavor asks for one kind of device");
            }
            // the flavor extra spec is "<alias>:<count>[,<alias>:<count>]" (nova/pci/request.py _translate_alias_to_requests)
            if (!alias.name().matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
                diagnostics.error(Rule.NAME, alias.source().of("name"), "PCI alias name '" + alias.name() + "' cannot be written in a flavor's "
                        + "pci_passthrough:alias", "use letters, digits, '_', '.' and '-' only, e.g. nvidia_l4");
            }
            alias.numaPolicy().filter(policy -> !NUMA_POLICIES.contains(policy)).ifPresent(policy -> diagnostics.error(Rule.CHOICE,
                    alias.source().of("numaPolicy"), "PCI alias '" + alias.name() + "' has numa_policy '" + policy + "', which Nova does not know",
                    "use one of " + String.join(", ", NUMA_POLICIES)));
        }
    }

    /**
     * Roles listed as flavors exist, ask only for what a flavor can carry, and their GPUs fit on one host (an
     * instance's PCI devices come from its own compute node): PULSE-REF, PULSE-PLATFORM, PULSE-GPU-CAPACITY,
     * PULSE-GPU-MODEL.
     */
    private void checkFlavors(FleetSpec fleet, Cluster cluster, Rhoso rhoso, Map<String, HardwareProfile> profiles) {
        Location at = rhoso.source().of("flavors");
        Set<String> seen = new java.util.HashSet<>();
        for (String name : rhoso.flavors()) {
            if (!seen.add(name)) {
                diagnostics.error(Rule.DUPLICATE_NAME, at, "role '" + name + "' is listed twice under 'rhoso.flavors'", "list each role once");
            }
            Optional<Role> role = fleet.catalog().role(name);
            if (role.isEmpty()) {
                diagnostics.error(Rule.REF, at, "flavor role '" + name + "' is not defined",
                        Suggest.closest(name, fleet.catalog().roles().keySet()).map(s -> "did you mean '" + s + "'?").orElse("define it under 'roles:'"));
                continue;
            }
            Role r = role.get();
            if (!r.sriov().isEmpty() || !r.bridges().isEmpty() || !r.pci().isEmpty()) {
                diagnostics.error(Rule.PLATFORM, at, "role '" + name + "' attaches SR-IOV or bridge networks or host PCI functions, which a Nova flavor "
                        + "cannot carry", "use a role with only CPU, memory and GPUs: networks are Neutron ports chosen when the server is created");
            }
            // pinned vCPUs need PCPU inventory, which only a compute with cpu_dedicated_set reports (Nova "CPU topologies")
            if (r.dedicatedCpu() && profiles.values().stream().noneMatch(p -> p.isolatedCpus().isPresent() && p.reservedCpus().isPresent())) {
                diagnostics.error(Rule.CPU_SETS, at, "flavor role '" + name + "' pins its vCPUs, but no EDPM host of cluster '" + cluster.name()
                        + "' has cpu.reserved and cpu.isolated, so no compute offers dedicated CPUs", "add 'cpu: {vendor: ..., reserved: 0-3, isolated: 4-63}' "
                        + "to the hosts' hardware profile, or drop 'dedicated' from the role");
            }
            if (!r.hugepages().isEmpty()) {
                diagnostics.error(Rule.PLATFORM, at, "flavor role '" + name + "' asks for huge pages, which Pulse does not reserve on EDPM nodes yet "
                        + "(the page count needs the host's memory, which the model does not have)", "drop 'hugepages' from the role for RHOSO");
            }
            if (r.gpus() == 0) {
                continue;
            }
            List<String> gpuModels = profiles.values().stream().flatMap(p -> p.gpus().stream()).filter(g -> g.mode() == GpuMode.VM_PASSTHROUGH)
                    .map(GpuSlot::model).distinct().sorted().toList();
            if (gpuModels.size() > 1) {
                diagnostics.error(Rule.GPU_MODEL, at, "flavor role '" + name + "' asks for GPUs, but cluster '" + cluster.name() + "' has "
                        + String.join(" and ", gpuModels) + ", so the flavor's PCI alias is ambiguous", "keep one GPU model per RHOSO cluster");
            }
            int most = profiles.values().stream().mapToInt(p -> p.gpus().stream().filter(g -> g.mode() == GpuMode.VM_PASSTHROUGH).mapToInt(GpuSlot::count).sum())
                    .max().orElse(0);
            if (r.gpus() > most) {
                diagnostics.error(Rule.GPU_CAPACITY, at, "flavor role '" + name + "' asks for " + r.gpus() + " GPU" + (r.gpus() == 1 ? "" : "s")
                        + ", but the largest EDPM host of cluster '" + cluster.name() + "' has " + most + ": no server of the flavor could be scheduled",
                        "give the role at most " + most + " GPUs, or add a host with more");
            }
        }
    }
}

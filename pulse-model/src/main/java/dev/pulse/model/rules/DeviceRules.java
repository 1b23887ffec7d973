package dev.pulse.model.rules;

import dev.pulse.model.Catalog;
import dev.pulse.model.Cluster;
import dev.pulse.model.Device;
import dev.pulse.model.DeviceKind;
import dev.pulse.model.FleetSpec;
import dev.pulse.model.GpuSlot;
import dev.pulse.model.HardwareProfile;
import dev.pulse.model.Host;
import dev.pulse.model.HostPci;
import dev.pulse.model.NicSlot;
import dev.pulse.model.PciId;
import dev.pulse.model.Role;
import dev.pulse.model.Vm;
import dev.pulse.model.diag.Diagnostics;
import dev.pulse.model.diag.Location;
import dev.pulse.model.diag.Rule;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Rules on catalog devices and where they are used.
 * <ul>
 *   <li>PULSE-RESOURCE-NAME: resource names Kubernetes and SR-IOV accept.</li>
 *   <li>PULSE-COMPANION: a GPU's companion functions travel with it.</li>
 *   <li>PULSE-REF: profiles, hosts and roles name catalog devices of the right kind.</li>
 *   <li>PULSE-PCI-ADDRESS: host PCI functions have a full address, and VMs that take one are pinned to a host that lists it.</li>
 * </ul>
 */
final class DeviceRules {

    private final Diagnostics diagnostics;

    DeviceRules(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** The catalog's devices, and the devices its hardware profiles name. */
    void checkCatalog(Catalog catalog) {
        for (Device device : catalog.devices().values()) {
            checkResourceName(device);
        }
        checkCompanionsStayWithTheirGpu(catalog);
        for (HardwareProfile profile : catalog.hardwareProfiles().values()) {
            for (GpuSlot gpu : profile.gpus()) {
                checkDeviceRef(catalog, gpu.model(), DeviceKind.GPU, gpu.source().of("model"), "hardware profile '" + profile.name() + "'");
            }
            for (NicSlot nic : profile.nics()) {
                checkDeviceRef(catalog, nic.model(), DeviceKind.NIC, nic.source().of("model"), "hardware profile '" + profile.name() + "'");
            }
        }
    }

    /**
     * PULSE-RESOURCE-NAME: an SR-IOV {@code resourceName} matches {@code ^[a-zA-Z0-9_]+$}; a KubeVirt host
     * device resource is {@code vendor-domain/NAME}. Source: SR-IOV Network Operator API; Kubernetes
     * extended resources.
     */
    private void checkResourceName(Device device) {
        String name = device.resourceName();
        if (name.isEmpty()) {
            return;
        }
        if (device.kind() == DeviceKind.NIC && !name.matches("[a-zA-Z0-9_]+")) {
            diagnostics.error(Rule.RESOURCE_NAME, device.source().of("resourceName"), "NIC '" + device.name() + "' has resourceName '" + name
                    + "', which SR-IOV does not accept", "use letters, digits and '_' only, e.g. mlx_cx6");
        } else if (device.kind() != DeviceKind.NIC && !name.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?/[A-Za-z0-9][-A-Za-z0-9_.]*")) {
            diagnostics.error(Rule.RESOURCE_NAME, device.source().of("resourceName"), "device '" + device.name() + "' has resourceName '" + name
                    + "', not an extended resource name", "write it as vendor-domain/NAME, e.g. nvidia.com/AD104GL_L4");
        }
    }

    /**
     * PULSE-COMPANION: a GPU's companion functions share its IOMMU group and travel with it; listing one as
     * a device of its own would hand half a group to another VM. Source: VFIO (a group is assigned whole).
     */
    private void checkCompanionsStayWithTheirGpu(Catalog catalog) {
        Map<PciId, String> companions = new HashMap<>();
        catalog.devices().values().forEach(d -> d.companions().forEach(c -> companions.put(c.pci(), d.name())));
        for (Device device : catalog.devices().values()) {
            String gpu = companions.get(device.pci());
            if (gpu != null && !gpu.equals(device.name())) {
                diagnostics.error(Rule.COMPANION, device.source().of("pci"), "device '" + device.name() + "' (" + device.pci() + ") is a companion function of '"
                        + gpu + "', which passes it with the GPU", "remove the device; VMs get it with their GPU");
            }
        }
    }

    /** PULSE-PCI-ADDRESS: a host's passthrough PCI function names a catalog pci device and a full PCI address. */
    void checkHostPci(FleetSpec fleet, Cluster cluster) {
        for (Host host : cluster.hosts()) {
            for (HostPci pci : host.pci()) {
                checkDeviceRef(fleet.catalog(), pci.model(), DeviceKind.PCI, pci.source().of("model"), "host '" + host.name() + "'");
                if (!pci.address().isEmpty() && !pci.address().matches("[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]")) {
                    diagnostics.error(Rule.PCI_ADDRESS, pci.source().of("address"), "host '" + host.name() + "' names PCI address '" + pci.address()
                            + "', which is not of the form DDDD:BB:DD.F", "write it as 'lspci -D' prints it, lower case, e.g. 0000:0b:00.3");
                }
            }
        }
    }

    /** PULSE-PCI-ADDRESS: Pulse binds a role's PCI devices by host address, so a VM taking one is pinned to a host that lists it. */
    void checkPciUse(FleetSpec fleet, Cluster cluster) {
        for (Vm vm : cluster.vms()) {
            fleet.role(vm).ifPresent(role -> checkPciUse(fleet, cluster, vm, role));
        }
    }

    private void checkPciUse(FleetSpec fleet, Cluster cluster, Vm vm, Role role) {
        String who = "vm '" + vm.name() + "' (role '" + role.name() + "')";
        for (String model : role.pci()) {
            checkDeviceRef(fleet.catalog(), model, DeviceKind.PCI, role.source().of("pci"), "role '" + role.name() + "'");
            Optional<Host> host = vm.host().flatMap(cluster::host);
            if (vm.host().isEmpty()) {
                diagnostics.error(Rule.PCI_ADDRESS, vm.source().of("role"), who + " takes a '" + model + "' PCI device, which Pulse binds by host address",
                        "pin the VM to the host that lists the device under 'pci:'");
            } else if (host.isPresent() && host.get().pci().stream().noneMatch(p -> p.model().equals(model))) {
                diagnostics.error(Rule.PCI_ADDRESS, vm.source().of("host"), who + " takes a '" + model + "' PCI device, but host '" + host.get().name()
                        + "' lists none", "add '{model: " + model + ", address: DDDD:BB:DD.F}' under the host's 'pci:'");
            }
        }
    }

    /** PULSE-REF: {@code model} is a catalog device of {@code kind}. */
    private void checkDeviceRef(Catalog catalog, String model, DeviceKind kind, Location at, String user) {
        Optional<Device> device = catalog.device(model);
        if (device.isEmpty()) {
            diagnostics.error(Rule.REF, at, user + " names device '" + model + "', which is not in the catalog",
                    ReferenceRules.hint(model, catalog.devices().keySet(), "define it under 'devices:'"));
        } else if (device.get().kind() != kind) {
            diagnostics.error(Rule.REF, at, user + " lists '" + model + "' as a " + kind.keyword() + ", but it is a " + device.get().kind().keyword(),
                    "move it to the list of its kind, or fix the device's 'kind'");
        }
    }
}

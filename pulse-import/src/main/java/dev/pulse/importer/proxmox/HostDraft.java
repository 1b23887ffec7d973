package dev.pulse.importer.proxmox;

import dev.pulse.model.Catalog;
import dev.pulse.model.CpuVendor;
import dev.pulse.model.DeviceKind;
import dev.pulse.model.HardwareProfile;
import dev.pulse.model.HostInterface;
import dev.pulse.model.NicSlot;
import dev.pulse.model.NicUse;
import dev.pulse.model.PciId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The hardware profile of the Proxmox host: a catalog profile whose GPUs and NIC ports match the lspci
 * capture and that has what the imported VMs need (VFs of their NICs, the bridges they attach to, CPU lists
 * for dedicated CPUs and huge pages); else a profile drafted from the capture (GPUs with their companions
 * by catalog model, SR-IOV NICs with cards, ports and the VFs the host had, the CPU vendor from the host
 * bridge), based on the matching catalog profile when there is one. A drafted profile goes into the fragment.
 *
 * @param name the profile the host uses
 * @param drafted the profile to write into the fragment, when drafted
 */
record HostDraft(String name, Optional<HardwareProfile> drafted) {

    /** What the imported VMs need of their host. */
    record Needs(Set<String> bridges, Map<String, Integer> vfsByNic, int dedicatedCpus, boolean cpuLists) {}

    static HostDraft of(Catalog catalog, Lspci lspci, String host, Needs needs, int hostCpus, List<String> report) {
        Map<String, Integer> gpus = new TreeMap<>();
        Map<String, Set<String>> cards = new TreeMap<>();
        Map<String, Integer> ports = new TreeMap<>();
        Map<String, Integer> vfs = new TreeMap<>();
        lspci.devices().forEach((address, id) -> catalog.devices().values().forEach(device -> {
            if (device.pci().equals(id) && device.kind() == DeviceKind.GPU) {
                gpus.merge(device.name(), 1, Integer::sum);
            } else if (device.pci().equals(id) && device.kind() == DeviceKind.NIC) {
                ports.merge(device.name(), 1, Integer::sum);
                cards.computeIfAbsent(device.name(), n -> new TreeSet<>()).add(address.substring(0, address.lastIndexOf('.')));
            } else if (device.kind() == DeviceKind.NIC && device.vfPci().filter(id::equals).isPresent()) {
                vfs.merge(device.name(), 1, Integer::sum);
            }
        }));
        List<HardwareProfile> matches = new ArrayList<>();
        for (HardwareProfile profile : catalog.hardwareProfiles().values()) {
            Map<String, Integer> profileGpus = new TreeMap<>();
            profile.gpus().forEach(g -> profileGpus.merge(g.model(), g.count(), Integer::sum));
            Map<String, Integer> profilePorts = new TreeMap<>();
            profile.nics().forEach(n -> profilePorts.merge(n.model(), n.cards() * n.ports(), Integer::sum));
            if (profileGpus.equals(gpus) && profilePorts.equals(ports)) {
                matches.add(profile);
            }
        }
        String found = "the host's GPUs " + gpus + " and NIC ports " + ports;
        if (matches.size() == 1) {
            Optional<String> lacks = lacks(matches.get(0), needs);
            if (lacks.isEmpty()) {
                report.add("hardware profile: " + matches.get(0).name() + " matches " + found);
                return new HostDraft(matches.get(0).name(), Optional.empty());
            }
            report.add("hardware profile: " + matches.get(0).name() + " matches " + found + " but " + lacks.get() + "; drafted "
                    + matches.get(0).name() + "-" + host + " from it");
            return new HostDraft(matches.get(0).name() + "-" + host, Optional.of(derived(matches.get(0), host, needs, hostCpus, report)));
        }
        report.add("hardware profile: " + (matches.isEmpty() ? "none" : "several (" + String.join(", ", matches.stream().map(HardwareProfile::name).toList())
                + ")") + " of the catalog match " + found + "; drafted proxmox-" + host + " from the lspci capture");
        HardwareProfile.Builder profile = HardwareProfile.builder().name("proxmox-" + host)
                .description("Drafted by pulse:import-proxmox from the lspci capture of " + host);
        cpu(profile, vendor(lspci, report), needs, hostCpus, report);
        gpus.forEach(profile::gpu); // vm-passthrough, the builder's default
        for (Map.Entry<String, Integer> nic : ports.entrySet()) {
            int cardCount = cards.get(nic.getKey()).size();
            int perCard = (nic.getValue() + cardCount - 1) / cardCount;
            int totalPorts = cardCount * perCard;
            int vfCount = Math.max(vfs.getOrDefault(nic.getKey(), 0), needs.vfsByNic().getOrDefault(nic.getKey(), 0));
            NicSlot.Builder slot = NicSlot.builder().model(nic.getKey()).cards(cardCount).ports(perCard);
            if (vfCount > 0) {
                int perPort = (vfCount + totalPorts - 1) / totalPorts;
                slot.vfsPerPort(perPort).use(NicUse.VM);
                report.add("hardware profile: " + nic.getKey() + " gets " + perPort + " VF(s) per port for VMs: the host had "
                        + vfs.getOrDefault(nic.getKey(), 0) + " VF(s), its VMs use " + needs.vfsByNic().getOrDefault(nic.getKey(), 0));
            }
            profile.nic(slot.build());
        }
        bridges(profile, List.of(), needs, report);
        lspci.devices().forEach((address, id) -> {
            String what = lspci.descriptions().getOrDefault(address, "");
            if (what.startsWith("Ethernet controller") && catalog.devices().values().stream().noneMatch(d -> d.pci().equals(id) || d.vfPci().filter(id::equals)
                    .isPresent())) {
                report.add("hardware profile: " + address + " (" + id + ") is an Ethernet controller not in the device catalog; it is left to the "
                        + "host network (add it under 'devices:' to give VMs its VFs)");
            }
        });
        return new HostDraft("proxmox-" + host, Optional.of(profile.build()));
    }

    /** What {@code profile} lacks for the imported VMs; empty when it has all. */
    private static Optional<String> lacks(HardwareProfile profile, Needs needs) {
        for (String bridge : needs.bridges()) {
            if (profile.hostNetworks().stream().noneMatch(i -> i.name().equals(bridge) && i.type() == HostInterface.InterfaceType.LINUX_BRIDGE)) {
                return Optional.of("has no bridge " + bridge);
            }
        }
        for (Map.Entry<String, Integer> nic : needs.vfsByNic().entrySet()) {
            int offered = profile.nics().stream().filter(n -> n.model().equals(nic.getKey()) && n.use() == NicUse.VM).mapToInt(NicSlot::totalVfs).sum();
            if (offered < nic.getValue()) {
                return Optional.of("offers " + offered + " VF(s) of " + nic.getKey() + " to VMs, not " + nic.getValue());
            }
        }
        if (needs.cpuLists() && (profile.reservedCpus().isEmpty() || profile.isolatedCpus().isEmpty())) {
            return Optional.of("has no cpu.reserved/isolated for the VMs' dedicated CPUs and huge pages");
        }
        return Optional.empty();
    }

    /**
     * A catalog profile renamed for the host and given what the VMs need: VFs for VMs on their NICs, CPU lists, bridges.
     * Its GPUs and host networks are the catalog profile's own.
     */
    private static HardwareProfile derived(HardwareProfile base, String host, Needs needs, int hostCpus, List<String> report) {
        HardwareProfile.Builder profile = HardwareProfile.builder().name(base.name() + "-" + host)
                .description(base.description() + " (" + host + ", drafted by pulse:import-proxmox)");
        if (base.reservedCpus().isPresent() && base.isolatedCpus().isPresent()) {
            profile.cpu(base.cpu()).cpuCount(base.cpuCount()).reservedCpus(base.reservedCpus().get()).isolatedCpus(base.isolatedCpus().get());
        } else {
            cpu(profile, base.cpu(), needs, Math.max(hostCpus, base.cpuCount()), report);
            if (!needs.cpuLists()) {
                profile.cpuCount(base.cpuCount());
            }
        }
        base.gpus().forEach(profile::gpu);
        for (NicSlot nic : base.nics()) {
            int needed = needs.vfsByNic().getOrDefault(nic.model(), 0);
            int perPort = Math.max(nic.vfsPerPort(), (needed + nic.cards() * nic.ports() - 1) / (nic.cards() * nic.ports()));
            profile.nic(new NicSlot(nic.model(), nic.cards(), nic.ports(), perPort, nic.rdma(), nic.eswitch(), nic.mtu(), needed > 0 ? NicUse.VM : nic.use(),
                    nic.source()));
        }
        bridges(profile, base.hostNetworks(), needs, report);
        return profile.build();
    }

    /** The profile's host networks, then a Linux bridge per bridge the VMs attach to that they lack; their ports stay to be named. */
    private static void bridges(HardwareProfile.Builder profile, List<HostInterface> networks, Needs needs, List<String> report) {
        networks.forEach(profile::hostNetwork);
        for (String bridge : needs.bridges()) {
            if (networks.stream().noneMatch(n -> n.name().equals(bridge))) {
                profile.hostNetwork(HostInterface.builder().name(bridge).type(HostInterface.InterfaceType.LINUX_BRIDGE).build());
                report.add("hardware profile: bridge " + bridge + " is added as a Linux bridge without ports; give it the ports of its Proxmox "
                        + "bridge (bridge-ports in /etc/network/interfaces) so its VLANs reach the wire");
            }
        }
    }

    /**
     * The cpu block: vendor, and when VMs need dedicated CPUs or huge pages, the CPU lists a PerformanceProfile needs
     * (PULSE-CPU-SETS): two CPUs reserved for the host, the rest isolated.
     */
    private static void cpu(HardwareProfile.Builder profile, CpuVendor vendor, Needs needs, int hostCpus, List<String> report) {
        profile.cpu(vendor);
        if (!needs.cpuLists()) {
            return;
        }
        int count = hostCpus;
        if (count <= 0) {
            count = needs.dedicatedCpus() + 2;
            count += count % 2;
            report.add("hardware profile: the host's CPU count is not known, so " + count + " is assumed (the VMs' dedicated vCPUs and emulator "
                    + "threads plus 2 for the host); pass -Dpulse.proxmox.hostCpus=$(nproc) of the host for its real CPU lists");
        }
        profile.cpuCount(count).reservedCpus("0-1").isolatedCpus("2-" + (count - 1));
    }

    /**
     * AMD or Intel, from the host bridge (root complex) function, whose vendor is the CPU's: {@code 1022} AMD,
     * {@code 8086} Intel (PCI-SIG vendor ids, as pci.ids lists them).
     */
    private static CpuVendor vendor(Lspci lspci, List<String> report) {
        for (Map.Entry<String, PciId> device : lspci.devices().entrySet()) {
            if (lspci.descriptions().getOrDefault(device.getKey(), "").startsWith("Host bridge")) {
                if (device.getValue().vendor().equals("1022")) {
                    return CpuVendor.AMD;
                }
                if (device.getValue().vendor().equals("8086")) {
                    return CpuVendor.INTEL;
                }
            }
        }
        boolean amd = lspci.devices().values().stream().anyMatch(id -> id.vendor().equals("1022"));
        report.add("hardware profile: no host bridge in the lspci capture; CPU vendor " + (amd ? "amd" : "intel") + " guessed from "
                + (amd ? "AMD devices on the host" : "the absence of AMD devices") + ": check it, it decides the IOMMU kernel arguments");
        return amd ? CpuVendor.AMD : CpuVendor.INTEL;
    }
}

package dev.pulse.model;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The OpenStack side of a cluster with {@code platform: rhoso}: where the control plane lives, its networks, the
 * optional services it runs, the Nova PCI aliases of the hosts' GPUs and the roles that become flavors. Secrets
 * are named, never held.
 *
 * @param namespace the namespace of the control plane and the data plane (seed 004: {@code rhoso1})
 * @param controlPlane the OpenStackControlPlane's name
 * @param secret the Secret holding the service passwords ({@code osp-secret}), created outside Git
 * @param libvirtSecret the Secret with {@code LibvirtPassword} the data plane's libvirt service reads
 * @param sshKeySecret the Secret with the Ansible SSH key for the EDPM nodes
 * @param migrationSshKeySecret the Secret with the SSH key Nova uses between computes
 * @param ansibleUser the SSH user Ansible logs in as on EDPM nodes
 * @param ctlplaneInterface the os-net-config name of the EDPM nodes' control-plane NIC ({@code nic1}, ...)
 * @param clientImage the openstackclient image the flavor Job runs
 * @param networks the NetConfig networks; {@code ctlplane} is required
 * @param services optional control-plane services switched on or off, by name
 * @param pciAliases Nova PCI aliases per GPU model (default: the model's name, Nova's NUMA policy)
 * @param flavors roles that become Nova flavors
 * @param source where the block was written
 */
public record Rhoso(
        String namespace,
        String controlPlane,
        String secret,
        String libvirtSecret,
        String sshKeySecret,
        String migrationSshKeySecret,
        String ansibleUser,
        String ctlplaneInterface,
        String clientImage,
        List<RhosoNetwork> networks,
        SortedMap<String, Boolean> services,
        List<PciAlias> pciAliases,
        List<String> flavors,
        Source source) {

    /** The control-plane network EDPM nodes are managed over (dataplane {@code managementNetwork}). */
    public static final String CTLPLANE = "ctlplane";

    /**
     * Optional services and whether they run when not told: as in seed 004 (Glance, Cinder and Horizon on;
     * Barbican and Heat off). Keystone, Nova, Neutron, Placement, Galera, RabbitMQ, Memcached and OVN always run;
     * Designate, Ironic, Manila, Octavia, Swift and Telemetry are always off (Pulse renders no template for them).
     */
    public static final SortedMap<String, Boolean> SERVICE_DEFAULTS = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(
            java.util.Map.of("barbican", false, "cinder", true, "glance", true, "heat", false, "horizon", true)));

    public Rhoso {
        networks = List.copyOf(networks);
        services = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(services));
        pciAliases = List.copyOf(pciAliases);
        flavors = List.copyOf(flavors);
    }

    /** Whether the optional service {@code name} runs. */
    public boolean runs(String name) {
        return services.getOrDefault(name, SERVICE_DEFAULTS.getOrDefault(name, false));
    }

    public Optional<RhosoNetwork> network(String name) {
        return networks.stream().filter(network -> network.name().equals(name)).findFirst();
    }

    public Optional<PciAlias> pciAlias(String model) {
        return pciAliases.stream().filter(alias -> alias.model().equals(model)).findFirst();
    }

    /**
     * One network of the NetConfig (one subnet, {@code subnet1}).
     *
     * @param name network name ({@code ctlplane}, {@code internalapi}, ...)
     * @param dnsDomain its DNS domain
     * @param cidr the subnet
     * @param gateway the subnet's gateway, if it has one
     * @param vlan VLAN id, 0 for none
     * @param mtu MTU
     * @param allocationStart first address the IPAM hands out
     * @param allocationEnd last address the IPAM hands out
     * @param source where it was written
     */
    public record RhosoNetwork(String name, String dnsDomain, String cidr, Optional<String> gateway, int vlan, int mtu, String allocationStart,
            String allocationEnd, Source source) {}

    /**
     * How Nova names a GPU model: the alias flavors ask for ({@code pci_passthrough:alias=<name>:<count>}).
     *
     * @param model catalog GPU model
     * @param name alias name
     * @param numaPolicy Nova's {@code numa_policy} ({@code required}, {@code legacy}, {@code preferred}, {@code socket}); empty: Nova's default
     * @param source where it was written
     */
    public record PciAlias(String model, String name, Optional<String> numaPolicy, Source source) {}
}

package dev.pulse.render.layer;

import dev.pulse.model.ResolvedHost;
import static dev.pulse.render.layer.OpenStackControlPlaneLayer.map;

import dev.pulse.model.HardwareProfile;
import dev.pulse.model.Rhoso;
import dev.pulse.render.yaml.YamlWriter;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * RHOSO wave 2: the EDPM compute nodes, one OpenStackDataPlaneNodeSet per hardware profile, and the
 * OpenStackDataPlaneDeployment that runs Ansible on them. For hosts with passthrough GPUs, the GPU half seed 004
 * left out, as openstack-k8s-operators/architecture {@code dt/nova/nova04delta} does it:
 * <ul>
 *   <li>{@code edpm_kernel_args}: the CPU vendor's IOMMU arguments, {@code vfio-pci.ids=} the GPUs and their
 *       companion functions, {@code rd.driver.pre=vfio-pci} (nova04delta {@code edpm/nodeset/values.yaml}); the
 *       {@code reboot-os} service reboots into them.</li>
 *   <li>{@code vfio-pci-bind}: a service that keeps the host's GPU drivers off the cards and loads vfio-pci at boot
 *       (nova04delta {@code edpm/nodeset/nova_gpu.yaml}).</li>
 *   <li>A ConfigMap {@code nova-compute-<profile>} with {@code [pci] device_spec} and the same alias as the control plane
 *       (and, for profiles with {@code cpu.reserved}/{@code cpu.isolated}, {@code [compute] cpu_shared_set} and
 *       {@code cpu_dedicated_set}, with tuned's {@code cpu-partitioning} isolating the dedicated CPUs),
 *       mounted by a custom nova service {@code nova-<profile>} ({@code edpmServiceType: nova}, the default nova
 *       service's dataSources plus the ConfigMap: openstack-operator
 *       {@code config/services/dataplane_v1beta1_openstackdataplaneservice_nova.yaml}, docs "Configuring a node set for
 *       a Compute feature or workload"), which takes the default {@code nova}'s place in the NodeSet's services.</li>
 * </ul>
 * A finished OpenStackDataPlaneDeployment never runs again, so its name carries a hash of what it deploys: a change of
 * the data plane is a new Deployment (the documented way to apply one), and Argo CD prunes the finished one.
 */
public final class OpenStackDataPlaneLayer implements Layer {

    /** The nova04delta bind service's name. */
    static final String VFIO_SERVICE = "vfio-pci-bind";

    /**
     * The default services of a pre-provisioned compute NodeSet, in order (openstack-operator
     * {@code config/samples/dataplane_v1beta1_openstackdataplanenodeset.yaml}, without {@code redhat}, which needs
     * subscription Secrets, and {@code telemetry}, which is off); {@code nova} is replaced for GPU hosts.
     */
    static final List<String> SERVICES = List.of("bootstrap", "download-cache", "configure-network", "validate-network", "install-os", "configure-os",
            "ssh-known-hosts", "run-os", "reboot-os", "install-certs", "ovn", "neutron-metadata", "libvirt", "nova");

    @Override
    public String name() {
        return "openstack-data-plane";
    }

    @Override
    public List<HasMetadata> objects(ClusterView cluster) {
        if (cluster.hosts().isEmpty()) {
            return List.of();
        }
        Rhoso rhoso = cluster.cluster().rhoso().orElseThrow();
        String fleet = cluster.fleet().name();
        List<HasMetadata> objects = new ArrayList<>();
        List<String> nodeSets = new ArrayList<>();
        boolean anyGpu = false;
        for (HardwareProfile profile : cluster.profiles()) {
            SortedSet<String> vfioIds = NovaPci.vfioIds(cluster, profile);
            boolean gpus = !vfioIds.isEmpty();
            Optional<String> pinning = NovaPci.computeCpuPinning(profile);
            anyGpu |= gpus;
            Map<String, String> conf = new TreeMap<>();
            if (gpus) {
                // files in the nova_compute container's /etc/nova/nova.conf.d, read in name order (nova04delta: 03-gpu-nova.conf,
                // 25-cpu-pinning-nova.conf)
                conf.put("03-nova-pci-passthrough.conf", NovaPci.computePci(cluster, profile));
            }
            pinning.ifPresent(text -> conf.put("25-nova-cpu-pinning.conf", text));
            List<String> services = new ArrayList<>();
            if (gpus) {
                services.add(VFIO_SERVICE);
            }
            for (String service : SERVICES) {
                services.add(service.equals("nova") && !conf.isEmpty() ? "nova-" + profile.name() : service);
            }
            if (!conf.isEmpty()) {
                String configMap = "nova-compute-" + profile.name();
                objects.add(new ConfigMapBuilder().withApiVersion("v1").withKind("ConfigMap")
                        .withMetadata(Resources.metadata(rhoso.namespace(), configMap, fleet, Map.of()))
                        .withData(conf)
                        .build());
                objects.add(Resources.custom("dataplane.openstack.org/v1beta1", "OpenStackDataPlaneService",
                        Resources.metadata(rhoso.namespace(), "nova-" + profile.name(), fleet, Map.of()), map(
                                "edpmServiceType", "nova",
                                "playbook", "osp.edpm.nova",
                                "caCerts", "combined-ca-bundle",
                                "containerImageFields", List.of("NovaComputeImage"),
                                "dataSources", List.of(
                                        map("secretRef", map("name", "nova-cell1-compute-config")),
                                        map("secretRef", map("name", rhoso.migrationSshKeySecret())),
                                        map("configMapRef", map("name", "nova-extra-config", "optional", true)),
                                        map("configMapRef", map("name", configMap))))));
            }
            objects.add(nodeSet(cluster, rhoso, profile, services, vfioIds, pinning.isPresent()));
            nodeSets.add(profile.name());
        }
        if (anyGpu) {
            boolean nvidia = NovaPci.gpuModels(cluster).stream().anyMatch(device -> device.pci().vendor().equals("10de"));
            objects.add(Resources.custom("dataplane.openstack.org/v1beta1", "OpenStackDataPlaneService",
                    Resources.metadata(rhoso.namespace(), VFIO_SERVICE, fleet, Map.of()), map("playbookContents", vfioPlaybook(nvidia))));
        }
        // OpenStackDataPlaneDeployment: deploymentRequeueTime is required by the CRD schema (default 15 seconds)
        objects.add(Resources.custom("dataplane.openstack.org/v1beta1", "OpenStackDataPlaneDeployment",
                Resources.metadata(rhoso.namespace(), "edpm-" + hash(objects), fleet, Map.of()),
                map("nodeSets", nodeSets, "deploymentRequeueTime", 15)));
        return objects;
    }

    private static HasMetadata nodeSet(ClusterView cluster, Rhoso rhoso, HardwareProfile profile, List<String> services, SortedSet<String> vfioIds,
            boolean pinning) {
        Rhoso.RhosoNetwork ctlplane = rhoso.network(Rhoso.CTLPLANE).orElseThrow();
        Map<String, Object> vars = new LinkedHashMap<>();
        if (!vfioIds.isEmpty()) {
            List<String> args = new ArrayList<>(profile.cpu().iommuKernelArguments());
            args.add("vfio-pci.ids=" + String.join(",", vfioIds));
            args.add("rd.driver.pre=vfio-pci");
            vars.put("edpm_kernel_args", String.join(" ", args));
        }
        if (pinning) {
            // isolate the dedicated CPUs from host processes with tuned, not isolcpus (nova04delta README, edpm_tuned role)
            vars.put("edpm_tuned_profile", "cpu-partitioning");
            vars.put("edpm_tuned_isolated_cores", profile.isolatedCpus().orElseThrow());
        }
        // edpm-ansible role defaults and the openstack-operator NodeSet sample
        vars.put("edpm_network_config_template", networkTemplate(rhoso.ctlplaneInterface()));
        vars.put("neutron_physical_bridge_name", "br-ex");
        vars.put("neutron_public_interface_name", rhoso.ctlplaneInterface());
        vars.put("edpm_ovn_bridge_mappings", List.of("datacentre:br-ex"));
        vars.put("edpm_nodes_validation_validate_controllers_icmp", false);
        vars.put("edpm_nodes_validation_validate_gateway_icmp", false);
        vars.put("edpm_sshd_allowed_ranges", List.of(ctlplane.cidr()));
        vars.put("gather_facts", false);
        Map<String, Object> nodes = new LinkedHashMap<>();
        for (ResolvedHost host : cluster.hosts().stream().filter(h -> h.profile().equals(profile)).toList()) {
            String ip = host.ctlplaneIP().orElseThrow();
            List<Object> networks = new ArrayList<>();
            for (Rhoso.RhosoNetwork network : rhoso.networks()) {
                networks.add(network.name().equals(Rhoso.CTLPLANE)
                        ? map("name", network.name(), "subnetName", OpenStackControlPlaneLayer.SUBNET, "defaultRoute", true, "fixedIP", ip)
                        : map("name", network.name(), "subnetName", OpenStackControlPlaneLayer.SUBNET));
            }
            nodes.put(host.name(), map("hostName", host.name(), "ansible", map("ansibleHost", ip), "networks", networks));
        }
        return Resources.custom("dataplane.openstack.org/v1beta1", "OpenStackDataPlaneNodeSet", Resources.metadata(rhoso.namespace(), profile.name(),
                cluster.fleet().name(), Map.of()), map(
                        "preProvisioned", true,
                        "networkAttachments", List.of(Rhoso.CTLPLANE),
                        "env", List.of(map("name", "ANSIBLE_FORCE_COLOR", "value", "True")),
                        "services", services,
                        "nodeTemplate", map(
                                "ansibleSSHPrivateKeySecret", rhoso.sshKeySecret(),
                                "managementNetwork", Rhoso.CTLPLANE,
                                "ansible", map("ansibleUser", rhoso.ansibleUser(), "ansiblePort", 22, "ansibleVars", vars)),
                        "nodes", nodes));
    }

    /**
     * os-net-config for a node with one NIC carrying ctlplane (and VLANs of the other networks) on the bridge OVN
     * uses: the template of architecture {@code examples/dt/nova/nova04delta/edpm/nodeset/values.yaml}.
     */
    private static String networkTemplate(String nic) {
        return """
                ---
                {% set mtu_list = [ctlplane_mtu] %}
                {% for network in nodeset_networks %}
                {{ mtu_list.append(lookup('vars', networks_lower[network] ~ '_mtu')) }}
                {%- endfor %}
                {% set min_viable_mtu = mtu_list | max %}
                network_config:
                - type: ovs_bridge
                  name: {{ neutron_physical_bridge_name }}
                  mtu: {{ min_viable_mtu }}
                  use_dhcp: false
                  dns_servers: {{ ctlplane_dns_nameservers }}
                  domain: {{ dns_search_domains }}
                  addresses:
                  - ip_netmask: {{ ctlplane_ip }}/{{ ctlplane_cidr }}
                  routes: {{ ctlplane_host_routes }}
                  members:
                  - type: interface
                    name: NIC
                    mtu: {{ min_viable_mtu }}
                    primary: true
                {% for network in nodeset_networks %}
                  - type: vlan
                    mtu: {{ lookup('vars', networks_lower[network] ~ '_mtu') }}
                    vlan_id: {{ lookup('vars', networks_lower[network] ~ '_vlan_id') }}
                    addresses:
                    - ip_netmask:
                        {{ lookup('vars', networks_lower[network] ~ '_ip') }}/{{ lookup('vars', networks_lower[network] ~ '_cidr') }}
                    routes: {{ lookup('vars', networks_lower[network] ~ '_host_routes') }}
                {% endfor %}
                """.replace("name: NIC", "name: " + nic);
    }

    /**
     * The nova04delta {@code vfio-pci-bind} playbook: host GPU drivers off the cards (NVIDIA: nouveau and nvidia),
     * vfio and vfio-pci loaded at boot, initramfs rebuilt so {@code rd.driver.pre=vfio-pci} finds the module.
     */
    private static String vfioPlaybook(boolean nvidia) {
        String playbook = """
                - name: Bind vfio-pci to the passthrough GPUs
                  hosts: all
                  tasks:
                    - name: Keep the host's GPU drivers off the passthrough GPUs
                      become: true
                      ansible.builtin.copy:
                        dest: /etc/modprobe.d/blacklist-nvidia.conf
                        mode: "0644"
                        content: |-
                          blacklist nouveau
                          blacklist nvidia
                          options nouveau modeset=0
                        force: false
                      register: _blacklist_gpu_drivers

                    - name: Load vfio and vfio-pci at boot
                      become: true
                      ansible.builtin.copy:
                        dest: /etc/modules-load.d/vfio.conf
                        mode: "0644"
                        content: |
                          vfio
                          vfio-pci
                        force: false
                      register: _load_vfio

                    - name: Rebuild the initramfs with vfio-pci
                      become: true
                      ansible.builtin.command: dracut --force
                      when: _load_vfio.changed or _blacklist_gpu_drivers.changed
                """;
        if (nvidia) {
            return playbook;
        }
        int from = playbook.indexOf("    - name: Keep");
        int to = playbook.indexOf("    - name: Load");
        return (playbook.substring(0, from) + playbook.substring(to)).replace(" or _blacklist_gpu_drivers.changed", "");
    }

    /** Eight hex digits of SHA-256 over the objects as written: the same data plane gives the same Deployment name. */
    private static String hash(List<HasMetadata> objects) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (HasMetadata object : objects) {
                digest.update(YamlWriter.tree(object).toString().getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}

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
            String allocationEnd, Source source) {

        /**
         * A builder with the defaults: untagged, MTU 1500, no gateway.
         *
         * @return a new builder
         */
        public static Builder builder() {
            return new Builder();
        }

        /** Builds a {@link RhosoNetwork}; unset values keep the defaults {@code fleet.yaml} has. */
        public static final class Builder {
            private String name = "";
            private String dnsDomain = "";
            private String cidr = "";
            private Optional<String> gateway = Optional.empty();
            private int vlan;
            private int mtu = 1500;
            private String allocationStart = "";
            private String allocationEnd = "";
            private Source source;

            private Builder() {}

            /**
             * The network name ({@code ctlplane}, {@code internalapi}, ...).
             *
             * @param value a name
             * @return this builder
             */
            public Builder name(String value) {
                name = value;
                return this;
            }

            /**
             * Its DNS domain.
             *
             * @param value a domain
             * @return this builder
             */
            public Builder dnsDomain(String value) {
                dnsDomain = value;
                return this;
            }

            /**
             * The subnet.
             *
             * @param value a CIDR
             * @return this builder
             */
            public Builder cidr(String value) {
                cidr = value;
                return this;
            }

            /**
             * The subnet's gateway (default: none).
             *
             * @param value an address
             * @return this builder
             */
            public Builder gateway(String value) {
                gateway = Optional.of(value);
                return this;
            }

            /**
             * The VLAN id (default 0: none).
             *
             * @param value the VLAN id
             * @return this builder
             */
            public Builder vlan(int value) {
                vlan = value;
                return this;
            }

            /**
             * The MTU (default 1500).
             *
             * @param value the MTU
             * @return this builder
             */
            public Builder mtu(int value) {
                mtu = value;
                return this;
            }

            /**
             * The first address the IPAM hands out.
             *
             * @param value an address
             * @return this builder
             */
            public Builder allocationStart(String value) {
                allocationStart = value;
                return this;
            }

            /**
             * The last address the IPAM hands out.
             *
             * @param value an address
             * @return this builder
             */
            public Builder allocationEnd(String value) {
                allocationEnd = value;
                return this;
            }

            /**
             * Where it was written; unset: the calling line.
             *
             * @param value the source
             * @return this builder
             */
            public Builder source(Source value) {
                source = value;
                return this;
            }

            /**
             * The network.
             *
             * @return a new {@link RhosoNetwork}
             */
            public RhosoNetwork build() {
                return new RhosoNetwork(name, dnsDomain, cidr, gateway, vlan, mtu, allocationStart, allocationEnd, source != null ? source : Caller.source());
            }
        }
    }

    /**
     * How Nova names a GPU model: the alias flavors ask for ({@code pci_passthrough:alias=<name>:<count>}).
     *
     * @param model catalog GPU model
     * @param name alias name
     * @param numaPolicy Nova's {@code numa_policy} ({@code required}, {@code legacy}, {@code preferred}, {@code socket}); empty: Nova's default
     * @param source where it was written
     */
    public record PciAlias(String model, String name, Optional<String> numaPolicy, Source source) {}

    /**
     * A builder with the defaults of the openstack-k8s-operators samples: namespace {@code openstack}, control plane {@code controlplane}, Secrets {@code osp-secret}, ... and no networks.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link Rhoso}; unset values keep the defaults {@code fleet.yaml} has. */
    public static final class Builder {
        private String namespace = "openstack";
        private String controlPlane = "controlplane";
        private String secret = "osp-secret";
        private String libvirtSecret = "libvirt-secret";
        private String sshKeySecret = "dataplane-ansible-ssh-private-key-secret";
        private String migrationSshKeySecret = "nova-migration-ssh-key";
        private String ansibleUser = "cloud-admin";
        private String ctlplaneInterface = "nic1";
        // openstack-operator config/operator/default_images.yaml (RELATED_IMAGE_OPENSTACK_CLIENT_IMAGE_URL_DEFAULT)
        private String clientImage = "quay.io/podified-antelope-centos9/openstack-openstackclient:current-podified";
        private final List<RhosoNetwork> networks = new java.util.ArrayList<>();
        private final SortedMap<String, Boolean> services = new java.util.TreeMap<>();
        private final List<PciAlias> pciAliases = new java.util.ArrayList<>();
        private final List<String> flavors = new java.util.ArrayList<>();
        private Source source;

        private Builder() {}

        /**
         * The namespace of the control plane and data plane (default {@code openstack}).
         *
         * @param value a namespace
         * @return this builder
         */
        public Builder namespace(String value) {
            namespace = value;
            return this;
        }

        /**
         * The OpenStackControlPlane's name (default {@code controlplane}).
         *
         * @param value a name
         * @return this builder
         */
        public Builder controlPlane(String value) {
            controlPlane = value;
            return this;
        }

        /**
         * The Secret with the service passwords (default {@code osp-secret}).
         *
         * @param value a Secret name
         * @return this builder
         */
        public Builder secret(String value) {
            secret = value;
            return this;
        }

        /**
         * The Secret with {@code LibvirtPassword} (default {@code libvirt-secret}).
         *
         * @param value a Secret name
         * @return this builder
         */
        public Builder libvirtSecret(String value) {
            libvirtSecret = value;
            return this;
        }

        /**
         * The Secret with Ansible's SSH key for the EDPM nodes (default {@code dataplane-ansible-ssh-private-key-secret}).
         *
         * @param value a Secret name
         * @return this builder
         */
        public Builder sshKeySecret(String value) {
            sshKeySecret = value;
            return this;
        }

        /**
         * The Secret with Nova's SSH key between computes (default {@code nova-migration-ssh-key}).
         *
         * @param value a Secret name
         * @return this builder
         */
        public Builder migrationSshKeySecret(String value) {
            migrationSshKeySecret = value;
            return this;
        }

        /**
         * The SSH user Ansible logs in as (default {@code cloud-admin}).
         *
         * @param value a user name
         * @return this builder
         */
        public Builder ansibleUser(String value) {
            ansibleUser = value;
            return this;
        }

        /**
         * The os-net-config name of the EDPM nodes' control-plane NIC (default {@code nic1}).
         *
         * @param value an interface name
         * @return this builder
         */
        public Builder ctlplaneInterface(String value) {
            ctlplaneInterface = value;
            return this;
        }

        /**
         * The openstackclient image the flavor Job runs (default: the openstack-operator's).
         *
         * @param value an image reference
         * @return this builder
         */
        public Builder clientImage(String value) {
            clientImage = value;
            return this;
        }

        /**
         * Adds a NetConfig network, configured by {@code spec}.
         *
         * @param spec sets the network's values
         * @return this builder
         */
        public Builder network(java.util.function.Consumer<RhosoNetwork.Builder> spec) {
            RhosoNetwork.Builder builder = RhosoNetwork.builder().source(Caller.source());
            spec.accept(builder);
            return network(builder.build());
        }

        /**
         * Adds a NetConfig network.
         *
         * @param value the network
         * @return this builder
         */
        public Builder network(RhosoNetwork value) {
            networks.add(value);
            return this;
        }

        /**
         * Switches an optional service on or off (unset: {@link Rhoso#SERVICE_DEFAULTS}).
         *
         * @param name the service, e.g. {@code heat}
         * @param on whether it runs
         * @return this builder
         */
        public Builder service(String name, boolean on) {
            services.put(name, on);
            return this;
        }

        /**
         * Adds the Nova PCI alias of a GPU model (unset: the model's name, Nova's NUMA policy).
         *
         * @param value the alias
         * @return this builder
         */
        public Builder pciAlias(PciAlias value) {
            pciAliases.add(value);
            return this;
        }

        /**
         * Adds roles that become Nova flavors.
         *
         * @param roles role names
         * @return this builder
         */
        public Builder flavors(String... roles) {
            flavors.addAll(List.of(roles));
            return this;
        }

        /**
         * Where it was written; unset: the calling line.
         *
         * @param value the source
         * @return this builder
         */
        public Builder source(Source value) {
            source = value;
            return this;
        }

        /**
         * The settings.
         *
         * @return new {@link Rhoso} settings
         */
        public Rhoso build() {
            return new Rhoso(namespace, controlPlane, secret, libvirtSecret, sshKeySecret, migrationSshKeySecret, ansibleUser, ctlplaneInterface, clientImage,
                    networks, services, pciAliases, flavors, source != null ? source : Caller.source());
        }
    }
}

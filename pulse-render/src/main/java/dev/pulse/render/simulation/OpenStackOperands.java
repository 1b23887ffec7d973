package dev.pulse.render.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The OpenStack operator's resources on an RHOSO cluster (openstack-k8s-operators/openstack-operator):
 * <ul>
 *   <li>{@code OpenStack}: internal/controller/operator/openstack_controller.go applies {@code bindata/crds} (the
 *       service operators' CRDs, NetConfig among them) and deploys the service operators, then reports Ready.</li>
 *   <li>{@code OpenStackControlPlane}: its services are deployed by those operators, so it gets Ready only once an
 *       {@code OpenStack} is Ready.</li>
 *   <li>{@code OpenStackDataPlaneNodeSet}: internal/dataplane/service.go EnsureServices creates the default services
 *       (config/services) in its namespace; every other service it lists must exist, with the ConfigMaps its
 *       dataSources need. It is Ready once a Deployment that lists it succeeded
 *       (docs/assemblies/ref_data-plane-conditions-and-states.adoc).</li>
 *   <li>{@code OpenStackDataPlaneDeployment}: runs when every NodeSet it lists is set up and the control plane is
 *       Ready (the nova service's {@code nova-cell1-compute-config} Secret comes from the control plane's Nova).</li>
 * </ul>
 * The EDPM nodes are not OpenShift nodes; that Ansible reaches them and that their hardware matches the model is assumed.
 */
final class OpenStackOperands {

    /** The operator package. */
    static final String PACKAGE = "openstack-operator";

    /** Kinds the OpenStack CR installs that Pulse writes (bindata/crds). */
    static final List<String> INSTALLS = List.of("network.openstack.org/NetConfig", "network.openstack.org/IPSet", "network.openstack.org/DNSMasq",
            "network.openstack.org/DNSData", "network.openstack.org/Reservation", "nova.openstack.org/Nova", "keystone.openstack.org/KeystoneAPI",
            "mariadb.openstack.org/Galera", "memcached.openstack.org/Memcached");

    /** Default OpenStackDataPlaneServices (config/services, metadata.name of each). */
    static final Set<String> DEFAULT_SERVICES = Set.of("accel-drivers", "bootstrap", "ceph-client", "ceph-hci-pre", "cleanup", "configure-network",
            "configure-os", "configure-ovs-dpdk", "ddp-package-option", "derive-pci-devicespec", "download-cache", "fips-status", "frr", "install-certs",
            "install-os", "instanceha-monitoring", "libvirt", "logging", "neutron-dhcp", "neutron-metadata", "neutron-ovn", "neutron-sriov", "nova",
            "ovn", "ovn-bgp-agent", "reboot-os", "redhat", "run-os", "ssh-known-hosts", "swift", "telemetry", "telemetry-power-monitoring", "update",
            "update-services", "update-system", "validate-network");

    private OpenStackOperands() {}

    static Optional<String> installerOf(String group, String kind) {
        return INSTALLS.contains(group + "/" + kind) ? Optional.of("the OpenStack operator, once its OpenStack CR is reconciled") : Optional.empty();
    }

    static void reconcile(ClusterState state) {
        // the operator's OperatorGroup targets all namespaces, so it reconciles these wherever they are
        Optional<String> operator = Operands.operatorMissing(state, PACKAGE, "");
        boolean initialised = false;
        for (ObjectNode openstack : state.liveOf("operator.openstack.org", "OpenStack")) {
            ObjectRef ref = ObjectRef.of(openstack);
            if (operator.isPresent()) {
                state.setStatus(ref, Json.object(), false, operator.get());
                continue;
            }
            INSTALLS.forEach(crd -> state.crds.putIfAbsent(crd, ref));
            state.setStatus(ref, ready(), true, "");
            initialised = true;
        }
        boolean controlPlaneReady = false;
        for (ObjectNode controlPlane : state.liveOf("core.openstack.org", "OpenStackControlPlane")) {
            ObjectRef ref = ObjectRef.of(controlPlane);
            if (operator.isPresent() || !initialised) {
                state.setStatus(ref, notReady(), false, operator.orElse("no Ready OpenStack CR has deployed the service operators"));
                continue;
            }
            state.assumed.add("Secret " + ref.namespace() + "/" + Json.text(controlPlane, "spec", "secret") + " (the service passwords the model names)");
            state.assumed.add("StorageClass " + Json.text(controlPlane, "spec", "storageClass") + " (named by the model's storage settings)");
            state.setStatus(ref, ready(), true, "");
            controlPlaneReady = true;
        }
        List<String> setUp = new ArrayList<>();
        java.util.Map<String, String> notSetUp = new java.util.TreeMap<>();
        for (ObjectNode nodeSet : state.liveOf("dataplane.openstack.org", "OpenStackDataPlaneNodeSet")) {
            ObjectRef ref = ObjectRef.of(nodeSet);
            Optional<String> missing = operator.or(() -> missingService(state, ref.namespace(), nodeSet));
            if (missing.isPresent()) {
                state.setStatus(ref, notReady(), false, missing.get());
                notSetUp.put(ref.name(), missing.get());
                continue;
            }
            state.assumed.add("Secret " + ref.namespace() + "/" + Json.text(nodeSet, "spec", "nodeTemplate", "ansibleSSHPrivateKeySecret")
                    + " (the Ansible SSH key the model names) and EDPM nodes reachable over SSH");
            setUp.add(ref.namespace() + "/" + ref.name());
        }
        List<String> deployed = new ArrayList<>();
        for (ObjectNode deployment : state.liveOf("dataplane.openstack.org", "OpenStackDataPlaneDeployment")) {
            ObjectRef ref = ObjectRef.of(deployment);
            List<String> waitingFor = new ArrayList<>();
            deployment.path("spec").path("nodeSets").forEach(name -> {
                if (!setUp.contains(ref.namespace() + "/" + name.asText())) {
                    waitingFor.add(name.asText() + " (" + notSetUp.getOrDefault(name.asText(), "no such OpenStackDataPlaneNodeSet in " + ref.namespace()) + ")");
                }
            });
            if (operator.isPresent()) {
                state.setStatus(ref, notReady(), false, operator.get());
            } else if (!waitingFor.isEmpty()) {
                state.setStatus(ref, notReady(), false, "NodeSets not set up: " + String.join(", ", waitingFor));
            } else if (!controlPlaneReady) {
                state.setStatus(ref, notReady(), false, "the control plane is not Ready (the nova service needs nova-cell1-compute-config)");
            } else {
                deployment.path("spec").path("nodeSets").forEach(name -> deployed.add(ref.namespace() + "/" + name.asText()));
                state.setStatus(ref, ready(), true, "");
            }
        }
        for (ObjectNode nodeSet : state.liveOf("dataplane.openstack.org", "OpenStackDataPlaneNodeSet")) {
            ObjectRef ref = ObjectRef.of(nodeSet);
            if (setUp.contains(ref.namespace() + "/" + ref.name())) {
                boolean done = deployed.contains(ref.namespace() + "/" + ref.name());
                state.setStatus(ref, done ? ready() : notReady(), done, done ? "" : "no successful OpenStackDataPlaneDeployment lists it");
            }
        }
    }

    /**
     * EDPM nodes a Deployment among {@code applied} reboots: those of its NodeSets with {@code edpm_kernel_args}, which the
     * edpm_kernel role writes and the {@code reboot-os} service boots into (edpm-ansible roles edpm_kernel, edpm_reboot).
     */
    static List<String> reboots(ClusterState state, List<ObjectNode> applied) {
        List<String> reboots = new ArrayList<>();
        for (ObjectNode deployment : applied) {
            if (!ObjectRef.of(deployment).groupKind().equals("dataplane.openstack.org/OpenStackDataPlaneDeployment")) {
                continue;
            }
            String namespace = Json.text(deployment, "metadata", "namespace");
            for (JsonNode name : deployment.path("spec").path("nodeSets")) {
                state.get("dataplane.openstack.org", "OpenStackDataPlaneNodeSet", namespace, name.asText()).ifPresent(nodeSet -> {
                    String args = nodeSet.path("spec").path("nodeTemplate").path("ansible").path("ansibleVars").path("edpm_kernel_args").asText("");
                    if (!args.isEmpty()) {
                        nodeSet.path("spec").path("nodes").fieldNames().forEachRemaining(node -> reboots.add(node + " (EDPM kernel arguments " + args + ")"));
                    }
                });
            }
        }
        return reboots;
    }

    /** A service the NodeSet lists that does not exist, or a ConfigMap a listed service mounts that does not. */
    private static Optional<String> missingService(ClusterState state, String namespace, ObjectNode nodeSet) {
        for (JsonNode name : nodeSet.path("spec").path("services")) {
            Optional<ObjectNode> service = state.get("dataplane.openstack.org", "OpenStackDataPlaneService", namespace, name.asText());
            if (service.isEmpty()) {
                if (DEFAULT_SERVICES.contains(name.asText())) {
                    continue;
                }
                return Optional.of("OpenStackDataPlaneService " + name.asText() + " does not exist in " + namespace);
            }
            for (JsonNode source : service.get().path("spec").path("dataSources")) {
                String configMap = source.path("configMapRef").path("name").asText("");
                if (!configMap.isEmpty() && !source.path("configMapRef").path("optional").asBoolean(false)
                        && state.get("", "ConfigMap", namespace, configMap).isEmpty()) {
                    return Optional.of("service " + name.asText() + " mounts ConfigMap " + configMap + ", which does not exist in " + namespace);
                }
            }
        }
        return Optional.empty();
    }

    /** lib-common conditions: Ready True, observed. */
    private static ObjectNode ready() {
        ObjectNode status = Json.object();
        status.set("conditions", Json.array().add(Json.condition("Ready", true, "Ready", "Setup complete")));
        status.put("observedGeneration", 1);
        return status;
    }

    private static ObjectNode notReady() {
        ObjectNode status = Json.object();
        ObjectNode condition = Json.condition("Ready", false, "Requested", "In progress");
        condition.put("severity", "Info");
        status.set("conditions", Json.array().add(condition));
        status.put("observedGeneration", 1);
        return status;
    }
}

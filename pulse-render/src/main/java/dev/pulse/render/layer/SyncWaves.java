package dev.pulse.render.layer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The one place that knows sync order: which layers exist and in which Argo CD sync wave their
 * Application runs, and the resource waves inside a layer (Namespace before OperatorGroup before
 * Subscription). The order follows what each layer needs of the ones before (DESIGN §4 contracts):
 * <ol start="0">
 *   <li>operators: OLM installs the CRDs of everything after.</li>
 *   <li>node-labels: the NFD instance and Pulse's NodeFeatureRule, so every later selector finds its nodes.</li>
 *   <li>host-config: MachineConfigPools select by those labels; MachineConfigs reboot nodes, in a wave of their
 *       own so no other layer's sync is cut by a reboot.</li>
 *   <li>virtualization: operator instances (HyperConverged, ClusterPolicy, SR-IOV config, NMState), which
 *       advertise devices and install the NMState policy CRDs.</li>
 *   <li>networks: SR-IOV and NMState policies (the SR-IOV webhook needs labelled nodes with a node state).</li>
 *   <li>storage: the backend Pulse installs (LVMCluster, LocalVolume, StorageCluster), after host configuration
 *       (no reboot under a new volume group or Ceph OSD) and the hosts' networks (a storage network exists before
 *       storage uses it); its health holds workloads until the class VM disks ask for can bind.</li>
 *   <li>workloads: VMs, once every device, VF, bridge and huge page they ask for exists.</li>
 * </ol>
 * An RHOSO cluster ({@code platform: rhoso}) has its own list, {@link #RHOSO_LAYERS}: its hosts are EDPM compute
 * nodes that Ansible configures, so none of the layers above applies to it.
 * <ol start="0">
 *   <li>openstack-operators: cert-manager and the OpenStack operator, its {@code OpenStack} initialisation CR (which
 *       installs the service operators and the remaining CRDs, NetConfig among them), the control plane's namespace.</li>
 *   <li>openstack-control-plane: NetConfig, then the OpenStackControlPlane with Nova's PCI aliases and scheduler filter.</li>
 *   <li>openstack-data-plane: the compute nodes' Nova PCI config, the custom nova service, NodeSets and the
 *       Deployment that runs Ansible on them (kernel arguments, vfio-pci binding, reboot).</li>
 *   <li>openstack-flavors: a PostSync Job that creates the roles' flavors once the computes report their GPUs.</li>
 * </ol>
 * Argo CD starts the next wave only when every resource of this one is Healthy (argoproj/gitops-engine
 * {@code pkg/sync/sync_context.go}), so each layer's custom kinds have health checks (HealthChecks).
 */
public final class SyncWaves {

    /**
     * A layer and its Application's sync wave.
     *
     * @param wave the Application's sync wave
     * @param layer the layer
     * @param waitsForNodes true when the layer's sync may fail until nodes rebooted or reported (MachineConfig
     *     rollouts, SR-IOV firmware changes, the SR-IOV webhook waiting for node states): its Application retries
     *     without a limit instead of giving up after the usual budget
     */
    public record Entry(int wave, Layer layer, boolean waitsForNodes) {}

    /** Every layer, in sync order. */
    public static final List<Entry> LAYERS = List.of(
            new Entry(0, new OperatorsLayer(), false),
            new Entry(1, new NodeLabelsLayer(), false),
            new Entry(2, new HostConfigLayer(), true),
            new Entry(3, new VirtualizationLayer(), false),
            new Entry(4, new NetworksLayer(), true),
            new Entry(5, new StorageLayer(), false),
            new Entry(6, new WorkloadsLayer(), false));

    /**
     * The layers of an RHOSO cluster, in sync order. The data plane waits for nodes: its Deployment runs Ansible on
     * the EDPM nodes and reboots them into the new kernel arguments, which outlasts any retry budget.
     */
    public static final List<Entry> RHOSO_LAYERS = List.of(
            new Entry(0, new OpenStackOperatorsLayer(), false),
            new Entry(1, new OpenStackControlPlaneLayer(), false),
            new Entry(2, new OpenStackDataPlaneLayer(), true),
            new Entry(3, new OpenStackFlavorsLayer(), false));

    /** The layers a cluster of {@code platform} renders, in sync order. */
    public static List<Entry> layersFor(dev.pulse.model.Platform platform) {
        return platform == dev.pulse.model.Platform.RHOSO ? RHOSO_LAYERS : LAYERS;
    }

    /** The entry of the layer named {@code layer}. */
    public static Entry entry(String layer) {
        return java.util.stream.Stream.concat(LAYERS.stream(), RHOSO_LAYERS.stream()).filter(entry -> entry.layer().name().equals(layer)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no layer " + layer));
    }

    /** Resource waves inside a layer, by kind; kinds not listed sync in wave 0. */
    private static final Map<String, Integer> RESOURCE_WAVES = Map.ofEntries(
            Map.entry("Namespace", -2),
            Map.entry("OperatorGroup", -1),
            Map.entry("Subscription", 0),
            // the OpenStack operator's initialisation CR, once its Subscription installed the CRD
            Map.entry("OpenStack", 1),
            Map.entry("PersistentVolume", -1),
            Map.entry("PersistentVolumeClaim", -1),
            // a VM's user data Secret before the VM that reads it
            Map.entry("Secret", -1),
            // the NetConfig before the control plane's IPAM needs it; Nova's compute config and the custom nova service
            // before the NodeSet and Deployment that use them; the flavor script before its Job
            Map.entry("ConfigMap", -1),
            Map.entry("NetConfig", -1),
            Map.entry("OpenStackDataPlaneService", -1),
            // a pool before the MachineConfigs and the PerformanceProfile that target it (NTO needs the pool)
            Map.entry("MachineConfigPool", -1));

    /**
     * API groups whose CRDs an operator of the operators layer installs: their objects cannot be
     * dry-run before that operator runs, so Argo CD must skip the dry run for them.
     */
    private static final Set<String> OPERATOR_GROUPS = Set.of(
            "hco.kubevirt.io", "kubevirt.io", "cdi.kubevirt.io", "instancetype.kubevirt.io", "nvidia.com",
            "sriovnetwork.openshift.io", "nmstate.io", "nfd.openshift.io", "nfd.k8s-sigs.io",
            "operator.openstack.org", "core.openstack.org", "network.openstack.org", "dataplane.openstack.org",
            "lvm.topolvm.io", "local.storage.openshift.io", "ocs.openshift.io");

    public static final String WAVE_ANNOTATION = "argocd.argoproj.io/sync-wave";
    public static final String SYNC_OPTIONS_ANNOTATION = "argocd.argoproj.io/sync-options";

    private SyncWaves() {}

    /** The annotations Argo CD needs on {@code object}: its resource wave and, for operator CRs, the dry-run skip. */
    public static Map<String, String> annotationsFor(HasMetadata object) {
        Map<String, String> annotations = new TreeMap<>();
        Integer wave = RESOURCE_WAVES.get(object.getKind());
        if (wave != null && wave != 0) {
            annotations.put(WAVE_ANNOTATION, Integer.toString(wave));
        }
        String apiVersion = object.getApiVersion();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        if (OPERATOR_GROUPS.contains(group)) {
            annotations.put(SYNC_OPTIONS_ANNOTATION, "SkipDryRunOnMissingResource=true");
        }
        return annotations;
    }
}

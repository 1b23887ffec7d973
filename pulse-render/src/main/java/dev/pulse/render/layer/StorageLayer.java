package dev.pulse.render.layer;

import dev.pulse.model.StorageBackend;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The storage backend's instance, when Pulse installs one (the operators layer subscribes to its operator): the
 * class VM disks ask for exists and can bind once this layer is Healthy, so workloads come after it.
 * <ul>
 *   <li>LVM Storage: LVMCluster {@code lvmcluster} in {@code openshift-storage}, one device class (default: the
 *       cluster's default class) on the named disks of the named hosts, thin-provisioned as Red Hat's docs and the
 *       operator's sample configure it (openshift/lvm-operator {@code config/samples/lvm_v1alpha1_lvmcluster.yaml}).
 *       The operator creates StorageClass {@code lvms-<deviceClass>}.</li>
 *   <li>Local Storage Operator: LocalVolume in {@code openshift-local-storage}, the disks as block PVs of the
 *       cluster's class on the named hosts (openshift/local-storage-operator {@code docs/deploy-with-olm.md}).</li>
 *   <li>OpenShift Data Foundation: a LocalVolume {@code localblock} (its OSD disks) and StorageCluster
 *       {@code ocs-storagecluster} in {@code openshift-storage} with one device set of the local block PVs, replica 3
 *       (Red Hat "Deploying OpenShift Data Foundation using bare metal infrastructure", local storage devices).
 *       The storage hosts carry {@code cluster.ocs.openshift.io/openshift-storage} from Pulse's NodeFeatureRule
 *       (node-labels layer). ODF creates {@code ocs-storagecluster-ceph-rbd-virtualization}, annotated
 *       {@code storageclass.kubevirt.io/is-default-virt-class: "true"} by ocs-operator itself.</li>
 * </ul>
 * Devices are selected by host name ({@code kubernetes.io/hostname}); a path that does not resolve on a node is an
 * operator error, shown in the instance's status and so in the layer's health.
 */
public final class StorageLayer implements Layer {

    /** The label ODF places its daemons by: red-hat-storage/ocs-operator {@code controllers/defaults/defaults.go} NodeAffinityKey. */
    public static final String ODF_NODE_LABEL = "cluster.ocs.openshift.io/openshift-storage";

    static final String STORAGE_NAMESPACE = "openshift-storage";
    static final String LOCAL_STORAGE_NAMESPACE = "openshift-local-storage";

    @Override
    public String name() {
        return "storage";
    }

    @Override
    public List<HasMetadata> objects(ClusterView cluster) {
        List<HasMetadata> objects = new ArrayList<>();
        if (cluster.cluster().storage().backend().isEmpty()) {
            return objects;
        }
        StorageBackend backend = cluster.cluster().storage().backend().get();
        String fleet = cluster.fleet().name();
        switch (backend.type()) {
            case LVMS -> objects.add(Resources.custom("lvm.topolvm.io/v1alpha1", "LVMCluster",
                    Resources.metadata(STORAGE_NAMESPACE, "lvmcluster", fleet, Map.of()), lvmCluster(backend)));
            case LOCAL -> objects.add(Resources.custom("local.storage.openshift.io/v1", "LocalVolume",
                    Resources.metadata(LOCAL_STORAGE_NAMESPACE, backend.storageClass(), fleet, Map.of()), localVolume(backend, backend.storageClass())));
            case ODF -> {
                objects.add(Resources.custom("local.storage.openshift.io/v1", "LocalVolume",
                        Resources.metadata(LOCAL_STORAGE_NAMESPACE, StorageBackend.ODF_LOCAL_CLASS, fleet, Map.of()),
                        localVolume(backend, StorageBackend.ODF_LOCAL_CLASS)));
                objects.add(Resources.custom("ocs.openshift.io/v1", "StorageCluster",
                        Resources.metadata(STORAGE_NAMESPACE, "ocs-storagecluster", fleet, Map.of()), storageCluster(backend)));
            }
            default -> throw new IllegalStateException("unknown backend " + backend.type());
        }
        return objects;
    }

    /** A node selector term matching the backend's hosts by name. */
    private static Map<String, Object> hostsSelector(StorageBackend backend) {
        return Map.of("nodeSelectorTerms", List.of(Map.of("matchExpressions", List.of(Map.of(
                "key", "kubernetes.io/hostname", "operator", "In", "values", backend.hosts())))));
    }

    private static Map<String, Object> lvmCluster(StorageBackend backend) {
        Map<String, Object> deviceClass = new LinkedHashMap<>();
        deviceClass.put("name", backend.deviceClass());
        deviceClass.put("default", true);
        deviceClass.put("fstype", "xfs");
        // paths "must resolve on each node", optionalPaths "at least one on each node" (lvm.topolvm.io_lvmclusters.yaml):
        // the same disks everywhere are paths; differing disks per host are optional paths.
        boolean same = backend.disks().stream().map(d -> List.copyOf(new java.util.TreeSet<>(d.paths()))).distinct().count() == 1;
        deviceClass.put("deviceSelector", Map.of(same ? "paths" : "optionalPaths", backend.paths()));
        deviceClass.put("nodeSelector", hostsSelector(backend));
        deviceClass.put("thinPoolConfig", Map.of("name", "thin-pool-1", "sizePercent", 90, "overprovisionRatio", 10));
        return Map.of("storage", Map.of("deviceClasses", List.of(deviceClass)));
    }

    private static Map<String, Object> localVolume(StorageBackend backend, String storageClass) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("nodeSelector", hostsSelector(backend));
        // a path missing on one host is skipped there (local-storage-operator diskmaker), so one list serves every host
        spec.put("storageClassDevices", List.of(Map.of("storageClassName", storageClass, "volumeMode", "Block", "devicePaths", backend.paths())));
        return spec;
    }

    private static Map<String, Object> storageCluster(StorageBackend backend) {
        int perHost = backend.disks().stream().mapToInt(d -> d.paths().size()).min().orElse(1);
        // one device set of the local block PVs: count x replica 3 OSDs, one replica per host (ocs-operator
        // api/v1/storagecluster_types.go StorageDeviceSet; ODF bare-metal docs' sample StorageCluster)
        int count = Math.max(1, perHost * backend.hosts().size() / 3);
        Map<String, Object> pvc = Map.of("spec", Map.of(
                "accessModes", List.of("ReadWriteOnce"),
                "resources", Map.of("requests", Map.of("storage", "1")),
                "storageClassName", StorageBackend.ODF_LOCAL_CLASS,
                "volumeMode", "Block"));
        Map<String, Object> deviceSet = new LinkedHashMap<>();
        deviceSet.put("name", "ocs-deviceset-" + StorageBackend.ODF_LOCAL_CLASS);
        deviceSet.put("count", count);
        deviceSet.put("replica", 3);
        deviceSet.put("portable", false);
        deviceSet.put("dataPVCTemplate", pvc);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("monDataDirHostPath", "/var/lib/rook");
        spec.put("storageDeviceSets", List.of(deviceSet));
        return spec;
    }
}

package dev.pulse.render.layer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.render.TestFleets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("storage layer")
class StorageLayerTest {

    private static final String ODF = """
            hardwareProfiles: [{name: storage-node, cpu: {vendor: intel}}]
            clusters:
              - name: c
                storage:
                  backend: odf
                  disks:
                    - {host: s1, paths: [/dev/disk/by-id/nvme-a, /dev/disk/by-id/nvme-b]}
                    - {host: s2, paths: [/dev/disk/by-id/nvme-c, /dev/disk/by-id/nvme-d]}
                    - {host: s3, paths: [/dev/disk/by-id/nvme-e, /dev/disk/by-id/nvme-f]}
                hosts: [{name: s1, profile: storage-node}, {name: s2, profile: storage-node}, {name: s3, profile: storage-node}]
                vms: [{name: v, role: control, disk: {import: {url: "https://example.com/v.qcow2"}}}]
            """;

    @Test
    @DisplayName("an existing class installs nothing")
    void existingClass() {
        assertThat(TestFleets.objects(new StorageLayer(), "clusters: [{name: c, storage: {class: gp3-csi}}]\n")).isEmpty();
    }

    @Test
    @DisplayName("LVM Storage: the lvms-operator subscription and one LVMCluster device class on the host's disks; disks ask for lvms-vg1, RWO")
    void lvms() {
        String yaml = """
                clusters:
                  - name: c
                    topology: single-node
                    storage: {backend: lvms, disks: [{host: h, paths: [/dev/disk/by-id/nvme-x]}]}
                    hosts: [{name: h, profile: g493-zb1-rtx6000ada}]
                    vms: [{name: v, role: control, disk: {import: {url: "https://example.com/v.qcow2"}}}]
                """;
        var objects = TestFleets.objects(new StorageLayer(), yaml);
        assertThat(objects.keySet()).containsExactly("LVMCluster/lvmcluster");
        var lvm = objects.get("LVMCluster/lvmcluster");
        assertThat(lvm.at("/metadata/namespace").asText()).isEqualTo("openshift-storage");
        var deviceClass = lvm.at("/spec/storage/deviceClasses/0");
        assertThat(deviceClass.at("/name").asText()).isEqualTo("vg1");
        assertThat(deviceClass.at("/default").asBoolean()).isTrue();
        assertThat(deviceClass.at("/deviceSelector/paths/0").asText()).isEqualTo("/dev/disk/by-id/nvme-x");
        assertThat(deviceClass.at("/nodeSelector/nodeSelectorTerms/0/matchExpressions/0/values/0").asText()).isEqualTo("h");
        var operators = TestFleets.objects(new OperatorsLayer(), yaml);
        assertThat(operators).containsKey("Subscription/lvms-operator");
        assertThat(operators.get("Subscription/lvms-operator").at("/spec/channel").isMissingNode()).isTrue();
        assertThat(operators.get("OperatorGroup/openshift-storage-operatorgroup").at("/spec/targetNamespaces/0").asText()).isEqualTo("openshift-storage");
        var disk = TestFleets.objects(new WorkloadsLayer(), yaml).get("DataVolume/v-rootdisk");
        assertThat(disk.at("/spec/storage/storageClassName").asText()).isEqualTo("lvms-vg1");
        assertThat(disk.at("/spec/storage/accessModes/0").asText()).isEqualTo("ReadWriteOnce");
    }

    @Test
    @DisplayName("LVM Storage with different disks per host writes optionalPaths (paths must resolve on every node)")
    void lvmsOptionalPaths() {
        var lvm = TestFleets.objects(new StorageLayer(), """
                clusters:
                  - name: c
                    topology: compact
                    storage: {backend: lvms, deviceClass: nvme, disks: [{host: a, paths: [/dev/sdb]}, {host: b, paths: [/dev/nvme0n1]}]}
                    hosts: [{name: a, profile: g493-zb1-rtx6000ada}, {name: b, profile: g493-zb1-rtx6000ada}]
                """).get("LVMCluster/lvmcluster");
        assertThat(lvm.at("/spec/storage/deviceClasses/0/deviceSelector/optionalPaths").size()).isEqualTo(2);
        assertThat(lvm.at("/spec/storage/deviceClasses/0/name").asText()).isEqualTo("nvme");
    }

    @Test
    @DisplayName("ODF: local block PVs, a StorageCluster of replica-3 device sets, storage hosts labelled, RWX block VM disks")
    void odf() {
        var objects = TestFleets.objects(new StorageLayer(), ODF);
        assertThat(objects.keySet()).containsExactly("LocalVolume/localblock", "StorageCluster/ocs-storagecluster");
        var local = objects.get("LocalVolume/localblock");
        assertThat(local.at("/metadata/namespace").asText()).isEqualTo("openshift-local-storage");
        assertThat(local.at("/spec/storageClassDevices/0/devicePaths").size()).isEqualTo(6);
        assertThat(local.at("/spec/storageClassDevices/0/volumeMode").asText()).isEqualTo("Block");
        var cluster = objects.get("StorageCluster/ocs-storagecluster");
        assertThat(cluster.at("/spec/storageDeviceSets/0/count").asInt()).isEqualTo(2);
        assertThat(cluster.at("/spec/storageDeviceSets/0/replica").asInt()).isEqualTo(3);
        assertThat(cluster.at("/spec/storageDeviceSets/0/dataPVCTemplate/spec/storageClassName").asText()).isEqualTo("localblock");
        var operators = TestFleets.objects(new OperatorsLayer(), ODF);
        assertThat(operators).containsKeys("Subscription/odf-operator", "Subscription/local-storage-operator", "Subscription/nfd");
        var rule = TestFleets.objects(new NodeLabelsLayer(), ODF).get("NodeFeatureRule/pulse-hosts");
        assertThat(rule.at("/spec/rules/1/name").asText()).isEqualTo("pulse-odf-storage");
        assertThat(rule.at("/spec/rules/1/labels/cluster.ocs.openshift.io~1openshift-storage").asText()).isEmpty();
        assertThat(rule.at("/spec/rules/1/matchFeatures/0/matchExpressions/nodename/value").size()).isEqualTo(3);
        var workloads = TestFleets.objects(new WorkloadsLayer(), ODF);
        var vm = workloads.get("VirtualMachine/v");
        var storage = workloads.get("DataVolume/v-rootdisk").at("/spec/storage");
        assertThat(storage.at("/storageClassName").asText()).isEqualTo("ocs-storagecluster-ceph-rbd-virtualization");
        assertThat(storage.at("/accessModes/0").asText()).isEqualTo("ReadWriteMany");
        assertThat(storage.at("/volumeMode").asText()).isEqualTo("Block");
        assertThat(vm.at("/spec/template/spec/evictionStrategy").asText()).isEqualTo("LiveMigrate");
    }

    @Test
    @DisplayName("Local Storage Operator: a LocalVolume making the class the disks ask for")
    void local() {
        var objects = TestFleets.objects(new StorageLayer(), """
                clusters:
                  - name: c
                    storage: {backend: local, class: fast-local, disks: [{host: h, paths: [/dev/sdb]}]}
                    hosts: [{name: h, profile: g493-zb1-rtx6000ada}]
                """);
        assertThat(objects.keySet()).containsExactly("LocalVolume/fast-local");
        assertThat(objects.get("LocalVolume/fast-local").at("/spec/storageClassDevices/0/storageClassName").asText()).isEqualTo("fast-local");
    }

    @Test
    @DisplayName("the storage layer syncs after networks and before workloads")
    void wave() {
        assertThat(SyncWaves.entry("storage").wave()).isGreaterThan(SyncWaves.entry("networks").wave()).isGreaterThan(SyncWaves.entry("host-config").wave())
                .isLessThan(SyncWaves.entry("workloads").wave());
    }
}

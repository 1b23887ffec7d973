package dev.pulse.bench;

import java.util.Random;

/**
 * Writes synthetic fleets for the benchmarks: {@code clusters} clusters, each with enough G493-ZB1 GPU
 * hosts for its VMs, every VM with a GPU, an SR-IOV VF and a DataVolume template (the peers' workload),
 * in a seeded mix of roles. Valid by Pulse's rules; the same arguments always give the same text.
 */
public final class FleetGenerator {

    private FleetGenerator() {}

    /**
     * @param clusters number of clusters
     * @param vmsPerCluster VMs in each cluster
     * @param seed fixes the mix of roles
     */
    public static String fleet(int clusters, int vmsPerCluster, long seed) {
        Random random = new Random(seed);
        StringBuilder yaml = new StringBuilder("""
                fleet: bench
                git: {repoURL: https://git.example.com/bench/fleet.git, targetRevision: main, path: deploy}
                roles:
                  - {name: capture, gpus: 1, sriov: [{network: cameras}], resources: {cpu: {cores: 8, dedicated: true}, memory: 32Gi, hugepages: 1Gi}, guest: [qemu-guest-agent]}
                  - {name: render, gpus: 2, sriov: [{network: cameras}], resources: {cpu: {cores: 16, dedicated: true}, memory: 64Gi}, guest: [nvidia-driver, qemu-guest-agent]}
                  - {name: train, gpus: 4, sriov: [{network: cameras}], resources: {cpu: {cores: 32, dedicated: true}, memory: 128Gi, hugepages: 1Gi}, guest: [nvidia-driver, qemu-guest-agent]}
                clusters:
                """);
        for (int c = 0; c < clusters; c++) {
            String cluster = String.format("c%03d", c);
            yaml.append("  - name: ").append(cluster).append('\n')
                    .append("    server: https://api.").append(cluster).append(".example.com:6443\n")
                    .append("    vmNamespace: vms\n")
                    .append("    storage: {class: ocs-storagecluster-ceph-rbd-virtualization, accessMode: ReadWriteMany, size: 100Gi}\n")
                    .append("    networks: [{name: cameras, type: sriov, nic: connectx-6, vlan: ").append(100 + c % 50).append("}]\n")
                    .append("    vms:\n");
            int host = 0;
            int gpusLeft = 8;
            int vfsLeft = 32;
            StringBuilder hosts = new StringBuilder("    hosts:\n      - {name: ").append(cluster).append("-gpu-000, profile: g493-zb1-rtx6000ada}\n");
            for (int v = 0; v < vmsPerCluster; v++) {
                int pick = random.nextInt(10);
                String role = pick < 6 ? "capture" : pick < 9 ? "render" : "train";
                int gpus = role.equals("capture") ? 1 : role.equals("render") ? 2 : 4;
                if (gpus > gpusLeft || vfsLeft == 0) {
                    host++;
                    gpusLeft = 8;
                    vfsLeft = 32;
                    hosts.append("      - {name: ").append(cluster).append(String.format("-gpu-%03d", host)).append(", profile: g493-zb1-rtx6000ada}\n");
                }
                gpusLeft -= gpus;
                vfsLeft--;
                yaml.append("      - {name: ").append(role).append(String.format("-%05d", v)).append(", role: ").append(role)
                        .append(", host: ").append(cluster).append(String.format("-gpu-%03d", host))
                        .append(", disk: {import: {url: \"https://images.example.com/").append(role).append(".qcow2\"}}}\n");
            }
            yaml.append(hosts);
        }
        return yaml.toString();
    }
}

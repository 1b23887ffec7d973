package dev.pulse.render.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random fleets, valid by Pulse's rules (one CPU split for all profiles: today a cluster has one pool), varied where the platform contracts differ: topology (standard,
 * compact, single-node), GPU Operator or KubeVirt's own device plugin, GPU modes (passthrough with companions,
 * vGPU types, container GPUs), SR-IOV NIC models, a console GPU with a host PCI device, pinned CPUs and huge
 * pages, one or two clusters. The same seed always gives the same text (after {@code TestFleets.HEAD}).
 * Ideas from the bench's FleetGenerator (it/src/bench).
 */
final class RandomFleets {

    private static final String CATALOG = """
            hardwareProfiles:
              - name: pt-ada
                cpu: {vendor: amd, reserved: "0-3", isolated: "4-31"}
                gpus: [{model: rtx-6000-ada, count: 4, mode: vm-passthrough}]
                nics: [{model: connectx-6, cards: 1, ports: 2, vfsPerPort: 8, use: vm}]
              - name: vgpu-l4
                cpu: {vendor: intel, reserved: "0-3", isolated: "4-31"}
                gpus: [{model: l4, count: 2, mode: vm-vgpu, vgpuProfile: L4-6Q}]
                nics: [{model: connectx-6-dx, cards: 1, ports: 2, vfsPerPort: 4, use: vm}]
              - name: cont-l4
                cpu: {vendor: intel, reserved: "0-3", isolated: "4-31"}
                gpus: [{model: l4, count: 2, mode: container}]
              - name: plain
                cpu: {vendor: intel, reserved: "0-3", isolated: "4-31"}
              - name: pt-3080
                cpu: {vendor: amd, reserved: "0-3", isolated: "4-31"}
                gpus: [{model: rtx-3080, count: 1, mode: vm-passthrough, console: true}]
            roles:
              - {name: gpu-vm, gpus: 1, resources: {cpu: {cores: 4, dedicated: true}, memory: 8Gi, hugepages: 1Gi}, guest: [qemu-guest-agent]}
              - {name: gpu-net, gpus: 1, sriov: [{network: fast}], resources: {cpu: {cores: 4, dedicated: true}, memory: 8Gi, hugepages: 1Gi}}
              - {name: vgpu-net, gpus: 1, sriov: [{network: fast-dx}], resources: {cpu: {cores: 2}, memory: 4Gi}, guest: [nvidia-driver]}
              - {name: vgpu-vm, gpus: 1, resources: {cpu: {cores: 2}, memory: 4Gi}}
              - {name: desktop, gpus: 1, pci: [amd-matisse-xhci], gpuDisplay: true, resources: {cpu: {cores: 4}, memory: 8Gi}}
              - {name: app, resources: {cpu: {cores: 2}, memory: 4Gi}, guest: [qemu-guest-agent]}
            """;

    private RandomFleets() {}

    /** The fleet text for {@code seed}, to follow {@code TestFleets.HEAD}. */
    static String fleet(long seed) {
        Random random = new Random(seed);
        StringBuilder yaml = new StringBuilder(CATALOG).append("clusters:\n");
        int clusters = 1 + random.nextInt(2);
        for (int c = 0; c < clusters; c++) {
            cluster(yaml, "c" + seed + "-" + c, random);
        }
        return yaml.toString();
    }

    private static void cluster(StringBuilder yaml, String name, Random random) {
        int pick = random.nextInt(10);
        String topology = pick < 6 ? "standard" : pick < 8 ? "compact" : "single-node";
        boolean singleNode = topology.equals("single-node");
        boolean operator = !singleNode && random.nextInt(4) != 0;
        List<String> profiles = new ArrayList<>();
        if (singleNode) {
            profiles.add(random.nextBoolean() ? "pt-3080" : "pt-ada");
        } else {
            int hosts = topology.equals("compact") ? 3 : 1 + random.nextInt(3);
            List<String> choices = operator ? List.of("pt-ada", "vgpu-l4", "cont-l4", "plain") : List.of("pt-ada", "plain");
            for (int h = 0; h < hosts; h++) {
                profiles.add(choices.get(random.nextInt(choices.size())));
            }
        }
        yaml.append("  - name: ").append(name).append('\n')
                .append("    topology: ").append(topology).append('\n')
                .append("    gpuOperator: ").append(operator || profiles.contains("pt-3080") ? operator : false).append('\n')
                .append("    vmNamespace: ").append(name).append("-vms\n")
                .append("    storage: {class: rbd, accessMode: ReadWriteMany, size: 20Gi}\n");
        if (random.nextBoolean()) {
            yaml.append("    access: {sshKeysSecret: ").append(name).append("-ssh}\n");
        }
        if (profiles.contains("vgpu-l4")) { // PULSE-VGPU: vGPU hosts need the vGPU Manager image
            yaml.append("    vgpuManager: {repository: registry.example.com/nvidia, image: vgpu-manager, version: 550.90.05-rhcos4.16}\n");
        }
        List<String> networks = new ArrayList<>();
        if (profiles.contains("pt-ada")) {
            networks.add("{name: fast, type: sriov, nic: connectx-6, vlan: " + (10 + random.nextInt(90)) + "}");
        }
        if (profiles.contains("vgpu-l4")) {
            networks.add("{name: fast-dx, type: sriov, nic: connectx-6-dx}");
        }
        if (!networks.isEmpty()) {
            yaml.append("    networks: [").append(String.join(", ", networks)).append("]\n");
        }
        StringBuilder hosts = new StringBuilder("    hosts:\n");
        StringBuilder vms = new StringBuilder("    vms:\n");
        int vm = 0;
        for (int h = 0; h < profiles.size(); h++) {
            String host = name + "-h" + h;
            String profile = profiles.get(h);
            hosts.append("      - {name: ").append(host).append(", profile: ").append(profile);
            if (profile.equals("pt-3080")) {
                hosts.append(", pci: [{model: amd-matisse-xhci, address: \"0000:0b:00.3\"}]");
            }
            hosts.append("}\n");
            List<String> roles = switch (profile) {
                case "pt-ada" -> List.of("gpu-vm", "gpu-net", "gpu-net", "gpu-vm").subList(0, 1 + random.nextInt(4));
                case "vgpu-l4" -> List.of("vgpu-vm", "vgpu-net").subList(0, 1 + random.nextInt(2));
                case "pt-3080" -> List.of("desktop");
                default -> List.of("app");
            };
            for (String role : roles) {
                vms.append("      - {name: vm-").append(vm++).append(", role: ").append(role).append(", host: ").append(host)
                        .append(", disk: {import: {url: \"https://images.example.com/").append(role).append(".qcow2\"}}}\n");
            }
        }
        if (random.nextBoolean()) {
            vms.append("      - {name: vm-").append(vm).append(", role: app, disk: {import: {url: \"https://images.example.com/app.qcow2\"}}}\n");
        }
        yaml.append(hosts).append(vms);
    }
}

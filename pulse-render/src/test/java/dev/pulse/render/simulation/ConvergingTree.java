package dev.pulse.render.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.pulse.model.Fleet;
import dev.pulse.render.TestFleets;
import dev.pulse.render.tree.Tree;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small hand-made tree in the shape the render converges to (one standard cluster {@code lab}, one G493 host
 * {@code gpu-01} with passthrough GPUs and ConnectX-6 VFs, one VM with a GPU, a VF, a bridge NIC, pinned CPUs and
 * huge pages), with the fleet it belongs to. Tests mutate its files to break one contract at a time.
 */
final class ConvergingTree {

    static final String FLEET = """
            clusters:
              - name: lab
                storage: {class: fast-rwx, accessMode: ReadWriteMany, size: 50Gi}
                access: {sshKeysSecret: lab-ssh}
                hosts:
                  - {name: gpu-01, profile: g493-zb1-rtx6000ada}
            """;

    static final String PROFILE = "g493-zb1-rtx6000ada";
    static final String MANAGED = "argocd.argoproj.io/managed-by: openshift-gitops";
    static final String SKIP = "argocd.argoproj.io/sync-options: SkipDryRunOnMissingResource=true";

    private static final YAMLMapper YAML = new YAMLMapper();

    private final String fleet;
    final Map<String, String> files = new TreeMap<>();
    /** The ArgoCD instance's resourceHealthChecks, group/Kind to Lua; written to bootstrap/argocd/health-checks.yaml. */
    final Map<String, String> checks = new TreeMap<>();

    ConvergingTree() {
        this(FLEET);
    }

    /** The same tree for another fleet text (e.g. the host's profile overridden by name). */
    ConvergingTree(String fleet) {
        this.fleet = fleet;
        files.put("bootstrap/lab.yaml", application("lab-apps", -1, "deploy/apps/lab").replace("  annotations:\n    argocd.argoproj.io/sync-wave: \"-1\"\n", ""));
        checks.put("argoproj.io/Application", resource("application.lua"));
        checks.put("hco.kubevirt.io/HyperConverged", resource("hyperconverged.lua"));
        checks.put("nmstate.io/NodeNetworkConfigurationPolicy", resource("nodenetworkconfigurationpolicy.lua"));
        checks.put("nvidia.com/ClusterPolicy", resource("clusterpolicy.lua"));
        for (String kind : new String[] {"nmstate.io/NMState", "nfd.openshift.io/NodeFeatureDiscovery", "performance.openshift.io/PerformanceProfile"}) {
            checks.put(kind, AVAILABLE);
        }
        checks.put("machineconfiguration.openshift.io/MachineConfigPool", POOL);
        files.put("bootstrap/argocd/rbac.yaml", """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: pulse-argocd-controller}
                rules:
                  - {apiGroups: [nfd.k8s-sigs.io], resources: [nodefeaturerules], verbs: ["*"]}
                  - {apiGroups: [performance.openshift.io], resources: [performanceprofiles], verbs: ["*"]}
                  - {apiGroups: [nvidia.com], resources: [clusterpolicies], verbs: ["*"]}
                  - {apiGroups: [nmstate.io], resources: [nmstates, nodenetworkconfigurationpolicies], verbs: ["*"]}
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: pulse-argocd-controller}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pulse-argocd-controller}
                subjects:
                  - {kind: ServiceAccount, name: openshift-gitops-argocd-application-controller, namespace: openshift-gitops}
                """);
        String[] layers = {"operators", "node-labels", "host-config", "virtualization", "networks", "workloads"};
        StringBuilder apps = new StringBuilder("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n");
        for (int wave = 0; wave < layers.length; wave++) {
            apps.append("  - ").append(layers[wave]).append(".yaml\n");
            files.put("apps/lab/" + layers[wave] + ".yaml", application("lab-" + layers[wave], wave, "deploy/overlays/lab/" + layers[wave]));
            files.put("overlays/lab/" + layers[wave] + "/kustomization.yaml",
                    "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../../base/" + layers[wave] + "\n");
        }
        files.put("apps/lab/kustomization.yaml", apps.toString());
        operators();
        layer("node-labels", Map.of("nodefeaturediscovery.yaml", """
                apiVersion: nfd.openshift.io/v1
                kind: NodeFeatureDiscovery
                metadata:
                  name: nfd-instance
                  namespace: openshift-nfd
                  annotations: {%s}
                spec: {operand: {servicePort: 12000}}
                """.formatted(SKIP), "nodefeaturerule.yaml", """
                apiVersion: nfd.k8s-sigs.io/v1alpha1
                kind: NodeFeatureRule
                metadata:
                  name: pulse-hosts
                  annotations: {argocd.argoproj.io/sync-wave: "1", %s}
                spec:
                  rules:
                    - name: pulse-%s
                      labels:
                        pulse.dev/hardware-profile: %s
                        nvidia.com/gpu.workload.config: vm-passthrough
                        pulse.dev/sriov: "true"
                      matchFeatures:
                        - feature: system.name
                          matchExpressions:
                            nodename: {op: In, value: [gpu-01]}
                """.formatted(SKIP, PROFILE, PROFILE)));
        layer("host-config", Map.of("machineconfigpool.yaml", """
                apiVersion: machineconfiguration.openshift.io/v1
                kind: MachineConfigPool
                metadata:
                  name: %1$s
                  labels: {pools.operator.machineconfiguration.openshift.io/%1$s: ""}
                spec:
                  machineConfigSelector:
                    matchExpressions:
                      - {key: machineconfiguration.openshift.io/role, operator: In, values: [worker, %1$s]}
                  nodeSelector:
                    matchLabels: {pulse.dev/hardware-profile: %1$s}
                """.formatted(PROFILE), "machineconfig.yaml", """
                apiVersion: machineconfiguration.openshift.io/v1
                kind: MachineConfig
                metadata:
                  name: 100-%1$s-iommu
                  labels: {machineconfiguration.openshift.io/role: %1$s}
                  annotations: {argocd.argoproj.io/sync-wave: "1"}
                spec:
                  config: {ignition: {version: 3.2.0}}
                  kernelArguments: [amd_iommu=on, iommu=pt]
                """.formatted(PROFILE), "performanceprofile.yaml", """
                apiVersion: performance.openshift.io/v2
                kind: PerformanceProfile
                metadata:
                  name: pulse-%1$s
                  annotations: {argocd.argoproj.io/sync-wave: "1"}
                spec:
                  cpu: {isolated: "4-191,196-383", reserved: "0-3,192-195"}
                  hugepages:
                    defaultHugepagesSize: 1G
                    pages: [{count: 256, size: 1G}]
                  machineConfigPoolSelector: {pools.operator.machineconfiguration.openshift.io/%1$s: ""}
                  nodeSelector: {pulse.dev/hardware-profile: %1$s}
                """.formatted(PROFILE)));
        layer("virtualization", Map.of("hyperconverged.yaml", """
                apiVersion: hco.kubevirt.io/v1beta1
                kind: HyperConverged
                metadata:
                  name: kubevirt-hyperconverged
                  namespace: openshift-cnv
                  annotations: {%s}
                spec:
                  permittedHostDevices:
                    pciHostDevices:
                      - {pciDeviceSelector: "10DE:22BA", resourceName: nvidia.com/AD102_HIGH_DEFINITION_AUDIO_CONTROLLER}
                      - {pciDeviceSelector: "10DE:26B1", resourceName: nvidia.com/AD102GL_RTX_6000_ADA_GENERATION, externalResourceProvider: true}
                """.formatted(SKIP), "clusterpolicy.yaml", """
                apiVersion: nvidia.com/v1
                kind: ClusterPolicy
                metadata:
                  name: gpu-cluster-policy
                  annotations: {%s}
                spec:
                  sandboxWorkloads: {enabled: true, defaultWorkload: vm-passthrough}
                  sandboxDevicePlugin: {enabled: true}
                  vfioManager: {enabled: true}
                  vgpuManager: {enabled: false}
                  vgpuDeviceManager: {enabled: false}
                """.formatted(SKIP), "sriovoperatorconfig.yaml", """
                apiVersion: sriovnetwork.openshift.io/v1
                kind: SriovOperatorConfig
                metadata:
                  name: default
                  namespace: openshift-sriov-network-operator
                  annotations: {%s}
                spec:
                  configDaemonNodeSelector: {pulse.dev/sriov: "true"}
                  enableInjector: true
                  enableOperatorWebhook: true
                """.formatted(SKIP), "nmstate.yaml", """
                apiVersion: nmstate.io/v1
                kind: NMState
                metadata:
                  name: nmstate
                  annotations: {%s}
                """.formatted(SKIP)));
        layer("networks", Map.of("sriovnetworknodepolicy.yaml", """
                apiVersion: sriovnetwork.openshift.io/v1
                kind: SriovNetworkNodePolicy
                metadata:
                  name: connectx-6-vm
                  namespace: openshift-sriov-network-operator
                  annotations: {%1$s}
                spec:
                  deviceType: vfio-pci
                  nicSelector: {vendor: 15b3, deviceID: 101b}
                  nodeSelector: {pulse.dev/hardware-profile: %2$s}
                  numVfs: 8
                  resourceName: mlx_cx6
                """.formatted(SKIP, PROFILE), "sriovnetwork.yaml", """
                apiVersion: sriovnetwork.openshift.io/v1
                kind: SriovNetwork
                metadata:
                  name: cameras
                  namespace: openshift-sriov-network-operator
                  annotations: {%s}
                spec: {networkNamespace: lab-vms, resourceName: mlx_cx6}
                """.formatted(SKIP), "nncp.yaml", """
                apiVersion: nmstate.io/v1
                kind: NodeNetworkConfigurationPolicy
                metadata:
                  name: %2$s-host-networks
                  annotations: {%1$s}
                spec:
                  nodeSelector: {pulse.dev/hardware-profile: %2$s}
                  desiredState:
                    interfaces:
                      - {name: br1, type: linux-bridge, state: up, bridge: {port: [{name: eno1}]}}
                """.formatted(SKIP, PROFILE), "nad.yaml", """
                apiVersion: k8s.cni.cncf.io/v1
                kind: NetworkAttachmentDefinition
                metadata:
                  name: lab-lan
                  namespace: lab-vms
                  annotations: {k8s.v1.cni.cncf.io/resourceName: bridge.network.kubevirt.io/br1}
                spec:
                  config: '{"cniVersion": "0.3.1", "name": "lab-lan", "type": "bridge", "bridge": "br1"}'
                """));
        layer("workloads", Map.of("virtualmachine-optik-01.yaml", """
                apiVersion: kubevirt.io/v1
                kind: VirtualMachine
                metadata:
                  name: optik-01
                  namespace: lab-vms
                  annotations: {%s}
                spec:
                  runStrategy: Always
                  dataVolumeTemplates:
                    - metadata: {name: optik-01-rootdisk}
                      spec:
                        source: {http: {url: "https://images.example.com/optik.qcow2"}}
                        storage: {storageClassName: fast-rwx, accessModes: [ReadWriteMany], resources: {requests: {storage: 50Gi}}}
                  template:
                    spec:
                      accessCredentials:
                        - sshPublicKey: {source: {secret: {secretName: lab-ssh}}, propagationMethod: {noCloud: {}}}
                      domain:
                        cpu: {cores: 16, sockets: 1, threads: 1, dedicatedCpuPlacement: true, isolateEmulatorThread: true}
                        memory: {guest: 64Gi, hugepages: {pageSize: 1Gi}}
                        devices:
                          gpus:
                            - {name: gpu1, deviceName: nvidia.com/AD102GL_RTX_6000_ADA_GENERATION}
                          interfaces:
                            - {name: default, masquerade: {}}
                            - {name: cameras, sriov: {}}
                            - {name: lan, bridge: {}}
                      networks:
                        - {name: default, pod: {}}
                        - {name: cameras, multus: {networkName: cameras}}
                        - {name: lan, multus: {networkName: lab-lan}}
                      nodeSelector: {kubernetes.io/hostname: gpu-01}
                      volumes:
                        - {name: rootdisk, dataVolume: {name: optik-01-rootdisk}}
                        - name: cloudinit
                          cloudInitNoCloud:
                            userData: |
                              #cloud-config
                              packages: [qemu-guest-agent]
                """.formatted(SKIP)));
    }

    private void operators() {
        Map<String, String> objects = new TreeMap<>();
        Map<String, String[]> operators = Map.of("kubevirt-hyperconverged", new String[] {"openshift-cnv", "redhat-operators"},
                "gpu-operator-certified", new String[] {"nvidia-gpu-operator", "certified-operators"}, "nfd", new String[] {"openshift-nfd", "redhat-operators"},
                "kubernetes-nmstate-operator", new String[] {"openshift-nmstate", "redhat-operators"},
                "sriov-network-operator", new String[] {"openshift-sriov-network-operator", "redhat-operators"});
        objects.put("namespace-lab-vms.yaml", namespace("lab-vms"));
        operators.forEach((pkg, where) -> {
            objects.put("namespace-" + where[0] + ".yaml", namespace(where[0]));
            objects.put("operatorgroup-" + where[0] + ".yaml", """
                    apiVersion: operators.coreos.com/v1
                    kind: OperatorGroup
                    metadata:
                      name: %1$s
                      namespace: %1$s
                      annotations: {argocd.argoproj.io/sync-wave: "1"}
                    spec:
                      targetNamespaces: [%1$s]
                    """.formatted(where[0]));
            objects.put("subscription-" + pkg + ".yaml", """
                    apiVersion: operators.coreos.com/v1alpha1
                    kind: Subscription
                    metadata:
                      name: %1$s
                      namespace: %2$s
                      annotations: {argocd.argoproj.io/sync-wave: "2"}
                    spec: {name: %1$s, channel: stable, source: %3$s, sourceNamespace: openshift-marketplace, installPlanApproval: Automatic}
                    """.formatted(pkg, where[0], where[1]));
        });
        layer("operators", objects);
    }

    private static String namespace(String name) {
        return """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: %s
                  labels: {%s}
                """.formatted(name, MANAGED);
    }

    private void layer(String layer, Map<String, String> objects) {
        StringBuilder kustomization = new StringBuilder("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n");
        new TreeMap<>(objects).forEach((file, text) -> {
            files.put("base/" + layer + "/" + file, text);
            kustomization.append("  - ").append(file).append('\n');
        });
        files.put("base/" + layer + "/kustomization.yaml", kustomization.toString());
    }

    private static String application(String name, int wave, String path) {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: %s
                  namespace: openshift-gitops
                  annotations:
                    argocd.argoproj.io/sync-wave: "%d"
                spec:
                  destination: {server: https://kubernetes.default.svc}
                  project: default
                  source: {path: %s, repoURL: https://git.example.com/fleet.git, targetRevision: main}
                  syncPolicy:
                    automated: {prune: true, selfHeal: true}
                    retry: {limit: 10, backoff: {duration: 30s, factor: 2, maxDuration: 10m}}
                """.formatted(name, wave, path);
    }

    /** The ArgoCD CR carrying {@link #checks}: Pulse's four checks from its resources, plain Available/Degraded checks for other operands. */
    private String healthChecks() {
        ObjectNode argocd = YAML.createObjectNode();
        argocd.put("apiVersion", "argoproj.io/v1beta1").put("kind", "ArgoCD");
        argocd.putObject("metadata").put("name", "openshift-gitops").put("namespace", "openshift-gitops");
        ArrayNode list = argocd.putObject("spec").putArray("resourceHealthChecks");
        checks.forEach((groupKind, script) -> list.addObject().put("group", groupKind.substring(0, groupKind.indexOf('/')))
                .put("kind", groupKind.substring(groupKind.indexOf('/') + 1)).put("check", script));
        try {
            return YAML.writeValueAsString(argocd);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final String AVAILABLE = """
            local hs = {status = "Progressing", message = "waiting for conditions"}
            if obj.status ~= nil and obj.status.conditions ~= nil then
              for _, c in ipairs(obj.status.conditions) do
                if c.type == "Degraded" and c.status == "True" then return {status = "Degraded", message = c.message or ""} end
                if c.type == "Available" and c.status == "True" then hs = {status = "Healthy", message = ""} end
              end
            end
            return hs
            """;

    static final String POOL = """
            local hs = {status = "Progressing", message = "waiting for the pool"}
            if obj.status ~= nil and obj.status.conditions ~= nil then
              local updated, updating = false, false
              for _, c in ipairs(obj.status.conditions) do
                if c.type == "Degraded" and c.status == "True" then return {status = "Degraded", message = c.message or ""} end
                if c.type == "Updated" and c.status == "True" then updated = true end
                if c.type == "Updating" and c.status == "True" then updating = true end
              end
              if updated and not updating then hs = {status = "Healthy", message = ""} end
            end
            return hs
            """;

    private static String resource(String name) {
        try (InputStream in = ConvergingTree.class.getResourceAsStream("/dev/pulse/render/argocd/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Fleet fleet() {
        return TestFleets.load(fleet);
    }

    Tree tree() {
        Tree tree = new Tree();
        tree.put("bootstrap/argocd/health-checks.yaml", healthChecks().getBytes(StandardCharsets.UTF_8));
        files.forEach((path, text) -> tree.put(path, text.getBytes(StandardCharsets.UTF_8)));
        return tree;
    }

    /**
     * The host as a vGPU host: its profile (same name) with two L4 split into L4-6Q, the NFD rule's labels, the
     * ClusterPolicy's vGPU managers, HCO's mediated device and the VM's GPU changed to match; the VM takes 16Gi.
     */
    static ConvergingTree vgpu() {
        ConvergingTree tree = new ConvergingTree("""
                hardwareProfiles:
                  - name: g493-zb1-rtx6000ada
                    cpu: {vendor: amd, reserved: "0-3,192-195", isolated: "4-191,196-383"}
                    gpus: [{model: l4, count: 2, mode: vm-vgpu, vgpuProfile: L4-6Q}]
                    nics: [{model: connectx-6, cards: 2, ports: 2, vfsPerPort: 8, rdma: true, mtu: 9000, use: vm}]
                """ + FLEET.replace("    access: {sshKeysSecret: lab-ssh}\n",
                "    access: {sshKeysSecret: lab-ssh}\n    vgpuManager: {repository: registry.example.com/nvidia, version: 550.90.05-rhcos4.16}\n"));
        tree.edit("base/node-labels/nodefeaturerule.yaml", "nvidia.com/gpu.workload.config: vm-passthrough\n",
                "nvidia.com/gpu.workload.config: vm-vgpu\n        nvidia.com/vgpu.config: L4-6Q\n");
        tree.edit("base/virtualization/clusterpolicy.yaml", "vgpuManager: {enabled: false}\n  vgpuDeviceManager: {enabled: false}",
                "vgpuManager: {enabled: true}\n  vgpuDeviceManager: {enabled: true}");
        tree.edit("base/virtualization/hyperconverged.yaml", "    pciHostDevices:\n",
                "    mediatedDevices:\n      - {mdevNameSelector: NVIDIA L4-6Q, resourceName: nvidia.com/NVIDIA_L4-6Q, externalResourceProvider: true}\n    pciHostDevices:\n");
        tree.edit("base/workloads/virtualmachine-optik-01.yaml", "deviceName: nvidia.com/AD102GL_RTX_6000_ADA_GENERATION", "deviceName: nvidia.com/NVIDIA_L4-6Q");
        tree.edit("base/workloads/virtualmachine-optik-01.yaml", "guest: 64Gi", "guest: 16Gi"); // nine fit in the huge pages
        return tree;
    }

    /** The host with Intel CPUs (its profile overridden by name), whose IOMMU needs {@code intel_iommu=on} from the MachineConfig. */
    static ConvergingTree intel() {
        ConvergingTree tree = new ConvergingTree("""
                hardwareProfiles:
                  - name: g493-zb1-rtx6000ada
                    cpu: {vendor: intel, reserved: "0-3,192-195", isolated: "4-191,196-383"}
                    gpus: [{model: rtx-6000-ada, count: 8, mode: vm-passthrough}]
                    nics: [{model: connectx-6, cards: 2, ports: 2, vfsPerPort: 8, rdma: true, mtu: 9000, use: vm}]
                """ + FLEET);
        return tree.edit("base/host-config/machineconfig.yaml", "kernelArguments: [amd_iommu=on, iommu=pt]", "kernelArguments: [intel_iommu=on, iommu=pt]");
    }

    /** Adds copies of the VM named optik-02 ... optik-(n+1), same spec. */
    ConvergingTree moreVms(int n) {
        String vm = files.get("base/workloads/virtualmachine-optik-01.yaml");
        for (int i = 2; i < n + 2; i++) {
            String name = "optik-%02d".formatted(i);
            files.put("base/workloads/virtualmachine-" + name + ".yaml", vm.replace("optik-01", name));
            edit("base/workloads/kustomization.yaml", "  - virtualmachine-optik-01.yaml\n", "  - virtualmachine-optik-01.yaml\n  - virtualmachine-" + name + ".yaml\n");
        }
        return this;
    }

    /** Replaces text in one file; the text must be there. */
    ConvergingTree edit(String path, String from, String to) {
        assertThat(files.get(path)).as(path).contains(from);
        files.put(path, files.get(path).replace(from, to));
        return this;
    }

    /** Drops a file and its line in the kustomization beside it. */
    ConvergingTree remove(String path) {
        assertThat(files.remove(path)).as(path).isNotNull();
        String folder = path.substring(0, path.lastIndexOf('/'));
        String file = path.substring(path.lastIndexOf('/') + 1);
        files.computeIfPresent(folder + "/kustomization.yaml", (k, text) -> text.replace("  - " + file + "\n", ""));
        return this;
    }

    SimulationResult simulate() {
        return new Simulation(SharedHealth.health()).run(tree(), fleet());
    }
}

package dev.pulse.render.judge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.render.tree.Rendering;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What RHOSO checks only when a server asks for a GPU, checked over every RHOSO example: the GPU path is complete on
 * both sides. nova-api and nova-scheduler know the same aliases as every compute, the scheduler filters by PCI
 * devices, each compute offers (device_spec) and binds (vfio-pci.ids, IOMMU on) what its alias names through a nova
 * service that replaces the default one, the Deployment deploys every NodeSet, every flavor's alias exists, and no
 * Secret (no value) is in the tree.
 */
@DisplayName("Examples: the RHOSO GPU path is complete on both sides")
class RhosoConsistencyTest {

    private static final Pattern ALIAS = Pattern.compile("alias = \\{[^}]*\"vendor_id\":\"(\\w{4})\", \"product_id\":\"(\\w{4})\"[^}]*\"name\":\"([^\"]+)\"[^}]*}");
    private static final Pattern SPEC = Pattern.compile("device_spec = \\{ \"vendor_id\":\"(\\w{4})\", \"product_id\":\"(\\w{4})\" }");
    private static final Pattern FLAVOR_ALIAS = Pattern.compile("pci_passthrough:alias=([^:\\s]+):(\\d+)");

    static Stream<Path> examples() {
        List<Path> rhoso = Examples.all().stream().filter(example -> Examples.render(example).fleet().clusters().stream()
                .anyMatch(dev.pulse.model.ResolvedCluster::isRhoso)).toList();
        assertThat(rhoso).as("RHOSO examples").isNotEmpty();
        return rhoso.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void gpuPathIsComplete(Path example) {
        Rendering rendering = Examples.render(example);
        List<String> problems = new ArrayList<>();
        int gpuNodeSets = 0;
        for (String cluster : rendering.layers().stream().map(Rendering.LayerObjects::cluster).distinct().toList()) {
            List<ObjectNode> objects = rendering.layers().stream().filter(l -> l.cluster().equals(cluster)).flatMap(l -> l.objects().stream()).toList();
            objects.stream().filter(o -> kind(o).equals("Secret")).forEach(o -> problems.add(cluster + ": the tree holds Secret " + name(o)));
            List<ObjectNode> controlPlanes = objects.stream().filter(o -> kind(o).equals("OpenStackControlPlane")).toList();
            if (controlPlanes.isEmpty()) {
                continue;
            }
            JsonNode nova = controlPlanes.get(0).at("/spec/nova/template");
            Set<String> apiAliases = aliases(nova.at("/apiServiceTemplate/customServiceConfig").asText());
            String scheduler = nova.at("/schedulerServiceTemplate/customServiceConfig").asText();
            if (!aliases(scheduler).equals(apiAliases)) {
                problems.add(cluster + ": nova-scheduler aliases " + aliases(scheduler) + " differ from nova-api's " + apiAliases);
            }
            if (!apiAliases.isEmpty() && !scheduler.matches("(?s).*enabled_filters = [^\\n]*PciPassthroughFilter.*")) {
                problems.add(cluster + ": the scheduler does not enable PciPassthroughFilter");
            }
            Set<String> nodeSetNames = new TreeSet<>();
            for (ObjectNode nodeSet : objects.stream().filter(o -> kind(o).equals("OpenStackDataPlaneNodeSet")).toList()) {
                nodeSetNames.add(name(nodeSet));
                List<String> services = new ArrayList<>();
                nodeSet.at("/spec/services").forEach(service -> services.add(service.asText()));
                String kernelArgs = nodeSet.at("/spec/nodeTemplate/ansible/ansibleVars/edpm_kernel_args").asText("");
                if (kernelArgs.isEmpty()) {
                    continue;
                }
                gpuNodeSets++;
                String where = cluster + "/" + name(nodeSet);
                if (services.contains("nova")) {
                    problems.add(where + ": runs the default nova service, which does not mount the PCI config");
                }
                if (!kernelArgs.contains("iommu=pt")) {
                    problems.add(where + ": kernel arguments without iommu=pt: " + kernelArgs);
                }
                Matcher vfio = Pattern.compile("vfio-pci\\.ids=(\\S+)").matcher(kernelArgs);
                Set<String> bound = new TreeSet<>(vfio.find() ? List.of(vfio.group(1).split(",")) : List.of());
                List<ObjectNode> novaServices = objects.stream().filter(o -> kind(o).equals("OpenStackDataPlaneService")
                        && o.at("/spec/edpmServiceType").asText().equals("nova") && services.contains(name(o))).toList();
                if (novaServices.size() != 1) {
                    problems.add(where + ": expected one nova service in its services, found " + novaServices.size());
                    continue;
                }
                StringBuilder conf = new StringBuilder();
                for (JsonNode source : novaServices.get(0).at("/spec/dataSources")) {
                    String configMap = source.at("/configMapRef/name").asText("");
                    objects.stream().filter(o -> kind(o).equals("ConfigMap") && name(o).equals(configMap))
                            .forEach(o -> o.path("data").forEach(value -> conf.append(value.asText())));
                }
                Set<String> specs = new TreeSet<>();
                Matcher spec = SPEC.matcher(conf);
                while (spec.find()) {
                    specs.add(spec.group(1) + ":" + spec.group(2));
                }
                if (specs.isEmpty()) {
                    problems.add(where + ": its nova service mounts no device_spec");
                }
                if (!bound.containsAll(specs)) {
                    problems.add(where + ": device_spec " + specs + " not all bound to vfio-pci " + bound);
                }
                Set<String> computeAliases = aliases(conf.toString());
                if (!apiAliases.containsAll(computeAliases) || computeAliases.isEmpty()) {
                    problems.add(where + ": compute aliases " + computeAliases + " not all known to nova-api " + apiAliases);
                }
                for (String alias : computeAliases) {
                    if (!specs.contains(alias.substring(alias.indexOf('=') + 1))) {
                        problems.add(where + ": alias " + alias + " has no device_spec on the compute");
                    }
                }
            }
            Set<String> deployed = new TreeSet<>();
            objects.stream().filter(o -> kind(o).equals("OpenStackDataPlaneDeployment")).forEach(d -> d.at("/spec/nodeSets").forEach(n -> deployed.add(n.asText())));
            if (!deployed.equals(nodeSetNames)) {
                problems.add(cluster + ": Deployments deploy " + deployed + " but the NodeSets are " + nodeSetNames);
            }
            Set<String> aliasNames = new TreeSet<>();
            apiAliases.forEach(alias -> aliasNames.add(alias.substring(0, alias.indexOf('='))));
            objects.stream().filter(o -> kind(o).equals("ConfigMap") && name(o).equals("pulse-flavors")).forEach(o -> {
                Matcher flavor = FLAVOR_ALIAS.matcher(o.at("/data/flavors.sh").asText());
                while (flavor.find()) {
                    if (!aliasNames.contains(flavor.group(1))) {
                        problems.add(cluster + ": a flavor asks for alias " + flavor.group(1) + ", which nova-api does not know " + aliasNames);
                    }
                }
            });
        }
        assertThat(problems).isEmpty();
        assertThat(gpuNodeSets).as("GPU NodeSets checked").isPositive();
    }

    @org.junit.jupiter.api.Test
    @DisplayName("every optional service switched the other way, an SR-IOV-capable GPU and two networks still give schema-valid documents")
    void otherServicesAreSchemaValid() {
        Rendering rendering = dev.pulse.render.TestFleets.render("""
                devices: [{name: a100, kind: gpu, pci: "10de:20f1", resourceName: nvidia.com/GA100_A100_PCIE_40GB, sriovCapable: true}]
                hardwareProfiles: [{name: a100s, cpu: {vendor: amd, reserved: "0-3", isolated: "4-63"}, gpus: [{model: a100, count: 2}]}]
                roles: [{name: g2, gpus: 2, resources: {cpu: {cores: 8, dedicated: true}, memory: 64Gi}}]
                clusters:
                  - name: os
                    platform: rhoso
                    storage: {class: ocs-storagecluster-ceph-rbd}
                    operators: {cert-manager: {enabled: false}, openstack: {channel: stable-v1.1, manualApproval: true}}
                    rhoso:
                      services: {barbican: true, cinder: false, glance: false, heat: true, horizon: false}
                      networks:
                        - {name: ctlplane, cidr: 10.0.0.0/24, dnsDomain: ctl.example.com, allocationStart: 10.0.0.10, allocationEnd: 10.0.0.99}
                        - {name: internalapi, cidr: 172.17.0.0/24, vlan: 20, gateway: 172.17.0.1, dnsDomain: int.example.com, allocationStart: 172.17.0.10, allocationEnd: 172.17.0.99}
                      pciAliases: [{model: a100, name: a100, numaPolicy: socket}]
                      flavors: [g2]
                    hosts: [{name: cmp-0, profile: a100s, ctlplaneIP: 10.0.0.5}, {name: cmp-1, profile: a100s, ctlplaneIP: 10.0.0.6}]
                """);
        List<String> problems = new ArrayList<>();
        rendering.tree().files().forEach((path, bytes) -> {
            if (path.endsWith(".yaml") && !path.endsWith("kustomization.yaml")) {
                try {
                    problems.addAll(SchemaJudgeTest.validate(path, new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(bytes)));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        assertThat(problems).isEmpty();
        assertThat(rendering.tree().files().keySet()).noneMatch(path -> path.contains("cert-manager"));
    }

    /** Aliases as {@code name=vendor:product}. */
    private static Set<String> aliases(String conf) {
        Set<String> aliases = new TreeSet<>();
        Matcher matcher = ALIAS.matcher(conf);
        while (matcher.find()) {
            aliases.add(matcher.group(3) + "=" + matcher.group(1) + ":" + matcher.group(2));
        }
        return aliases;
    }

    private static String kind(JsonNode object) {
        return object.path("kind").asText();
    }

    private static String name(JsonNode object) {
        return object.at("/metadata/name").asText();
    }
}

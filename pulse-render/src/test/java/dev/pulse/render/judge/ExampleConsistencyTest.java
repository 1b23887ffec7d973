package dev.pulse.render.judge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.render.tree.Rendering;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the platform checks only at run time, checked over every example: each VM's devices are permitted
 * by its cluster's HyperConverged, its secondary networks exist in its namespace, its DataVolume sources
 * are well-formed.
 */
@DisplayName("Examples: VMs only use what their cluster provides")
class ExampleConsistencyTest {

    static Stream<Path> examples() {
        return Examples.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void vmsUseWhatTheClusterProvides(Path example) {
        Rendering rendering = Examples.render(example);
        List<String> problems = new ArrayList<>();
        int vms = 0;
        for (String cluster : rendering.layers().stream().map(Rendering.LayerObjects::cluster).distinct().toList()) {
            List<ObjectNode> objects = rendering.layers().stream().filter(l -> l.cluster().equals(cluster)).flatMap(l -> l.objects().stream()).toList();
            Set<String> permitted = new HashSet<>();
            objects.stream().filter(o -> o.path("kind").asText().equals("HyperConverged"))
                    .forEach(hco -> permitted.addAll(hco.at("/spec/permittedHostDevices").findValuesAsText("resourceName")));
            Set<String> networks = new HashSet<>();
            for (ObjectNode object : objects) {
                switch (object.path("kind").asText()) {
                    case "SriovNetwork" -> networks.add(object.at("/spec/networkNamespace").asText() + "/" + object.at("/metadata/name").asText());
                    case "NetworkAttachmentDefinition" -> networks.add(object.at("/metadata/namespace").asText() + "/" + object.at("/metadata/name").asText());
                    default -> { }
                }
            }
            for (ObjectNode vm : objects.stream().filter(o -> o.path("kind").asText().equals("VirtualMachine")).toList()) {
                vms++;
                String name = cluster + "/" + vm.at("/metadata/name").asText();
                JsonNode devices = vm.at("/spec/template/spec/domain/devices");
                for (String device : concat(devices.path("gpus").findValuesAsText("deviceName"), devices.path("hostDevices").findValuesAsText("deviceName"))) {
                    if (!permitted.contains(device)) {
                        problems.add(name + ": device " + device + " is not permitted by HyperConverged " + permitted);
                    }
                }
                String namespace = vm.at("/metadata/namespace").asText();
                for (JsonNode network : vm.at("/spec/template/spec/networks")) {
                    String multus = network.at("/multus/networkName").asText("");
                    if (!multus.isEmpty() && !networks.contains(namespace + "/" + multus)) {
                        problems.add(name + ": network " + multus + " does not exist in namespace " + namespace);
                    }
                }
                // Issue 20: disks are DataVolumes of their own, in the VM's namespace, protected from pruning.
                for (JsonNode volume : vm.at("/spec/template/spec/volumes")) {
                    String disk = volume.at("/dataVolume/name").asText("");
                    if (disk.isEmpty()) {
                        continue;
                    }
                    ObjectNode dataVolume = objects.stream().filter(o -> o.path("kind").asText().equals("DataVolume")
                            && o.at("/metadata/name").asText().equals(disk) && o.at("/metadata/namespace").asText().equals(namespace)).findFirst().orElse(null);
                    if (dataVolume == null) {
                        problems.add(name + ": DataVolume " + disk + " is not rendered in " + namespace);
                        continue;
                    }
                    JsonNode source = dataVolume.at("/spec/source");
                    JsonNode sourceRef = dataVolume.at("/spec/sourceRef");
                    if (!sourceRef.isMissingNode()) {
                        // a golden image: CDI accepts only kind DataSource (cdi DataVolumeSourceRef), with a name
                        if (!sourceRef.at("/kind").asText().equals("DataSource") || sourceRef.at("/name").asText("").isEmpty() || !source.isMissingNode()) {
                            problems.add(name + ": DataVolume sourceRef " + sourceRef + " is not well-formed");
                        }
                        source = null;
                    }
                    boolean ok = source == null || source.at("/http/url").asText("").matches("https?://\\S+")
                            || source.at("/registry/url").asText("").matches("docker://\\S+")
                            || (!source.at("/pvc/name").asText("").isEmpty() && !source.at("/pvc/namespace").asText("").isEmpty());
                    if (!ok || source != null && source.size() != 1) {
                        problems.add(name + ": DataVolume source " + source + " is not well-formed");
                    }
                    if (!dataVolume.at("/metadata/annotations/argocd.argoproj.io~1sync-options").asText("").contains("Prune=false")) {
                        problems.add(name + ": DataVolume " + disk + " is not protected from pruning");
                    }
                }
                if (!vm.at("/spec/dataVolumeTemplates").isMissingNode()) {
                    problems.add(name + ": has dataVolumeTemplates, which KubeVirt deletes with the VM");
                }
            }
        }
        assertThat(problems).isEmpty();
        if (rendering.fleet().clusters().stream().anyMatch(cluster -> !cluster.isRhoso())) {
            assertThat(vms).as("VMs checked").isPositive();
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}

package dev.pulse.render.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Validating webhooks the tree's objects meet when Argo CD applies them. */
final class Admission {

    /** virt-api's limit on inline cloud-init user data (kubevirt/kubevirt pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go cloudInitUserMaxLen). */
    static final int CLOUD_INIT_USER_MAX_LEN = 2048;

    private Admission() {}

    static Optional<String> check(ClusterState state, ObjectRef ref, ObjectNode object) {
        return switch (ref.groupKind()) {
            case "kubevirt.io/VirtualMachine" -> virtualMachine(state, object);
            case "sriovnetwork.openshift.io/SriovNetworkNodePolicy" -> state.sriovWebhook ? sriovPolicy(state, object) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /**
     * virt-api validates a VirtualMachine's template as a VMI (vmi-create-admitter.go ValidateVirtualMachineInstanceSpec):
     * inline user data at most 2048 bytes; GPUs and host devices named in the permitted host devices that HCO
     * copies into the KubeVirt CR (validateGPUsWithPassthroughEnabled / validateHostDevicesWithPassthroughEnabled;
     * when no list is configured, none is checked).
     */
    private static Optional<String> virtualMachine(ClusterState state, ObjectNode vm) {
        JsonNode spec = vm.path("spec").path("template").path("spec");
        int index = 0;
        for (JsonNode volume : spec.path("volumes")) {
            for (String source : List.of("cloudInitNoCloud", "cloudInitConfigDrive")) {
                String userData = volume.path(source).path("userData").asText("");
                if (userData.getBytes(StandardCharsets.UTF_8).length > CLOUD_INIT_USER_MAX_LEN) {
                    return Optional.of("admission webhook \"virtualmachine-validator.kubevirt.io\" denied the request: spec.template.spec.volumes[" + index + "]." + source
                            + " userdata exceeds " + CLOUD_INIT_USER_MAX_LEN + " byte limit. Should use UserDataSecretRef for larger data.");
                }
            }
            index++;
        }
        Optional<ObjectNode> hco = state.liveOf("hco.kubevirt.io", "HyperConverged").stream().filter(h -> state.reconciled.contains(ObjectRef.of(h))).findFirst();
        JsonNode permitted = hco.map(h -> h.path("spec").path("permittedHostDevices")).orElse(null);
        if (permitted == null || permitted.isMissingNode() || permitted.isNull()) {
            return Optional.empty();
        }
        Set<String> names = new HashSet<>();
        for (String list : List.of("pciHostDevices", "mediatedDevices", "usbHostDevices")) {
            permitted.path(list).forEach(device -> names.add(device.path("resourceName").asText()));
        }
        for (JsonNode gpu : spec.path("domain").path("devices").path("gpus")) {
            if (!names.contains(gpu.path("deviceName").asText())) {
                return Optional.of("admission webhook \"virtualmachine-validator.kubevirt.io\" denied the request: GPU " + gpu.path("deviceName").asText()
                        + " is not permitted in permittedHostDevices configuration");
            }
        }
        for (JsonNode device : spec.path("domain").path("devices").path("hostDevices")) {
            if (!names.contains(device.path("deviceName").asText())) {
                return Optional.of("admission webhook \"virtualmachine-validator.kubevirt.io\" denied the request: HostDevice " + device.path("deviceName").asText()
                        + " is not permitted in permittedHostDevices configuration");
            }
        }
        return Optional.empty();
    }

    /**
     * The SR-IOV operator's webhook (k8snetworkplumbingwg/sriov-network-operator pkg/webhook/validate.go
     * dynamicValidateSriovNetworkNodePolicy): some node must match the nodeSelector, and on a selected node's
     * SriovNetworkNodeState some NIC must match the nicSelector, with numVfs within its total VFs.
     */
    private static Optional<String> sriovPolicy(ClusterState state, ObjectNode policy) {
        String name = Json.text(policy, "metadata", "name");
        JsonNode spec = policy.path("spec");
        boolean nodesSelected = false;
        boolean interfaceSelected = false;
        for (Node node : state.nodes.values()) {
            if (!Selectors.matchesMap(spec.path("nodeSelector"), node.labels)) {
                continue;
            }
            nodesSelected = true;
            if (!node.sriovDaemon) {
                continue; // no SriovNetworkNodeState for this node
            }
            for (Node.Function pf : node.functions) {
                if (pf.role().equals("nic") && pf.device().maxVfsPerPort() > 0 && Devices.nicMatches(spec.path("nicSelector"), pf)) {
                    interfaceSelected = true;
                    int numVfs = spec.path("numVfs").asInt();
                    if (numVfs > pf.device().maxVfsPerPort()) {
                        return Optional.of(denied("numVfs(" + numVfs + ") in CR " + name + " exceed the maximum allowed value(" + pf.device().maxVfsPerPort() + ")"));
                    }
                }
            }
        }
        if (!nodesSelected) {
            return Optional.of(denied("no matched node is selected by the nodeSelector in CR " + name));
        }
        if (!interfaceSelected) {
            return Optional.of(denied("no supported NIC is selected by the nicSelector in CR " + name));
        }
        return Optional.empty();
    }

    private static String denied(String message) {
        return "admission webhook \"operator-webhook.sriovnetwork.openshift.io\" denied the request: " + message;
    }
}

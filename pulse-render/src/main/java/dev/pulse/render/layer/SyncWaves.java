package dev.pulse.render.layer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The one place that knows sync order: which layers exist and in which Argo CD sync wave their
 * Application runs, and the resource waves inside a layer (Namespace before OperatorGroup before
 * Subscription). MachineConfigs reboot nodes, so host-config has a wave of its own right after the
 * operators, and no other layer's sync is cut by a reboot.
 */
public final class SyncWaves {

    /** A layer and its Application's sync wave. */
    public record Entry(int wave, Layer layer) {}

    /** Every layer, in sync order. */
    public static final List<Entry> LAYERS = List.of(
            new Entry(0, new OperatorsLayer()),
            new Entry(1, new HostConfigLayer()),
            new Entry(2, new VirtualizationLayer()),
            new Entry(3, new NetworksLayer()),
            new Entry(4, new WorkloadsLayer()));

    /** Resource waves inside a layer, by kind; kinds not listed sync in wave 0. */
    private static final Map<String, Integer> RESOURCE_WAVES = Map.of(
            "Namespace", -2,
            "OperatorGroup", -1,
            "Subscription", 0,
            "PersistentVolume", -1,
            "PersistentVolumeClaim", -1);

    /**
     * API groups whose CRDs an operator of the operators layer installs: their objects cannot be
     * dry-run before that operator runs, so Argo CD must skip the dry run for them.
     */
    private static final Set<String> OPERATOR_GROUPS = Set.of(
            "hco.kubevirt.io", "kubevirt.io", "cdi.kubevirt.io", "instancetype.kubevirt.io", "nvidia.com",
            "sriovnetwork.openshift.io", "nmstate.io", "nfd.openshift.io", "nfd.k8s-sigs.io");

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

package dev.pulse.render.layer;

import dev.pulse.model.OperatorSettings;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.openshift.api.model.operatorhub.v1.OperatorGroup;
import io.fabric8.openshift.api.model.operatorhub.v1.OperatorGroupBuilder;
import io.fabric8.openshift.api.model.operatorhub.v1alpha1.Subscription;
import io.fabric8.openshift.api.model.operatorhub.v1alpha1.SubscriptionBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Wave 0: OLM installs of the operators the cluster's model needs — OpenShift Virtualization always;
 * the NVIDIA GPU Operator when it manages GPUs; SR-IOV Network Operator when hosts create VFs; NFD
 * wherever Pulse labels hosts (GPUs, VFs, host networks: NodeFeatureRules, GPU Operator dependency);
 * NMState when hosts have bonds, bridges or VLANs. Each is a Namespace, an OperatorGroup and a
 * Subscription; a cluster overrides channel, source, approval or turns an operator on or off under
 * {@code operators:}. The VMs' namespace is created here too, so networks (wave 3) can live in it.
 */
public final class OperatorsLayer implements Layer {

    /**
     * Install defaults of one operator, as the vendors' docs give them.
     *
     * @param key the name under a cluster's {@code operators:}
     * @param namespace where it is installed
     * @param operatorGroup OperatorGroup name
     * @param packageName OLM package
     * @param channel default channel
     * @param catalogSource default CatalogSource
     * @param needed whether a cluster needs it when not told otherwise
     */
    record Install(String key, String namespace, String operatorGroup, String packageName, String channel, String catalogSource,
            Predicate<ClusterView> needed) {}

    /** Sorted by key, so files and diffs list the operators in a stable order. */
    static final List<Install> INSTALLS = List.of(
            new Install("gpu-operator", "nvidia-gpu-operator", "nvidia-gpu-operator-group", "gpu-operator-certified", "stable",
                    "certified-operators", ClusterView::usesGpuOperator),
            // Red Hat "Persistent storage using local volumes": Namespace openshift-local-storage, OperatorGroup
            // local-operator-group, package local-storage-operator (openshift/local-storage-operator config/manifests).
            // ODF on local disks consumes the PVs it makes. Storage operators' channels are versioned (stable-4.x), so
            // Pulse names none: OLM follows the catalog's default channel unless operators.<key>.channel says otherwise.
            new Install("local-storage", "openshift-local-storage", "local-operator-group", "local-storage-operator", "", "redhat-operators",
                    cluster -> cluster.storageBackend().filter(b -> b != dev.pulse.model.StorageBackend.Type.LVMS).isPresent()),
            // Red Hat "Persistent storage using LVM Storage" (installing with the CLI): Namespace openshift-storage,
            // OperatorGroup openshift-storage-operatorgroup, package lvms-operator (openshift/lvm-operator bundle).
            new Install("lvms", "openshift-storage", "openshift-storage-operatorgroup", "lvms-operator", "", "redhat-operators",
                    cluster -> cluster.storageBackend().filter(b -> b == dev.pulse.model.StorageBackend.Type.LVMS).isPresent()),
            new Install("nfd", "openshift-nfd", "openshift-nfd", "nfd", "stable", "redhat-operators",
                    ClusterView::labelsHosts),
            new Install("nmstate", "openshift-nmstate", "openshift-nmstate", "kubernetes-nmstate-operator", "stable", "redhat-operators",
                    ClusterView::usesHostNetworks),
            // Red Hat "Deploying OpenShift Data Foundation using bare metal infrastructure" (CLI): Namespace
            // openshift-storage, OperatorGroup openshift-storage-operatorgroup, package odf-operator (red-hat-storage/odf-operator).
            new Install("odf", "openshift-storage", "openshift-storage-operatorgroup", "odf-operator", "", "redhat-operators",
                    cluster -> cluster.storageBackend().filter(b -> b == dev.pulse.model.StorageBackend.Type.ODF).isPresent()),
            new Install("sriov", "openshift-sriov-network-operator", "sriov-network-operators", "sriov-network-operator", "stable",
                    "redhat-operators", ClusterView::usesSriov),
            new Install("virtualization", "openshift-cnv", "kubevirt-hyperconverged-group", "kubevirt-hyperconverged", "stable",
                    "redhat-operators", cluster -> true));

    @Override
    public String name() {
        return "operators";
    }

    @Override
    public List<HasMetadata> objects(ClusterView cluster) {
        List<HasMetadata> objects = new ArrayList<>();
        java.util.Set<String> namespaces = new java.util.HashSet<>();
        for (Install install : INSTALLS) {
            Optional<OperatorSettings> settings = cluster.cluster().operator(install.key());
            if (installs(cluster, install)) {
                if (namespaces.add(install.namespace())) {
                    // operators that share a namespace (LVM Storage or ODF in openshift-storage) share its one OperatorGroup
                    objects.add(namespace(cluster, install));
                    objects.add(operatorGroup(cluster, install));
                }
                objects.add(subscription(cluster, install, settings));
            }
        }
        if (!cluster.cluster().vms().isEmpty() || !cluster.cluster().networks().isEmpty()) {
            objects.add(new NamespaceBuilder().withMetadata(Resources.metadata(null, cluster.vmNamespace(), cluster.fleet().name(),
                    managedBy(cluster, Map.of()))).build());
        }
        return objects;
    }

    /** True when {@code cluster} installs the operator with key {@code key}: as its model needs, or as told under {@code operators:}. */
    static boolean installs(ClusterView cluster, String key) {
        return INSTALLS.stream().filter(install -> install.key().equals(key)).anyMatch(install -> installs(cluster, install));
    }

    private static boolean installs(ClusterView cluster, Install install) {
        return cluster.cluster().operator(install.key()).flatMap(OperatorSettings::enabled).orElseGet(() -> install.needed().test(cluster));
    }

    /**
     * Namespace labels plus {@code argocd.argoproj.io/managed-by: <Argo CD namespace>}: the OpenShift GitOps
     * operator gives the instance's application controller a Role in namespaces so labelled, and none elsewhere
     * (argocd-operator {@code controllers/argocd/util.go} setManagedNamespaces, {@code role.go} reconcileRole).
     */
    private static Map<String, String> managedBy(ClusterView cluster, Map<String, String> labels) {
        Map<String, String> all = new java.util.TreeMap<>(labels);
        all.put(MANAGED_BY_LABEL, cluster.fleet().argocd().namespace());
        return all;
    }

    /** The namespace label that lets an Argo CD instance manage a namespace. */
    public static final String MANAGED_BY_LABEL = "argocd.argoproj.io/managed-by";

    private static Namespace namespace(ClusterView cluster, Install install) {
        return new NamespaceBuilder()
                .withMetadata(Resources.metadata(null, install.namespace(), cluster.fleet().name(),
                        managedBy(cluster, Map.of("openshift.io/cluster-monitoring", "true"))))
                .build();
    }

    private static OperatorGroup operatorGroup(ClusterView cluster, Install install) {
        return new OperatorGroupBuilder()
                .withMetadata(Resources.metadata(install.namespace(), install.operatorGroup(), cluster.fleet().name(), Map.of()))
                .withNewSpec().withTargetNamespaces(install.namespace()).endSpec()
                .build();
    }

    private static Subscription subscription(ClusterView cluster, Install install, Optional<OperatorSettings> settings) {
        return new SubscriptionBuilder()
                .withMetadata(Resources.metadata(install.namespace(), install.packageName(), cluster.fleet().name(), Map.of()))
                .withNewSpec()
                .withName(install.packageName())
                .withChannel(settings.flatMap(OperatorSettings::channel).orElse(install.channel().isEmpty() ? null : install.channel()))
                .withSource(settings.flatMap(OperatorSettings::catalogSource).orElse(install.catalogSource()))
                .withSourceNamespace(settings.flatMap(OperatorSettings::catalogSourceNamespace).orElse("openshift-marketplace"))
                .withStartingCSV(settings.flatMap(OperatorSettings::startingCSV).orElse(null))
                .withInstallPlanApproval(settings.map(OperatorSettings::manualApproval).orElse(false) ? "Manual" : "Automatic")
                .endSpec()
                .build();
    }
}

package dev.pulse.render.layer;

import dev.pulse.model.OperatorSettings;
import dev.pulse.model.Rhoso;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.openshift.api.model.operatorhub.v1.OperatorGroupBuilder;
import io.fabric8.openshift.api.model.operatorhub.v1alpha1.SubscriptionBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * RHOSO wave 0: the operators OpenStack on OpenShift needs, and the namespace its control plane lives in.
 * <ul>
 *   <li>cert-manager Operator for Red Hat OpenShift: the OpenStack operators issue every service's TLS certificate
 *       through cert-manager (the control plane's {@code tls} is on by default). Namespace, OperatorGroup and channel
 *       as openstack-k8s-operators/architecture {@code lib/olm-deps/cert_manager_*.yaml}.</li>
 *   <li>OpenStack operator: package {@code openstack-operator} in {@code openstack-operators}, an OperatorGroup for all
 *       namespaces (RHOSO 18.0 "Deploying Red Hat OpenStack Services on OpenShift", Installing the OpenStack Operator;
 *       architecture {@code lib/olm-openstack-subscriptions/base}), and its {@code OpenStack} CR, which installs the
 *       service operators and the CRDs the later waves write, NetConfig among them (openstack-operator
 *       {@code config/samples/operator_v1beta1_openstack.yaml}, {@code bindata/crds}).</li>
 *   <li>The control plane's namespace with the Pod Security labels the OpenStack services need (privileged pods:
 *       OVN, the Ansible runners; architecture {@code lib/olm-openstack-subscriptions/base/namespaces.yaml}).</li>
 * </ul>
 * A cluster overrides channel, source or approval under {@code operators: {openstack: ..., cert-manager: ...}}.
 */
public final class OpenStackOperatorsLayer implements Layer {

    /** The OpenStack operator's namespace (RHOSO 18.0 docs). */
    public static final String OPERATOR_NAMESPACE = "openstack-operators";

    private static final Map<String, String> PRIVILEGED = Map.of(
            "pod-security.kubernetes.io/enforce", "privileged",
            "security.openshift.io/scc.podSecurityLabelSync", "false");

    @Override
    public String name() {
        return "openstack-operators";
    }

    @Override
    public List<HasMetadata> objects(ClusterView cluster) {
        Rhoso rhoso = cluster.cluster().rhoso().orElseThrow();
        String fleet = cluster.fleet().name();
        List<HasMetadata> objects = new ArrayList<>();
        Optional<OperatorSettings> certManager = cluster.cluster().operator("cert-manager");
        if (certManager.flatMap(OperatorSettings::enabled).orElse(true)) {
            objects.add(namespace(cluster, "cert-manager-operator", Map.of()));
            objects.add(new OperatorGroupBuilder().withMetadata(Resources.metadata("cert-manager-operator", "cert-manager-operator", fleet, Map.of()))
                    .withNewSpec().withTargetNamespaces("cert-manager-operator").endSpec().build());
            objects.add(subscription(fleet, "cert-manager-operator", "openshift-cert-manager-operator", "stable-v1", certManager));
        }
        Optional<OperatorSettings> openstack = cluster.cluster().operator("openstack");
        if (openstack.flatMap(OperatorSettings::enabled).orElse(true)) {
            objects.add(namespace(cluster, OPERATOR_NAMESPACE, PRIVILEGED));
            // no targetNamespaces: the operators reconcile the control plane in its own namespace
            objects.add(new OperatorGroupBuilder().withMetadata(Resources.metadata(OPERATOR_NAMESPACE, "openstack", fleet, Map.of()))
                    .withNewSpec().endSpec().build());
            objects.add(subscription(fleet, OPERATOR_NAMESPACE, "openstack-operator", "stable-v1.0", openstack));
            objects.add(Resources.custom("operator.openstack.org/v1beta1", "OpenStack", Resources.metadata(OPERATOR_NAMESPACE, "openstack", fleet, Map.of()),
                    Map.of()));
        }
        objects.add(namespace(cluster, rhoso.namespace(), PRIVILEGED));
        return objects;
    }

    private static HasMetadata namespace(ClusterView cluster, String name, Map<String, String> labels) {
        Map<String, String> all = new TreeMap<>(labels);
        all.put(OperatorsLayer.MANAGED_BY_LABEL, cluster.fleet().argocd().namespace());
        return new NamespaceBuilder().withMetadata(Resources.metadata(null, name, cluster.fleet().name(), all)).build();
    }

    private static HasMetadata subscription(String fleet, String namespace, String packageName, String channel, Optional<OperatorSettings> settings) {
        return new SubscriptionBuilder()
                .withMetadata(Resources.metadata(namespace, packageName, fleet, Map.of()))
                .withNewSpec()
                .withName(packageName)
                .withChannel(settings.flatMap(OperatorSettings::channel).orElse(channel))
                .withSource(settings.flatMap(OperatorSettings::catalogSource).orElse("redhat-operators"))
                .withSourceNamespace(settings.flatMap(OperatorSettings::catalogSourceNamespace).orElse("openshift-marketplace"))
                .withStartingCSV(settings.flatMap(OperatorSettings::startingCSV).orElse(null))
                .withInstallPlanApproval(settings.map(OperatorSettings::manualApproval).orElse(false) ? "Manual" : "Automatic")
                .endSpec()
                .build();
    }
}

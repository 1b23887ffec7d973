package dev.pulse.render.layer;

import dev.pulse.model.Device;
import dev.pulse.model.Quantity;
import dev.pulse.model.Rhoso;
import dev.pulse.model.Role;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RHOSO wave 3: each role under {@code rhoso.flavors} becomes a Nova flavor — vCPUs, RAM and root disk from the role
 * and the cluster's disk size, {@code pci_passthrough:alias=<alias>:<gpus>} for its GPUs (nova04delta README:
 * {@code openstack flavor set --property "pci_passthrough:alias"="nvidia_a2:1"}), {@code hw:cpu_policy=dedicated} for
 * pinned CPUs (Nova flavor extra specs; the computes' {@code cpu_dedicated_set} comes from the hardware profile).
 * <p>
 * Flavors live in Nova's database, not in Kubernetes, so there is no object to sync: a ConfigMap holds the script
 * (a change of the flavors changes it, the Application goes OutOfSync and syncs), and an Argo CD PostSync hook Job
 * runs it with the openstackclient image once the ConfigMap is applied. The script is idempotent: it creates a missing
 * flavor, refuses to silently keep one whose size differs (Nova flavors cannot be resized), and replaces the extra
 * specs with the model's. Credentials come by reference from what the control plane writes for its own
 * openstackclient pod: ConfigMap {@code openstack-config} ({@code clouds.yaml}), Secret {@code openstack-config-secret}
 * ({@code secure.yaml}), Secret {@code combined-ca-bundle} (openstack-operator {@code internal/openstackclient/funcs.go}).
 */
public final class OpenStackFlavorsLayer implements Layer {

    /** The name of the ConfigMap and the Job. */
    static final String NAME = "pulse-flavors";

    @Override
    public String name() {
        return "openstack-flavors";
    }

    @Override
    public List<HasMetadata> objects(ClusterView cluster) {
        Rhoso rhoso = cluster.cluster().rhoso().orElseThrow();
        List<Role> roles = NovaPci.flavorRoles(cluster);
        if (roles.isEmpty()) {
            return List.of();
        }
        String fleet = cluster.fleet().name();
        HasMetadata script = new ConfigMapBuilder().withApiVersion("v1").withKind("ConfigMap")
                .withMetadata(Resources.metadata(rhoso.namespace(), NAME, fleet, Map.of()))
                .withData(Map.of("flavors.sh", script(cluster, rhoso, roles)))
                .build();
        ObjectMeta jobMetadata = Resources.metadata(rhoso.namespace(), NAME, fleet, Map.of());
        // Argo CD resource hooks: run after every sync once all resources are Healthy, replacing the last run
        jobMetadata.setAnnotations(Map.of("argocd.argoproj.io/hook", "PostSync", "argocd.argoproj.io/hook-delete-policy", "BeforeHookCreation"));
        PodTemplateSpec pod = new PodTemplateSpecBuilder()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withNewSecurityContext().withRunAsNonRoot(true).withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
                .addNewContainer()
                .withName("flavors")
                .withImage(rhoso.clientImage())
                .withCommand("/bin/bash", "/pulse/flavors.sh")
                .addNewEnv().withName("OS_CLOUD").withValue("default").endEnv()
                .addNewEnv().withName("HOME").withValue("/tmp").endEnv()
                .withNewSecurityContext().withAllowPrivilegeEscalation(false).withNewCapabilities().withDrop("ALL").endCapabilities().endSecurityContext()
                // os-client-config reads /etc/openstack/{clouds,secure}.yaml; the CA bundle where RHEL's trust store is
                .addNewVolumeMount().withName("script").withMountPath("/pulse").withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("openstack-config").withMountPath("/etc/openstack/clouds.yaml").withSubPath("clouds.yaml").withReadOnly(true)
                .endVolumeMount()
                .addNewVolumeMount().withName("openstack-config-secret").withMountPath("/etc/openstack/secure.yaml").withSubPath("secure.yaml")
                .withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("combined-ca-bundle").withMountPath("/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem")
                .withSubPath("tls-ca-bundle.pem").withReadOnly(true).endVolumeMount()
                .endContainer()
                .addNewVolume().withName("script").withNewConfigMap().withName(NAME).endConfigMap().endVolume()
                .addNewVolume().withName("openstack-config").withNewConfigMap().withName("openstack-config").endConfigMap().endVolume()
                .addNewVolume().withName("openstack-config-secret").withNewSecret().withSecretName("openstack-config-secret").endSecret().endVolume()
                // absent when the control plane runs without TLS
                .addNewVolume().withName("combined-ca-bundle").withNewSecret().withSecretName("combined-ca-bundle").withOptional(true).endSecret().endVolume()
                .endSpec()
                .build();
        // batch/v1 Job (fabric8's batch model is not among Pulse's dependencies; the pod template is typed)
        HasMetadata job = Resources.custom("batch/v1", "Job", jobMetadata, OpenStackControlPlaneLayer.map("backoffLimit", 6, "template", pod));
        return List.of(script, job);
    }

    /** The flavor script: one {@code flavor} line per role. */
    static String script(ClusterView cluster, Rhoso rhoso, List<Role> roles) {
        List<String> lines = new ArrayList<>(List.of(
                "#!/bin/bash",
                "# Generated by Pulse from " + cluster.fleet().origin() + ": the Nova flavors of cluster " + cluster.name() + ".",
                "set -euo pipefail",
                "",
                "# flavor NAME VCPUS RAM_MIB DISK_GIB [--property KEY=VALUE ...]",
                "flavor() {",
                "  local name=$1 vcpus=$2 ram=$3 disk=$4",
                "  shift 4",
                "  if openstack flavor show \"$name\" -f value -c id >/dev/null 2>&1; then",
                "    local have",
                "    have=\"$(openstack flavor show \"$name\" -f value -c vcpus) $(openstack flavor show \"$name\" -f value -c ram) $(openstack flavor show \"$name\" -f value -c disk)\"",
                "    if [ \"$have\" != \"$vcpus $ram $disk\" ]; then",
                "      echo \"flavor $name has vcpus ram disk '$have', the model asks for '$vcpus $ram $disk'; Nova cannot resize a flavor:\" \\",
                "        \"delete it once no server uses it, or give the role another name\" >&2",
                "      return 1",
                "    fi",
                "  else",
                "    openstack flavor create --vcpus \"$vcpus\" --ram \"$ram\" --disk \"$disk\" \"$name\"",
                "  fi",
                "  openstack flavor set --no-property \"$@\" \"$name\"",
                "}",
                ""));
        List<Device> gpus = NovaPci.gpuModels(cluster);
        long disk = Quantity.bytes(cluster.cluster().storage().size()).orElse(BigInteger.ZERO).shiftRight(30).longValue();
        for (Role role : roles) {
            long ramMib = Quantity.bytes(role.memory()).orElseThrow().shiftRight(20).longValue();
            List<String> properties = new ArrayList<>();
            if (role.gpus() > 0 && !gpus.isEmpty()) {
                properties.add("pci_passthrough:alias=" + NovaPci.aliasName(rhoso, gpus.get(0).name()) + ":" + role.gpus());
            }
            if (role.dedicatedCpu()) {
                properties.add("hw:cpu_policy=dedicated");
            }
            StringBuilder line = new StringBuilder("flavor " + role.name() + " " + role.cpuCores() + " " + ramMib + " " + disk);
            properties.forEach(property -> line.append(" --property ").append(property));
            lines.add(line.toString());
        }
        return String.join("\n", lines) + "\n";
    }
}

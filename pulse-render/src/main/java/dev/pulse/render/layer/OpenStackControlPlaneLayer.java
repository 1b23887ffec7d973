package dev.pulse.render.layer;

import dev.pulse.model.Rhoso;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RHOSO wave 1: the NetConfig the IPAM hands addresses from, and the OpenStackControlPlane.
 * <p>
 * The control plane follows openstack-operator {@code config/samples/core_v1beta1_openstackcontrolplane_galera.yaml}
 * (what seed 004's {@code make openstack_deploy} applies: one replica each, a Galera and a RabbitMQ per cell), with
 * {@code storageClass} from the cluster's {@code storage.class} and the optional services of {@code rhoso.services}.
 * Glance stores images on its own volume (file backend, as glance-operator's samples), since Swift is off.
 * Nova gets what seed 004 patched by hand and what it left out: the {@code [pci] alias} of every passthrough GPU
 * model on nova-api <em>and</em> nova-scheduler, and the scheduler's {@code PciPassthroughFilter} (see
 * {@link NovaPci}). Passwords stay in the Secret the model names; nothing here holds a value.
 */
public final class OpenStackControlPlaneLayer implements Layer {

    /** The NetConfig subnet name the NodeSets refer to (architecture lib/networking/netconfig). */
    public static final String SUBNET = "subnet1";

    /** The one Memcached instance of the control plane, which the services' templates name. */
    static final String MEMCACHED = "memcached";

    @Override
    public String name() {
        return "openstack-control-plane";
    }

    @Override
    public List<HasMetadata> objects(ClusterView cluster) {
        Rhoso rhoso = cluster.cluster().rhoso().orElseThrow();
        String fleet = cluster.fleet().name();
        return List.of(
                Resources.custom("network.openstack.org/v1beta1", "NetConfig", Resources.metadata(rhoso.namespace(), "netconfig", fleet, Map.of()),
                        Map.of("networks", rhoso.networks().stream().map(OpenStackControlPlaneLayer::network).toList())),
                Resources.custom("core.openstack.org/v1beta1", "OpenStackControlPlane", Resources.metadata(rhoso.namespace(), rhoso.controlPlane(), fleet, Map.of()),
                        spec(cluster, rhoso)));
    }

    private static Map<String, Object> network(Rhoso.RhosoNetwork network) {
        Map<String, Object> subnet = map("name", SUBNET, "cidr", network.cidr(),
                "allocationRanges", List.of(map("start", network.allocationStart(), "end", network.allocationEnd())));
        network.gateway().ifPresent(gateway -> subnet.put("gateway", gateway));
        if (network.vlan() > 0) {
            subnet.put("vlan", network.vlan());
        }
        return map("name", network.name(), "dnsDomain", network.dnsDomain(), "mtu", network.mtu(), "subnets", List.of(subnet));
    }

    private static Map<String, Object> spec(ClusterView cluster, Rhoso rhoso) {
        String secret = rhoso.secret();
        Map<String, Object> spec = map("secret", secret, "storageClass", cluster.cluster().storage().storageClass());
        String storageClass = cluster.cluster().storage().storageClass();
        // fields the CRD defaults are written out (memcachedInstance: memcached, imageCache.size: "" = off), so the
        // tree says what runs
        spec.put("keystone", map("template", map("databaseInstance", "openstack", "memcachedInstance", MEMCACHED, "secret", secret)));
        spec.put("galera", map("templates", map(
                "openstack", map("replicas", 1, "secret", secret, "storageClass", storageClass, "storageRequest", "5G"),
                "openstack-cell1", map("replicas", 1, "secret", secret, "storageClass", storageClass, "storageRequest", "5G"))));
        spec.put("rabbitmq", map("templates", map("rabbitmq", map("replicas", 1), "rabbitmq-cell1", map("replicas", 1))));
        spec.put("memcached", map("templates", map(MEMCACHED, map("replicas", 1))));
        spec.put("placement", map("template", map("databaseInstance", "openstack", "secret", secret)));
        spec.put("neutron", map("template", map("databaseInstance", "openstack", "memcachedInstance", MEMCACHED, "secret", secret)));
        spec.put("ovn", map("template", map(
                "ovnDBCluster", map(
                        "ovndbcluster-nb", map("dbType", "NB", "replicas", 1, "storageRequest", "10G"),
                        "ovndbcluster-sb", map("dbType", "SB", "replicas", 1, "storageRequest", "10G")),
                "ovnNorthd", map("replicas", 1),
                "ovnController", map())));
        spec.put("nova", map("template", nova(cluster, secret)));
        spec.put("glance", service(rhoso, "glance", map("databaseInstance", "openstack", "memcachedInstance", MEMCACHED, "secret", secret,
                "imageCache", map("size", ""),
                "customServiceConfig", """
                        [DEFAULT]
                        enabled_backends = default_backend:file
                        [glance_store]
                        default_backend = default_backend
                        [default_backend]
                        filesystem_store_datadir = /var/lib/glance/images/
                        """,
                "storage", map("storageRequest", "10G"),
                "keystoneEndpoint", "default",
                "glanceAPIs", map("default", map("type", "single", "replicas", 1)))));
        spec.put("cinder", service(rhoso, "cinder", map("databaseInstance", "openstack", "memcachedInstance", MEMCACHED, "secret", secret,
                "cinderAPI", map("replicas", 1), "cinderScheduler", map("replicas", 1),
                // no volume or backup backend in the model yet: their services stay at zero, as in the sample
                "cinderBackup", map("replicas", 0), "cinderVolumes", map("volume1", map("replicas", 0)))));
        spec.put("horizon", service(rhoso, "horizon", map("memcachedInstance", MEMCACHED, "replicas", 1, "secret", secret)));
        spec.put("heat", service(rhoso, "heat", map("databaseInstance", "openstack", "memcachedInstance", MEMCACHED, "secret", secret,
                "heatAPI", map("replicas", 1), "heatCfnAPI", map("replicas", 1), "heatEngine", map("replicas", 1))));
        spec.put("barbican", service(rhoso, "barbican", map("databaseInstance", "openstack", "secret", secret, "serviceAccount", "barbican",
                "barbicanAPI", map("replicas", 1), "barbicanWorker", map("replicas", 1), "barbicanKeystoneListener", map("replicas", 1))));
        // off, as in seed 004; Pulse renders no template for them
        for (String off : List.of("designate", "ironic", "manila", "octavia", "swift", "telemetry")) {
            spec.put(off, map("enabled", false));
        }
        return spec;
    }

    private static Map<String, Object> nova(ClusterView cluster, String secret) {
        String pci = NovaPci.controlPlanePci(cluster);
        boolean gpus = !NovaPci.gpuModels(cluster).isEmpty();
        Map<String, Object> template = map("secret", secret,
                "cellTemplates", map(
                        "cell0", map("cellDatabaseAccount", "nova-cell0", "cellDatabaseInstance", "openstack", "messagingBus", map("cluster", "rabbitmq"),
                                "conductorServiceTemplate", map("replicas", 1), "hasAPIAccess", true),
                        "cell1", map("cellDatabaseAccount", "nova-cell1", "cellDatabaseInstance", "openstack-cell1",
                                "messagingBus", map("cluster", "rabbitmq-cell1"), "conductorServiceTemplate", map("replicas", 1), "hasAPIAccess", true)));
        if (gpus) {
            template.put("apiServiceTemplate", map("customServiceConfig", pci));
            template.put("schedulerServiceTemplate", map("customServiceConfig", pci + NovaPci.schedulerFilters(cluster)));
        }
        return template;
    }

    private static Map<String, Object> service(Rhoso rhoso, String name, Map<String, Object> template) {
        return rhoso.runs(name) ? map("enabled", true, "template", template) : map("enabled", false);
    }

    /** A mutable map of the key/value pairs, in order. */
    static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}

package dev.pulse.model.rules;

import dev.pulse.model.Cluster;
import dev.pulse.model.FleetSpec;
import dev.pulse.model.HardwareProfile;
import dev.pulse.model.Host;
import dev.pulse.model.diag.Diagnostics;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The platform rules a fleet must meet before anything is rendered: the ordered list of the rule classes, one per
 * subject. Every rule reports through {@link Diagnostics} and goes on, so one run lists every problem; diagnostics
 * are printed sorted by location, so the order here is only the order of reading. Rule ids, severities and sources
 * are listed in {@link dev.pulse.model.diag.Rule}.
 */
public final class FleetRules {

    private final Diagnostics diagnostics;

    /** @param diagnostics where every rule reports */
    public FleetRules(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** Runs every rule over {@code fleet}. */
    public void check(FleetSpec fleet) {
        new NameRules(diagnostics).checkFleet(fleet);
        new GitRules(diagnostics).check(fleet);
        new NameRules(diagnostics).checkCatalog(fleet.catalog());
        new DeviceRules(diagnostics).checkCatalog(fleet.catalog());
        new GpuRules(diagnostics).checkCatalog(fleet.catalog());
        new SriovRules(diagnostics).checkCatalog(fleet.catalog());
        new CpuRules(diagnostics).checkCatalog(fleet.catalog());
        new HostNetworkRules(diagnostics).checkCatalog(fleet.catalog());
        new VmRules(diagnostics).checkCatalog(fleet.catalog());
        for (Cluster cluster : fleet.clusters()) {
            checkCluster(fleet, cluster);
        }
    }

    private void checkCluster(FleetSpec fleet, Cluster cluster) {
        Map<String, HardwareProfile> profiles = profiles(fleet, cluster);
        // every platform
        new NameRules(diagnostics).checkCluster(cluster);
        new HostConfigRules(diagnostics).checkSingleNode(cluster);
        new ReferenceRules(diagnostics).check(fleet, cluster);
        new GpuRules(diagnostics).checkGpuCapacity(fleet, cluster, profiles);
        new NetworkRules(diagnostics).checkNetworks(fleet, cluster, profiles);
        new DeviceRules(diagnostics).checkHostPci(fleet, cluster);
        new CpuRules(diagnostics).checkDedicatedCpus(fleet, cluster, profiles);
        new RhosoRules(diagnostics).check(fleet, cluster, profiles);
        if (cluster.isRhoso()) {
            return; // the rest are OpenShift Virtualization rules: EDPM hosts are configured by Ansible, not MachineConfigs
        }
        new GpuRules(diagnostics).checkGpuOperator(fleet, cluster);
        new NameRules(diagnostics).checkWorkloads(cluster);
        new NetworkRules(diagnostics).checkBridgeAttachments(fleet, cluster);
        new DeviceRules(diagnostics).checkPciUse(fleet, cluster);
        new DiskRules(diagnostics).check(cluster);
        new VmRules(diagnostics).check(fleet, cluster);
        new SriovRules(diagnostics).checkVfCapacity(fleet, cluster, profiles);
        new SriovRules(diagnostics).checkControlPlane(cluster, profiles);
        new HostConfigRules(diagnostics).check(fleet, cluster, profiles);
        new CpuRules(diagnostics).checkDedicatedCapacity(fleet, cluster, profiles);
        new StorageRules(diagnostics).check(cluster);
        new LiveMigrationRules(diagnostics).check(fleet, cluster);
        new HostNetworkRules(diagnostics).check(cluster, profiles);
    }

    /** Each host's hardware profile, for the hosts whose profile is defined (the others are PULSE-REF). */
    private static Map<String, HardwareProfile> profiles(FleetSpec fleet, Cluster cluster) {
        Map<String, HardwareProfile> profiles = new LinkedHashMap<>();
        for (Host host : cluster.hosts()) {
            fleet.catalog().hardwareProfile(host.profile()).ifPresent(profile -> profiles.put(host.name(), profile));
        }
        return profiles;
    }
}

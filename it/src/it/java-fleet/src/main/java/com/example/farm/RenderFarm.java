package com.example.farm;

import dev.pulse.model.AccessMode;
import dev.pulse.model.Fleet;
import dev.pulse.model.FleetSpec;
import java.util.function.Supplier;

/**
 * The render farm: identical Gigabyte G493-ZB1 hosts (8x RTX 6000 Ada each), each running two Unreal render nodes
 * with two GPUs apiece. Adding a host is changing {@link #HOSTS}; Pulse renders the rest.
 */
public final class RenderFarm implements Supplier<FleetSpec> {

    static final int HOSTS = 3;
    static final int RENDER_NODES_PER_HOST = 2;

    @Override
    public FleetSpec get() {
        return Fleet.builder()
                .name("render-farm")
                .git(git -> git.repoURL("https://git.example.com/infra/render-farm.git").targetRevision("main").path("deploy"))
                .cluster(farm -> {
                    farm.name("farm").storage(s -> s.storageClass("ocs-storagecluster-ceph-rbd-virtualization").accessMode(AccessMode.READ_WRITE_MANY));
                    for (int h = 1; h <= HOSTS; h++) {
                        String host = String.format("render-%02d", h);
                        farm.host(host, "g493-zb1-rtx6000ada");
                        for (int n = 1; n <= RENDER_NODES_PER_HOST; n++) {
                            String vm = String.format("unreal-%02d-%d", h, n);
                            farm.vm(v -> v.name(vm).role("unreal").host(host).importDisk("https://images.example.com/unreal-5.4.qcow2"));
                        }
                    }
                })
                .build();
    }
}

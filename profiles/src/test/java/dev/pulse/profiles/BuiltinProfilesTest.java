package dev.pulse.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.model.Catalog;
import dev.pulse.model.CpuVendor;
import dev.pulse.model.Device;
import dev.pulse.model.DeviceKind;
import dev.pulse.model.GpuMode;
import dev.pulse.model.HardwareProfile;
import dev.pulse.model.PciId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Built-in profiles")
class BuiltinProfilesTest {

    private final Catalog catalog = BuiltinProfiles.catalog();

    @Test
    @DisplayName("devices of the seed systems carry their PCI ids and companion functions")
    void seedDevices() {
        assertDevice("rtx-6000-ada", DeviceKind.GPU, "10de:26b1", List.of("10de:22ba"));
        assertDevice("l4", DeviceKind.GPU, "10de:27b8", List.of());
        assertDevice("rtx-3080", DeviceKind.GPU, "10de:2206", List.of("10de:1aef"));
        assertDevice("connectx-6", DeviceKind.NIC, "15b3:101b", List.of());
        assertDevice("connectx-6-dx", DeviceKind.NIC, "15b3:101d", List.of());
        assertDevice("bluefield-2", DeviceKind.NIC, "15b3:a2d6", List.of());
        assertThat(catalog.device("rtx-6000-ada").orElseThrow().pci().selector()).isEqualTo("10DE:26B1");
        assertThat(catalog.device("connectx-6").orElseThrow().vfChangeReboots()).isTrue();
        assertDevice("amd-matisse-xhci", DeviceKind.PCI, "1022:149c", List.of());
        assertThat(catalog.device("l4").orElseThrow().vgpuProfiles()).contains("L4-24Q");
    }

    @Test
    @DisplayName("the G493-ZB1 profile of seed 000: AMD, 8x RTX 6000 Ada passthrough, 2x dual-port ConnectX-6 with 8 VFs a port")
    void g493() {
        HardwareProfile profile = catalog.hardwareProfile("g493-zb1-rtx6000ada").orElseThrow();
        assertThat(profile.cpu()).isEqualTo(CpuVendor.AMD);
        assertThat(profile.gpus()).singleElement().satisfies(gpu -> {
            assertThat(gpu.model()).isEqualTo("rtx-6000-ada");
            assertThat(gpu.count()).isEqualTo(8);
            assertThat(gpu.mode()).isEqualTo(GpuMode.VM_PASSTHROUGH);
        });
        assertThat(profile.nics()).singleElement().satisfies(nic -> {
            assertThat(nic.model()).isEqualTo("connectx-6");
            assertThat(nic.totalVfs()).isEqualTo(32);
            assertThat(nic.mtu()).isEqualTo(9000);
        });
    }

    @Test
    @DisplayName("the four studio roles, with the GPU split of seed 000")
    void roles() {
        assertThat(catalog.roles().keySet()).containsExactly("control", "inference", "optik", "unreal");
        assertThat(catalog.role("optik").orElseThrow().gpus()).isEqualTo(1);
        assertThat(catalog.role("unreal").orElseThrow().gpus()).isEqualTo(2);
        assertThat(catalog.role("inference").orElseThrow().gpus()).isEqualTo(4);
        assertThat(catalog.role("control").orElseThrow().gpus()).isZero();
        assertThat(catalog.role("optik").orElseThrow().guest()).containsExactly("ptp", "evt-network", "nvidia-driver", "qemu-guest-agent");
    }

    private void assertDevice(String name, DeviceKind kind, String pci, List<String> companions) {
        Device device = catalog.device(name).orElseThrow();
        assertThat(device.kind()).isEqualTo(kind);
        assertThat(device.pci()).isEqualTo(PciId.parse(pci).orElseThrow());
        assertThat(device.companions()).extracting(c -> c.pci().toString()).containsExactlyElementsOf(companions);
        assertThat(device.resourceName()).isNotBlank();
    }
}

package dev.pulse.model;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many vGPUs of one type a board gives. A GPU runs vGPUs of one size at a time (NVIDIA vGPU docs:
 * "By default, a GPU operates in equal-size mode"), so a board gives {@code framebuffer / type size}
 * of them, at most 32 per GPU: the GPU Operator's {@code default-vgpu-devices-config} lists L4-6Q: 4,
 * RTX6000-Ada-1Q: 32 (NVIDIA/gpu-operator {@code assets/state-vgpu-device-manager/0500_configmap.yaml}).
 * The framebuffer is the largest type the catalog lists for the board (its whole memory, e.g. L4-24Q).
 */
public final class VgpuTypes {

    /** NVIDIA's limit of vGPUs on one physical GPU. */
    public static final int MAX_PER_GPU = 32;

    private static final Pattern SIZE = Pattern.compile("-(\\d+)[A-Z]$");

    private VgpuTypes() {}

    /** vGPUs of {@code type} one board of {@code device} gives; 1 when the type's size cannot be read from its name. */
    public static int perBoard(Device device, String type) {
        Optional<Integer> size = size(type);
        int framebuffer = device.vgpuProfiles().stream().map(VgpuTypes::size).flatMap(Optional::stream).max(Integer::compare).orElse(0);
        if (size.isEmpty() || size.get() == 0 || framebuffer < size.get()) {
            return 1;
        }
        return Math.min(MAX_PER_GPU, framebuffer / size.get());
    }

    /** The framebuffer size in GB a type name ends with: L4-6Q → 6. */
    static Optional<Integer> size(String type) {
        Matcher matcher = SIZE.matcher(type);
        return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
    }
}

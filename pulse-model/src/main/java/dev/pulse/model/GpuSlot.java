package dev.pulse.model;

import java.util.Optional;

/**
 * GPUs of one model in a hardware profile.
 *
 * @param model catalog device name (kind gpu)
 * @param count how many cards
 * @param mode what they serve; one mode per host
 * @param console true when the host has no other display device, so the firmware console sits on this
 *     GPU and must be let go before a VM can take it (seed 001: {@code video=efifb:off}, vtconsole unbind)
 * @param vgpuProfile for {@code vm-vgpu}: the NVIDIA vGPU profile carved from each card, e.g. {@code L4-24Q}
 * @param source where it was written
 */
public record GpuSlot(String model, int count, GpuMode mode, boolean console, Optional<String> vgpuProfile, Source source) {}

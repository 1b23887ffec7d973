package dev.pulse.model;

/**
 * GPUs of one model in a hardware profile.
 *
 * @param model catalog device name (kind gpu)
 * @param count how many cards
 * @param mode what they serve; one mode per host
 * @param source where it was written
 */
public record GpuSlot(String model, int count, GpuMode mode, Source source) {}

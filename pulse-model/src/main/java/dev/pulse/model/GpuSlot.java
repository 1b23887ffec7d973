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
public record GpuSlot(String model, int count, GpuMode mode, boolean console, Optional<String> vgpuProfile, Source source) {

    /**
     * A builder with the defaults: one card, {@code vm-passthrough}, not the console, no vGPU profile.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link GpuSlot}; unset values keep the defaults {@code fleet.yaml} has. */
    public static final class Builder {
        private String model = "";
        private int count = 1;
        private GpuMode mode = GpuMode.VM_PASSTHROUGH;
        private boolean console;
        private Optional<String> vgpuProfile = Optional.empty();
        private Source source;

        private Builder() {}

        /**
         * The catalog device name (kind gpu).
         *
         * @param value a device name, e.g. {@code rtx-6000-ada}
         * @return this builder
         */
        public Builder model(String value) {
            model = value;
            return this;
        }

        /**
         * How many cards (default 1).
         *
         * @param value the card count
         * @return this builder
         */
        public Builder count(int value) {
            count = value;
            return this;
        }

        /**
         * What the GPUs serve (default {@code vm-passthrough}).
         *
         * @param value the mode
         * @return this builder
         */
        public Builder mode(GpuMode value) {
            mode = value;
            return this;
        }

        /**
         * Whether the firmware console sits on these GPUs (default false).
         *
         * @param value true when the host has no other display device
         * @return this builder
         */
        public Builder console(boolean value) {
            console = value;
            return this;
        }

        /**
         * The vGPU profile carved from each card, for {@code vm-vgpu}.
         *
         * @param value an NVIDIA vGPU profile, e.g. {@code L4-24Q}
         * @return this builder
         */
        public Builder vgpuProfile(String value) {
            vgpuProfile = Optional.of(value);
            return this;
        }

        /**
         * Where the slot was written; unset: the calling line.
         *
         * @param value the source
         * @return this builder
         */
        public Builder source(Source value) {
            source = value;
            return this;
        }

        /**
         * The slot.
         *
         * @return a new {@link GpuSlot}
         */
        public GpuSlot build() {
            return new GpuSlot(model, count, mode, console, vgpuProfile, source != null ? source : Caller.source());
        }
    }
}

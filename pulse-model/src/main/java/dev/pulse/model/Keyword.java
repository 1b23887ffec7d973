package dev.pulse.model;

/** An enum constant as it is spelt in fleet.yaml (e.g. {@code vm-passthrough}). */
public interface Keyword {

    /** The spelling in fleet.yaml. */
    String keyword();
}

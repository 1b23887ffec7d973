package dev.pulse.model;

/**
 * A bare-metal node of a cluster.
 *
 * @param name the Kubernetes node name (NodeFeatureRules and VM placement match it)
 * @param profile hardware profile name
 * @param source where it was written
 */
public record Host(String name, String profile, Source source) {}

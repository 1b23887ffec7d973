package dev.pulse.model;

/**
 * Where Argo CD finds the rendered tree.
 *
 * @param repoURL the config repository
 * @param targetRevision branch, tag or commit Argo CD follows
 * @param path the rendered tree's folder inside the repository (Pulse's output directory)
 */
public record GitSource(String repoURL, String targetRevision, String path) {}

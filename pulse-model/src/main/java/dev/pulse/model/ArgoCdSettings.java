package dev.pulse.model;

/**
 * Where the Argo CD Applications live.
 *
 * @param namespace the Argo CD instance's namespace ({@code openshift-gitops} for OpenShift GitOps)
 * @param project the AppProject of every Application
 */
public record ArgoCdSettings(String namespace, String project) {}

package dev.pulse.model;

/**
 * Where the Argo CD Applications live.
 *
 * @param namespace the Argo CD instance's namespace ({@code openshift-gitops} for OpenShift GitOps)
 * @param instance the ArgoCD resource's name ({@code openshift-gitops} for the default instance)
 * @param project the AppProject of every Application
 */
public record ArgoCdSettings(String namespace, String instance, String project) {}

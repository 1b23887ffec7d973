package dev.pulse.model;

/**
 * Where the Argo CD Applications live.
 *
 * @param namespace the Argo CD instance's namespace ({@code openshift-gitops} for OpenShift GitOps)
 * @param instance the ArgoCD resource's name ({@code openshift-gitops} for the default instance)
 * @param project the AppProject of every Application
 */
public record ArgoCdSettings(String namespace, String instance, String project) {

    /** The default settings: OpenShift GitOps' own instance ({@code openshift-gitops} in {@code openshift-gitops}), project {@code default}. */
    public static final ArgoCdSettings DEFAULT = builder().build();

    /**
     * A builder with the defaults of {@link #DEFAULT}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ArgoCdSettings}; unset values keep the defaults {@code fleet.yaml} has. */
    public static final class Builder {
        private String namespace = "openshift-gitops";
        private String instance = "openshift-gitops";
        private String project = "default";

        private Builder() {}

        /**
         * The Argo CD instance's namespace (default {@code openshift-gitops}).
         *
         * @param value a namespace
         * @return this builder
         */
        public Builder namespace(String value) {
            namespace = value;
            return this;
        }

        /**
         * The ArgoCD resource's name (default {@code openshift-gitops}).
         *
         * @param value a name
         * @return this builder
         */
        public Builder instance(String value) {
            instance = value;
            return this;
        }

        /**
         * The AppProject of every Application (default {@code default}).
         *
         * @param value a project name
         * @return this builder
         */
        public Builder project(String value) {
            project = value;
            return this;
        }

        /**
         * The settings.
         *
         * @return new {@link ArgoCdSettings}
         */
        public ArgoCdSettings build() {
            return new ArgoCdSettings(namespace, instance, project);
        }
    }
}

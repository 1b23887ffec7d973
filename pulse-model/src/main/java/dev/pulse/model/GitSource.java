package dev.pulse.model;

/**
 * Where Argo CD finds the rendered tree.
 *
 * @param repoURL the config repository
 * @param targetRevision branch, tag or commit Argo CD follows
 * @param path the rendered tree's folder inside the repository (Pulse's output directory)
 */
public record GitSource(String repoURL, String targetRevision, String path) {

    /**
     * A builder with the defaults: revision {@code HEAD}, path {@code deploy}, no repository URL.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link GitSource}; unset values keep the defaults {@code fleet.yaml} has. */
    public static final class Builder {
        private String repoURL = "";
        private String targetRevision = "HEAD";
        private String path = "deploy";

        private Builder() {}

        /**
         * The config repository Argo CD clones.
         *
         * @param value an http(s), ssh:// or scp-style git URL
         * @return this builder
         */
        public Builder repoURL(String value) {
            repoURL = value;
            return this;
        }

        /**
         * The branch, tag or commit Argo CD follows (default {@code HEAD}).
         *
         * @param value the revision
         * @return this builder
         */
        public Builder targetRevision(String value) {
            targetRevision = value;
            return this;
        }

        /**
         * The rendered tree's folder inside the repository (default {@code deploy}).
         *
         * @param value a relative path
         * @return this builder
         */
        public Builder path(String value) {
            path = value;
            return this;
        }

        /**
         * The settings.
         *
         * @return a new {@link GitSource}
         */
        public GitSource build() {
            return new GitSource(repoURL, targetRevision, path);
        }
    }
}

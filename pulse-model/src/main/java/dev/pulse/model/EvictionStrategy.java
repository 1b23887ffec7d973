package dev.pulse.model;

/** What KubeVirt does with a VM when its node is drained, as {@code spec.template.spec.evictionStrategy} spells it. */
public enum EvictionStrategy implements Keyword {
    /** Move it to another node while it runs: needs no host devices and only ReadWriteMany disks. */
    LIVE_MIGRATE("LiveMigrate"),
    /** Let the drain stop it. */
    NONE("None"),
    /** Block the drain until something outside KubeVirt handles the VM. */
    EXTERNAL("External");

    private final String keyword;

    EvictionStrategy(String keyword) {
        this.keyword = keyword;
    }

    @Override
    @com.fasterxml.jackson.annotation.JsonValue
    public String keyword() {
        return keyword;
    }
}

package dev.pulse.model;

/** PersistentVolume access modes that matter for VM disks: only RWX disks can live-migrate. */
public enum AccessMode implements Keyword {
    READ_WRITE_ONCE("ReadWriteOnce"),
    READ_WRITE_MANY("ReadWriteMany");

    private final String keyword;

    AccessMode(String keyword) {
        this.keyword = keyword;
    }

    @Override
    @com.fasterxml.jackson.annotation.JsonValue
    public String keyword() {
        return keyword;
    }
}

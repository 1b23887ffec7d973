package dev.pulse.model;

/**
 * A VM taken out of service on purpose ({@code retired:} on its entry), and what becomes of its disks. Pulse
 * renders no VirtualMachine for it, so the sync deletes the VM; its DataVolumes stay protected from pruning
 * ({@code keep-disks}) or lose that protection ({@code delete-disks}): once that render is synced, removing the
 * VM from the model lets the next sync delete them. A VM simply removed from the model keeps its disks.
 */
public enum Retirement implements Keyword {
    /** The VM goes; its disks stay on the cluster, still rendered and protected. */
    KEEP_DISKS("keep-disks"),
    /** The VM goes; its disks are rendered without protection, so removing the entry afterwards deletes them. */
    DELETE_DISKS("delete-disks");

    private final String keyword;

    Retirement(String keyword) {
        this.keyword = keyword;
    }

    @Override
    @com.fasterxml.jackson.annotation.JsonValue
    public String keyword() {
        return keyword;
    }
}

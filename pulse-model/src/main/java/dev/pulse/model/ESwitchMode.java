package dev.pulse.model;

/** Embedded switch mode of a Mellanox NIC, as SriovNetworkNodePolicy's {@code eSwitchMode} spells it. */
public enum ESwitchMode implements Keyword {
    LEGACY("legacy"),
    SWITCHDEV("switchdev");

    private final String keyword;

    ESwitchMode(String keyword) {
        this.keyword = keyword;
    }

    @Override
    @com.fasterxml.jackson.annotation.JsonValue
    public String keyword() {
        return keyword;
    }
}

package dev.pulse.model;

/** Whether a VM should run, as {@code spec.runStrategy} spells it (never the deprecated {@code running}). */
public enum RunStrategy implements Keyword {
    ALWAYS("Always"),
    HALTED("Halted"),
    MANUAL("Manual"),
    RERUN_ON_FAILURE("RerunOnFailure");

    private final String keyword;

    RunStrategy(String keyword) {
        this.keyword = keyword;
    }

    @Override
    @com.fasterxml.jackson.annotation.JsonValue
    public String keyword() {
        return keyword;
    }
}

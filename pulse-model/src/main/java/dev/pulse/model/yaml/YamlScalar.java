package dev.pulse.model.yaml;

import dev.pulse.model.diag.Location;

/**
 * A YAML scalar with the type the YAML parser resolved for it.
 *
 * @param location where the scalar starts
 * @param type resolved type: a quoted {@code "8"} is a string, a plain {@code 8} an integer
 * @param text the scalar's text as written (for null, empty)
 */
public record YamlScalar(Location location, Type type, String text) implements YamlNode {

    /** Resolved scalar types. */
    public enum Type {
        STRING("a string"),
        INTEGER("an integer"),
        FLOAT("a number"),
        BOOLEAN("a boolean"),
        NULL("null");

        private final String article;

        Type(String article) {
            this.article = article;
        }

        /** {@code a string}, {@code an integer}, ... for messages. */
        public String article() {
            return article;
        }
    }

    @Override
    public long weight() {
        return 1;
    }

    @Override
    public String describe() {
        return type == Type.NULL ? "null" : type.article() + " '" + text + "'";
    }
}

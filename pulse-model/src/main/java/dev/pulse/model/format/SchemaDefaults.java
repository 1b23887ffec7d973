package dev.pulse.model.format;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Module;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;

/**
 * A JSON Schema generator module that writes each {@code @JsonProperty(defaultValue = ...)} of {@link FleetFile} as the
 * property's {@code default}, typed as the property is (victools' Jackson module reads {@code required} but not
 * {@code defaultValue}). The schema build lists it under its modules; FormatTest holds the values equal to the builders'.
 */
public final class SchemaDefaults implements Module {

    /** The module, as the schema build instantiates it. */
    public SchemaDefaults() {}

    @Override
    public void applyToConfigBuilder(SchemaGeneratorConfigBuilder builder) {
        builder.forFields().withDefaultResolver(SchemaDefaults::defaultOf);
    }

    private static Object defaultOf(FieldScope field) {
        JsonProperty property = field.getAnnotationConsideringFieldAndGetter(JsonProperty.class);
        if (property == null || property.defaultValue().isEmpty()) {
            return null;
        }
        return typed(property.defaultValue(), field.getType().getErasedType());
    }

    /** The default as a JSON value of the property's type: {@code 1500} and {@code true}, not {@code "1500"} and {@code "true"}. */
    static Object typed(String text, Class<?> type) {
        if (type == Integer.class || type == int.class) {
            return Integer.valueOf(text);
        }
        if (type == Boolean.class || type == boolean.class) {
            return Boolean.valueOf(text);
        }
        return text;
    }
}

package dev.pulse.render.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a JSON tree as block-style YAML, fast: the one job of {@link YamlWriter} that a general YAML
 * library did slowly (half of rendering 10 000 VMs went into SnakeYAML's emitter). It writes only what a
 * JSON tree holds: mappings, sequences, strings, numbers, booleans. A string is written plain only when
 * every YAML 1.1 and 1.2 reader reads it back as the same string; otherwise it is double-quoted, or, when
 * it spans lines, a literal block. Tests read every output back with SnakeYAML and compare.
 */
final class Emitter {

    /** Characters a plain scalar may consist of here; anything else is quoted. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./~+(^][-A-Za-z0-9_./~=+:,()@^ \\[\\]]*");

    /** Plain strings YAML 1.1 or 1.2 would read as another type: booleans, nulls, numbers, timestamps, sexagesimals. */
    private static final Pattern NOT_A_STRING = Pattern.compile(
            "(?i)y|n|yes|no|true|false|on|off|null|~"
            + "|[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)(e[-+]?[0-9]+)?"
            + "|[-+]?\\.(inf)|\\.(nan)"
            + "|[-+]?0x[0-9a-f_]+|[-+]?0o?[0-7_]+|[-+]?0b[01_]+"
            + "|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?"
            + "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*");

    private final StringBuilder out = new StringBuilder(1024);

    static String write(JsonNode root) {
        Emitter emitter = new Emitter();
        if (root.isObject() && !root.isEmpty()) {
            emitter.mapping(root, 0);
        } else if (root.isArray() && !root.isEmpty()) {
            emitter.sequence(root, 0);
        } else {
            emitter.out.append(inline(root)).append('\n');
        }
        return emitter.out.toString();
    }

    /** Entries of a non-empty mapping, each at {@code indent}; the caller has positioned the first key. */
    private void mapping(JsonNode map, int indent) {
        boolean first = true;
        for (Map.Entry<String, JsonNode> field : map.properties()) {
            if (!first) {
                indent(indent);
            }
            first = false;
            out.append(scalar(field.getKey())).append(':');
            value(field.getValue(), indent);
        }
    }

    /** Items of a non-empty sequence, each {@code - } at {@code indent}; the caller has positioned the first. */
    private void sequence(JsonNode list, int indent) {
        boolean first = true;
        for (JsonNode item : list) {
            if (!first) {
                indent(indent);
            }
            first = false;
            out.append("- ");
            if (item.isObject() && !item.isEmpty()) {
                mapping(item, indent + 2);
            } else if (item.isArray() && !item.isEmpty()) {
                sequence(item, indent + 2);
            } else if (item.isTextual() && isBlock(item.asText())) {
                block(item.asText(), indent + 2);
            } else {
                out.append(inline(item)).append('\n');
            }
        }
    }

    /** The value after {@code key:}: nested on the next lines, or inline after a space. */
    private void value(JsonNode value, int indent) {
        if (value.isObject() && !value.isEmpty()) {
            out.append('\n');
            indent(indent + 2);
            mapping(value, indent + 2);
        } else if (value.isArray() && !value.isEmpty()) {
            out.append('\n');
            indent(indent + 2);
            sequence(value, indent + 2);
        } else if (value.isTextual() && isBlock(value.asText())) {
            out.append(' ');
            block(value.asText(), indent + 2);
        } else {
            out.append(' ').append(inline(value)).append('\n');
        }
    }

    /** A literal block: {@code |}, {@code |-} or {@code |+} by the text's trailing newlines, lines indented. */
    private void block(String text, int indent) {
        int trailing = 0;
        while (trailing < text.length() && text.charAt(text.length() - 1 - trailing) == '\n') {
            trailing++;
        }
        out.append(trailing == 0 ? "|-" : trailing == 1 ? "|" : "|+").append('\n');
        String body = text.substring(0, text.length() - trailing);
        for (String line : body.split("\n", -1)) {
            if (!line.isEmpty()) {
                indent(indent);
                out.append(line);
            }
            out.append('\n');
        }
        for (int i = 1; i < trailing; i++) {
            out.append('\n');
        }
    }

    /**
     * A multi-line string goes into a literal block when the block reads back exactly: no carriage returns
     * or tabs, no trailing blanks on a line, and a first line that does not start with a blank.
     */
    private static boolean isBlock(String text) {
        if (text.indexOf('\n') < 0 || text.indexOf('\r') >= 0 || text.indexOf('\t') >= 0 || text.startsWith(" ") || text.startsWith("\n")) {
            return false;
        }
        for (String line : text.split("\n", -1)) {
            if (line.endsWith(" ") || hasControl(line)) {
                return false;
            }
        }
        return true;
    }

    private static String inline(JsonNode node) {
        if (node.isTextual()) {
            return scalar(node.asText());
        }
        if (node.isObject()) {
            return "{}";
        }
        if (node.isArray()) {
            return "[]";
        }
        if (node.isNull()) {
            return "null";
        }
        return node.asText(); // numbers and booleans as JSON writes them
    }

    /** Decisions already made: keys and values repeat across thousands of objects. Bounded; shared by threads. */
    private static final java.util.Map<String, String> SCALARS = new java.util.concurrent.ConcurrentHashMap<>();

    /** A string as a plain scalar when it is safe, else double-quoted. */
    static String scalar(String text) {
        String known = SCALARS.get(text);
        if (known != null) {
            return known;
        }
        String written = decide(text);
        if (text.length() <= 256) {
            if (SCALARS.size() > 100_000) {
                SCALARS.clear();
            }
            SCALARS.put(text, written);
        }
        return written;
    }

    private static String decide(String text) {
        boolean plain = !text.isEmpty() && PLAIN.matcher(text).matches() && !text.endsWith(" ") && !text.endsWith(":")
                && !text.contains(": ") && !text.contains(" #") && !NOT_A_STRING.matcher(text).matches();
        return plain ? text : quoted(text);
    }

    private static String quoted(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029' || c == '\ufeff') {
                        quoted.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    private static boolean hasControl(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029' || c == '\ufeff') {
                return true;
            }
        }
        return false;
    }

    private void indent(int spaces) {
        for (int i = 0; i < spaces; i++) {
            out.append(' ');
        }
    }
}

package dev.pulse.model.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.pulse.model.diag.Diagnostics;
import dev.pulse.model.diag.Location;
import dev.pulse.model.diag.Rule;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads one YAML document into a {@link YamlNode} tree with a location on every value, within
 * {@link YamlLimits}. Problems become diagnostics, never exceptions:
 * {@code PULSE-YAML-SYNTAX}, {@code PULSE-YAML-SIZE}, {@code PULSE-YAML-DEPTH}, {@code PULSE-YAML-ALIAS},
 * {@code PULSE-YAML-DUPLICATE-KEY}, {@code PULSE-YAML-DOCUMENTS}, {@code PULSE-YAML-ENCODING}.
 *
 * <p>Jackson's streaming YAML parser reports an alias as the anchor's name; this reader resolves it to the
 * anchored node itself (shared, not copied) and charges the node's weight to the file's alias budget, so
 * a billion-laughs file stops after {@link YamlLimits#maxAliasWeight()} nodes. Merge keys ({@code <<})
 * add the entries of the merged mapping that the mapping does not set itself.
 */
public final class YamlReader {

    private final YamlLimits limits;
    private final YAMLFactory factory;

    public YamlReader(YamlLimits limits) {
        this.limits = limits;
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(limits.maxBytes());
        options.setNestingDepthLimit(limits.maxDepth() + 1);
        options.setAllowDuplicateKeys(true); // reported by this reader, with both locations
        this.factory = YAMLFactory.builder().loaderOptions(options).build();
    }

    /**
     * Parses {@code content}; on any problem, adds diagnostics and returns empty.
     *
     * @param file the name printed in locations
     * @param content the file's bytes, UTF-8
     */
    /**
     * {@code content} as UTF-8 text, or a {@code PULSE-YAML-ENCODING} error at the first byte that is not UTF-8
     * (decoding leniently would turn it into U+FFFD and render a value the user never wrote).
     */
    public static Optional<String> decode(String file, byte[] content, Diagnostics diagnostics) {
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(content);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(content.length);
        java.nio.charset.CoderResult result = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                .decode(in, out, true);
        if (result.isError()) {
            int bad = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < bad; i++) {
                if (content[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            diagnostics.error(Rule.YAML_ENCODING, new Location(file, line, bad - lineStart + 1),
                    String.format("byte 0x%02X is not UTF-8", content[bad] & 0xff),
                    "save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8); Pulse reads nothing else");
            return Optional.empty();
        }
        out.flip();
        return Optional.of(out.toString());
    }

    public Optional<YamlNode> read(String file, byte[] content, Diagnostics diagnostics) {
        if (content.length > limits.maxBytes()) {
            diagnostics.error(Rule.YAML_SIZE, Location.of(file),
                    "file is " + content.length + " bytes, more than the limit of " + limits.maxBytes(),
                    "split the fleet into smaller files, or check that this is the file you meant");
            return Optional.empty();
        }
        Optional<String> decoded = decode(file, content, diagnostics);
        if (decoded.isEmpty()) {
            return Optional.empty();
        }
        String text = decoded.get();
        try (YAMLParser parser = factory.createParser(new StringReader(text))) {
            Run run = new Run(file, parser, diagnostics);
            JsonToken first = parser.nextToken();
            if (first == null) {
                diagnostics.error(Rule.YAML_EMPTY, Location.of(file), "file is empty", "write the fleet description into it");
                return Optional.empty();
            }
            YamlNode root = run.value(first, 0);
            if (parser.nextToken() != null) {
                diagnostics.error(Rule.YAML_DOCUMENTS, run.here(), "file holds more than one YAML document",
                        "keep one document per file: remove the '---' separator or move the rest to its own file");
                return Optional.empty();
            }
            return run.failed ? Optional.empty() : Optional.of(root);
        } catch (Abort abort) {
            return Optional.empty();
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            Location at = where == null ? Location.of(file) : new Location(file, Math.max(1, where.getLineNr()), Math.max(1, where.getColumnNr()));
            diagnostics.error(Rule.YAML_SYNTAX, at, "not valid YAML: " + firstLine(e.getOriginalMessage()),
                    "fix the YAML syntax at this place (indentation, quotes, a missing ':')");
            return Optional.empty();
        } catch (IOException e) {
            diagnostics.error(Rule.YAML_SYNTAX, Location.of(file), "cannot read YAML: " + e.getMessage(), "");
            return Optional.empty();
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown syntax error";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }

    /** Stops parsing a file whose limits were exceeded; the diagnostic is already recorded. */
    private static final class Abort extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abort() {
            super(null, null, false, false);
        }
    }

    /** State of one parse: anchors seen so far and the alias budget spent. */
    private final class Run {
        private final String file;
        private final YAMLParser parser;
        private final Diagnostics diagnostics;
        private final Map<String, YamlNode> anchors = new HashMap<>();
        private long aliasWeight;
        private boolean failed;

        Run(String file, YAMLParser parser, Diagnostics diagnostics) {
            this.file = file;
            this.parser = parser;
            this.diagnostics = diagnostics;
        }

        Location here() {
            JsonLocation where = parser.currentTokenLocation();
            return new Location(file, Math.max(1, where.getLineNr()), Math.max(1, where.getColumnNr()));
        }

        YamlNode value(JsonToken token, int depth) throws IOException {
            Location at = here();
            if (depth > limits.maxDepth()) {
                diagnostics.error(Rule.YAML_DEPTH, at, "values are nested more than " + limits.maxDepth() + " levels deep",
                        "flatten the structure; no fleet field nests this deep");
                throw new Abort();
            }
            String anchor = parser.getObjectId();
            YamlNode node = switch (token) {
                case START_OBJECT -> mapping(at, depth);
                case START_ARRAY -> list(at, depth);
                case VALUE_STRING -> parser.isCurrentAlias() ? alias(at, parser.getText()) : scalar(at, YamlScalar.Type.STRING);
                case VALUE_NUMBER_INT -> scalar(at, YamlScalar.Type.INTEGER);
                case VALUE_NUMBER_FLOAT -> scalar(at, YamlScalar.Type.FLOAT);
                case VALUE_TRUE, VALUE_FALSE -> scalar(at, YamlScalar.Type.BOOLEAN);
                case VALUE_NULL -> new YamlScalar(at, YamlScalar.Type.NULL, "");
                default -> {
                    diagnostics.error(Rule.YAML_SYNTAX, at, "unsupported YAML construct (" + token + ")", "use plain mappings, lists and scalars");
                    throw new Abort();
                }
            };
            if (anchor != null) {
                anchors.put(anchor, node);
            }
            return node;
        }

        private YamlScalar scalar(Location at, YamlScalar.Type type) throws IOException {
            return new YamlScalar(at, type, parser.getText());
        }

        private YamlNode alias(Location at, String anchor) {
            YamlNode target = anchors.get(anchor);
            if (target == null) {
                diagnostics.error(Rule.YAML_ALIAS, at, "alias '*" + anchor + "' names no anchor defined before it",
                        "define '&" + anchor + "' earlier in the file, or fix the alias name");
                failed = true;
                return new YamlScalar(at, YamlScalar.Type.NULL, "");
            }
            aliasWeight = YamlNode.addWeights(aliasWeight, target.weight());
            if (aliasWeight > limits.maxAliasWeight()) {
                diagnostics.error(Rule.YAML_ALIAS, at,
                        "aliases expand to more than " + limits.maxAliasWeight() + " values (an alias bomb?)",
                        "write the values out, or use fewer nested aliases");
                throw new Abort();
            }
            return target;
        }

        private YamlMap mapping(Location at, int depth) throws IOException {
            Map<String, YamlMap.Entry> entries = new LinkedHashMap<>();
            List<YamlMap> merged = new ArrayList<>();
            long weight = 1;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                Location keyAt = here();
                String key = parser.currentName();
                YamlNode value = value(parser.nextToken(), depth + 1);
                weight = YamlNode.addWeights(weight, value.weight());
                if ("<<".equals(key)) {
                    collectMerge(value, merged);
                    continue;
                }
                YamlMap.Entry previous = entries.get(key);
                if (previous != null) {
                    diagnostics.error(Rule.YAML_DUPLICATE_KEY, keyAt,
                            "key '" + key + "' is set twice in this mapping (first at line " + previous.keyLocation().line() + ")",
                            "keep one of them");
                    failed = true;
                    continue;
                }
                entries.put(key, new YamlMap.Entry(key, keyAt, value));
            }
            for (YamlMap source : merged) {
                source.entries().forEach(entries::putIfAbsent);
            }
            return new YamlMap(at, entries, weight);
        }

        private void collectMerge(YamlNode value, List<YamlMap> merged) {
            if (value instanceof YamlMap map) {
                merged.add(map);
            } else if (value instanceof YamlList list && list.items().stream().allMatch(YamlMap.class::isInstance)) {
                list.items().forEach(item -> merged.add((YamlMap) item));
            } else {
                diagnostics.error(Rule.YAML_SYNTAX, value.location(), "merge key '<<' needs a mapping or a list of mappings, got " + value.describe(),
                        "write '<<: *anchor' where the anchor names a mapping");
                failed = true;
            }
        }

        private YamlList list(Location at, int depth) throws IOException {
            List<YamlNode> items = new ArrayList<>();
            long weight = 1;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                YamlNode item = value(token, depth + 1);
                weight = YamlNode.addWeights(weight, item.weight());
                items.add(item);
            }
            return new YamlList(at, items, weight);
        }
    }
}

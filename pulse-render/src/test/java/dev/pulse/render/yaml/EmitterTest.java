package dev.pulse.render.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The emitter's output reads back as exactly the tree it wrote, with a YAML 1.1 reader (SnakeYAML, as Jackson uses). */
@DisplayName("Emitter: output reads back as the same tree")
class EmitterTest {

    private static final YAMLMapper JACKSON = new YAMLMapper();
    private static final List<String> TRICKY = List.of("", " ", "yes", "No", "ON", "off", "y", "n", "~", "null", "Null", "true", "False",
            "0", "-1", "+1", "1.5", ".5", "1e3", "1_000", "0x1F", "0o17", "017", "0b101", ".inf", "-.Inf", ".NaN", "1:30", "190:20:30",
            "2026-11-27", "2026-11-27T10:00:00Z", "02:11:22:33:44:55", "10DE:26B1", "a: b", "a:b", "a #b", "a#b", "#x", "- x", "-x", "?x", ":x",
            "x:", "[x]", "{x}", "*x", "&x", "!x", "|x", ">x", "%x", "@x", "`x", "'x'", "\"x\"", "x\\y", "tab\there", "line\nbreak\n",
            "no newline\nat end", "two\n\n", "trailing \nspace\n", " leading", "trailing ", "ünïcödé", "emoji 🚀", "\u0007bell", "x\r\ny",
            "data:,a%20b", "https://x.example.com/a?b=c#d", "nvidia.com/AD102GL", "key=value", "a,b", "(x)", "^x", "~x", "=x", "/path",
            "<<", "=", "..", "-", "--- x", "...", "'", "\"", "\\", "1.2.3", "1.0", "v24.9");

    @Test
    void trickyStringsRoundTrip() throws Exception {
        for (String text : TRICKY) {
            ObjectNode tree = JsonNodeFactory.instance.objectNode();
            tree.put(text.isEmpty() ? "k" : text, text);
            tree.putArray("list").add(text).add(text);
            assertReadsBack(tree);
        }
    }

    @Test
    void randomTreesRoundTrip() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            assertReadsBack(randomObject(random, 0));
        }
    }

    private static void assertReadsBack(JsonNode tree) throws Exception {
        String yaml = Emitter.write(tree);
        assertThat(JACKSON.readTree(yaml)).as(yaml).isEqualTo(tree);
        Object snake = new Yaml(new LoaderOptions()).load(yaml);
        assertThat(JACKSON.valueToTree(snake).equals(tree) || sameTexts(JACKSON.valueToTree(snake), tree)).as("YAML 1.1 reading of:\n" + yaml).isTrue();
    }

    /** SnakeYAML maps integers to Integer/Long; compare by text where numbers are involved. */
    private static boolean sameTexts(JsonNode a, JsonNode b) {
        return a.toString().equals(b.toString());
    }

    private static ObjectNode randomObject(Random random, int depth) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
            object.set(randomText(random), randomValue(random, depth + 1));
        }
        return object;
    }

    private static JsonNode randomValue(Random random, int depth) {
        int pick = random.nextInt(depth > 3 ? 4 : 6);
        return switch (pick) {
            case 0 -> JsonNodeFactory.instance.textNode(randomText(random));
            case 1 -> JsonNodeFactory.instance.numberNode(random.nextInt(2000) - 1000);
            case 2 -> JsonNodeFactory.instance.booleanNode(random.nextBoolean());
            case 3 -> JsonNodeFactory.instance.textNode(TRICKY.get(random.nextInt(TRICKY.size())));
            case 4 -> randomObject(random, depth);
            default -> {
                ArrayNode array = JsonNodeFactory.instance.arrayNode();
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    array.add(randomValue(random, depth + 1));
                }
                yield array;
            }
        };
    }

    private static String randomText(Random random) {
        String alphabet = "abcXYZ019 :-#,.'\"\\{}[]!&*|>%@`?~=\n\t";
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(8);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}

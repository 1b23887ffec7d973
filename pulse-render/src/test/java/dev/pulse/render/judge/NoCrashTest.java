package dev.pulse.render.judge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.model.diag.FleetException;
import dev.pulse.render.Pulse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No input ends in anything but diagnostics: thousands of deterministic mutations of the example fleets
 * (characters deleted, YAML punctuation inserted, lines duplicated, dropped or swapped, values replaced)
 * are loaded and rendered; each either renders or fails with a {@link FleetException}, never another
 * exception, and every diagnostic carries a location and a message.
 */
@DisplayName("No crash: mutated fleets render or fail with diagnostics")
class NoCrashTest {

    private static final String PUNCTUATION = ":-[]{}&*!|>#,\"'\t\n ?%@`0";
    private static final List<String> VALUES = List.of("", "null", "~", "-1", "0", "99999999999", "true", "[]", "{}", "\"\"", "*x", "&x y",
            "!!binary AAAA", "a: b", "- x", "10de:zzzz", "../../etc", "1e99", "'\\n'");

    @Test
    void mutatedFleetsNeverCrash(@TempDir Path dir) throws IOException {
        Pulse pulse = new Pulse();
        Random random = new Random(20261127L);
        List<String> crashes = new ArrayList<>();
        int rendered = 0;
        int refused = 0;
        for (Path example : Examples.all()) {
            String original = Files.readString(example.resolve("fleet.yaml"), StandardCharsets.UTF_8);
            for (int i = 0; i < 700; i++) {
                String mutated = mutate(original, random, 1 + random.nextInt(3));
                Path file = dir.resolve("fleet.yaml");
                Files.writeString(file, mutated, StandardCharsets.UTF_8);
                try {
                    pulse.render(file);
                    rendered++;
                } catch (FleetException e) {
                    refused++;
                    assertThat(e.diagnostics()).isNotEmpty().allSatisfy(d -> {
                        assertThat(d.location()).isNotNull();
                        assertThat(d.message()).isNotBlank();
                    });
                } catch (RuntimeException | StackOverflowError e) {
                    crashes.add(e + "\n--- input:\n" + mutated);
                }
            }
        }
        assertThat(crashes).as("inputs that crashed instead of failing with diagnostics").isEmpty();
        assertThat(refused).as("mutations refused").isPositive();
        assertThat(rendered).as("mutations still valid").isPositive();
    }

    private static String mutate(String text, Random random, int times) {
        String result = text;
        for (int n = 0; n < times; n++) {
            List<String> lines = new ArrayList<>(List.of(result.split("\n", -1)));
            int line = random.nextInt(lines.size());
            switch (random.nextInt(6)) {
                case 0 -> {
                    int at = random.nextInt(result.length());
                    result = result.substring(0, at) + result.substring(Math.min(result.length(), at + 1 + random.nextInt(4)));
                    continue;
                }
                case 1 -> {
                    int at = random.nextInt(result.length());
                    result = result.substring(0, at) + PUNCTUATION.charAt(random.nextInt(PUNCTUATION.length())) + result.substring(at);
                    continue;
                }
                case 2 -> lines.add(line, lines.get(line));
                case 3 -> lines.remove(line);
                case 4 -> {
                    int other = random.nextInt(lines.size());
                    String swap = lines.get(line);
                    lines.set(line, lines.get(other));
                    lines.set(other, swap);
                }
                default -> {
                    String current = lines.get(line);
                    int colon = current.indexOf(": ");
                    if (colon > 0) {
                        lines.set(line, current.substring(0, colon + 2) + VALUES.get(random.nextInt(VALUES.size())));
                    }
                }
            }
            result = String.join("\n", lines);
        }
        return result;
    }
}

package dev.pulse.render.tree;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes a {@link Tree} into an output directory: only files whose bytes changed are written, each
 * through a temporary file in the same folder and an atomic move, so a reader never sees half a file.
 * Every path is resolved and checked to stay inside the output directory.
 */
public final class TreeWriter {

    /** What a write did. */
    public record Report(int written, int unchanged) {}

    private final Path output;

    public TreeWriter(Path output) {
        this.output = output.toAbsolutePath().normalize();
    }

    public Report write(Tree tree) throws IOException {
        int written = 0;
        int unchanged = 0;
        Files.createDirectories(output);
        for (Map.Entry<String, byte[]> file : tree.files().entrySet()) {
            Path target = inside(file.getKey());
            if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), file.getValue())) {
                unchanged++;
                continue;
            }
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), ".pulse-", ".tmp");
            try {
                Files.write(temp, file.getValue());
                move(temp, target);
            } finally {
                Files.deleteIfExists(temp);
            }
            written++;
        }
        return new Report(written, unchanged);
    }

    private Path inside(String relative) {
        Path target = output.resolve(relative).normalize();
        if (!target.startsWith(output) || target.equals(output)) {
            throw new IllegalArgumentException("refusing to write outside " + output + ": " + relative);
        }
        return target;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}

package dev.pulse.render.tree;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code .pulse/manifest}: every file Pulse owns in the output directory with the SHA-256 of what it
 * wrote. It is how Pulse tells its own files from foreign ones, notices a file edited by hand, and knows
 * what to prune. One line per file, {@code <sha256>  <path>}, sorted: deterministic and easy to review.
 */
public final class Manifest {

    /** Where the manifest lives, relative to the output directory. */
    public static final String PATH = ".pulse/manifest";

    private static final String HEADER = "# Files Pulse owns in this folder, with the SHA-256 of what it wrote. Do not edit.\n";

    private final SortedMap<String, String> hashes;

    private Manifest(SortedMap<String, String> hashes) {
        this.hashes = Collections.unmodifiableSortedMap(hashes);
    }

    /** The manifest of a rendered tree. */
    public static Manifest of(Tree tree) {
        java.util.List<Map.Entry<String, byte[]>> files = java.util.List.copyOf(tree.files().entrySet());
        java.util.List<String> sums = Parallel.map(files, file -> sha256(file.getValue())); // 10 000 files: worth every core
        SortedMap<String, String> hashes = new TreeMap<>();
        for (int i = 0; i < files.size(); i++) {
            hashes.put(files.get(i).getKey(), sums.get(i));
        }
        return new Manifest(hashes);
    }

    /** Parses a manifest file; lines that are not {@code <64 hex>  <path>} are ignored (a damaged manifest owns less). */
    public static Manifest parse(String text) {
        SortedMap<String, String> hashes = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.length() > 66 && line.substring(0, 64).matches("[0-9a-f]{64}") && line.startsWith("  ", 64)) {
                hashes.put(line.substring(66), line.substring(0, 64));
            }
        }
        return new Manifest(hashes);
    }

    public static Manifest empty() {
        return new Manifest(new TreeMap<>());
    }

    /** Path to hash, sorted by path. */
    public Map<String, String> hashes() {
        return hashes;
    }

    public boolean owns(String path) {
        return hashes.containsKey(path);
    }

    public String hashOf(String path) {
        return hashes.get(path);
    }

    public byte[] bytes() {
        StringBuilder text = new StringBuilder(HEADER);
        hashes.forEach((path, hash) -> text.append(hash).append("  ").append(path).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }
}

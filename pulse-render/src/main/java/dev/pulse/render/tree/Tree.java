package dev.pulse.render.tree;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The rendered output in memory: relative path ({@code /}-separated) to file bytes, sorted by path.
 * Built whole before anything touches the disk, so a failing render leaves the old tree as it was.
 */
public final class Tree {

    private final SortedMap<String, byte[]> files = new TreeMap<>();

    /** For files the renderer wrote from one object: that object (its YAML reads back as exactly this tree, EmitterTest). */
    private final Map<String, ObjectNode> writtenFrom = new HashMap<>();

    /**
     * Adds a file written from {@code object}, remembering the object: readers of this in-memory tree (the sync
     * simulation) then need not parse YAML the emitter just wrote from it.
     */
    public void put(String path, byte[] content, ObjectNode object) {
        put(path, content);
        writtenFrom.put(path, object);
    }

    /** The object the file at {@code path} was written from, when it was written from one in this run. */
    public Optional<ObjectNode> writtenFrom(String path) {
        return Optional.ofNullable(writtenFrom.get(path));
    }

    /** Adds a file; a path may be added once. */
    public void put(String path, byte[] content) {
        if (path.startsWith("/") || path.contains("\\") || path.contains("//") || java.util.List.of(path.split("/")).contains("..")) {
            throw new IllegalArgumentException("not a safe relative path: " + path);
        }
        if (files.putIfAbsent(path, content.clone()) != null) {
            throw new IllegalStateException("two files render to " + path);
        }
    }

    /** Every file, sorted by path; the arrays are the tree's own, do not modify them. */
    public SortedMap<String, byte[]> files() {
        return Collections.unmodifiableSortedMap(files);
    }

    /** The file at {@code path} as UTF-8 text, for tests and messages. */
    public String text(String path) {
        byte[] content = files.get(path);
        if (content == null) {
            throw new IllegalArgumentException("no file " + path + " in " + files.keySet());
        }
        return new String(content, StandardCharsets.UTF_8);
    }

    public int size() {
        return files.size();
    }
}

package dev.pulse.render.tree;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Brings an output directory in line with a rendered {@link Tree}, safely:
 * <ul>
 *   <li>first a {@link Plan} — what to write, keep, prune — and every reason to refuse, found before any
 *       byte changes: a path that would leave the directory (through {@code ..} or a symlink), a file Pulse
 *       does not own that it would overwrite, an owned file edited by hand;</li>
 *   <li>then only files whose bytes change are written, each to a temporary file in its own folder and
 *       moved into place, so a reader never sees half a file; owned files no longer rendered are pruned;
 *       {@code .pulse/manifest} is written last.</li>
 * </ul>
 * Files Pulse does not own are never written or deleted; those in folders it writes to are reported.
 */
public final class TreeWriter {

    /**
     * What bringing the directory up to date takes.
     *
     * @param write files to create or replace
     * @param unchanged files already right
     * @param prune owned files no longer rendered, unchanged since Pulse wrote them
     * @param foreignConflicts files Pulse would write that exist but that it does not own
     * @param edited owned files changed by hand since Pulse wrote them (to be replaced or pruned)
     * @param foreign files Pulse does not own in the folders it writes to, left alone
     * @param manifest the manifest on disk the plan was made against
     */
    public record Plan(SortedSet<String> write, SortedSet<String> unchanged, SortedSet<String> prune, SortedSet<String> foreignConflicts,
            SortedSet<String> edited, SortedSet<String> foreign, Manifest manifest) {

        /** True when the directory already holds exactly the tree. */
        public boolean upToDate() {
            return write.isEmpty() && prune.isEmpty() && edited.isEmpty() && foreignConflicts.isEmpty();
        }
    }

    /** What a write did. */
    public record Report(int written, int unchanged, int pruned, SortedSet<String> foreign) {}

    /** Refusal to write: the plan found files that are not Pulse's to change. */
    public static final class RefusedException extends IOException {
        private static final long serialVersionUID = 1L;

        RefusedException(String message) {
            super(message);
        }
    }

    private final Path output;

    /** Folders already checked to be real folders inside the output (no symlink on the way), or created. */
    private final java.util.Set<Path> checkedFolders = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public TreeWriter(Path output) {
        this.output = output.toAbsolutePath().normalize();
    }

    public Path output() {
        return output;
    }

    /** The manifest on disk, or an empty one. */
    public Manifest manifest() throws IOException {
        Path file = output.resolve(Manifest.PATH);
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Manifest.parse(Files.readString(file, StandardCharsets.UTF_8)) : Manifest.empty();
    }

    /** Compares the directory with {@code tree}; reads, never writes. */
    public Plan plan(Tree tree) throws IOException {
        Manifest manifest = manifest();
        Plan plan = new Plan(new TreeSet<>(), new TreeSet<>(), new TreeSet<>(), new TreeSet<>(), new TreeSet<>(), new TreeSet<>(), manifest);
        SortedSet<Path> folders = new TreeSet<>();
        for (Map.Entry<String, byte[]> file : tree.files().entrySet()) {
            folders.add(classify(file.getKey(), file.getValue(), manifest, plan));
        }
        for (String path : manifest.hashes().keySet()) {
            if (!tree.files().containsKey(path)) {
                classifyGone(path, manifest, plan);
            }
        }
        for (Path folder : folders) {
            scanForeign(folder, tree, manifest, plan);
        }
        return plan;
    }

    /**
     * {@code plan} with one more file, {@code path}, added to {@code tree} since the plan was made: cheaper
     * than planning the whole tree again.
     */
    public Plan plusFile(Plan plan, Tree tree, String path) throws IOException {
        Manifest manifest = plan.manifest();
        plan.prune().remove(path);
        plan.edited().remove(path);
        scanForeign(classify(path, tree.files().get(path), manifest, plan), tree, manifest, plan);
        plan.foreign().remove(path);
        return plan;
    }

    /** Puts one rendered file into the plan's sets; returns its folder. */
    private Path classify(String path, byte[] content, Manifest manifest, Plan plan) throws IOException {
        Path target = inside(path);
        Optional<byte[]> current = read(target);
        if (current.isEmpty()) {
            plan.write().add(path);
        } else if (Arrays.equals(current.get(), content)) {
            plan.unchanged().add(path);
        } else if (!manifest.owns(path)) {
            plan.foreignConflicts().add(path);
        } else if (!Manifest.sha256(current.get()).equals(manifest.hashOf(path))) {
            plan.edited().add(path);
        } else {
            plan.write().add(path);
        }
        return target.getParent();
    }

    /** An owned file no longer rendered: pruned when untouched, reported when edited by hand. */
    private void classifyGone(String path, Manifest manifest, Plan plan) throws IOException {
        Optional<byte[]> current = read(inside(path));
        if (current.isEmpty()) {
            return;
        }
        if (Manifest.sha256(current.get()).equals(manifest.hashOf(path))) {
            plan.prune().add(path);
        } else {
            plan.edited().add(path);
        }
    }

    /** Files in {@code folder} that Pulse neither renders nor owns: left alone, reported. */
    private void scanForeign(Path folder, Tree tree, Manifest manifest, Plan plan) throws IOException {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                String path = output.relativize(entry).toString().replace('\\', '/');
                if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS) && !tree.files().containsKey(path) && !manifest.owns(path)
                        && !path.startsWith(".pulse/") && !entry.getFileName().toString().startsWith(".pulse-")) {
                    plan.foreign().add(path);
                }
            }
        }
    }

    /**
     * Writes {@code tree}: plans, refuses when files that are not Pulse's would change (edited files are
     * replaced or pruned only with {@code overwriteEdited}), then writes, prunes and records the manifest.
     *
     * @throws RefusedException listing the files and what to do; nothing was changed
     */
    public Report write(Tree tree, boolean overwriteEdited) throws IOException {
        return write(tree, plan(tree), overwriteEdited);
    }

    /** As {@link #write(Tree, boolean)}, with the plan already made for exactly this tree. */
    public Report write(Tree tree, Plan plan, boolean overwriteEdited) throws IOException {
        List<String> refusals = new ArrayList<>();
        if (!plan.foreignConflicts().isEmpty()) {
            refusals.add("these files exist but were not written by Pulse, so it will not overwrite them: " + String.join(", ", plan.foreignConflicts())
                    + " (move them away, or delete them if the rendered version should replace them)");
        }
        if (!plan.edited().isEmpty() && !overwriteEdited) {
            refusals.add("these files were edited by hand since Pulse wrote them: " + String.join(", ", plan.edited())
                    + " (put the change into the model instead, then run again with -Dpulse.overwriteEdited=true to replace or prune them)");
        }
        if (!refusals.isEmpty()) {
            throw new RefusedException("nothing was written in " + output + ": " + String.join("; ", refusals));
        }
        Files.createDirectories(output);
        List<String> toWrite = tree.files().keySet().stream().filter(path -> plan.write().contains(path) || plan.edited().contains(path)).toList();
        List<Path> targets = new ArrayList<>();
        for (String path : toWrite) {
            targets.add(inside(path));
        }
        // Files are independent: write them on every core (each still through its own temp file and move).
        try {
            Parallel.map(java.util.stream.IntStream.range(0, toWrite.size()).boxed().toList(), i -> {
                try {
                    atomicWrite(targets.get(i), tree.files().get(toWrite.get(i)));
                    return i;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        int written = toWrite.size();
        int pruned = 0;
        SortedSet<String> gone = new TreeSet<>(plan.prune());
        plan.edited().stream().filter(path -> !tree.files().containsKey(path)).forEach(gone::add);
        for (String path : gone) {
            Path target = inside(path);
            Files.deleteIfExists(target);
            pruned++;
            removeEmptyFolders(target.getParent());
        }
        Manifest manifest = Manifest.of(tree);
        Path manifestFile = inside(Manifest.PATH);
        if (!read(manifestFile).map(bytes -> Arrays.equals(bytes, manifest.bytes())).orElse(false)) {
            atomicWrite(manifestFile, manifest.bytes());
        }
        return new Report(written, plan.unchanged().size(), pruned, plan.foreign());
    }

    /** The absolute path of {@code relative}, refusing anything that would leave the output directory. */
    private Path inside(String relative) throws IOException {
        Path target = output.resolve(relative).normalize();
        if (!target.startsWith(output) || target.equals(output)) {
            throw new RefusedException("refusing to write outside " + output + ": " + relative);
        }
        Path real = output;
        for (Path part : output.relativize(target)) {
            real = real.resolve(part);
            if (!real.equals(target) && checkedFolders.contains(real)) {
                continue;
            }
            if (Files.isSymbolicLink(real)) {
                Path resolved = real.toRealPath();
                Path realOutput = Files.exists(output) ? output.toRealPath() : output;
                if (!resolved.startsWith(realOutput) || real.equals(target)) {
                    throw new RefusedException("refusing to follow symlink " + real + " -> " + resolved + ": Pulse writes only regular files inside " + output);
                }
            } else if (!real.equals(target)) {
                if (!Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
                    break; // not there yet: nothing below it can be a symlink
                }
                checkedFolders.add(real);
            }
        }
        return target;
    }

    private static Optional<byte[]> read(Path file) throws IOException {
        return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
    }

    private void atomicWrite(Path target, byte[] content) throws IOException {
        if (!checkedFolders.contains(target.getParent())) {
            // Remembered only once it exists: another thread may be writing into the same new folder.
            Files.createDirectories(target.getParent());
            checkedFolders.add(target.getParent());
        }
        // A fixed name beside the target: cheaper than a random temp file, and a leftover of an interrupted run is replaced.
        Path temp = target.resolveSibling(".pulse-" + target.getFileName() + ".tmp");
        try {
            Files.write(temp, content);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp); // after a move the temp file is gone: only a failure leaves one to remove
            throw e;
        }
    }

    private void removeEmptyFolders(Path folder) throws IOException {
        Path current = folder;
        while (current != null && current.startsWith(output) && !current.equals(output) && Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(current)) {
                if (entries.iterator().hasNext()) {
                    return;
                }
            }
            Files.delete(current);
            current = current.getParent();
        }
    }
}

package dev.pulse.render.tree;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 *   <li>then, under the folder's {@link OutputLock} and after an intent record ({@link Journal}) is on disk,
 *       only files whose bytes change are written, each to a temporary file (named per process) in its own folder
 *       and moved into place, so a reader never sees half a file; owned files no longer rendered are pruned;
 *       {@code .pulse/manifest} is written last. A write that fails or is killed midway is rolled back to the last
 *       complete render, by this process or by the next one that takes the lock.</li>
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
     * @param leftovers Pulse's temporary files left by an interrupted write ({@code .pulse-*.tmp}), removed by the next write
     * @param interrupted true when {@code .pulse/journal} shows a write that did not finish: the next write rolls it back
     */
    public record Plan(SortedSet<String> write, SortedSet<String> unchanged, SortedSet<String> prune, SortedSet<String> foreignConflicts,
            SortedSet<String> edited, SortedSet<String> foreign, Manifest manifest, SortedSet<String> leftovers, boolean interrupted) {

        /** True when the directory already holds exactly the tree. */
        public boolean upToDate() {
            return write.isEmpty() && prune.isEmpty() && edited.isEmpty() && foreignConflicts.isEmpty() && leftovers.isEmpty() && !interrupted;
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
        checkOutput();
        Manifest manifest = manifest();
        Plan plan = new Plan(new TreeSet<>(), new TreeSet<>(), new TreeSet<>(), new TreeSet<>(), new TreeSet<>(), new TreeSet<>(), manifest,
                new TreeSet<>(), Files.exists(output.resolve(Journal.PATH), LinkOption.NOFOLLOW_LINKS));
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
                String name = entry.getFileName().toString();
                if (name.startsWith(".pulse-") && name.endsWith(".tmp") && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    plan.leftovers().add(path); // an interrupted write's temp file: reported, and removed by the next write
                } else if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS) && !tree.files().containsKey(path) && !manifest.owns(path)
                        && !path.startsWith(".pulse/")) {
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
        try (OutputLock lock = lock(message -> {})) {
            return write(tree, plan(tree), overwriteEdited);
        }
    }

    /**
     * Takes the folder's lock (waiting while another render holds it) and rolls back a write that was interrupted.
     * Hold it from before {@link #plan} until after {@link #write(Tree, Plan, boolean)} so that no other render
     * changes the folder in between.
     *
     * @param waiting told when this render waits for another
     */
    public OutputLock lock(java.util.function.Consumer<String> waiting) throws IOException {
        checkOutput();
        return OutputLock.acquire(output, waiting);
    }

    /**
     * Refuses an output that is not a real folder: a symlink (Pulse would write wherever it points, possibly outside
     * the repository) or a regular file.
     */
    private void checkOutput() throws IOException {
        if (Files.isSymbolicLink(output)) {
            throw new RefusedException("refusing to write into " + output + ": it is a symlink to " + Files.readSymbolicLink(output)
                    + "; Pulse writes only into a real folder (point pulse.output at the folder itself, or replace the link by a folder)");
        }
        if (Files.exists(output, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(output, LinkOption.NOFOLLOW_LINKS)) {
            throw new RefusedException("cannot render into " + output + ": it is a file, not a folder (move the file away, or point pulse.output "
                    + "at a folder)");
        }
    }

    /** As {@link #write(Tree, boolean)}, with the plan already made for exactly this tree. */
    public Report write(Tree tree, Plan plan, boolean overwriteEdited) throws IOException {
        try (OutputLock lock = lock(message -> {})) {
            if (!lock.recovery().isEmpty() || plan.interrupted() || !manifest().hashes().equals(plan.manifest().hashes())) {
                throw new RefusedException("nothing was written in " + output + ": it changed after this render compared with it ("
                        + (lock.recovery().isEmpty() ? "another render wrote it" : lock.recovery()) + "); run the render again");
            }
            return writeLocked(tree, plan, overwriteEdited);
        }
    }

    private Report writeLocked(Tree tree, Plan plan, boolean overwriteEdited) throws IOException {
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
        for (String leftover : plan.leftovers()) {
            Files.deleteIfExists(inside(leftover));
        }
        List<String> toWrite = tree.files().keySet().stream().filter(path -> plan.write().contains(path) || plan.edited().contains(path)).toList();
        SortedSet<String> gone = new TreeSet<>(plan.prune());
        plan.edited().stream().filter(path -> !tree.files().containsKey(path)).forEach(gone::add);
        Manifest manifest = Manifest.of(tree);
        Path manifestFile = inside(Manifest.PATH);
        boolean manifestChanges = !read(manifestFile).map(bytes -> Arrays.equals(bytes, manifest.bytes())).orElse(false);
        if (toWrite.isEmpty() && gone.isEmpty() && !manifestChanges) {
            return new Report(0, plan.unchanged().size(), 0, plan.foreign());
        }
        // The intent record, on disk before the first move: what is there, what comes, and the manifest that completes it.
        List<Path> targets = new ArrayList<>();
        List<Journal.Entry> entries = new ArrayList<>();
        for (String path : toWrite) {
            Path target = inside(path);
            targets.add(target);
            // A planned write found the file absent, or as Pulse wrote it (the manifest's hash); only an edited one is read again.
            String before = plan.edited().contains(path) ? read(target).map(Manifest::sha256).orElse("-")
                    : Files.exists(target, LinkOption.NOFOLLOW_LINKS) ? plan.manifest().hashOf(path) : "-";
            entries.add(new Journal.Entry(false, before, manifest.hashOf(path), path));
        }
        List<String> pruned = new ArrayList<>(gone);
        for (String path : pruned) {
            entries.add(new Journal.Entry(true, plan.manifest().owns(path) ? plan.manifest().hashOf(path) : "-", "-", path));
        }
        Journal journal = new Journal(Manifest.sha256(manifest.bytes()), entries);
        journal.write(output);
        if (journalWritten != null) {
            journalWritten.run();
        }
        try {
            // Files are independent: write them on every core (each still through its own temp file, backup and move).
            // Every worker finishes before a failure is handled: rolling back beside a worker still moving would race.
            java.util.function.Function<Integer, Throwable> writeOne = i -> {
                try {
                    replace(targets.get(i), tree.files().get(toWrite.get(i)), i, !entries.get(i).oldHash().equals("-"));
                    return null;
                } catch (IOException | RuntimeException | SimulatedCrash e) {
                    return e;
                }
            };
            List<Integer> indexes = java.util.stream.IntStream.range(0, toWrite.size()).boxed().toList();
            // A test's fault injection counts moves in a reproducible order: one at a time.
            List<Throwable> failures = faults == null ? Parallel.map(indexes, writeOne) : indexes.stream().map(writeOne).toList();
            Optional<Throwable> failure = failures.stream().filter(java.util.Objects::nonNull).findFirst();
            if (failure.isPresent()) {
                Throwable first = failure.get();
                if (first instanceof SimulatedCrash crash) {
                    throw crash;
                }
                if (first instanceof IOException io) {
                    throw io;
                }
                throw (RuntimeException) first;
            }
            for (int i = 0; i < pruned.size(); i++) {
                Path target = inside(pruned.get(i));
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    step();
                    Journal.move(target, Journal.backup(output, toWrite.size() + i));
                }
                Journal.removeEmptyFolders(output, target.getParent());
            }
            if (manifestChanges) {
                atomicWrite(manifestFile, manifest.bytes()); // the commit point
            }
        } catch (IOException | RuntimeException e) {
            journal.rollBack(output);
            throw e;
        }
        journal.cleanUp(output);
        return new Report(toWrite.size(), plan.unchanged().size(), pruned.size(), plan.foreign());
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

    /** Writes {@code target} through a temp file; its old version, if {@code keepOld}, is first linked as backup {@code index}. */
    private void replace(Path target, byte[] content, int index, boolean keepOld) throws IOException {
        if (keepOld) {
            Path backup = Journal.backup(output, index);
            try {
                Files.createLink(backup, target); // no bytes copied: the old version keeps its inode under the backup name
            } catch (UnsupportedOperationException | IOException e) {
                Files.copy(target, backup, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        atomicWrite(target, content);
    }

    private void atomicWrite(Path target, byte[] content) throws IOException {
        if (!checkedFolders.contains(target.getParent())) {
            // Remembered only once it exists: another thread may be writing into the same new folder.
            Files.createDirectories(target.getParent());
            checkedFolders.add(target.getParent());
        }
        // Named per process, so two writers never share a temp file; an interrupted write's temp files are removed by
        // the next write (the journal names their folders; the plan reports any other).
        Path temp = target.resolveSibling(".pulse-" + target.getFileName() + "." + PID + ".tmp");
        try {
            Files.write(temp, content);
            step();
            Journal.move(temp, target);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp); // after a move the temp file is gone: only a failure leaves one to remove
            throw e;
        }
    }

    private static final long PID = ProcessHandle.current().pid();

    /** Test hook: a simulated crash (the process dying) after this many moves; null in production. */
    private java.util.concurrent.atomic.AtomicInteger faults;

    /** Test hook: runs once the journal is on disk, before the first move; null in production. */
    private Runnable journalWritten;

    /** For tests: {@code hook} runs once the journal is on disk, before the first move (a child JVM announces it there). */
    TreeWriter onJournalWritten(Runnable hook) {
        this.journalWritten = hook;
        return this;
    }

    /** For tests: the writer "dies" ({@link SimulatedCrash}, an Error nothing catches) before move number {@code moves + 1}. */
    TreeWriter crashAfter(int moves) {
        this.faults = new java.util.concurrent.atomic.AtomicInteger(moves);
        return this;
    }

    private void step() {
        if (faults != null && faults.getAndDecrement() <= 0) {
            throw new SimulatedCrash();
        }
    }

    /** What a test's injected crash throws: an Error, so no rollback runs, as if the process had been killed. */
    static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;

        SimulatedCrash() {
            super("simulated crash");
        }
    }

}

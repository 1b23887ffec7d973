package dev.pulse.render.tree;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code .pulse/journal}: the intent record of a write in progress (issue 20). It is written, and forced to disk,
 * before the first file is moved, and lists every change the write will make: each file replaced or created with
 * the SHA-256 of what was there and of what comes, each file pruned, and the hash of the manifest that completes
 * the write. Before a file is replaced or pruned its old version is kept under {@code .pulse/backup/<n>} (a hard
 * link, so no bytes are copied). The manifest is the commit point: once it holds the journal's hash the write is
 * complete and the journal and backups are only cleaned up.
 *
 * <p>A write that stops early — an I/O error, or the process killed — is rolled back, by the same process when it
 * can, or else by the next write under the lock: every file the journal names is put back as the last complete
 * render left it, temporary files are removed. So the next render sees exactly the last complete render: it never
 * calls Pulse's own files edited by hand, and SUMMARY.md's impact compares with that render.
 */
final class Journal {

    static final String PATH = ".pulse/journal";
    static final String BACKUP = ".pulse/backup";
    private static final String HEADER = "# A Pulse write in progress (or interrupted); the next render rolls it back. Do not edit.\n";

    /**
     * One change.
     *
     * @param prune true: the file is removed; false: written
     * @param oldHash hash of what is there before, {@code -} for a new file
     * @param newHash hash of what is written, {@code -} for a pruned file
     * @param path path relative to the output folder
     */
    record Entry(boolean prune, String oldHash, String newHash, String path) {}

    private final String manifestHash;
    private final List<Entry> entries;

    Journal(String manifestHash, List<Entry> entries) {
        this.manifestHash = manifestHash;
        this.entries = List.copyOf(entries);
    }

    List<Entry> entries() {
        return entries;
    }

    /** The backup of entry {@code index}. */
    static Path backup(Path output, int index) {
        return output.resolve(BACKUP).resolve(Integer.toString(index));
    }

    /** Writes the journal durably: temp file, forced, moved into place. */
    void write(Path output) throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append("manifest ").append(manifestHash).append('\n');
        for (Entry entry : entries) {
            text.append(entry.prune() ? "prune " : "write ").append(entry.oldHash()).append(' ').append(entry.newHash()).append(' ')
                    .append(entry.path()).append('\n');
        }
        Path file = output.resolve(PATH);
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(".pulse-journal." + ProcessHandle.current().pid() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
        move(temp, file);
        Files.createDirectories(output.resolve(BACKUP));
    }

    /** The journal left in {@code output}, if any. */
    static Optional<Journal> read(Path output) throws IOException {
        Path file = output.resolve(PATH);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        String manifest = "";
        List<Entry> entries = new ArrayList<>();
        for (String line : Files.readString(file, StandardCharsets.UTF_8).split("\n")) {
            String[] parts = line.split(" ", 4);
            if (parts.length == 2 && parts[0].equals("manifest")) {
                manifest = parts[1];
            } else if (parts.length == 4 && (parts[0].equals("write") || parts[0].equals("prune"))) {
                entries.add(new Entry(parts[0].equals("prune"), parts[1], parts[2], parts[3]));
            }
        }
        return Optional.of(new Journal(manifest, entries));
    }

    /**
     * Rolls back the write this journal records, unless its manifest made it complete; then removes the journal,
     * the backups and the temporary files. Must run under the output's lock.
     *
     * @return what was done, for a log line
     */
    String rollBack(Path output) throws IOException {
        Path manifest = output.resolve(Manifest.PATH);
        boolean complete = Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)
                && Manifest.sha256(Files.readAllBytes(manifest)).equals(manifestHash);
        int restored = 0;
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            Path target = output.resolve(entry.path());
            Path backup = backup(output, i);
            if (!complete) {
                Optional<String> current = hash(target);
                if (entry.prune()) {
                    if (current.isEmpty() && Files.isRegularFile(backup, LinkOption.NOFOLLOW_LINKS)) {
                        Files.createDirectories(target.getParent());
                        move(backup, target);
                        restored++;
                    }
                } else if (current.isPresent() && current.get().equals(entry.newHash())) {
                    if (entry.oldHash().equals("-")) {
                        Files.delete(target);
                        removeEmptyFolders(output, target.getParent());
                    } else {
                        move(backup, target);
                    }
                    restored++;
                }
            }
            removeTemps(target);
            Files.deleteIfExists(backup);
        }
        removeEmptyFolders(output, output.resolve(BACKUP));
        Files.deleteIfExists(output.resolve(PATH));
        return complete ? "the last write had completed; cleaned up after it"
                : "rolled back an interrupted write: " + restored + " of " + entries.size() + " file(s) put back as the last complete render left them";
    }

    /** Removes this render's temp files: the journal's committed state is all that counts. */
    void cleanUp(Path output) throws IOException {
        for (int i = 0; i < entries.size(); i++) {
            Files.deleteIfExists(backup(output, i));
        }
        removeEmptyFolders(output, output.resolve(BACKUP));
        Files.deleteIfExists(output.resolve(PATH));
    }

    /** Temp files Pulse writes beside {@code target}: {@code .pulse-<name>.<pid>.tmp}, and the older fixed {@code .pulse-<name>.tmp}. */
    static boolean isTempOf(String fileName, String targetName) {
        String prefix = ".pulse-" + targetName + ".";
        return fileName.startsWith(prefix) && fileName.endsWith(".tmp");
    }

    private static void removeTemps(Path target) throws IOException {
        Path folder = target.getParent();
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, ".pulse-*.tmp")) {
            for (Path entry : entries) {
                if (isTempOf(entry.getFileName().toString(), target.getFileName().toString())) {
                    Files.deleteIfExists(entry);
                }
            }
        }
    }

    private static Optional<String> hash(Path file) throws IOException {
        try {
            return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Optional.of(Manifest.sha256(Files.readAllBytes(file))) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void removeEmptyFolders(Path output, Path folder) throws IOException {
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

package dev.pulse.render.tree;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The output folder's lock, {@code .pulse/lock} (issue 20): one render at a time reads, plans and writes a folder.
 * A second render waits until the first is done (it says so), then plans against the complete result, so two
 * renders at once never see each other's half-written tree. Between processes it is an OS file lock
 * ({@link FileChannel#lock()}), released by the kernel when a process dies; between threads of one JVM (where file
 * locks do not exclude each other) a {@link ReentrantLock} per folder. Reentrant: {@link TreeWriter#write} takes it
 * again inside a caller's lock.
 *
 * <p>The lock file stays (deleting it would let a waiter lock a file that is no longer there while a third process
 * creates the next one); its content never changes, so committing it or ignoring it in Git are both harmless. Nothing
 * in this JVM may open and close it while the lock is held: closing any descriptor of a file drops the process's
 * POSIX locks on it.
 */
public final class OutputLock implements AutoCloseable {

    static final String PATH = ".pulse/lock";

    private static final Map<Path, ReentrantLock> THREADS = new ConcurrentHashMap<>();
    private static final Map<Path, FileChannel> HELD = new ConcurrentHashMap<>();

    private final Path output;
    private final ReentrantLock threads;
    private final String recovery;

    private OutputLock(Path output, ReentrantLock threads, String recovery) {
        this.output = output;
        this.threads = threads;
        this.recovery = recovery;
    }

    /**
     * Locks {@code output} (creating {@code output/.pulse}), waiting for another render to finish, then rolls back a
     * write that was interrupted (see {@link Journal}).
     *
     * @param waiting told once when another render holds the lock and this one waits
     */
    static OutputLock acquire(Path output, Consumer<String> waiting) throws IOException {
        ReentrantLock threads = THREADS.computeIfAbsent(output, key -> new ReentrantLock());
        if (!threads.tryLock()) {
            waiting.accept("pulse: another render of " + output + " is running in this JVM; waiting for it to finish");
            threads.lock();
        }
        try {
            if (threads.getHoldCount() == 1) {
                HELD.put(output, lockFile(output, waiting));
            }
            Optional<Journal> journal = Journal.read(output);
            String recovery = journal.isPresent() ? journal.get().rollBack(output) : "";
            // A process killed while writing the journal or the manifest leaves their temp files in .pulse/: under the
            // lock no write is running, so every one of them is garbage.
            try (var temps = java.nio.file.Files.newDirectoryStream(output.resolve(".pulse"), ".pulse-*.tmp")) {
                for (java.nio.file.Path temp : temps) {
                    java.nio.file.Files.deleteIfExists(temp);
                }
            }
            return new OutputLock(output, threads, recovery);
        } catch (IOException | RuntimeException | Error e) {
            release(output, threads);
            throw e;
        }
    }

    private static final byte[] TEXT = ("Pulse's lock: one render at a time writes this folder. The content never changes; "
            + "commit it or ignore it.\n").getBytes(StandardCharsets.UTF_8);

    private static FileChannel lockFile(Path output, Consumer<String> waiting) throws IOException {
        Path file = output.resolve(PATH);
        Files.createDirectories(file.getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                waiting.accept("pulse: another render is writing " + output + " (" + PATH + " is locked); waiting for it to finish");
                channel.lock();
            }
            if (channel.size() == 0) {
                channel.write(ByteBuffer.wrap(TEXT), 0);
            }
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** What taking the lock found and did about an interrupted write; empty when there was none. */
    public String recovery() {
        return recovery;
    }

    /** Whether this thread holds the lock of {@code output}. */
    static boolean heldByCurrentThread(Path output) {
        ReentrantLock threads = THREADS.get(output);
        return threads != null && threads.isHeldByCurrentThread();
    }

    @Override
    public void close() throws IOException {
        release(output, threads);
    }

    private static void release(Path output, ReentrantLock threads) throws IOException {
        try {
            if (threads.getHoldCount() == 1) {
                FileChannel channel = HELD.remove(output);
                if (channel != null) {
                    channel.close(); // releases the file lock
                }
            }
        } finally {
            threads.unlock();
        }
    }
}

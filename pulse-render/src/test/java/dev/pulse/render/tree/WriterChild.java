package dev.pulse.render.tree;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A child JVM for {@link CrashConsistencyTest}: {@code hold <dir> <millis>} takes the folder's lock and keeps it;
 * {@code write <dir> <variant>} writes {@link #tree(int)} (600 files) and is killed with SIGKILL by the test.
 */
public final class WriterChild {

    private WriterChild() {}

    /** The tree both JVMs agree on. */
    static Tree tree(int variant) {
        return CrashConsistencyTest.sample(600, variant);
    }

    static Process start(String mode, Path dir, String argument) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(List.of(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), WriterChild.class.getName(),
                mode, dir.toString(), argument)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    @SuppressWarnings("try") // the lock is held, not used
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        if (args[0].equals("hold")) {
            try (OutputLock lock = new TreeWriter(dir).lock(message -> {})) {
                System.out.println("locked");
                System.out.flush();
                Thread.sleep(Long.parseLong(args[2]));
            }
        } else {
            Tree tree = tree(Integer.parseInt(args[2]));
            TreeWriter writer = new TreeWriter(dir).onJournalWritten(() -> {
                System.out.println("writing");
                System.out.flush();
            });
            writer.write(tree, false);
            System.out.println("done");
        }
    }
}

package dev.pulse.render.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.render.Pulse;
import dev.pulse.render.review.Impact;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20: a write killed at any point leaves nothing the next render misreads. The next write (same model or the
 * reverted one) gives exactly the tree an uninterrupted run gives, removes every temp file, never calls Pulse's own
 * files edited by hand, and the impact compares with the last complete render. Two renders at once: one waits.
 */
@DisplayName("TreeWriter: crash- and concurrency-proof writes (issue 20)")
class CrashConsistencyTest {

    @TempDir
    Path dir;

    /** A tree of {@code files} files in nested folders; {@code variant} changes about half, drops some, adds some. */
    static Tree sample(int files, int variant) {
        Tree tree = new Tree();
        for (int i = 0; i < files; i++) {
            if (variant == 1 && i % 7 == 3) {
                continue; // pruned in variant 1
            }
            String text = "file " + i + (variant == 1 && i % 2 == 0 ? " changed" : "") + "\n";
            tree.put("f" + (i % 13) + "/g" + (i % 5) + "/file-" + i + ".yaml", text.getBytes(StandardCharsets.UTF_8));
        }
        if (variant == 1) {
            for (int i = 0; i < files / 10; i++) {
                tree.put("new-" + (i % 3) + "/added-" + i + ".yaml", ("added " + i + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return tree;
    }

    /** The files under {@code root}, but the lock file (its content never changes). */
    static Map<String, String> disk(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.exists(root)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String path = root.relativize(file).toString().replace('\\', '/');
                if (!path.equals(OutputLock.PATH)) {
                    files.put(path, Files.readString(file));
                }
            }
        }
        return files;
    }

    /** What an uninterrupted run of {@code trees}, one after the other, leaves on disk. */
    private Map<String, String> uninterrupted(String name, Tree... trees) throws IOException {
        Path out = dir.resolve(name);
        for (Tree tree : trees) {
            new TreeWriter(out).write(tree, false);
        }
        return disk(out);
    }

    @Nested
    @DisplayName("killed at a random point")
    class Killed {

        @Test
        @DisplayName("after N moves of a 120-file render, then the same or the reverted model: exactly the uninterrupted tree, no temp file")
        void atEveryKindOfPoint() throws IOException {
            Tree before = sample(120, 0);
            Tree after = sample(120, 1);
            Map<String, String> expectedAfter = uninterrupted("expected-after", before, after);
            Map<String, String> expectedBefore = uninterrupted("expected-before", before);
            Random random = new Random(20);
            // 120 files: 64 written (52 changed, 12 new), 17 pruned, then the manifest: 82 moves. Crash before the first,
            // around the last write and first prune, around the manifest, never, and at random.
            List<Integer> points = new ArrayList<>(List.of(0, 1, 63, 64, 65, 81, 82, 10_000));
            points.add(random.nextInt(82));
            for (int run = 0; run < points.size(); run++) {
                int moves = points.get(run);
                boolean revert = run % 2 == 1;
                Path out = dir.resolve("run-" + run);
                new TreeWriter(out).write(before, false);
                boolean crashed = false;
                try {
                    new TreeWriter(out).crashAfter(moves).write(after, false);
                } catch (TreeWriter.SimulatedCrash expected) {
                    crashed = true; // the process "died" here
                }
                TreeWriter.Report report = new TreeWriter(out).write(revert ? before : after, false);
                assertThat(disk(out)).as("after a crash at move %d and a %s render", moves, revert ? "reverted" : "repeated")
                        .isEqualTo(revert ? expectedBefore : expectedAfter);
                if (revert && crashed) {
                    assertThat(report.written()).as("the reverted model finds the last complete render: nothing to write").isZero();
                }
            }
        }

        @Test
        @DisplayName("killed after the manifest (the commit point) but before the clean-up: the write stands, only the journal goes")
        void killedAfterTheCommitPoint() throws IOException {
            Path out = dir.resolve("out");
            new TreeWriter(out).write(sample(40, 0), false);
            new TreeWriter(out).write(sample(40, 1), false);
            Map<String, String> done = disk(out);
            // What the killed process left: its journal (naming the manifest now on disk) and a backup.
            new Journal(Manifest.sha256(Files.readAllBytes(out.resolve(Manifest.PATH))), List.of(
                    new Journal.Entry(false, Manifest.sha256("file 0\n".getBytes(StandardCharsets.UTF_8)), Manifest.sha256("file 0 changed\n"
                            .getBytes(StandardCharsets.UTF_8)), "f0/g0/file-0.yaml"))).write(out);
            Files.writeString(Journal.backup(out, 0), "file 0\n");
            try (OutputLock lock = new TreeWriter(out).lock(message -> {})) {
                assertThat(lock.recovery()).isEqualTo("the last write had completed; cleaned up after it");
            }
            assertThat(disk(out)).isEqualTo(done);
        }

        @Test
        @DisplayName("pulse:check after a crash reports the interrupted render instead of 'up to date'")
        void checkSeesTheInterruptedWrite() throws IOException {
            Tree before = sample(50, 0);
            Tree after = sample(50, 1);
            Path out = dir.resolve("out");
            new TreeWriter(out).write(before, false);
            assertThatThrownBy(() -> new TreeWriter(out).crashAfter(5).write(after, false)).isInstanceOf(TreeWriter.SimulatedCrash.class);
            TreeWriter.Plan plan = new TreeWriter(out).plan(after);
            assertThat(plan.interrupted()).isTrue();
            assertThat(plan.upToDate()).isFalse();
        }

        @Test
        @DisplayName("a temp file of an older run is reported by the plan and removed by the next write")
        void leftoverTempFile() throws IOException {
            Tree tree = sample(20, 0);
            Path out = dir.resolve("out");
            new TreeWriter(out).write(tree, false);
            Path leftover = out.resolve("f1/g1/.pulse-file-1.yaml.tmp");
            Files.writeString(leftover, "half");
            TreeWriter.Plan plan = new TreeWriter(out).plan(tree);
            assertThat(plan.leftovers()).containsExactly("f1/g1/.pulse-file-1.yaml.tmp");
            assertThat(plan.upToDate()).as("check must not call this folder up to date").isFalse();
            new TreeWriter(out).write(tree, false);
            assertThat(leftover).doesNotExist();
        }

        @Test
        @DisplayName("an I/O error midway rolls back in the same process: the old tree stays, byte for byte")
        void ioErrorRollsBack() throws IOException {
            Tree before = sample(100, 0);
            Tree after = sample(100, 1);
            Path out = dir.resolve("out");
            new TreeWriter(out).write(before, false);
            // A folder where the new tree needs a file: creating it fails after some files were already moved.
            Files.writeString(out.resolve("new-2"), "in the way");
            Files.writeString(out.resolve(".pulse/manifest"), Files.readString(out.resolve(".pulse/manifest"))
                    + Manifest.sha256("in the way".getBytes(StandardCharsets.UTF_8)) + "  new-2\n");
            Map<String, String> old = disk(out);
            assertThatThrownBy(() -> new TreeWriter(out).write(after, false)).isInstanceOf(IOException.class);
            assertThat(disk(out)).isEqualTo(old);
        }

        @Test
        @DisplayName("the impact after a crash compares with the last complete render, as without the crash")
        void impactIsHonest() throws IOException {
            Path studio = Path.of(System.getProperty("pulse.examples"), "pulse-studio");
            Path repo = dir.resolve("repo");
            Files.createDirectories(repo);
            String model = Files.readString(studio.resolve("fleet.yaml"));
            Files.writeString(repo.resolve("fleet.yaml"), model);
            Pulse pulse = new Pulse();
            Path out = repo.resolve("deploy");
            new TreeWriter(out).write(pulse.render(pulse.render(repo.resolve("fleet.yaml")), out).rendering().tree(), false);
            Files.writeString(repo.resolve("fleet.yaml"), model.replace("      - {name: unreal-01, role: unreal, host: gpu-01, disk: {import: {url: \"https://export.example.com/proxmox/103/disk-0.qcow2\"}}}\n", "")
                    .replace("cpu: {vendor: amd", "cpu: {vendor: intel").replaceFirst("    hostNetworks:", "    cpu: {vendor: intel}\n    hostNetworks:"));
            Pulse.Result expected = pulse.render(pulse.render(repo.resolve("fleet.yaml")), out);
            assertThat(expected.impact().deletions()).isNotEmpty();
            assertThat(expected.impact().reboots()).isNotEmpty();
            assertThatThrownBy(() -> new TreeWriter(out).crashAfter(3).write(expected.rendering().tree(), false))
                    .isInstanceOf(TreeWriter.SimulatedCrash.class);
            try (OutputLock lock = new TreeWriter(out).lock(message -> {})) {
                assertThat(lock.recovery()).startsWith("rolled back an interrupted write: 3 of ");
                Pulse.Result again = pulse.render(pulse.render(repo.resolve("fleet.yaml")), out);
                assertThat(again.impact()).isEqualTo(expected.impact());
                assertThat(again.plan().edited()).as("never its own files 'edited by hand'").isEmpty();
                new TreeWriter(out).write(again.rendering().tree(), again.plan(), false);
            }
        }
    }

    @Nested
    @DisplayName("two renders at once")
    class Concurrent {

        @Test
        @DisplayName("threads of one JVM: the second waits; neither fails, the tree is exactly the render")
        @SuppressWarnings("try") // the lock is held, not used
        void threads() throws Exception {
            Tree before = sample(200, 0);
            Tree after = sample(200, 1);
            Map<String, String> expected = uninterrupted("expected", before);
            int expectedWritten = new TreeWriter(dir.resolve("expected")).write(after, false).written();
            expected = disk(dir.resolve("expected"));
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                for (int round = 0; round < 2; round++) {
                    Path out = dir.resolve("round-" + round);
                    new TreeWriter(out).write(before, false);
                    List<String> waited = new CopyOnWriteArrayList<>();
                    List<Future<TreeWriter.Report>> runs = new ArrayList<>();
                    for (int i = 0; i < 2; i++) {
                        runs.add(pool.submit(() -> {
                            TreeWriter writer = new TreeWriter(out);
                            try (OutputLock lock = writer.lock(waited::add)) {
                                return writer.write(after, writer.plan(after), false);
                            }
                        }));
                    }
                    int written = 0;
                    for (Future<TreeWriter.Report> run : runs) {
                        written += run.get(60, TimeUnit.SECONDS).written();
                    }
                    assertThat(disk(out)).isEqualTo(expected);
                    assertThat(written).as("the second render finds the first one's result and writes nothing").isEqualTo(expectedWritten);
                    assertThat(waited).as("the second one said it waits").hasSize(1);
                }
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        @DisplayName("another process holds the lock: this render says so and waits for it")
        @SuppressWarnings("try") // the lock is held, not used
        void otherProcess() throws Exception {
            Path out = dir.resolve("out");
            Process child = WriterChild.start("hold", out, "1500");
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(lines.readLine()).isEqualTo("locked");
                List<String> waited = new ArrayList<>();
                long start = System.nanoTime();
                try (OutputLock lock = new TreeWriter(out).lock(waited::add)) {
                    assertThat(waited).singleElement().asString().contains("another render is writing").contains(".pulse/lock");
                    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThan(500);
                }
            } finally {
                child.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    @DisplayName("kill -9 of a child JVM writing 600 files, at random moments: the next render gives exactly the uninterrupted tree")
    void killNine() throws Exception {
        Map<String, String> expectedAfter = uninterrupted("expected-after", WriterChild.tree(0), WriterChild.tree(1));
        Map<String, String> expectedBefore = uninterrupted("expected-before", WriterChild.tree(0));
        Random random = new Random();
        int interrupted = 0;
        for (int run = 0; run < 2; run++) {
            Path out = dir.resolve("kill-" + run);
            new TreeWriter(out).write(WriterChild.tree(0), false);
            Process child = WriterChild.start("write", out, "1");
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(lines.readLine()).isEqualTo("writing");
                Thread.sleep(random.nextInt(30)); // 600 writes take longer than that here
                child.destroyForcibly().waitFor(); // SIGKILL: no finally block, no shutdown hook runs
            }
            interrupted += Files.exists(out.resolve(Journal.PATH)) ? 1 : 0;
            boolean revert = run % 2 == 1;
            new TreeWriter(out).write(WriterChild.tree(revert ? 0 : 1), false);
            assertThat(disk(out)).as("run %d (%s)", run, revert ? "reverted" : "repeated").isEqualTo(revert ? expectedBefore : expectedAfter);
        }
        System.out.println("killNine: " + interrupted + " of 2 kills landed in the middle of a write");
        assertThat(interrupted).as("kills that landed between the journal and the manifest (else this test proves little)").isPositive();
    }
}

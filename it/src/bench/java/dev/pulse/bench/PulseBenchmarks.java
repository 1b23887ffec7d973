package dev.pulse.bench;

import dev.pulse.model.load.FleetLoader;
import dev.pulse.render.Pulse;
import dev.pulse.render.Renderer;
import dev.pulse.render.tree.Rendering;
import dev.pulse.render.tree.TreeWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Parse + validate, render in memory (the loaded fleet to files in memory), and render to disk (all of
 * it: parse, render, SUMMARY.md, write), at 100, 1 000 and 10 000 VMs (50 clusters at the top size). Each operation is a whole run over the fleet, so single-shot time is the honest measure.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PulseBenchmarks {

    /** VMs in the fleet; the cluster count grows with it (2, 10, 50). */
    @Param({"100", "1000", "10000"})
    public int vms;

    private Path dir;
    private Path fleet;
    private Pulse pulse;
    private dev.pulse.model.resolve.Resolver.Resolution loaded;
    private Rendering rendering;
    private Path output;

    /** Clusters for a fleet size: 50 at 10 000 VMs, as the peers were measured. */
    public static int clusters(int vms) {
        return vms >= 10_000 ? 50 : vms >= 1_000 ? 10 : 2;
    }

    /**
     * Where trials keep their files, or null for a temporary folder of their own. {@link Bench} points it at
     * its work folder and deletes it only after every measurement: deleting thousands of files between
     * timed runs would bill the next run for it (ext4 scans recently freed inodes on each create for minutes).
     */
    static volatile Path scratch;

    @Setup(Level.Trial)
    public void fleet() throws IOException {
        dir = scratch == null ? Files.createTempDirectory("pulse-bench-") : Files.createTempDirectory(Files.createDirectories(scratch), "trial-");
        fleet = dir.resolve("fleet.yaml");
        Files.writeString(fleet, FleetGenerator.fleet(clusters(vms), vms / clusters(vms), 42));
        pulse = new Pulse();
        loaded = pulse.validate(fleet);
        rendering = pulse.render(fleet);
    }

    /** Every render to disk goes into a new, empty folder, kept until the trial ends (see {@link #scratch}). */
    @Setup(Level.Invocation)
    public void freshOutput() throws IOException {
        output = Files.createTempDirectory(dir, "deploy-");
    }

    @TearDown(Level.Invocation)
    public void writeOut() throws IOException {
        settle();
    }

    @TearDown(Level.Trial)
    public void dropFleet() throws IOException {
        if (scratch == null) {
            delete(dir);
        }
    }

    @Benchmark
    public dev.pulse.model.resolve.Resolver.Resolution parseAndValidate() {
        return pulse.validate(fleet);
    }

    /** The render stage alone: the loaded fleet to objects and files in memory (parsing is parseAndValidate). */
    @Benchmark
    public Rendering renderInMemory() {
        return pulse.render(loaded);
    }

    @Benchmark
    public TreeWriter.Report renderToDisk() throws IOException {
        Pulse.Result result = pulse.render(pulse.render(fleet), output);
        return new TreeWriter(output).write(result.rendering().tree(), result.plan(), false);
    }

    static void delete(Path path) throws IOException {
        if (path != null && Files.exists(path)) {
            try (Stream<Path> walk = Files.walk(path)) {
                for (Path each : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(each);
                }
            }
        }
    }

    /** Waits until the file system has written out what earlier runs wrote ({@code sync}), so it is not billed to the next timed run. */
    static void settle() throws IOException {
        try {
            new ProcessBuilder("sync").inheritIO().start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for sync", e);
        }
    }

    /** For the peers: the rendering the benchmarks work on. */
    Rendering rendering() {
        return rendering;
    }
}

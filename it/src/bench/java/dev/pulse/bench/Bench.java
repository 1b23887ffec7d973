package dev.pulse.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.pulse.render.Pulse;
import dev.pulse.render.tree.Rendering;
import dev.pulse.render.tree.TreeWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * {@code ./mvnw -Pbench verify}: runs the JMH benchmarks, then, in the same run and on the same 10 000-VM
 * fleet, the peers — {@code kubectl kustomize} over every folder of Pulse's own output, cdk8s synth of the
 * same objects (installed with npm here), and {@code mvn pulse:render} end to end — and prints the ratios.
 *
 * <p>Arguments: work folder, the IT local repository (holding the just-built plugin), the Maven wrapper,
 * the plugin version, the cdk8s script folder.
 */
public final class Bench {

    private static final int TOP = 10_000;

    private Bench() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        Path localRepo = Path.of(args[1]).toAbsolutePath();
        Path mvnw = Path.of(args[2]).toAbsolutePath();
        String version = args[3];
        Path cdk8sSources = Path.of(args[4]).toAbsolutePath();
        PulseBenchmarks.delete(work);
        Files.createDirectories(work);
        Map<String, String> report = new LinkedHashMap<>();

        // Nothing is deleted between timed runs (see PulseBenchmarks.scratch): every run writes into a new folder
        // under scratch/, removed at the end.
        Path scratch = work.resolve("scratch");
        PulseBenchmarks.scratch = scratch;

        // 1. JMH: parse + validate, render in memory, render to disk at 100, 1 000, 10 000 VMs.
        Map<String, Double> jmh = new TreeMap<>();
        for (RunResult result : new Runner(new OptionsBuilder().include(PulseBenchmarks.class.getName()).forks(0)
                .warmupIterations(2).measurementIterations(5).timeUnit(TimeUnit.MILLISECONDS).shouldFailOnError(true).build()).run()) {
            String name = result.getParams().getBenchmark().replaceAll(".*\\.", "") + "@" + result.getParams().getParam("vms");
            jmh.put(name, result.getPrimaryResult().getScore());
        }

        // 2. The 10 000-VM fleet as a config repo, rendered once for the peers.
        int clusters = PulseBenchmarks.clusters(TOP);
        Path repo = work.resolve("repo");
        Files.createDirectories(repo);
        Files.writeString(repo.resolve("fleet.yaml"), FleetGenerator.fleet(clusters, TOP / clusters, 42));
        Files.writeString(repo.resolve("pom.xml"), pom(version));
        Pulse pulse = new Pulse();
        Path deploy = work.resolve("deploy");
        Rendering rendering = pulse.render(pulse.render(repo.resolve("fleet.yaml")), deploy).rendering();
        new TreeWriter(deploy).write(rendering.tree(), false);
        List<ObjectNode> objects = new ArrayList<>();
        List<String> owners = new ArrayList<>();
        rendering.layers().forEach(layer -> layer.objects().forEach(object -> {
            objects.add(object);
            owners.add(layer.cluster());
        }));

        // 3. The floor: the same objects serialised by plain Jackson YAML.
        ObjectMapper yaml = new YAMLMapper();
        double floor = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            for (ObjectNode object : objects) {
                yaml.writeValueAsBytes(object);
            }
            floor = Math.min(floor, (System.nanoTime() - start) / 1e6);
        }

        // 4. Heap a render to disk at 10 000 VMs needs: what stays live at its end, the whole rendering still held.
        long heap = liveHeap(() -> {
            Path fresh = work.resolve("heap-deploy");
            Pulse.Result result = pulse.render(pulse.render(repo.resolve("fleet.yaml")), fresh);
            new TreeWriter(fresh).write(result.rendering().tree(), result.plan(), false);
            return result;
        });

        // 5. kubectl kustomize over every overlay and apps folder of Pulse's output.
        List<Path> folders = new ArrayList<>();
        try (var walk = Files.walk(deploy.resolve("overlays"), 2)) {
            walk.filter(p -> p.getNameCount() - deploy.resolve("overlays").getNameCount() == 2).sorted().forEach(folders::add);
        }
        try (var apps = Files.list(deploy.resolve("apps"))) {
            apps.sorted().forEach(folders::add);
        }
        PulseBenchmarks.settle();
        long start = System.nanoTime();
        for (Path folder : folders) {
            run(work, List.of("kubectl", "kustomize", folder.toString(), "-o", work.resolve("kustomize.out").toString()), Map.of());
        }
        double kustomize = (System.nanoTime() - start) / 1e6;

        // 6. cdk8s synth of the same objects (npm installs it here, outside the timing).
        Path cdk8s = work.resolve("cdk8s");
        Files.createDirectories(cdk8s);
        for (String file : List.of("package.json", "synth.js")) {
            Files.copy(cdk8sSources.resolve(file), cdk8s.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        run(cdk8s, List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error"), Map.of());
        List<Map<String, Object>> entries = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            entries.add(Map.of("cluster", owners.get(i), "object", objects.get(i)));
        }
        new ObjectMapper().writeValue(cdk8s.resolve("objects.json").toFile(), entries);
        List<Double> cdk8sProcessRuns = new ArrayList<>();
        List<Double> cdk8sSynthRuns = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            PulseBenchmarks.settle();
            start = System.nanoTime();
            String synthOut = run(cdk8s, List.of("node", "synth.js", "objects.json", scratch.resolve("cdk8s-" + i).toString()), Map.of());
            double process = (System.nanoTime() - start) / 1e6;
            Matcher synth = Pattern.compile("\"synthSeconds\":([0-9.eE-]+)").matcher(synthOut);
            cdk8sProcessRuns.add(process);
            cdk8sSynthRuns.add(synth.find() ? Double.parseDouble(synth.group(1)) * 1000 : process);
        }
        double cdk8sProcess = median(cdk8sProcessRuns);
        double cdk8sSynth = median(cdk8sSynthRuns);

        // 7. mvn pulse:render end to end (fresh JVM, offline, the plugin from the IT repository), then a no-op re-render;
        //    of the config repo as it is, and of the same repo with the .mvn/jvm.config the README recommends for big fleets.
        Path settings = work.resolve("settings.xml");
        Files.writeString(settings, settings(localRepo));
        Path tunedRepo = work.resolve("repo-tuned");
        Files.createDirectories(tunedRepo.resolve(".mvn"));
        Files.copy(repo.resolve("fleet.yaml"), tunedRepo.resolve("fleet.yaml"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(repo.resolve("pom.xml"), tunedRepo.resolve("pom.xml"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(tunedRepo.resolve(".mvn/jvm.config"), RECOMMENDED_JVM_CONFIG + "\n");
        MavenRuns plain = new MavenRuns();
        MavenRuns tuned = new MavenRuns();
        for (int i = 0; i < RUNS; i++) { // interleaved, so a machine that slows down over time slows both alike
            plain.measure(mvnw, settings, localRepo, repo, scratch.resolve("deploy-" + i));
            tuned.measure(mvnw, settings, localRepo, tunedRepo, scratch.resolve("deploy-tuned-" + i));
        }

        double toDisk = jmh.get("renderToDisk@" + TOP);
        double inMemory = jmh.get("renderInMemory@" + TOP);
        report.put("machine", Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        report.put("fleet", TOP + " VMs (GPU + VF + DataVolume template each) on " + clusters + " clusters; " + rendering.tree().size() + " files, "
                + objects.size() + " objects");
        for (int vms : new int[] {100, 1_000, TOP}) {
            report.put("Pulse at " + vms + " VMs (ms)", String.format(Locale.ROOT, "parse+validate %.0f, render in memory %.0f, render to disk %.0f",
                    jmh.get("parseAndValidate@" + vms), jmh.get("renderInMemory@" + vms), jmh.get("renderToDisk@" + vms)));
        }
        report.put("kubectl kustomize, " + folders.size() + " folders (ms)", String.format(Locale.ROOT, "%.0f", kustomize));
        report.put("cdk8s synth (ms, median of " + RUNS + ")", String.format(Locale.ROOT, "%.0f in-process, %.0f with node start-up (runs: %s)",
                cdk8sSynth, cdk8sProcess, runs(cdk8sProcessRuns)));
        report.put("Jackson YAML serialisation floor (ms)", String.format(Locale.ROOT, "%.0f", floor));
        report.put("render to disk / kustomize", ratio(toDisk, kustomize, 0.1));
        report.put("render to disk / cdk8s synth", ratio(toDisk, cdk8sSynth, 0.5));
        report.put("render in memory / serialisation floor", ratio(inMemory, floor, 2.0));
        report.put("mvn pulse:render end to end / cdk8s (process)", ratio(plain.renderTime(), cdk8sProcess, 1.0) + " " + plain.describe());
        report.put("the same with .mvn/jvm.config '" + RECOMMENDED_JVM_CONFIG + "'", ratio(tuned.renderTime(), cdk8sProcess, 1.0) + " "
                + tuned.describe());
        report.put("no-op re-render", plain.describeNoop() + "; with the jvm.config: " + tuned.describeNoop());
        report.put("heap at 10 000 VMs", String.format(Locale.ROOT, "every mvn pulse:render above ran with -Xmx512m (target <= 512 MB, met); "
                + "live heap at the end of a render to disk, the whole rendering still held: %d MB", heap >> 20));
        report.put("fitted exponent, render to disk vs VMs", String.format(Locale.ROOT,
                "%.2f over 100 - 10 000 VMs, %.2f between 1 000 and 10 000 (1.00 = linear; fixed costs weigh most at 100 VMs)",
                slope(new double[] {100, 1_000, TOP}, new double[] {jmh.get("renderToDisk@100"), jmh.get("renderToDisk@1000"), toDisk}),
                slope(new double[] {1_000, TOP}, new double[] {jmh.get("renderToDisk@1000"), toDisk})));
        PulseBenchmarks.delete(scratch);
        StringBuilder table = new StringBuilder("| measure | value |\n|---|---|\n");
        report.forEach((key, value) -> table.append("| ").append(key).append(" | ").append(value).append(" |\n"));
        Files.writeString(work.resolve("results.md"), table.toString());
        System.out.println();
        System.out.println("Pulse benchmark (./mvnw -Pbench verify)");
        System.out.println(table);
    }

    /** What the README recommends in a config repo's .mvn/jvm.config for fleets of thousands of VMs. */
    static final String RECOMMENDED_JVM_CONFIG = "-XX:TieredStopAtLevel=1 -XX:+UseParallelGC";

    /** Runs of mvn pulse:render of one config repo: each renders into a new folder, then re-renders it unchanged. */
    private static final class MavenRuns {
        private final List<Double> renders = new ArrayList<>();
        private final List<Double> noops = new ArrayList<>();
        private final List<String> written = new ArrayList<>();

        void measure(Path mvnw, Path settings, Path localRepo, Path repo, Path output) throws IOException, InterruptedException {
            List<String> command = List.of(mvnw.toString(), "-B", "-o", "-s", settings.toString(), "-Dmaven.repo.local=" + localRepo,
                    "-Dpulse.output=" + output, "-f", repo.resolve("pom.xml").toString(), "pulse:render");
            Map<String, String> env = Map.of("MAVEN_OPTS", "-Xmx512m");
            PulseBenchmarks.settle();
            long start = System.nanoTime();
            run(repo, command, env);
            renders.add((System.nanoTime() - start) / 1e6);
            PulseBenchmarks.settle();
            start = System.nanoTime();
            String noop = run(repo, command, env);
            noops.add((System.nanoTime() - start) / 1e6);
            Matcher files = Pattern.compile("written (\\d+), unchanged (\\d+), pruned (\\d+)").matcher(noop);
            written.add(files.find() ? files.group(1) : "?");
        }

        double renderTime() {
            return median(renders);
        }

        String describe() {
            return String.format(Locale.ROOT, "(median %.0f ms of runs %s, MAVEN_OPTS=-Xmx512m, into a new folder)", renderTime(), runs(renders));
        }

        String describeNoop() {
            return String.format(Locale.ROOT, "median %.0f ms of runs %s, files written per run: %s (target 0)", median(noops), runs(noops),
                    String.join(", ", written));
        }
    }

    /** Runs of each process-level measure (cdk8s, mvn pulse:render): the median is reported, every run shown. */
    private static final int RUNS = 3;

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static String runs(List<Double> values) {
        return values.stream().map(value -> String.format(Locale.ROOT, "%.0f", value)).collect(java.util.stream.Collectors.joining(", "));
    }

    private static String ratio(double pulse, double peer, double target) {
        double ratio = pulse / peer;
        return String.format(Locale.ROOT, "%.3f (target <= %.1f, %s)", ratio, target, ratio <= target ? "met" : "NOT met");
    }

    /** Least-squares slope of log(time) over log(size). */
    static double slope(double[] sizes, double[] times) {
        double n = sizes.length;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < sizes.length; i++) {
            double x = Math.log(sizes[i]);
            double y = Math.log(times[i]);
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        return (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }

    /** Heap still in use, after a full collection, while the result of {@code work} is held (less what was in use before). */
    private static long liveHeap(IoSupplier work) throws IOException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        Object result = work.get();
        System.gc();
        long after = memory.getHeapMemoryUsage().getUsed();
        java.lang.ref.Reference.reachabilityFence(result);
        return Math.max(0, after - before);
    }

    @FunctionalInterface
    private interface IoSupplier {
        Object get() throws IOException;
    }

    /** Runs a command, failing with its output when it fails; returns its output. */
    private static String run(Path dir, List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }

    /** The repository the ITs installed the plugin from (id as in src/it/settings.xml), so Maven accepts it offline. */
    private static String settings(Path localRepo) {
        String url = localRepo.toUri().toString();
        return """
                <settings>
                  <profiles><profile><id>it-repo</id><activation><activeByDefault>true</activeByDefault></activation>
                    <repositories><repository><id>local.central</id><url>%1$s</url></repository></repositories>
                    <pluginRepositories><pluginRepository><id>local.central</id><url>%1$s</url></pluginRepository></pluginRepositories>
                  </profile></profiles>
                </settings>
                """.formatted(url);
    }

    private static String pom(String version) {
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>bench</groupId>
                  <artifactId>fleet</artifactId>
                  <version>1</version>
                  <packaging>pom</packaging>
                  <build><plugins><plugin>
                    <groupId>dev.pulse</groupId><artifactId>pulse-maven-plugin</artifactId><version>%s</version>
                  </plugin></plugins></build>
                </project>
                """.formatted(version);
    }
}

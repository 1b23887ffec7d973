package dev.pulse.maven;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.plugin.testing.AbstractMojoTestCase;

/**
 * The goals as Maven runs them: looked up from the plugin descriptor, configured from a project pom,
 * executed against the studio fleet.
 */
public class PulseMojosTest extends AbstractMojoTestCase {

    private File pom;
    private Path project;
    private Path deploy;

    @Override
    protected void setUp() throws Exception {
        super.setUp();
        Path source = Path.of(getBasedir(), "src/test/projects/studio");
        project = Files.createTempDirectory("pulse-mojo-");
        Files.copy(source.resolve("pom.xml"), project.resolve("pom.xml"));
        Files.copy(source.resolve("fleet.yaml"), project.resolve("fleet.yaml"));
        pom = project.resolve("pom.xml").toFile();
        deploy = project.resolve("target/deploy");
    }

    @Override
    protected void tearDown() throws Exception {
        try (Stream<Path> walk = Files.walk(project)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        super.tearDown();
    }

    /** What the Mojos logged: captured, so fixtures that warn on purpose do not print warnings into the build. */
    private final List<String> logged = new ArrayList<>();

    /** A Maven log that keeps lines ("warn: ...") instead of printing them. */
    private final class CapturingLog extends SystemStreamLog {
        @Override
        public boolean isDebugEnabled() {
            return false;
        }

        @Override
        public void debug(CharSequence content) {
            // SystemStreamLog prints debug lines whatever isDebugEnabled says: the sync plan would flood the build log
        }

        @Override
        public void info(CharSequence content) {
            logged.add("info: " + content);
        }

        @Override
        public void warn(CharSequence content) {
            logged.add("warn: " + content);
        }

        @Override
        public void error(CharSequence content) {
            logged.add("error: " + content);
        }
    }

    private Mojo mojo(String goal) throws Exception {
        Mojo mojo = lookupMojo(goal, pom);
        mojo.setLog(new CapturingLog());
        setVariableValueToObject(mojo, "fleet", project.resolve("fleet.yaml").toFile());
        setVariableValueToObject(mojo, "output", deploy.toFile());
        if (mojo instanceof CheckMojo) {
            setVariableValueToObject(mojo, "maxDiffLines", 400); // lookupMojo leaves @Parameter defaults unset
        }
        return mojo;
    }

    public void testRenderWritesTheTreeAndTheManifest() throws Exception {
        mojo("render").execute();
        assertTrue(Files.isRegularFile(deploy.resolve("bootstrap/studio.yaml")));
        assertTrue(Files.isRegularFile(deploy.resolve(".pulse/manifest")));
        assertTrue(Files.readString(deploy.resolve("apps/studio/workloads.yaml")).contains("sync-wave: \"" + dev.pulse.render.layer.SyncWaves.entry("workloads").wave() + "\""));
    }

    public void testCheckPassesOnAFreshRenderAndFailsWithADiffAfterAnEdit() throws Exception {
        mojo("render").execute();
        mojo("check").execute();
        Path subscription = deploy.resolve("base/operators/subscription-kubevirt-hyperconverged.yaml");
        Files.writeString(subscription, Files.readString(subscription).replace("channel: stable", "channel: candidate"));
        try {
            mojo("check").execute();
            fail("check must fail on a stale tree");
        } catch (MojoFailureException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("run 'mvn pulse:render'"));
            assertTrue(e.getMessage(), e.getMessage().contains("--- a/base/operators/subscription-kubevirt-hyperconverged.yaml"));
            assertTrue(e.getMessage(), e.getMessage().contains("+  channel: stable"));
        }
    }

    public void testValidateReportsEveryProblemAndWritesNothing() throws Exception {
        Files.writeString(project.resolve("fleet.yaml"), Files.readString(project.resolve("fleet.yaml"), StandardCharsets.UTF_8)
                .replace("role: unreal", "role: unrael").replace("topology: standard", "topology: standrd"));
        try {
            mojo("validate").execute();
            fail("validate must fail on an invalid model");
        } catch (MojoFailureException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("[PULSE-CHOICE]"));
            assertTrue(e.getMessage(), e.getMessage().contains("did you mean 'unreal'?"));
            assertTrue(e.getMessage(), e.getMessage().contains("2 errors"));
        }
        assertFalse(Files.exists(deploy));
    }

    public void testOverridesAreNotesNotWarnings() throws Exception {
        Files.writeString(project.resolve("fleet.yaml"), Files.readString(project.resolve("fleet.yaml"), StandardCharsets.UTF_8)
                + "roles: [{name: inference, gpus: 3}]\n");
        Mojo strict = mojo("validate");
        setVariableValueToObject(strict, "strict", true);
        strict.execute(); // a note never fails a build, not even a strict one
        assertTrue(String.join("\n", logged), logged.stream().anyMatch(line -> line.startsWith("info: ")
                && line.contains("note: role 'inference' overrides the one defined at builtin:roles.yaml:16:5 field by field: gpus 4 → 3")));
    }

    public void testSkipDoesNothing() throws Exception {
        Mojo render = mojo("render");
        setVariableValueToObject(render, "skip", true);
        render.execute();
        assertFalse(Files.exists(deploy));
    }

    public void testStrictTurnsWarningsIntoFailures() throws Exception {
        Files.writeString(project.resolve("fleet.yaml"), Files.readString(project.resolve("fleet.yaml"), StandardCharsets.UTF_8)
                .replace("mtu: 9000, use: vm}", "mtu: 9000, use: vm, eswitch: switchdev}"));
        mojo("validate").execute();
        assertTrue(String.join("\n", logged), logged.stream().anyMatch(line -> line.startsWith("warn: ") && line.contains("[PULSE-ESWITCH]")));
        Mojo strict = mojo("validate");
        setVariableValueToObject(strict, "strict", true);
        try {
            strict.execute();
            fail("strict must fail on warnings");
        } catch (MojoFailureException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("pulse.strict"));
        }
    }

    public void testPlanSimulatesTheTreeOnDiskAndNamesWhereItStops() throws Exception {
        Mojo render = mojo("render");
        setVariableValueToObject(render, "skipSimulation", true);
        render.execute();
        Files.delete(deploy.resolve("bootstrap/studio.yaml"));
        try {
            mojo("plan").execute();
            fail("plan must fail on a tree without its root Application");
        } catch (MojoFailureException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("the tree would not converge: cluster studio, Application bootstrap"));
            assertTrue(e.getMessage(), e.getMessage().contains("no root Application: bootstrap/studio.yaml is not in the tree"));
        }
    }

    public void testSchemaWritesTheGeneratedSchema() throws Exception {
        Mojo schema = lookupEmptyMojo("schema", pom);
        Path file = project.resolve("fleet.schema.json");
        setVariableValueToObject(schema, "schemaFile", file.toFile());
        schema.execute();
        String text = Files.readString(file);
        assertTrue(text, text.contains("\"$schema\" : \"https://json-schema.org/draft/2020-12/schema\"") || text.contains("draft/2020-12/schema"));
        assertTrue(text.contains("\"single-node\""));
    }
}

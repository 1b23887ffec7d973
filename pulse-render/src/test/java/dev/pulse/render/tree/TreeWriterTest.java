package dev.pulse.render.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("TreeWriter: safe output")
class TreeWriterTest {

    @TempDir
    Path out;

    private static Tree tree(String... pathsAndTexts) {
        Tree tree = new Tree();
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            tree.put(pathsAndTexts[i], pathsAndTexts[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return tree;
    }

    private Map<String, String> disk() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                if (!file.equals(out.resolve(OutputLock.PATH))) {
                    files.put(out.relativize(file).toString(), Files.readString(file));
                }
            }
        }
        return files;
    }

    private TreeWriter.Report write(Tree tree, boolean overwriteEdited) throws IOException {
        return new TreeWriter(out).write(tree, overwriteEdited);
    }

    @Test
    @DisplayName("first render writes every file and the manifest; the same render again writes nothing")
    void writesThenNothing() throws IOException {
        Tree tree = tree("a/x.yaml", "x\n", "b.yaml", "b\n");
        assertThat(write(tree, false).written()).isEqualTo(2);
        assertThat(disk()).containsEntry("a/x.yaml", "x\n").containsEntry("b.yaml", "b\n").containsKey(Manifest.PATH);
        TreeWriter.Report again = write(tree, false);
        assertThat(again.written()).isZero();
        assertThat(again.unchanged()).isEqualTo(2);
        assertThat(new TreeWriter(out).plan(tree).upToDate()).isTrue();
    }

    @Test
    @DisplayName("a file Pulse no longer renders is pruned, and its emptied folder with it")
    void prunes() throws IOException {
        write(tree("a/x.yaml", "x\n", "b.yaml", "b\n"), false);
        TreeWriter.Report report = write(tree("b.yaml", "b\n"), false);
        assertThat(report.pruned()).isEqualTo(1);
        assertThat(Files.exists(out.resolve("a"))).isFalse();
        assertThat(disk().keySet()).containsExactly(Manifest.PATH, "b.yaml");
    }

    @Test
    @DisplayName("a file edited by hand stops the render untouched, unless overwriteEdited")
    void editedFiles() throws IOException {
        write(tree("b.yaml", "b\n", "c.yaml", "c\n"), false);
        Files.writeString(out.resolve("b.yaml"), "hand edit\n");
        Files.writeString(out.resolve("c.yaml"), "hand edit\n");
        Tree next = tree("b.yaml", "b2\n");
        assertThatThrownBy(() -> write(next, false)).isInstanceOf(TreeWriter.RefusedException.class)
                .hasMessageContaining("edited by hand").hasMessageContaining("b.yaml").hasMessageContaining("c.yaml")
                .hasMessageContaining("-Dpulse.overwriteEdited=true");
        assertThat(disk()).containsEntry("b.yaml", "hand edit\n").containsEntry("c.yaml", "hand edit\n");
        write(next, true);
        assertThat(disk()).containsEntry("b.yaml", "b2\n").doesNotContainKey("c.yaml");
    }

    @Test
    @DisplayName("a file Pulse did not write is never overwritten; identical content is adopted")
    void foreignFiles() throws IOException {
        Files.writeString(out.resolve("mine.yaml"), "theirs\n");
        Files.writeString(out.resolve("same.yaml"), "same\n");
        assertThatThrownBy(() -> write(tree("mine.yaml", "pulse\n", "same.yaml", "same\n", "new.yaml", "n\n"), false))
                .isInstanceOf(TreeWriter.RefusedException.class).hasMessageContaining("not written by Pulse").hasMessageContaining("mine.yaml");
        assertThat(disk()).containsOnlyKeys("mine.yaml", "same.yaml");
        TreeWriter.Report report = write(tree("same.yaml", "same\n"), false);
        assertThat(report.unchanged()).isEqualTo(1);
        assertThat(report.foreign()).containsExactly("mine.yaml");
        assertThat(disk()).containsEntry("mine.yaml", "theirs\n");
        assertThat(new TreeWriter(out).manifest().owns("same.yaml")).isTrue();
    }

    @Test
    @DisplayName("foreign files are never pruned")
    void foreignFilesSurvivePruning() throws IOException {
        write(tree("a/x.yaml", "x\n"), false);
        Files.writeString(out.resolve("a/notes.md"), "mine\n");
        write(tree("b.yaml", "b\n"), false);
        assertThat(disk()).containsEntry("a/notes.md", "mine\n").doesNotContainKey("a/x.yaml");
    }

    @Test
    @DisplayName("symlinks leading out of the output directory are refused")
    void symlinksOut(@TempDir Path elsewhere) throws IOException {
        Files.createSymbolicLink(out.resolve("a"), elsewhere);
        assertThatThrownBy(() -> write(tree("a/x.yaml", "x\n"), false)).isInstanceOf(TreeWriter.RefusedException.class).hasMessageContaining("symlink");
        try (Stream<Path> files = Files.list(elsewhere)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    @DisplayName("paths leaving the tree cannot even be put into it")
    void unsafePaths() {
        assertThatThrownBy(() -> tree("../x.yaml", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree("/etc/x.yaml", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree("a/../../x.yaml", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("check's diff names the changed files, cut after the line bound with a count")
    void diff() throws IOException {
        write(tree("a.yaml", "one\ntwo\n", "b.yaml", "b\n"), false);
        Tree next = tree("a.yaml", "one\nthree\n", "c.yaml", "c\n");
        TreeWriter writer = new TreeWriter(out);
        String diff = TreeDiff.of(writer, next, writer.plan(next), 400);
        assertThat(diff).contains("--- a/a.yaml", "+++ b/a.yaml", "-two", "+three", "+++ b/c.yaml", "--- a/b.yaml", "+++ /dev/null");
        String cut = TreeDiff.of(writer, next, writer.plan(next), 3);
        assertThat(cut).endsWith("... diff cut after 3 lines; 3 files differ in all\n");
    }

    @Test
    @DisplayName("files are written in parallel into many new folders at once, every one of them")
    void parallelWritesIntoNewFolders() throws IOException {
        Tree tree = new Tree();
        for (int folder = 0; folder < 300; folder++) {
            for (int file = 0; file < 8; file++) {
                tree.put("f" + folder + "/x" + file + ".yaml", ("v" + file + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        for (int round = 0; round < 3; round++) {
            Path fresh = out.resolve("round" + round);
            assertThat(new TreeWriter(fresh).write(tree, false).written()).isEqualTo(2400);
        }
    }

    @Test
    @DisplayName("issue 20: an output folder that is a symlink (out of the repo) is refused, nothing is written through it")
    void outputSymlinkRefused(@TempDir Path elsewhere) throws IOException {
        Path link = out.resolve("deploy");
        Files.createSymbolicLink(link, elsewhere);
        assertThatThrownBy(() -> new TreeWriter(link).write(tree("a.yaml", "a\n"), false))
                .isInstanceOf(TreeWriter.RefusedException.class).hasMessageContaining("it is a symlink to " + elsewhere);
        try (Stream<Path> files = Files.list(elsewhere)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    @DisplayName("issue 20: an output that is a regular file gets a message saying so")
    void outputIsAFile() throws IOException {
        Path file = out.resolve("deploy");
        Files.writeString(file, "not a folder");
        assertThatThrownBy(() -> new TreeWriter(file).write(tree("a.yaml", "a\n"), false))
                .isInstanceOf(TreeWriter.RefusedException.class).hasMessageContaining("it is a file, not a folder");
        assertThat(Files.readString(file)).isEqualTo("not a folder");
    }
}

package dev.pulse.render.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's library example is real: the Java block under "The library: Pulse from Java" is compiled as written (only
 * the output folder is pointed at a temporary one) against the library alone, and run.
 */
@DisplayName("README: the library example compiles and renders a converging tree")
class ReadmeApiExampleTest {

    private static final Pattern BLOCK = Pattern.compile("## The library: Pulse from Java.*?```java\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path work;

    @Test
    void theExampleRunsAsWritten() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        Matcher block = BLOCK.matcher(readme);
        assertThat(block.find()).as("README has the library example").isTrue();
        List<String> lines = block.group(1).lines().toList();
        assertThat(lines).as("a 20-line example, give or take").hasSizeLessThanOrEqualTo(25);
        String imports = String.join("\n", lines.stream().filter(line -> line.startsWith("import ")).toList());
        String body = String.join("\n", lines.stream().filter(line -> !line.startsWith("import ")).toList());
        assertThat(body).contains("Path.of(\"deploy\")");
        String source = imports + "\npublic class ReadmeExample {\n    public static void main(String[] args) throws Exception {\n"
                + body.replace("Path.of(\"deploy\")", "Path.of(args[0])") + "\n    }\n}\n";
        Path src = work.resolve("ReadmeExample.java");
        Files.writeString(src, source);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, null, errors, "-classpath", System.getProperty("java.class.path"), "-d", work.toString(), src.toString());
        assertThat(status).as("javac: " + errors.toString(StandardCharsets.UTF_8) + "\n" + source).isZero();

        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {work.toUri().toURL()}, getClass().getClassLoader())) {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            loader.loadClass("ReadmeExample").getMethod("main", String[].class).invoke(null, (Object) new String[] {work.resolve("deploy").toString()});
        } finally {
            System.setOut(out);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8).trim()).matches("true \\d+");
        assertThat(work.resolve("deploy/base/workloads/virtualmachine-unreal-01.yaml")).isRegularFile();
    }
}

package dev.pulse.maven;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes the JSON Schema (draft 2020-12) of fleet.yaml, generated at build time from the model, so
 * editors complete and check the file: add {@code # yaml-language-server: $schema=fleet.schema.json} as its
 * first line.
 */
@Mojo(name = "schema", threadSafe = true, requiresProject = false)
public class SchemaMojo extends AbstractMojo {

    static final String RESOURCE = "fleet.schema.json";

    /** Where to write the schema. */
    @Parameter(property = "pulse.schemaFile", defaultValue = "${basedir}/fleet.schema.json")
    private File schemaFile;

    /** Skip this goal. */
    @Parameter(property = "pulse.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException {
        if (skip) {
            getLog().info("pulse: skipped (pulse.skip)");
            return;
        }
        try (InputStream schema = SchemaMojo.class.getResourceAsStream(RESOURCE)) {
            if (schema == null) {
                throw new MojoExecutionException("the plugin jar lacks " + RESOURCE + "; it is generated when the plugin is built");
            }
            File parent = schemaFile.getAbsoluteFile().getParentFile();
            Files.createDirectories(parent.toPath());
            Files.copy(schema, schemaFile.toPath(), StandardCopyOption.REPLACE_EXISTING);
            getLog().info("pulse: wrote " + schemaFile);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write " + schemaFile + ": " + e.getMessage() + " (pulse.schemaFile names it)", e);
        }
    }
}

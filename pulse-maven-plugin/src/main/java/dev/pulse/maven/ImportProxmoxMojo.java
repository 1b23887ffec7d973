package dev.pulse.maven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.pulse.model.Catalog;
import dev.pulse.model.diag.FleetException;
import dev.pulse.profiles.BuiltinProfiles;
import dev.pulse.render.Pulse;
import dev.pulse.render.proxmox.ProxmoxImport;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Turns Proxmox VM configs ({@code /etc/pve/qemu-server/*.conf}) into a fleet.yaml fragment — the host
 * and its VMs with roles, devices and CDI disk imports — and a report of what could not be mapped. Review
 * both, then merge the fragment into fleet.yaml.
 */
@Mojo(name = "import-proxmox", threadSafe = true, requiresProject = false)
public class ImportProxmoxMojo extends AbstractMojo {

    /** A copy of the Proxmox host's {@code /etc/pve/qemu-server} folder. */
    @Parameter(property = "pulse.proxmox.dir", required = true)
    private File dir;

    /** The Proxmox host's node name once it runs OpenShift. */
    @Parameter(property = "pulse.proxmox.host", required = true)
    private String host;

    /** {@code lspci -Dnn} captured on the Proxmox host, to tell which device each hostpci address is. */
    @Parameter(property = "pulse.proxmox.lspci")
    private File lspci;

    /** The cluster the VMs join. */
    @Parameter(property = "pulse.proxmox.cluster", required = true)
    private String cluster;

    /** Where the exported disks are served: {@code {vmid}}, {@code {disk}} (volume name) and {@code {n}} (disk number) are replaced. */
    @Parameter(property = "pulse.proxmox.diskUrl", required = true)
    private String diskUrl;

    /** Optional YAML mapping of VM id to role, for VMs whose names do not start with a role name. */
    @Parameter(property = "pulse.proxmox.roles")
    private File roles;

    /** The fleet whose catalog (roles, devices, profiles) the import uses, when it exists. */
    @Parameter(property = "pulse.fleet", defaultValue = "${basedir}/fleet.yaml")
    private File fleet;

    /** The fragment to write; the report goes beside it as {@code <name>.report.txt}. */
    @Parameter(property = "pulse.proxmox.output", defaultValue = "${basedir}/fleet-import.yaml")
    private File output;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        try {
            Pulse pulse = new Pulse();
            Catalog catalog = fleet.isFile() ? pulse.validate(fleet.toPath()).fleet().catalog() : BuiltinProfiles.catalog();
            ProxmoxImport.Result result = new ProxmoxImport(catalog).importFolder(dir.toPath(), Optional.ofNullable(lspci).map(File::toPath),
                    new ProxmoxImport.Settings(cluster, host, diskUrl, roleMapping()));
            Files.writeString(output.toPath(), result.fragment());
            File report = new File(output.getPath().replaceAll("\\.ya?ml$", "") + ".report.txt");
            Files.writeString(report.toPath(), String.join("\n", result.report()) + "\n");
            result.report().forEach(line -> getLog().info("pulse: " + line));
            getLog().info("pulse: imported " + result.vms().size() + " VM(s) into " + output + "; report in " + report);
        } catch (FleetException e) {
            throw new MojoFailureException("cannot import from " + dir + ":" + System.lineSeparator() + e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("cannot import from " + dir + " into " + output + ": " + e.getMessage(), e);
        }
    }

    private Map<Integer, String> roleMapping() throws IOException, MojoFailureException {
        Map<Integer, String> mapping = new TreeMap<>();
        if (roles == null) {
            return mapping;
        }
        JsonNode node = new YAMLMapper().readTree(roles);
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!entry.getKey().matches("\\d+") || !entry.getValue().isTextual()) {
                throw new MojoFailureException(roles + ": '" + entry.getKey() + "' must map a VM id to a role name, e.g. '200: desktop'");
            }
            mapping.put(Integer.parseInt(entry.getKey()), entry.getValue().asText());
        }
        return mapping;
    }
}

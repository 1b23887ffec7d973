package dev.pulse.maven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.pulse.model.Catalog;
import dev.pulse.model.diag.FleetException;
import dev.pulse.profiles.BuiltinProfiles;
import dev.pulse.render.Pulse;
import dev.pulse.importer.proxmox.ProxmoxImport;
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
 * with its (drafted) hardware profile, its networks, and its VMs with roles, their own shape, every disk as a
 * CDI import and their identity — and a report of what became of every config line. Review both, then merge
 * the fragment into fleet.yaml.
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

    /** Optional YAML mapping of VM id to role; without it roles match by name tokens, then by GPUs and VFs, else a generated role. */
    @Parameter(property = "pulse.proxmox.roles")
    private File roles;

    /** Where ISO images of CD-ROMs are served ({@code {iso}}: the file name); without it CD-ROMs are reported, not imported. */
    @Parameter(property = "pulse.proxmox.isoUrl")
    private String isoUrl;

    /** A ConfigMap in the VM namespace with the CA bundle of the export server, for every http import. */
    @Parameter(property = "pulse.proxmox.certConfigMap")
    private String certConfigMap;

    /** A Secret in the VM namespace with accessKeyId and secretKey for the export server, for every http import. */
    @Parameter(property = "pulse.proxmox.secretRef")
    private String secretRef;

    /** Logical CPUs of the Proxmox host ({@code nproc}), for the CPU lists of a drafted hardware profile; 0: estimated. */
    @Parameter(property = "pulse.proxmox.hostCpus", defaultValue = "0")
    private int hostCpus;

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
                    new ProxmoxImport.Settings(cluster, host, diskUrl, roleMapping(),
                            Optional.ofNullable(isoUrl), Optional.ofNullable(certConfigMap), Optional.ofNullable(secretRef), hostCpus));
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

package dev.pulse.maven;

import dev.pulse.importer.proxmox.ProxmoxImport;
import dev.pulse.model.diag.FleetException;
import java.io.File;
import java.io.IOException;
import java.util.Optional;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Turns Proxmox VM configs ({@code /etc/pve/qemu-server/*.conf}) into a fleet.yaml fragment — the host
 * with its (drafted) hardware profile, its networks, and its VMs with roles, their own shape, every disk as a
 * CDI import and their identity — and a report of what became of every config line. Review both, then merge
 * the fragment into fleet.yaml. The work is {@code ProxmoxImport.execute}'s (pulse-import); this goal adapts parameters and logs.
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
        ProxmoxImport.Request request = new ProxmoxImport.Request(dir.toPath(), path(lspci), path(roles), path(fleet), cluster, host, diskUrl,
                Optional.ofNullable(isoUrl), Optional.ofNullable(certConfigMap), Optional.ofNullable(secretRef), hostCpus, output.toPath());
        try {
            ProxmoxImport.Written written = ProxmoxImport.execute(request);
            written.result().report().forEach(line -> getLog().info("pulse: " + line));
            getLog().info("pulse: imported " + written.vmCount() + " VM(s) into " + written.fragment() + "; report in " + written.report());
        } catch (FleetException e) {
            throw new MojoFailureException("cannot import from " + dir + ":" + System.lineSeparator() + e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write " + output + " or its report: " + e.getMessage(), e);
        }
    }

    private static Optional<java.nio.file.Path> path(File file) {
        return Optional.ofNullable(file).map(File::toPath);
    }
}

// The import needed no roles file and no edits: every VM is in the rendered tree with its own shape and identity.
import java.nio.file.Files

def log = new File(basedir, 'build.log').text
def report = new File(basedir, 'fleet-import.report.txt').text
assert log.contains('pulse: imported 4 VM(s)')
assert report.contains('VM 701 (lab-optik-07): role optik: its name is a token of the VM name')
assert report.contains('VM 704 (lab-desk-04): role imported (no role name in the VM name)')
assert report.contains('drafted proxmox-lab-01 from the lspci capture')
assert !report.contains('unknown to Pulse')
['lab-optik-07', 'lab-control-02', 'lab-inference-03', 'lab-desk-04'].each {
    assert Files.exists(basedir.toPath().resolve("deploy/base/workloads/virtualmachine-${it}.yaml")) : "no VM ${it}"
}
def inference = new File(basedir, 'deploy/base/workloads/virtualmachine-lab-inference-03.yaml').text
assert inference.contains('cores: 32') && inference.contains('sockets: 2') && inference.contains('guest: 256Gi')
assert inference.contains('uuid: 7d3a0c55-0000-4000-8000-000000000703') && inference.contains('persistent: true')
assert inference.contains('name: lab-inference-03-scsi1')
def desk = new File(basedir, 'deploy/base/workloads/virtualmachine-lab-desk-04.yaml').text
assert desk.contains('hyperv:') && desk.contains('tpm:') && desk.contains('macAddress: bc:24:11:07:04:01')
assert !log.contains('\tat dev.pulse') : 'no stack trace'

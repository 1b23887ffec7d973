// Checks each step of invoker.properties against the build log and the folder.
import java.nio.file.Files
import java.nio.file.Path

def log = new File(basedir, 'build.log').text
def deploy = basedir.toPath().resolve('deploy')
def tree = { Path root ->
    def files = new TreeMap<String, byte[]>()
    Files.walk(root).filter { Files.isRegularFile(it) }.forEach { files[root.relativize(it).toString()] = Files.readAllBytes(it) }
    files
}

// 1. first render writes everything, the second nothing
def firstRender = (log =~ /pulse: \S+: written (\d+), unchanged 0, pruned 0/)
assert firstRender.find() : 'first render into an empty folder'
def written = firstRender.group(1) as int
assert log.contains("written 0, unchanged ${written}, pruned 0") : 'a re-render of an unchanged model writes no file'

// 2. check names the edited file in a unified diff and says what to do
assert log.contains('--- a/base/operators/subscription-kubevirt-hyperconverged.yaml')
assert log.contains('-  channel: candidate')
assert log.contains("run 'mvn pulse:render'")

// 3. the foreign file is reported and untouched
assert log.contains('left alone (not written by Pulse): base/workloads/NOTES.md')
assert new File(basedir, 'deploy/base/workloads/NOTES.md').text.startsWith('kept by hand')

// 4. a broken model lists every mistake and leaves the tree as it was (snapshot taken just before)
['unknown key \'klass\'', 'vm name \'App_02\' is not a DNS-1123 label', 'has role \'ap\', which is not defined'].each {
    assert log.contains(it) : "build.log lacks: ${it}"
}
assert !log.contains('\tat dev.pulse') : 'no stack trace for bad input'
def before = tree(basedir.toPath().resolve('snapshot'))
def after = tree(basedir.toPath().resolve('after-failure'))
assert before.keySet() == after.keySet() && before.every { k, v -> Arrays.equals(v, after[k]) } : 'a failed render changes no byte'

// 5. removing app-02 pruned exactly its VM and disk files; the rest matches the last render; check agrees.
// The disk leaves the tree but not the cluster (Prune=false): render warns and SUMMARY.md says how to finish.
assert log.contains(', pruned 2') : 'exactly two files pruned'
assert !Files.exists(deploy.resolve('base/workloads/virtualmachine-app-02.yaml'))
assert !Files.exists(deploy.resolve('base/workloads/datavolume-app-02-rootdisk.yaml'))
assert log.contains('warning: disk kept: lab: DataVolume app-02-rootdisk in lifecycle is no longer rendered but stays on the cluster') : 'render warns about the kept disk'
assert Files.exists(deploy.resolve('base/workloads/virtualmachine-app-01.yaml'))
def snapshot = tree(basedir.toPath().resolve('snapshot'))
def now = tree(deploy)
def changed = (snapshot.keySet() + now.keySet()).findAll { !Arrays.equals(snapshot[it], now[it]) }.toSorted()
assert changed.join(' ') == '.pulse/manifest SUMMARY.md base/workloads/datavolume-app-02-rootdisk.yaml base/workloads/kustomization.yaml base/workloads/virtualmachine-app-02.yaml' : "changed: ${changed}"
def summary = new File(basedir, 'deploy/SUMMARY.md').text
assert summary.contains('- lab/app-02 (VirtualMachine only: its disks are DataVolumes of their own)') : 'SUMMARY.md lists the deletion'
assert summary.contains('- lab: DataVolume app-02-rootdisk in lifecycle is no longer rendered but stays on the cluster') : 'SUMMARY.md lists the kept disk'
assert summary.indexOf('**Objects deleted:**') < summary.indexOf('**Nodes that reboot:**') : 'deletions come first'
assert log.contains('is up to date')
return true

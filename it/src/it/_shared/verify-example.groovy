// Shared by the example ITs (pulse-studio, sno-workstation, rosa-baremetal): their verify.groovy evaluates it.
// A fresh render equals the committed deploy/, file for file. SUMMARY.md's impact section (and so the
// manifest's hash of it) depends on what the folder held before, so those two are left to pulse:check.
import java.nio.file.Files
import java.nio.file.Path

def tree = { Path root ->
    def files = new TreeMap<String, byte[]>()
    Files.walk(root).filter { Files.isRegularFile(it) }.forEach { files[root.relativize(it).toString()] = Files.readAllBytes(it) }
    files.remove('SUMMARY.md')
    files.remove('.pulse/manifest')
    files.remove('.pulse/lock') // the render's lock file: constant, not part of the tree
    files
}
def committed = tree(basedir.toPath().resolve('deploy'))
def rendered = tree(basedir.toPath().resolve('target/rendered'))
def problems = []
(committed.keySet() + rendered.keySet()).toSorted().unique().each { path ->
    if (!rendered.containsKey(path)) problems << "committed but not rendered: ${path}"
    else if (!committed.containsKey(path)) problems << "rendered but not committed: ${path}"
    else if (!Arrays.equals(committed[path], rendered[path])) problems << "differs: ${path}"
}
if (problems) {
    throw new AssertionError("deploy/ is stale (run mvn pulse:render in the example and review the diff):\n  " + problems.join('\n  '))
}
def log = new File(basedir, 'build.log').text
assert log.contains("written ${rendered.size() + 1}, unchanged 0, pruned 0") : 'render into an empty folder writes every file (SUMMARY.md too)'
assert new File(basedir, 'target/rendered/SUMMARY.md').text.contains('First render into this folder')
assert log.contains('is up to date') : 'pulse:check accepts the committed tree'
return true

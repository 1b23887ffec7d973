// The committed deploy/ must be exactly what `mvn pulse:render` writes today.
import java.nio.file.Files
import java.nio.file.Path

def tree = { Path root ->
    def files = new TreeMap<String, byte[]>()
    Files.walk(root).filter { Files.isRegularFile(it) }.forEach { files[root.relativize(it).toString()] = Files.readAllBytes(it) }
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
// every rendered file is written; .pulse/manifest is Pulse's bookkeeping and not counted
assert log.contains("written ${rendered.size() - 1}, unchanged 0, pruned 0") : 'render into an empty folder writes every file'
return true

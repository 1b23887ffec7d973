def rendered = new File(basedir, 'target/rendered')
['overlays/east/workloads/virtualmachine-app-01.yaml', 'overlays/west/workloads/virtualmachine-app-02.yaml',
 'base/operators/namespace-openshift-cnv.yaml', 'bootstrap/east.yaml', 'bootstrap/west.yaml'].each {
    assert new File(rendered, it).isFile() : "missing ${it}"
}
assert new File(rendered, 'overlays/east/workloads/virtualmachine-app-01.yaml').text.contains('qemu-guest-agent') : 'guest templates ran on worker threads'
return true

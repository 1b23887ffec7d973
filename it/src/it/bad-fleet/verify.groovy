// All problems at once, each with file:line:col and a hint; no stack trace; no output written.
def log = new File(basedir, 'build.log').text
[
    'broken-fleet.yaml:6:5: error: unknown key \'hostz\' in cluster \'studio\' [PULSE-UNKNOWN-KEY]',
    'did you mean \'hosts\'?',
    'broken-fleet.yaml:8:33: error: host \'gpu-01\' uses hardware profile \'g493-zb1-rtx6000ad\', which is not defined [PULSE-REF]',
    'did you mean \'g493-zb1-rtx6000ada\'?',
    'broken-fleet.yaml:11:16: error: vm name \'Unreal_01\' is not a DNS-1123 label [PULSE-NAME]',
    'broken-fleet.yaml:11:33: error: vm \'Unreal_01\' has role \'unrel\', which is not defined [PULSE-REF]',
    'broken-fleet.yaml:12:64: error: disk of vm \'control-01\' imports from \'ftp://export.example.com/105.qcow2\', not an http(s) URL [PULSE-DISK]',
    '5 errors',
].each { expected -> assert log.contains(expected) : "build.log lacks: ${expected}" }
assert log.count('5 errors') == 2 : 'validate and render both list all five'
assert !log.contains('\tat dev.pulse') : 'no stack trace for bad input'
assert !new File(basedir, 'deploy').exists() : 'bad input writes nothing'
return true

def log = new File(basedir, 'build.log').text
assert log.contains('cannot write /sys/kernel/pulse-deploy') : 'names the folder'
assert log.contains('make the folder writable, or point pulse.output elsewhere') : 'says what to do'
assert !log.contains('\tat dev.pulse') : 'no stack trace'
return true

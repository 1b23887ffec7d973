// The checks every example shares: a fresh render equals the committed deploy/, and pulse:check accepts it.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 1, Failures: 0, Errors: 0') : "the config repo's API test ran and passed"
return evaluate(new File(itSources, '_shared/verify-example.groovy'))

// The checks every example shares: a fresh render equals the committed deploy/, and pulse:check accepts it.
return evaluate(new File(itSources, '_shared/verify-example.groovy'))

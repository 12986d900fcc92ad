def log = new File(basedir, 'build.log').text

assert log.contains("Readiness configuration error: unknown parameter 'minimun' of coverage (did you mean 'minimum'?); known parameters: ")
assert log.contains('minimum') && log.contains('counter') && log.contains('execFiles')
assert !new File(basedir, 'target/readiness/readiness.json').exists()
assert !log.contains('\tat ')
return true

import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json'))

assert report.verdict == 'FAIL'
def tests = report.checks.find { it.id == 'tests' }
assert tests.status == 'FAIL'
assert tests.evidence.tests == 4 && tests.evidence.failures == 1
assert tests.findings.any { it.message.contains('countsWhatWasNeverAdded') && it.message.contains('an unknown sku has no stock') }
assert log.contains('countsWhatWasNeverAdded')
assert new File(basedir, 'target/readiness/readiness.md').text.contains('countsWhatWasNeverAdded')
assert new File(basedir, 'target/readiness/TEST-readiness.xml').text.contains('<failure')
assert log.contains('BUILD FAILURE')
return true

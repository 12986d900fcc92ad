import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json'))

assert report.schema == 'readiness/v1'
assert report.verdict == 'PASS'
assert report.project.artifactId == 'pass'
assert report.items*.status == ['PASS', 'PASS']
assert new File(basedir, 'target/readiness/readiness.md').text.contains('- [x]')
assert new File(basedir, 'target/readiness/TEST-readiness.xml').text.contains('<testcase')
assert log.contains('Readiness PASS')
assert !log.contains('Exception')

def tests = report.checks.find { it.id == 'tests' }
assert tests.evidence.tests == 3 && tests.evidence.failures == 0 && tests.evidence.errors == 0

// The coverage check's figures equal JaCoCo's own report on the same data.
def coverage = report.checks.find { it.id == 'coverage' }
evaluate(new File(basedir, '../../../src/it/jacoco.groovy')).assertCountersEqualJacocoXml(basedir, coverage)
return true

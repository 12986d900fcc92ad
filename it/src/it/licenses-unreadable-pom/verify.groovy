import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json'))
def licenses = report.checks.find { it.id == 'licenses' }

assert report.verdict == 'FAIL'
assert licenses.status == 'ERROR'
assert licenses.summary.startsWith('could not determine the licenses of 2 dependencies: orphan:1.0, garbled:1.0')
def byKey = licenses.findings.collectEntries { [it.key, it] }
assert byKey.keySet() == ['com.example.it:orphan', 'com.example.it:garbled'] as Set
// the parent that fails is named
assert byKey['com.example.it:orphan'].message.contains('Non-parseable POM ')
assert byKey['com.example.it:orphan'].message.contains('broken-parent-7.pom')
assert byKey['com.example.it:garbled'].message.contains('garbled-1.0.pom')
assert byKey['com.example.it:garbled'].message.startsWith('could not determine the license of com.example.it:garbled:1.0: ')
assert licenses.evidence.unreadable == 2
assert licenses.evidence.licenses == ['Apache-2.0': 1]
// one line each, no stack trace from the check
assert !log.contains('at dev.readiness')
return true

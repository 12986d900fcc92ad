import groovy.json.JsonSlurper

def report = new JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json'))
def licenses = report.checks.find { it.id == 'licenses' }

assert report.verdict == 'PASS'
assert licenses.status == 'PASS'
// commons-lang3, jna, asm; not junit-jupiter-api (test scope) nor its dependencies
assert licenses.evidence.dependencies == 3
assert licenses.evidence.licenses == ['Apache-2.0': 2, 'BSD-3-Clause': 1]
assert licenses.summary == 'all 3 dependencies in scopes compile, runtime are under allowed licenses: Apache-2.0 2, BSD-3-Clause 1'
assert licenses.findings.isEmpty()
def item = report.items.find { it.text == 'License compliance verified' }
assert item.status == 'PASS'
return true

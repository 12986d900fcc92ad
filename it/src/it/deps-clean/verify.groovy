import groovy.json.JsonSlurper

def report = new JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json'))
def scan = report.checks.find { it.id == 'dependencyScan' }

assert report.verdict == 'PASS'
assert scan.status == 'PASS'
assert scan.evidence.dependencies >= 3
assert scan.findings.isEmpty()
return true

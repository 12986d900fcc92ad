import groovy.json.JsonSlurper

def report = new JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json'))
def scan = report.checks.find { it.id == 'dependencyScan' }

assert report.verdict == 'PASS'
assert scan.status == 'PASS'
assert scan.evidence.dependencies >= 3
assert scan.findings.isEmpty()
// maxDatabaseAge 0: the committed database's age is reported, not checked
assert scan.evidence.databaseModified == '2022-03-25T20:56:18Z'
assert scan.evidence.databaseAgeDays > 365
return true

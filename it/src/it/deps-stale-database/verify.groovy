import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json'))
def scan = report.checks.find { it.id == 'dependencyScan' }

assert report.verdict == 'FAIL'
assert scan.status == 'ERROR'
assert scan.summary ==~ /osvDatabase osv is \d+ days old \(its newest record, GHSA-jfh8-c2jp-5v3q, was modified 2022-03-25T20:56:18Z\), older than maxDatabaseAge 168h: advisories published since are missing from it/
assert scan.remedy.contains('https://osv-vulnerabilities.storage.googleapis.com/Maven/all.zip')
assert scan.evidence.databaseModified == '2022-03-25T20:56:18Z'
assert scan.evidence.databaseAgeDays > 365
assert log.contains('BUILD FAILURE')
assert !log.contains('\tat ')
return true

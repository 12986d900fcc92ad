import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json'))
def scan = report.checks.find { it.id == 'dependencyScan' }

assert report.verdict == 'FAIL'
assert scan.status == 'ERROR'
assert scan.summary.contains('127.0.0.1')
assert log.contains('BUILD FAILURE')
assert !log.contains('\tat ')
return true

import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json'))

assert report.verdict == 'FAIL'
def coverage = report.checks.find { it.id == 'coverage' }
assert coverage.status == 'ERROR'
assert coverage.summary.contains('jacoco.exec')
assert coverage.remedy.contains('prepare-agent')
assert report.items.find { it.checks == ['coverage'] }.status == 'ERROR'
assert log.contains('BUILD FAILURE')
assert !log.contains('\tat ')
return true

import groovy.json.JsonSlurper

def report = new JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json'))
assert report.verdict == 'PASS'
def secrets = report.checks.find { it.id == 'secrets' }
assert secrets.status == 'PASS'
assert secrets.evidence.source == 'git index'
assert secrets.evidence.secrets == 0
assert secrets.summary.startsWith('no secret in the ')
return true

import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json'))

assert report.verdict == 'FAIL'
def item = report.items.find { it.text == 'Runbooks created for common issues' }
assert item.checks == ['runbook'] && item.status == 'FAIL' && item.level == 'REQUIRED'
assert report.items.find { it.text == 'Architecture documented' }.status == 'MANUAL'
assert report.checks.find { it.id == 'runbook' }.summary == 'no runbook at docs/RUNBOOK.md'
assert log.contains('Readiness gate failed: 1 required item unmet')
return true

import groovy.json.JsonSlurper

def report = new JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json'))
assert report.verdict == 'PASS'
def item = report.items.find { it.text == 'CI pipeline configured and tested' }
assert item.status == 'SKIPPED'
assert item.claims == [[id: 'pipeline', strength: 'SETTLES', status: 'SKIPPED']]

def pipeline = report.checks.find { it.id == 'pipeline' }.claims.find { it.id == 'pipeline' }
assert pipeline.status == 'SKIPPED'
assert pipeline.summary == 'not running in CI: the claim is decided by the gate\'s run inside the pipeline (.github/workflows/ci.yml' +
        ' runs mvn -B verify (job build) on push, pull_request)'
assert pipeline.evidence.ci == false
def md = new File(basedir, 'target/readiness/readiness.md').text
assert md.contains('not running in CI')
assert new File(basedir, 'build.log').text.contains('BUILD SUCCESS')
return true

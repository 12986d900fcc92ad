import groovy.json.JsonSlurper

def report = new JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json'))
assert report.verdict == 'PASS'
def byText = report.items.collectEntries { [(it.text): it] }
assert byText['CI pipeline configured and tested'].status == 'PASS'
assert byText['CI pipeline configured and tested'].claims*.id == ['pipeline']
// No deploy job: the supporting claims are not evaluated, and their items stay for a person.
assert byText['CD pipeline configured and tested'].claims*.status == ['SKIPPED']
assert byText['Environment promotion workflow defined'].claims*.status == ['SKIPPED']

def check = report.checks.find { it.id == 'pipeline' }
def pipeline = check.claims.find { it.id == 'pipeline' }
assert pipeline.strength == 'SETTLES'
assert pipeline.status == 'PASS'
assert pipeline.summary == 'the gate runs inside .github/workflows/ci.yml (GitHub Actions, GITHUB_WORKFLOW_REF=' +
        'octo/shop/.github/workflows/ci.yml@refs/heads/main, GITHUB_WORKFLOW=CI), which runs mvn -B verify (job build) on push, pull_request'
assert check.evidence.root == '.'
assert pipeline.evidence.running == '.github/workflows/ci.yml'
assert pipeline.evidence.ci.GITHUB_ACTIONS == 'true'
assert new File(basedir, 'build.log').text.contains('BUILD SUCCESS')
return true

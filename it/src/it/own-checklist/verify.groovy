import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json'))

assert report.verdict == 'FAIL'
assert report.checklist == 'PRODUCTION_READINESS.md'
assert report.items.size() == 129   // every item of the checklist, and none "Not on the checklist"
def byText = report.items.collectEntries { [(it.text): it] }

// Unit tests: Surefire's reports settle "All unit tests pass", and nothing else.
def unitItem = byText['All unit tests pass']
assert unitItem.status == 'PASS' && unitItem.claims*.id == ['tests'] && unitItem.claims*.status == ['PASS']
assert unitItem.evidence == '3 tests passed in target/surefire-reports'

// No integration test ran: the item that asks for them is ERROR, never a pass on the unit tests.
def integrationItem = byText['Integration tests pass']
assert integrationItem.status == 'ERROR' && integrationItem.level == 'REQUIRED'
assert integrationItem.checks == ['tests'] && integrationItem.claims*.id == ['tests.integration']
assert integrationItem.evidence == 'no Failsafe reports (TEST-*.xml) in target/failsafe-reports: did maven-failsafe-plugin run?'

// No end-to-end suite is configured: the build cannot know where one writes, so the item is SKIPPED, saying why.
def endToEndItem = byText['End-to-end tests pass']
assert endToEndItem.status == 'SKIPPED' && endToEndItem.claims*.id == ['tests.endToEnd']
assert endToEndItem.evidence == 'no end-to-end test reports to read: endToEndReports is not set'

// By its marker, one item is decided by all three claims: the worst of them.
def preDeployment = byText['All pre-deployment tests passed']
assert preDeployment.claims*.id == ['tests', 'tests.integration', 'tests.endToEnd']
assert preDeployment.claims*.status == ['PASS', 'ERROR', 'SKIPPED'] && preDeployment.status == 'ERROR'

def tests = report.checks.find { it.id == 'tests' }
assert tests.status == 'ERROR'
assert tests.evidence.tests == 3 && tests.evidence.reports == ['target/surefire-reports']   // unit tests alone
def integration = tests.claims.find { it.id == 'tests.integration' }
assert integration.evidence.reports == ['target/failsafe-reports'] && integration.evidence.files == 0
assert integration.remedy.startsWith('Add maven-failsafe-plugin to the build with its integration-test and verify goals')

assert byText['Test coverage meets minimum threshold (>80%)'].checks == ['coverage']
assert byText['Test coverage meets minimum threshold (>80%)'].status == 'PASS'
assert byText['Test coverage meets minimum threshold (>80%)'].level == 'REQUIRED'
assert byText['Code review completed'].status == 'MANUAL' && byText['Code review completed'].level == 'INFO'
assert byText['Code review completed'].section == 'Code Quality and Testing'
assert report.items.count { it.status != 'MANUAL' } == 5
assert report.summary.MANUAL == 124 && report.summary.PASS == 2 && report.summary.ERROR == 2 && report.summary.SKIPPED == 1

def md = new File(basedir, 'target/readiness/readiness.md').text
assert md.contains('## Code Quality and Testing')
assert md.contains('- [x] All unit tests pass — **PASS**')
assert md.contains('- [ ] Integration tests pass — **ERROR**')
assert md.contains('maven-failsafe-plugin')
assert md.contains('- [ ] Code review completed — **MANUAL**')
assert new File(basedir, 'target/readiness/TEST-readiness.xml').text.count('<testcase') == 129
assert log =~ /MANUAL +Code review completed/
assert log.contains('ERROR Integration tests pass: no Failsafe reports (TEST-*.xml) in target/failsafe-reports: '
        + 'did maven-failsafe-plugin run?')
assert log.contains('BUILD FAILURE')
return true

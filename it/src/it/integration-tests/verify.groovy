import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json'))

// Failsafe really ran the integration test.
assert new File(basedir, 'target/failsafe-reports/TEST-demo.LedgerIT.xml').isFile()

assert report.verdict == 'PASS'
def tests = report.checks.find { it.id == 'tests' }
assert tests.claims*.id == ['tests', 'tests.integration']   // no end-to-end verdict: not configured, not asked for

def unit = tests.claims.find { it.id == 'tests' }
assert unit.status == 'PASS'
assert unit.summary == '1 test passed in target/surefire-reports'
assert unit.evidence.tests == 1 && unit.evidence.failures == 0 && unit.evidence.reports == ['target/surefire-reports']
assert tests.evidence.tests == 1   // the check's own evidence is its main claim's: the unit tests alone

def integration = tests.claims.find { it.id == 'tests.integration' }
assert integration.status == 'PASS' && integration.strength == 'SETTLES'
assert integration.summary == '1 test passed in target/failsafe-reports'
assert integration.evidence.tests == 1 && integration.evidence.failures == 0 && integration.evidence.errors == 0
assert integration.evidence.reports == ['target/failsafe-reports'] && integration.evidence.files == 1

// No checklist: the catalog's item for the check, and the offered integration claim on an item of its own.
def byText = report.items.collectEntries { [(it.text): it] }
assert report.items*.text == ['All unit tests pass', 'Integration tests pass']
assert byText['All unit tests pass'].status == 'PASS' && byText['All unit tests pass'].claims*.id == ['tests']
assert byText['Integration tests pass'].status == 'PASS' && byText['Integration tests pass'].claims*.id == ['tests.integration']
assert report.items*.section == ['Readiness checks', 'Readiness checks']   // no checklist: every item is the catalog's

assert log.contains('PASS  Integration tests pass — 1 test passed in target/failsafe-reports')
assert log.contains('Readiness PASS')
return true

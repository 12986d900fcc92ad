import groovy.json.JsonSlurper

def json = { path -> new JsonSlurper().parse(new File(basedir, path)) }
def log = new File(basedir, 'build.log').text
def aggregate = json('target/readiness/readiness.json')
def core = json('core/target/readiness/readiness.json')
def app = json('app/target/readiness/readiness.json')

// Each module is held to its own evidence; the repository-wide check is left to the aggregate.
assert core.verdict == 'PASS'
assert core.project.artifactId == 'core'
assert core.checks.find { it.id == 'tests' }.status == 'PASS'
assert core.checks.find { it.id == 'coverage' }.status == 'PASS'
assert core.checks.find { it.id == 'secrets' }.summary == "check 'secrets' reads the deployed service or the repository as a whole:" +
        " it runs once per build, in the reactor's aggregate (the execution root's target/readiness)"
assert app.checks.find { it.id == 'tests' }.evidence.tests == 2

// The last module decides the reactor's verdict once, in the execution root.
assert log.count('Readiness aggregate of 4 modules') == 1
assert aggregate.project.artifactId == 'multi-module'
assert aggregate.verdict == 'PASS'
assert aggregate.modules*.artifactId == ['multi-module', 'core', 'app', 'report']
assert aggregate.modules*.verdict == ['PASS', 'PASS', 'PASS', 'PASS']
// the secrets check ran here, against the execution root (inside this repository's own clone, git tracks none of the IT's files)
assert !aggregate.checks.find { it.id == 'secrets' }.summary.contains("reactor's aggregate")
def tests = aggregate.checks.find { it.id == 'tests' }
assert tests.status == 'PASS'
assert tests.evidence.tests == 5
assert tests.summary == '5 tests passed in 2 modules'

// Coverage of the whole product: the figures of JaCoCo's own report-aggregate, counter by counter; Pricing, in core,
// counts as covered by app's tests, so the product's line coverage is above core's own.
def coverage = aggregate.checks.find { it.id == 'coverage' }
assert coverage.status == 'PASS'
evaluate(new File(basedir, '../../../src/it/jacoco.groovy'))
        .assertCountersEqualJacocoXml(basedir, coverage, 'report/target/site/jacoco-aggregate/jacoco.xml')
def ratio = { c -> c.covered / (c.covered + c.missed) }
def coreLines = core.checks.find { it.id == 'coverage' }.evidence.counters.LINE
assert ratio(coverage.evidence.counters.LINE) > ratio(coreLines)

assert new File(basedir, 'target/readiness/readiness.md').text.contains('| core | PASS |')
assert !(log =~ /(?m)^\s+at [\w$.]+\(.*\)\s*$/)
return true

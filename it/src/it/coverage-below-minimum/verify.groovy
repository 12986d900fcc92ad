import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json'))

assert report.verdict == 'FAIL'
def coverage = report.checks.find { it.id == 'coverage' }
assert coverage.status == 'FAIL'
def line = coverage.evidence.counters.LINE
def percent = Math.floor(1000.0 * line.covered / (line.covered + line.missed)) / 10
assert coverage.summary.contains("line coverage is ${String.format(Locale.ROOT, '%.1f', percent)}%")
assert coverage.summary.contains('but expected minimum is 80.0%')
assert log.contains('[ERROR] FAIL') && log.contains('line coverage is')
assert log.contains('BUILD FAILURE')
assert log.contains('Readiness gate failed: 1 required item unmet')
assert report.checks.find { it.id == 'tests' }.status == 'PASS'
assert !log.contains('\tat ')
// The figures behind the failure are JaCoCo's own.
evaluate(new File(basedir, '../../../src/it/jacoco.groovy')).assertCountersEqualJacocoXml(basedir, coverage)
return true

// Gatling ran for real against the rate-limited endpoint: 5 answered, 15 refused with 429. The gate read the run's
// index.html and failed the build on the error rate and the throughput, each finding saying measured and expected.
def results = evaluate(new File(basedir, '../../../src/it/load-test-gatling/gatling-run.groovy')).results(basedir, 'orderssimulation')
def report = results.report
def log = results.log
def run = results.run

assert report.verdict == 'FAIL'
assert log.contains('Readiness gate failed: 1 required item unmet')
assert log.contains('BUILD FAILURE')

def performance = report.checks.find { it.id == 'performance' }
assert performance.status == 'FAIL'
def facts = performance.evidence.runs[0]
assert facts.file == run && facts.requests == 20 && facts.errors == 15

def errorRate = "the error rate of all requests in the Gatling run ${run} is 75.0% (15 of 20 failed), but expected at most 1.0%".toString()
assert performance.summary == "${errorRate} (and 1 more in ${run} (Gatling, 20 requests))".toString()
def findings = performance.findings.collectEntries { [(it.key): it.message] }
assert findings.keySet() == ['gatling/orderssimulation/*/errorRate', 'gatling/orderssimulation/*/throughput'] as Set
assert findings['gatling/orderssimulation/*/errorRate'] == errorRate
def throughput = findings['gatling/orderssimulation/*/throughput']
assert throughput.startsWith("the throughput of all requests in the Gatling run ${run} is ".toString())
assert throughput.endsWith(' requests/s, but expected at least 1000 requests/s')
assert performance.findings.every { it.location == run }

assert performance.claims.find { it.id == 'performance.budget' }.status == 'PASS'
assert report.items.find { it.text == 'Performance tests meet target benchmarks' }.status == 'FAIL'
assert report.items.find { it.text == 'Performance budget defined' }.status == 'PASS'
return true

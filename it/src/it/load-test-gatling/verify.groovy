// Gatling ran for real against the service; the gate read the run's index.html (Gatling 3.15 writes no js/stats.json).
def results = evaluate(new File(basedir, '../../../src/it/load-test-gatling/gatling-run.groovy')).results(basedir, 'shopsimulation')
def report = results.report
def log = results.log
def run = results.run
assert new File(basedir, run).isFile()
assert !new File(basedir, run.replace('index.html', 'js/stats.json')).exists()

assert report.verdict == 'PASS'
assert log.contains('Readiness PASS')
assert !log.contains('Exception')

def performance = report.checks.find { it.id == 'performance' }
assert performance.status == 'PASS' : performance.summary
assert performance.summary == "every budget is met by ${run} (Gatling, 40 requests)".toString()
def facts = performance.evidence.runs[0]
assert facts.tool == 'Gatling' && facts.file == run
assert facts.requests == 40 && facts.errors == 0
assert facts.p95Ms > 0 && facts.p95Ms <= 10000
assert new BigDecimal(facts.throughput) >= 2
assert performance.evidence.met.size() == 4
assert performance.evidence.met.contains("the error rate of all requests in the Gatling run ${run} is 0.0% (0 of 40 failed) (at most 0.0%)".toString())
assert performance.evidence.met.any { it.startsWith("p99 of 'catalogue / shop page' in the Gatling run ${run} is ") }

def claims = performance.claims.collectEntries { [(it.id): it] }
assert claims['performance.load'].status == 'PASS'
assert claims['performance.load'].summary == "the Gatling run ${run} reached 40 requests".toString()
assert claims['performance.budget'].status == 'PASS'

['Load testing completed', 'Performance budget defined', 'Performance tests meet target benchmarks'].each { text ->
    assert report.items.find { it.text == text }.status == 'PASS' : text
}
return true

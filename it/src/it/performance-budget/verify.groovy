import groovy.json.JsonSlurper

// The build ran JMH for real: its JSON is in target, newer than the compiled benchmarks.
def results = new JsonSlurper().parse(new File(basedir, 'target/jmh-result.json'))
assert results*.benchmark as Set == ['shop.PriceBenchmark.total', 'shop.PriceBenchmark.copy'] as Set
assert results.every { it.secondaryMetrics['gc.alloc.rate.norm'] != null }

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json'))
assert report.verdict == 'PASS'
assert log.contains('Readiness PASS')
assert !log.contains('Exception')

def performance = report.checks.find { it.id == 'performance' }
assert performance.status == 'PASS'
assert performance.summary == 'every budget is met by target/jmh-result.json (JMH, 2 benchmarks)'
assert performance.evidence.met.size() == 2
assert performance.evidence.met.any { it.startsWith('shop.PriceBenchmark.total (thrpt) scores ') && it.endsWith(' ops/ms, at least 90 ops/ms (the baseline\'s 100 ops/ms less 10.0%)') }
assert performance.evidence.met.any { it.startsWith('shop.PriceBenchmark.copy (avgt) scores ') && it.endsWith(' us/op, at most 2200 us/op (the baseline\'s 2000 us/op plus 10.0%)') }

def claims = performance.claims.collectEntries { [(it.id): it.status] }
assert claims['performance.budget'] == 'PASS'
assert claims['performance.cpu'] == 'PASS'
assert claims['performance.memory'] == 'PASS'

// The main claim settles its item; the supporting ones leave theirs to a person.
def item = report.items.find { it.text == 'Performance tests meet target benchmarks' }
assert item.status == 'PASS'
return true

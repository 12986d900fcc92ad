def service = evaluate(new File(basedir, '../../../src/it/service.groovy'))
def results = service.results(basedir)
def report = results.report
def log = results.log

assert report.stage == 'postDeploy'
assert report.verdict == 'FAIL'
def main = service.claim(report, 'prometheusQuery')
assert main.status == 'FAIL' : main.summary
assert main.summary == "1 of 1 errorRate query fell short: '5xx ratio' is 0.039268921423904306, above its max 0.01"
assert main.findings*.key == ['prometheusQuery:5xx ratio']
assert main.findings[0].location == "https://localhost:${results.ports.https}/api/v1/query".toString()
def item = report.items.find { it.text == 'Error rates within acceptable threshold' }
assert item.status == 'FAIL'
assert item.claims.collect { "${it.id} ${it.strength} ${it.status}".toString() } == ['prometheusQuery SETTLES FAIL']
assert log.contains("'5xx ratio' is 0.039268921423904306, above its max 0.01")
return true

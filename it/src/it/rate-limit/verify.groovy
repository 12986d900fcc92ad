def service = evaluate(new File(basedir, '../../../src/it/service.groovy'))
def results = service.results(basedir)
def report = results.report

assert report.stage == 'postDeploy'
assert report.verdict == 'PASS'
def main = service.claim(report, 'rateLimit')
assert main.status == 'PASS' : main.summary
assert main.summary == "request 6 of 20 to GET https://localhost:${results.ports.https}/api/limited answered 429 Too Many Requests after 5 answers (200 \u00d75); Retry-After: 60".toString()
def check = report.checks.find { it.id == 'rateLimit' }
assert check.evidence.requests == 6
assert check.evidence.statuses == ['200': 5, '429': 1]
def item = report.items.find { it.text == 'API rate limiting implemented' }
assert item.status == 'PASS'
assert item.claims.collect { "${it.id} ${it.strength} ${it.status}".toString() } == ['rateLimit SETTLES PASS']
return true

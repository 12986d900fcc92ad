def service = evaluate(new File(basedir, '../../../src/it/service.groovy'))
def results = service.results(basedir)
def report = results.report
def url = "https://localhost:${results.ports.https}/actuator/flyway"

assert report.stage == 'postDeploy'
assert report.verdict == 'FAIL'
def claim = service.claim(report, 'migrations')
assert claim.status == 'FAIL' : claim.summary
assert claim.summary == "${url}: 2 of 3 repository migrations applied; not as expected: V2__orders_index.sql (unknown to the service's Flyway)".toString()
def finding = claim.findings[0]
assert finding.key == 'migrations:2'
assert finding.location == 'src/main/resources/db/migration/V2__orders_index.sql'
assert report.items.find { it.text == 'Database migrations executed' }.status == 'FAIL'
assert results.log.contains('V2__orders_index.sql')
return true

def service = evaluate(new File(basedir, '../../../src/it/service.groovy'))
def results = service.results(basedir)
def report = results.report
def url = "https://localhost:${results.ports.https}"

assert report.stage == 'postDeploy'
assert report.environment == 'production'
assert report.verdict == 'FAIL'
def main = service.claim(report, 'deployedVersion')
assert main.status == 'PASS' : main.summary
assert main.summary == "${url}/actuator/info reports 1.4.2 in all 3 answers: this build".toString()
def demo = service.claim(report, 'deployedVersion.demo')
assert demo.status == 'FAIL' : demo.summary
assert demo.summary == "${url}/demo/actuator/info reports version 1.4.1, but this build is 1.4.2".toString()
assert demo.findings[0].key == 'deployedVersion.demo:version'

assert report.items.find { it.text == 'Application deployed to production' }.status == 'PASS'
assert report.items.find { it.text == 'Demo environment updated' }.status == 'FAIL'
assert results.log.contains('Demo environment updated')
return true

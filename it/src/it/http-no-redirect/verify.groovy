def service = evaluate(new File(basedir, '../../../src/it/service.groovy'))
def (report, log, ports) = service.results(basedir).values()

// The grade passes (B+), but plain HTTP serves the page: "HTTPS enforced" fails, alone, and fails the build.
assert report.verdict == 'FAIL'
assert log.contains('Readiness gate failed: 1 required item unmet')
assert report.checks.find { it.id == 'securityHeaders' }.evidence.subMap('grade', 'score') == [grade: 'B+', score: 80]
service.assertSecurityItems(report, [securityHeaders: ['PASS', 'PASS'], https: ['FAIL', 'FAIL'], xss: ['PASS', 'PASS'], csrf: ['MANUAL', 'PASS']])

def https = service.claim(report, 'securityHeaders.https')
assert https.summary == "http://localhost:${ports.http}/ answers 200 without redirecting to HTTPS, but expected a redirect to https://localhost/"
assert https.findings*.evidence*.test == ['redirection-missing'] && https.findings[0].evidence.points == -20
assert https.remedy.contains('`301` with `Location: https://localhost/`')
assert new File(basedir, 'target/readiness/readiness.md').text.contains('- [ ] HTTPS enforced — **FAIL** (required)')
return true

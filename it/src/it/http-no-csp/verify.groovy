def service = evaluate(new File(basedir, '../../../src/it/service.groovy'))
def (report, log, ports) = service.results(basedir).values()

// The grade passes (B), but there is no Content-Security-Policy: "XSS protection enabled" fails, alone, and fails the build.
assert report.verdict == 'FAIL'
assert log.contains('Readiness gate failed: 1 required item unmet')
assert report.checks.find { it.id == 'securityHeaders' }.evidence.subMap('grade', 'score') == [grade: 'B', score: 75]
service.assertSecurityItems(report, [securityHeaders: ['PASS', 'PASS'], https: ['PASS', 'PASS'], xss: ['FAIL', 'FAIL'], csrf: ['MANUAL', 'PASS']])

def xss = service.claim(report, 'securityHeaders.xss')
assert xss.summary == "https://localhost:${ports.https}/ sends no Content-Security-Policy, scoring -25 (csp-not-implemented), but expected " +
        "a Content-Security-Policy whose Observatory test scores 0 or more (no 'unsafe-inline' or 'unsafe-eval' scripts, no broad " +
        "script sources, object-src restricted)"
assert xss.findings*.evidence*.test == ['csp-not-implemented'] && xss.findings[0].evidence.points == -25
assert xss.remedy.contains("`Content-Security-Policy: default-src 'self'; script-src 'self'; object-src 'none'")
return true

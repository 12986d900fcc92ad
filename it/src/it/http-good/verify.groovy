import groovy.json.JsonSlurper

def service = evaluate(new File(basedir, '../../../src/it/service.groovy'))
service.stopService(basedir)

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json'))
def check = { id -> report.checks.find { it.id == id } }

assert report.verdict == 'PASS'
assert check('securityHeaders').status == 'PASS'
assert check('securityHeaders').evidence.grade in ['A+', 'A']
assert check('securityHeaders').evidence.score >= 90
assert check('tls').status == 'PASS'
assert check('tls').evidence.daysLeft >= 80
assert check('tls').evidence.protocol in ['TLSv1.2', 'TLSv1.3']
assert check('health').status == 'PASS'
assert check('health').evidence.status == 'UP'

// Each claim of securityHeaders decides its own item: the redirect and HSTS, the CSP; the cookies only support CSRF protection.
service.assertSecurityItems(report, [securityHeaders: ['PASS', 'PASS'], https: ['PASS', 'PASS'], xss: ['PASS', 'PASS'], csrf: ['MANUAL', 'PASS']])
assert report.items.find { it.text == 'CSRF protection enabled' }.evidence.startsWith('supported by securityHeaders.csrf (every session or anti-CSRF cookie set by https://localhost:')
assert service.claim(report, 'securityHeaders.csrf').evidence.judged == ['SESSIONID']

// The token of the settings.xml server is sent (the health endpoint answers 401 without it), and never printed.
['target/readiness/readiness.json', 'target/readiness/readiness.md', 'target/readiness/TEST-readiness.xml', 'build.log'].each {
    assert !new File(basedir, it).text.contains('it-secret-token-0123') : "the secret leaked into ${it}"
}
return true

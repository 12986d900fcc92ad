import groovy.json.JsonSlurper

def service = evaluate(new File(basedir, '../../../src/it/service.groovy'))
service.stopService(basedir)

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json'))
def check = { id -> report.checks.find { it.id == id } }
def md = new File(basedir, 'target/readiness/readiness.md').text

assert report.verdict == 'FAIL'
assert log.contains('BUILD FAILURE')
// The grade, the tls and health checks, and the three claims beside the grade: six required items unmet.
assert log.contains('Readiness gate failed: 6 required items unmet')

def headers = check('securityHeaders')
assert headers.status == 'FAIL'
def tests = headers.findings*.evidence*.test
assert 'hsts-not-implemented' in tests
assert tests.any { it.startsWith('csp-implemented-with-unsafe-inline') }
assert tests.any { it.startsWith('redirection-') && it != 'redirection-to-https' }
assert tests.any { it.startsWith('cookies-') }
assert md.contains('Strict-Transport-Security')
def cookie = headers.findings.find { it.evidence.test == 'cookies-session-without-secure-flag' }
assert cookie.message == 'The Secure flag is missing from session cookie SESSIONID and no HSTS keeps browsers off plain HTTP (cookies-session-without-secure-flag, -40)'
assert cookie.evidence.cookie == 'SESSIONID' && cookie.evidence.value == 'SESSIONID=…; Path=/'
assert md.contains('session cookie SESSIONID')

def ports = service.ports(basedir)
service.assertSecurityItems(report, [securityHeaders: ['FAIL', 'FAIL'], https: ['FAIL', 'FAIL'], xss: ['FAIL', 'FAIL'], csrf: ['FAIL', 'FAIL']])
assert service.claim(report, 'securityHeaders.https').findings*.evidence*.test == ['redirection-missing', 'hsts-not-implemented']
assert service.claim(report, 'securityHeaders.xss').findings*.evidence*.test == ['csp-implemented-with-unsafe-inline']
assert service.claim(report, 'securityHeaders.csrf').summary == "session cookie SESSIONID set by https://localhost:${ports.https}/ lacks " +
        "the Secure flag, the HttpOnly flag and SameSite, but expected every session or anti-CSRF cookie to be Secure, SameSite=Lax " +
        "or Strict (or named __Host-), and HttpOnly if it holds a session"
assert !new File(basedir, 'target/readiness/readiness.json').text.contains('d3m0') : 'the session cookie value is never shown'

def tls = check('tls')
assert tls.status == 'FAIL'
assert tls.evidence.daysLeft <= 5
assert tls.summary.contains('expires in')

def health = check('health')
assert health.status == 'FAIL'
assert health.summary.contains('db')
assert md.contains('Connection refused')

['target/readiness/readiness.json', 'target/readiness/readiness.md', 'build.log'].each {
    assert !new File(basedir, it).text.contains('it-secret-token-0123') : "the secret leaked into ${it}"
}
assert !log.contains('\tat ')
return true

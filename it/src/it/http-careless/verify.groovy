import groovy.json.JsonSlurper

def service = evaluate(new File(basedir, '../../../src/it/service.groovy'))
service.stopService(basedir)

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json'))
def check = { id -> report.checks.find { it.id == id } }
def md = new File(basedir, 'target/readiness/readiness.md').text

assert report.verdict == 'FAIL'
assert log.contains('BUILD FAILURE')
assert log.contains('Readiness gate failed: 3 required items unmet')

def headers = check('securityHeaders')
assert headers.status == 'FAIL'
def tests = headers.findings*.evidence*.test
assert 'hsts-not-implemented' in tests
assert tests.any { it.startsWith('csp-implemented-with-unsafe-inline') }
assert tests.any { it.startsWith('redirection-') && it != 'redirection-to-https' }
assert tests.any { it.startsWith('cookies-') }
assert md.contains('Strict-Transport-Security') && md.contains('session cookie')

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

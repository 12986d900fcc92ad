def service = evaluate(new File(basedir, '../../../src/it/service.groovy'))
def (report, log, ports) = service.results(basedir).values()

// Every claim that can be decided passes; the page sets no cookie, so CSRF is not evaluated: its item stays MANUAL (which
// does not fail the build) and says how to point csrfUrl at the login page.
assert report.verdict == 'PASS'
assert report.checks.find { it.id == 'securityHeaders' }.evidence.grade == 'A+'
service.assertSecurityItems(report, [securityHeaders: ['PASS', 'PASS'], https: ['PASS', 'PASS'], xss: ['PASS', 'PASS'], csrf: ['MANUAL', 'SKIPPED']])

assert report.items.find { it.text == 'CSRF protection enabled' }.evidence == "securityHeaders.csrf not evaluated: no cookie was set by " +
        "https://localhost:${ports.https}/, so CSRF protection was not evaluated (set csrfUrl to a page that sets the session cookie, " +
        "e.g. the login page); needs a person's attestation"
assert service.claim(report, 'securityHeaders.csrf').remedy.startsWith('Point the csrfUrl parameter of securityHeaders at a page that sets the session cookie')
assert new File(basedir, 'target/readiness/readiness.md').text.contains('- [ ] CSRF protection enabled — **MANUAL**')
return true

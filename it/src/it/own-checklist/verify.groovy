import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json'))

assert report.verdict == 'PASS'
assert report.checklist == 'PRODUCTION_READINESS.md'
assert report.items.size() == 129
def byText = report.items.collectEntries { [(it.text): it] }
assert byText['All unit tests pass'].checks == ['tests'] && byText['All unit tests pass'].status == 'PASS'
assert byText['Integration tests pass'].checks == ['tests']
assert byText['All pre-deployment tests passed'].checks == ['tests']   // by its marker
assert byText['Test coverage meets minimum threshold (>80%)'].checks == ['coverage']
assert byText['Test coverage meets minimum threshold (>80%)'].level == 'REQUIRED'
assert byText['End-to-end tests pass'].status == 'MANUAL'
assert byText['Code review completed'].status == 'MANUAL' && byText['Code review completed'].level == 'INFO'
assert report.items.count { it.status != 'MANUAL' } == 4
assert report.summary.MANUAL == 125 && report.summary.PASS == 4
assert byText['Code review completed'].section == 'Code Quality and Testing'

def md = new File(basedir, 'target/readiness/readiness.md').text
assert md.contains('## Code Quality and Testing')
assert md.contains('- [x] All unit tests pass — **PASS**')
assert md.contains('- [ ] Code review completed — **MANUAL**')
assert new File(basedir, 'target/readiness/TEST-readiness.xml').text.count('<testcase') == 129
assert log.contains('MANUAL  Code review completed')
return true

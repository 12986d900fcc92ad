import groovy.json.JsonSlurper

// The real tools wrote their reports in this build, before the gate.
['spotbugsXml.xml', 'spotbugsSarif.json', 'pmd.xml', 'checkstyle-result.xml'].each {
    assert new File(basedir, "target/$it").isFile() : it
}
def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json'))
assert report.verdict == 'FAIL'
def byText = report.items.collectEntries { [(it.text): it] }
assert byText['Static code analysis issues addressed'].status == 'FAIL'
assert byText['SQL injection protection verified'].status == 'FAIL'
// SpotBugs' own SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE (SECURITY, priority 1) is a HIGH security issue.
assert byText['Security audit completed with no high-severity issues'].status == 'FAIL'

def check = report.checks.find { it.id == 'staticAnalysis' }
assert check.status == 'FAIL'
assert check.evidence.reports == ['target/spotbugsXml.xml (SpotBugs)', 'target/pmd.xml (PMD)',
                                  'target/checkstyle-result.xml (Checkstyle)', 'target/spotbugsSarif.json (SpotBugs)']
assert check.evidence.issues == [HIGH: 1, MEDIUM: 1, LOW: 0]
// Two detectors flag the executeQuery line: SpotBugs' own (priority 1) and Find Security Bugs' taint analysis (priority 2).
// SpotBugs' XML report and its SARIF log name each issue once.
def nonConstant = 'src/main/java/shop/Accounts.java:27:spotbugs/SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE'
def injection = 'src/main/java/shop/Accounts.java:27:spotbugs/SQL_INJECTION_JDBC'
assert check.findings*.key == [nonConstant, injection]
assert check.findings*.location == ['src/main/java/shop/Accounts.java:27'] * 2
assert check.findings*.evidence*.cwe == [[89], [89]]
assert check.findings*.evidence*.severity == ['HIGH', 'MEDIUM']
def finding = check.findings.find { it.key == injection }
assert finding.message.startsWith('src/main/java/shop/Accounts.java:27: This use of java/sql/Statement.executeQuery')
assert finding.evidence.fix.contains('https://find-sec-bugs.github.io/bugs.htm#SQL_INJECTION_JDBC')

def sql = check.claims.find { it.id == 'staticAnalysis.sqlInjection' }
assert sql.strength == 'SUPPORTS'
assert sql.status == 'FAIL'
assert sql.summary == '2 SQL injection issues (CWE-89) found: the first at src/main/java/shop/Accounts.java:27 (spotbugs ' +
        'SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE)'
assert sql.findings*.key == [nonConstant, injection]
def security = check.claims.find { it.id == 'staticAnalysis.security' }
assert security.status == 'FAIL'
assert security.findings*.key == [nonConstant]

def sarif = new File(basedir, 'target/readiness/readiness.sarif').text
assert sarif.contains('src/main/java/shop/Accounts.java')
assert log.contains('SQL injection protection verified')
assert log.contains('BUILD FAILURE')
return true

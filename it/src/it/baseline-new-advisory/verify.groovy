import groovy.json.JsonSlurper
import java.time.LocalDate
import java.time.ZoneOffset

def log = new File(basedir, 'build.log').text
def today = LocalDate.now(ZoneOffset.UTC).toString()

// 1: the baseline records the Log4Shell advisory on both of dependencyScan's claims
assert log.contains('Recorded 2 findings in readiness-baseline.json (dependencyScan: 1, dependencyScan.audit: 1)')

// 2: known, so the gate passes
assert log =~ /WAIVED +Security scanning completed .*\(known since ${today}, in readiness-baseline\.json\)/

// 3: the new advisory fails the gate; the known one is listed as known
def report = new JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json'))
assert report.verdict == 'FAIL'
def scan = report.checks.find { it.id == 'dependencyScan' }
def known = scan.findings.find { it.key == 'GHSA-jfh8-c2jp-5v3q' }
def added = scan.findings.find { it.key == 'GHSA-6phf-73q6-gh87' }
assert known.baseline == [since: today, file: 'readiness-baseline.json']
assert added != null && added.baseline == null && added.waiver == null
assert added.evidence.package == 'commons-beanutils:commons-beanutils' && added.evidence.version == '1.8.3'
def item = report.items.find { it.text == 'Security scanning completed' }
assert item.status == 'FAIL'
assert item.evidence.endsWith("(failing on GHSA-6phf-73q6-gh87; known: GHSA-jfh8-c2jp-5v3q since ${today} in readiness-baseline.json)")
assert log.contains('FAIL Security scanning completed: 2 vulnerable dependencies: 2 at or above HIGH (log4j-core:2.14.1'
        + ' GHSA-jfh8-c2jp-5v3q CRITICAL, commons-beanutils:1.8.3 GHSA-6phf-73q6-gh87 HIGH), but expected none at or above HIGH'
        + " (failing on GHSA-6phf-73q6-gh87; known: GHSA-jfh8-c2jp-5v3q since ${today} in readiness-baseline.json)")

// 4: log4j upgraded: both entries no longer occur and are pruned
assert log.contains('Removed 2 findings that no longer occur from readiness-baseline.json; 0 remain')
def baseline = new JsonSlurper().parse(new File(basedir, 'readiness-baseline.json'))
assert baseline.schema == 'readiness-baseline/v1' && baseline.date == today && baseline.findings.isEmpty()
return true

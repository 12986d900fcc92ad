import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json'))
def scan = report.checks.find { it.id == 'dependencyScan' }

assert report.verdict == 'FAIL'
assert scan.status == 'FAIL'
assert scan.evidence.source == 'offline-database'
def finding = scan.findings.find { it.evidence.id == 'GHSA-jfh8-c2jp-5v3q' }
assert finding != null
assert finding.evidence.aliases == ['CVE-2021-44228']
assert finding.evidence.severity == 'CRITICAL'
assert finding.evidence.package == 'org.apache.logging.log4j:log4j-core'
assert finding.evidence.version == '2.14.1'
assert '2.15.0' in finding.evidence.fixed
assert finding.evidence.path == 'log4j-slf4j-impl:2.14.1 → log4j-core:2.14.1'
assert new File(basedir, 'target/readiness/readiness.md').text.contains('log4j-slf4j-impl:2.14.1 → log4j-core:2.14.1')
def html = new File(basedir, 'target/readiness/readiness.html').text
assert html.contains('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; script-src \'sha256-')
assert html.contains('<section id="dependencies">')
assert html.contains('<li><code>log4j-slf4j-impl:2.14.1</code>\n<ul>\n<li><code>log4j-core:2.14.1</code><div class="advisory" data-key="GHSA-jfh8-c2jp-5v3q">')
assert !(html =~ /(src|href)="(https?:|\/\/)/)
assert log.contains('readiness.sarif, readiness.html')
assert log.contains('BUILD FAILURE')
return true

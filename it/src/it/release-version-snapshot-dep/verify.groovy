import groovy.json.JsonSlurper

def report = new JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json'))
assert report.verdict == 'FAIL'
def item = report.items.find { it.text == 'Artifact versioning implemented' }
assert item.status == 'FAIL'
assert item.claims*.id == ['releaseVersion']

def check = report.checks.find { it.id == 'releaseVersion' }
assert check.status == 'FAIL'
// The SNAPSHOT dependency is the only cause: the version is above both release tags.
assert check.findings.size() == 1
def finding = check.findings[0]
assert finding.key ==~ /dev\.readiness:readiness-checks:.+-SNAPSHOT/
assert finding.evidence.package == 'dev.readiness:readiness-checks'
assert finding.evidence.version.endsWith('-SNAPSHOT')
assert finding.evidence.scope == 'compile'
assert finding.location == "release-version-snapshot-dep:1.1.0 > readiness-checks:${finding.evidence.version}"
assert finding.message.startsWith("dependency dev.readiness:readiness-checks:${finding.evidence.version} (compile) is a SNAPSHOT")
assert check.summary.startsWith('the release version 1.1.0 is not releasable as it stands: dependency dev.readiness:readiness-checks:')
assert check.evidence.snapshotDependencies == 1
assert check.evidence.tags.read == 2
assert new File(basedir, 'build.log').text.contains('BUILD FAILURE')
return true

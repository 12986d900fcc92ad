import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json'))
def licenses = report.checks.find { it.id == 'licenses' }

assert report.verdict == 'FAIL'
assert licenses.status == 'FAIL'
def byKey = licenses.findings.collectEntries { [it.key, it] }
assert byKey.keySet() == ['net.jcip:jcip-annotations', 'javax.annotation:javax.annotation-api', 'org.junit.jupiter:junit-jupiter-api',
                          'org.junit.platform:junit-platform-commons'] as Set
assert byKey['net.jcip:jcip-annotations'].message == "net.jcip:jcip-annotations:1.0 declares no license (no <licenses> in its POM or its parents' POMs)"
assert byKey['javax.annotation:javax.annotation-api'].message.contains("'CDDL + GPLv2 with classpath exception'")
assert byKey['javax.annotation:javax.annotation-api'].message.endsWith('matches no license of the SPDX list by id, name or URL')
assert byKey['org.junit.jupiter:junit-jupiter-api'].message.endsWith('maps to EPL-2.0 (by URL), which is denied')
// junit-jupiter-api's own dependencies are read too: junit-platform-commons (EPL-2.0) fails with the path that pulls it in,
// opentest4j and apiguardian (Apache-2.0) pass like commons-lang3
def commons = byKey['org.junit.platform:junit-platform-commons']
assert commons.location == 'junit-jupiter-api:5.11.3 → junit-platform-commons:1.11.3'
assert commons.message.endsWith('which is denied; pulled in by junit-jupiter-api:5.11.3 → junit-platform-commons:1.11.3')
assert licenses.evidence.dependencies == 7
assert licenses.evidence.licenses == ['Apache-2.0': 3]
assert log.contains('BUILD FAILURE')
assert log.contains('jcip-annotations:1.0')
return true

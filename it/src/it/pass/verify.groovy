import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json'))

assert report.schema == 'readiness/v1'
assert report.verdict == 'PASS'
assert report.project.artifactId == 'pass'
assert report.items*.status == ['PASS', 'PASS']
assert new File(basedir, 'target/readiness/readiness.md').text.contains('- [x]')
assert new File(basedir, 'target/readiness/TEST-readiness.xml').text.contains('<testcase')
assert log.contains('Readiness PASS')
assert !log.contains('Exception')

def tests = report.checks.find { it.id == 'tests' }
assert tests.evidence.tests == 3 && tests.evidence.failures == 0 && tests.evidence.errors == 0

// The coverage check's figures equal JaCoCo's own report on the same data.
def coverage = report.checks.find { it.id == 'coverage' }
def factory = javax.xml.parsers.DocumentBuilderFactory.newInstance()
factory.setFeature('http://apache.org/xml/features/nonvalidating/load-external-dtd', false)
def jacoco = factory.newDocumentBuilder().parse(new File(basedir, 'target/site/jacoco/jacoco.xml')).documentElement
def reportCounters = (0..<jacoco.childNodes.length).collect { jacoco.childNodes.item(it) }.findAll { it.nodeName == 'counter' }
assert reportCounters.size() == 6
reportCounters.each { c ->
    def type = c.getAttribute('type')
    def ours = coverage.evidence.counters[type]
    assert ours.covered == (c.getAttribute('covered') as int) : "${type} covered: ours ${ours.covered}, jacoco.xml ${c.getAttribute('covered')}"
    assert ours.missed == (c.getAttribute('missed') as int) : "${type} missed: ours ${ours.missed}, jacoco.xml ${c.getAttribute('missed')}"
}
println "coverage counters equal jacoco.xml: ${coverage.evidence.counters}"
return true

// Shared by the coverage ITs: asserts that the coverage check's counters equal JaCoCo's own
// jacoco.xml report of the same build, counter by counter.
def assertCountersEqualJacocoXml(File basedir, Map coverage) {
    def factory = javax.xml.parsers.DocumentBuilderFactory.newInstance()
    factory.setFeature('http://apache.org/xml/features/nonvalidating/load-external-dtd', false)
    def report = factory.newDocumentBuilder().parse(new File(basedir, 'target/site/jacoco/jacoco.xml')).documentElement
    def counters = (0..<report.childNodes.length).collect { report.childNodes.item(it) }.findAll { it.nodeName == 'counter' }
    assert counters.size() == 6
    counters.each { c ->
        def type = c.getAttribute('type')
        def ours = coverage.evidence.counters[type]
        assert ours.covered == (c.getAttribute('covered') as int) : "${type} covered: ours ${ours.covered}, jacoco.xml ${c.getAttribute('covered')}"
        assert ours.missed == (c.getAttribute('missed') as int) : "${type} missed: ours ${ours.missed}, jacoco.xml ${c.getAttribute('missed')}"
    }
    println "coverage counters equal jacoco.xml: ${coverage.evidence.counters}"
}

return this

// Shared by the coverage ITs: asserts that the coverage check's counters equal JaCoCo's own
// jacoco.xml report of the same build (or another report of JaCoCo's, such as report-aggregate's), counter by counter.
def assertCountersEqualJacocoXml(File basedir, Map coverage, String report = 'target/site/jacoco/jacoco.xml') {
    def factory = javax.xml.parsers.DocumentBuilderFactory.newInstance()
    factory.setFeature('http://apache.org/xml/features/nonvalidating/load-external-dtd', false)
    def root = factory.newDocumentBuilder().parse(new File(basedir, report)).documentElement
    def counters = (0..<root.childNodes.length).collect { root.childNodes.item(it) }.findAll { it.nodeName == 'counter' }
    assert counters.size() == 6
    counters.each { c ->
        def type = c.getAttribute('type')
        def ours = coverage.evidence.counters[type]
        assert ours.covered == (c.getAttribute('covered') as int) : "${type} covered: ours ${ours.covered}, ${report} ${c.getAttribute('covered')}"
        assert ours.missed == (c.getAttribute('missed') as int) : "${type} missed: ours ${ours.missed}, ${report} ${c.getAttribute('missed')}"
    }
    println "coverage counters equal ${report}: ${coverage.evidence.counters}"
}

return this

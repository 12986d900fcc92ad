// Shared by the load-test-gatling ITs' verify scripts: stops the demo service and returns what the build left:
// [report: readiness.json, log: build.log's text, run: the one Gatling run's index.html as the gate names it].
def results(File basedir, String simulation) {
    def results = evaluate(new File(basedir, '../../../src/it/service.groovy')).results(basedir)
    def runs = new File(basedir, 'target/gatling').listFiles().findAll { it.directory && it.name.startsWith("${simulation}-") }
    assert runs.size() == 1
    assert results.log.contains('Reports generated')
    return results + [run: "target/gatling/${runs[0].name}/index.html".toString()]
}

return this

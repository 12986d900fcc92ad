import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def modules = ['catalog', 'orders', 'payments', 'shipping']

// Every module's report is whole: it parses and holds its own project, items and checks.
def reports = ['.': new JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json'))]
modules.each { reports[it] = new JsonSlurper().parse(new File(basedir, "$it/target/readiness/readiness.json")) }
reports.each { folder, report ->
    assert report.schema == 'readiness/v1'
    assert report.verdict == 'PASS'
    assert report.project.artifactId == (folder == '.' ? 'parallel-reactor' : folder)
    assert report.items*.key == ['tests', 'dependencyScan', 'security-audit-completed-with-no-high-severity-issues']
    assert report.checks*.id == ['tests', 'dependencyScan']
    def scan = report.checks.find { it.id == 'dependencyScan' }
    assert scan.status == 'PASS'
    // orders, payments and shipping each depend on catalog, and read the one offline database at once
    assert scan.evidence.source == (folder in ['.', 'catalog'] ? 'none' : 'offline-database')
}
modules.each { assert reports[it].checks.find { c -> c.id == 'tests' }.status == 'PASS' }
assert reports['.'].checks.find { it.id == 'tests' }.status == 'SKIPPED'

// The step summary holds each module's block once and whole: it is the modules' readiness.md, one after another,
// in whatever order they finished, each starting with the checklist's title line and none cut into by another.
def summary = new File(basedir, 'target/summary.md').text
def expected = (['.'] + modules).collect { new File(basedir, "$it/target/readiness/readiness.md").text + '\n' }
def title = expected[0].readLines()[0]
assert title == '# Production readiness'
def blocks = summary.split(/(?m)(?=^# )/) as List
assert blocks.size() == 5
blocks.each { assert it.startsWith(title + '\n') }
assert blocks.sort() == expected.sort()
(['parallel-reactor'] + modules).each { artifactId ->
    assert summary.count("for `dev.readiness.it:${artifactId}:1.0`") == 1
}

// The modules were built at once, and nothing crashed.
assert log.contains('Using the MultiThreadedBuilder') || log =~ /(?i)multi-?threaded/
assert log.contains('BUILD SUCCESS')
assert !(log =~ /(?m)^\s+at [\w$.]+\(.*\)\s*$/)
assert !log.contains('Caused by:')
assert !log.contains('Exception in thread')
return true

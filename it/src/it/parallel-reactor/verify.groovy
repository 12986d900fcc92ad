import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def modules = ['catalog', 'orders', 'payments', 'shipping']

// Every module's report is whole: it parses and holds its own project, items and checks.
def reports = [:]
modules.each { reports[it] = new JsonSlurper().parse(new File(basedir, "$it/target/readiness/readiness.json")) }
reports.each { folder, report ->
    assert report.schema == 'readiness/v1'
    assert report.verdict == 'PASS'
    assert report.project.artifactId == folder
    assert report.items*.key == ['tests', 'dependencyScan', 'security-audit-completed-with-no-high-severity-issues']
    assert report.checks*.id == ['tests', 'dependencyScan']
    def scan = report.checks.find { it.id == 'dependencyScan' }
    assert scan.status == 'PASS'
    // orders, payments and shipping each depend on catalog, and read the one offline database at once
    assert scan.evidence.source == (folder == 'catalog' ? 'none' : 'offline-database')
    assert report.checks.find { c -> c.id == 'tests' }.status == 'PASS'
}

// Whichever module finished last decided the reactor's verdict, once, into the execution root's report.
def aggregate = new JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json'))
assert log.count('Readiness aggregate of 5 modules') == 1
assert aggregate.project.artifactId == 'parallel-reactor'
assert aggregate.verdict == 'PASS'
assert aggregate.modules*.artifactId == ['parallel-reactor'] + modules
def tests = aggregate.checks.find { it.id == 'tests' }
assert tests.evidence.tests == modules.sum { reports[it].checks.find { c -> c.id == 'tests' }.evidence.tests }
assert tests.evidence.modules == ['parallel-reactor': 'SKIPPED'] + modules.collectEntries { [(it): 'PASS'] }
assert aggregate.checks.find { it.id == 'dependencyScan' }.status == 'PASS'

// The step summary holds the reactor's verdict once and whole (the modules' own reports stay in their folders).
def summary = new File(basedir, 'target/summary.md').text
assert summary == new File(basedir, 'target/readiness/readiness.md').text + '\n'
assert summary.startsWith('# Production readiness\n')
assert summary.count('for `dev.readiness.it:parallel-reactor:1.0`') == 1
modules.each { assert summary.contains("| ${it} | PASS |") }

// The modules were built at once, and nothing crashed.
assert log.contains('Using the MultiThreadedBuilder') || log =~ /(?i)multi-?threaded/
assert log.contains('BUILD SUCCESS')
assert !(log =~ /(?m)^\s+at [\w$.]+\(.*\)\s*$/)
assert !log.contains('Caused by:')
assert !log.contains('Exception in thread')
return true

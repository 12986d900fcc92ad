import groovy.json.JsonSlurper

def json = { path -> new JsonSlurper().parse(new File(basedir, path)) }
def log = new File(basedir, 'build.log').text
def root = new File(basedir as File, 'target/readiness').canonicalPath

// 1: the whole reactor; tools sets readiness.skip in its POM, so the aggregate leaves it out.
assert log.count('Readiness gate skipped (readiness.skip)') == 1
assert log.count('Readiness aggregate of 3 modules') == 1
assert log.contains('PASS  All unit tests pass — 3 tests passed in 2 modules')

// 2 and 3: -pl core is still a build of the reactor: core decides on its own evidence into its own reports, and the
// aggregate goes to the execution root's target/readiness, naming the modules not built (tools, which opts out, is
// not wanted).
assert log.count('Readiness aggregate of 1 module,') == 2
assert log.count('[WARNING] the aggregate covers the modules built in this run; not built (-pl, -rf): app, reactor-partial') == 2
// the parent's own report and the aggregate in 1, the aggregates of 2 and 3; core's own stay in core/target/readiness
assert log.count("Reports: ${root}/readiness.md") == 4

def core = json('core/target/readiness/readiness.json')
assert core.project.artifactId == 'core'
assert core.verdict == 'PASS'
assert core.modules == null

// 3: requireFullReactor turns the modules not built into the aggregate's failure, and the build's.
def aggregate = json('target/readiness/readiness.json')
assert aggregate.project.artifactId == 'reactor-partial'
assert aggregate.verdict == 'FAIL'
assert aggregate.modules*.artifactId == ['core']
assert aggregate.notices == ['the aggregate covers the modules built in this run; not built (-pl, -rf): app, reactor-partial']
assert log.contains('Readiness gate failed for the reactor: 1 reason')
assert log.contains('requireFullReactor: the modules app, reactor-partial were not built, so the aggregate cannot speak'
        + ' for the whole product: build the full reactor')
assert log.contains("See ${root}/readiness.md")
assert log.contains('BUILD FAILURE')

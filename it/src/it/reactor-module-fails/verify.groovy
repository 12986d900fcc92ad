import groovy.json.JsonSlurper

def json = { path -> new JsonSlurper().parse(new File(basedir, path)) }
def log = new File(basedir, 'build.log').text

// core's gate fails on its own evidence, and the build stops there: app never runs.
assert log.contains('Readiness gate failed: 1 required item unmet')
assert !new File(basedir, 'app/target').exists()

// The execution root keeps the reactor's verdict so far, not the parent's own passing report: a partial aggregate of
// the modules that ran, naming the one that did not, FAIL.
assert log.contains('Readiness aggregate of 2 modules, in ' + (basedir as File).canonicalPath + ' (partial: a module failed; not run: app)')
def aggregate = json('target/readiness/readiness.json')
assert aggregate.project.artifactId == 'reactor-module-fails'
assert aggregate.verdict == 'FAIL'
assert aggregate.modules*.artifactId == ['reactor-module-fails', 'core']
assert aggregate.modules*.verdict == ['PASS', 'FAIL']
assert aggregate.failures.contains('a module failed the gate before app ran it, so this aggregate covers only reactor-module-fails,'
        + ' core: fix the failing module and build the reactor again')
assert new File(basedir, 'target/readiness/readiness.md').text.contains('a module failed the gate before app ran it')

def core = json('core/target/readiness/readiness.json')
assert core.verdict == 'FAIL'
assert core.modules == null

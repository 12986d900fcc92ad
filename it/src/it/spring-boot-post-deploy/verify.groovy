def ports = new Properties()
new File(basedir, 'test.properties').withReader { ports.load(it) }
def slurper = new groovy.json.JsonSlurper()
def report = slurper.parse(new File(basedir, 'target/readiness/readiness.json'))
def build = slurper.parse(new File(basedir, 'target/readiness-build/readiness.json'))
def log = new File(basedir, 'build.log').text
def target = "http://127.0.0.1:${ports['boot.port']}"
def claim = { json, String id -> json.checks.find { it.id == id.tokenize('.')[0] }.claims.find { it.id == id } }
def item = { json, String text -> json.items.find { it.text == text } }

// after deployment, for production: every claim of the run passes against the real service
assert report.stage == 'postDeploy'
assert report.environment == 'production'
assert report.verdict == 'PASS'
def version = claim(report, 'deployedVersion')
assert version.status == 'PASS' : version.summary
assert version.summary == "${target}/actuator/info reports 2.3.0 in all 3 answers: this build".toString()
def migrations = claim(report, 'migrations')
assert migrations.status == 'PASS' : migrations.summary
assert migrations.summary == "${target}/actuator/flyway: all 2 repository migrations applied, none pending or failed".toString()
def integrations = claim(report, 'health.integrations')
assert integrations.status == 'PASS' : integrations.summary
assert integrations.summary == "db is UP in the health answer of ${target}/actuator/health".toString()
assert claim(report, 'smoke').status == 'PASS' : claim(report, 'smoke').summary
def passed = claim(report, 'smoke.passed')
assert passed.status == 'PASS' : passed.summary
assert passed.findings.isEmpty()
['Application deployed to production', 'Database migrations executed', 'External service integrations verified',
 'Smoke tests executed', 'Deployment verification tests passed'].each {
    assert item(report, it).status == 'PASS' : it
}
// health itself belongs to the build stage: not run after deployment
assert claim(report, 'health').status == 'SKIPPED'

// the build stage's run against the same service: health UP, and the application's own counter is a metric
assert build.stage == 'build'
assert build.verdict == 'PASS'
assert claim(build, 'health').status == 'PASS' : claim(build, 'health').summary
def metrics = claim(build, 'metrics')
assert metrics.status == 'PASS' : metrics.summary
assert metrics.summary.startsWith("${target}/actuator/prometheus exposes 1 application metric (orders_placed_total) besides ")
assert item(build, 'Metrics collection configured').status == 'PASS'
// Spring Boot's HikariCP pool and its DataSource metrics show a pool; the item needs a person's attestation
assert claim(build, 'metrics.connectionPool').summary.contains('HikariPool-1 (hikaricp_connections_max 10)')
assert item(build, 'Database connection pooling configured').status == 'MANUAL'

// the real service answered: Flyway migrated its H2 database and Tomcat listened on the reserved port
assert log.contains('Successfully applied 2 migrations to schema "PUBLIC"')
assert log.contains("Tomcat started on port ${ports['boot.port']} (http)")
// and it is gone (spring-boot:stop, or its build's end): nothing listens on its port any more
try {
    new Socket('127.0.0.1', ports['boot.port'] as int).close()
    assert false : "the service still listens on ${target}"
} catch (ConnectException expected) {
    // stopped
}
return true

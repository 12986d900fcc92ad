def ports = new Properties()
new File(basedir, 'test.properties').withReader { ports.load(it) }
def slurper = new groovy.json.JsonSlurper()
def report = slurper.parse(new File(basedir, 'target/readiness/readiness.json'))
def build = slurper.parse(new File(basedir, 'target/readiness-build/readiness.json'))
def twin = slurper.parse(new File(basedir, 'target/readiness-twin/readiness.json'))
def log = new File(basedir, 'build.log').text
def target = "http://127.0.0.1:${ports['boot.port']}"
def twinTarget = "http://127.0.0.1:${ports['twin.port']}"
def claim = { json, String id -> json.checks.find { it.id == id.tokenize('.')[0] }.claims.find { it.id == id } }
def item = { json, String text -> json.items.find { it.text == text } }
// a postDeploy run for production with its verdict
def postDeploy = { json, String verdict ->
    assert json.stage == 'postDeploy'
    assert json.environment == 'production'
    assert json.verdict == verdict
}
// the claim, decided with this status and summary
def decided = { json, String id, String status, String summary ->
    def decision = claim(json, id)
    assert decision.status == status : decision.summary
    assert decision.summary == summary
    decision
}

// after deployment, for production: every claim of the run passes against the real service
postDeploy(report, 'PASS')
decided(report, 'deployedVersion', 'PASS', "${target}/actuator/info reports 2.3.0 in all 3 answers: this build".toString())
decided(report, 'migrations', 'PASS', "${target}/actuator/flyway: all 2 repository migrations applied, none pending or failed".toString())
decided(report, 'health.integrations', 'PASS', "db is UP in the health answer of ${target}/actuator/health".toString())
assert claim(report, 'smoke').status == 'PASS' : claim(report, 'smoke').summary
def passed = claim(report, 'smoke.passed')
assert passed.status == 'PASS' : passed.summary
assert passed.findings.isEmpty()
// springdoc's live spec lists the same two operations as the committed one
def openApi = decided(report, 'openApi', 'PASS',
        "src/main/resources/openapi.yaml validates and lists the same 2 operations as the live spec ${target}/v3/api-docs".toString())
assert openApi.measured == '2 of 2 operations documented'
// the limiter lets 5 GETs of /api/orders through and answers the 6th 429, saying when to come back
def limit = claim(report, 'rateLimit')
assert limit.status == 'PASS' : limit.summary
def limited = limit.summary =~ /^request 6 of 20 to GET \Q${target}\E\/api\/orders answered 429 Too Many Requests after 5 answers \(200 \u00d75\); Retry-After: (\d+); RateLimit-Policy: "orders";q=5;w=60$/
assert limited.matches() : limit.summary
assert (limited.group(1) as int) in 1..60
assert report.checks.find { it.id == 'rateLimit' }.evidence.statuses == ['200': 5, '429': 1]
['Application deployed to production', 'Database migrations executed', 'External service integrations verified',
 'Smoke tests executed', 'Deployment verification tests passed', 'API rate limiting implemented'].each {
    assert item(report, it).status == 'PASS' : it
}
// the same operations as the live spec support the item, which a person then attests: their schemas are not compared
assert item(report, 'API documentation updated').status == 'MANUAL'
assert item(report, 'API documentation updated').claims*.status == ['PASS']
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

// the twin the rollout left behind: its Flyway stopped at V1, and it reports the release before; the gate fails
postDeploy(twin, 'FAIL')
def twinVersion = decided(twin, 'deployedVersion', 'FAIL',
        "${twinTarget}/actuator/info reports version 2.2.0, but this build is 2.3.0".toString())
assert twinVersion.findings*.key == ['deployedVersion:version']
def twinMigrations = decided(twin, 'migrations', 'FAIL', "${twinTarget}/actuator/flyway: 1 of 2 repository migrations applied;"
        + ' not as expected: V2__orders_sku_index.sql (ABOVE_TARGET)')
assert twinMigrations.findings*.key == ['migrations:2']
assert twinMigrations.findings[0].location == 'src/main/resources/db/migration/V2__orders_sku_index.sql'
assert twinMigrations.findings[0].message == "V2__orders_sku_index.sql (version 2) is ABOVE_TARGET on ${twinTarget}/actuator/flyway".toString()
['Application deployed to production', 'Database migrations executed'].each {
    assert item(twin, it).status == 'FAIL' : it
}

// the real services answered: Flyway migrated each H2 database as far as told, and Tomcat listened on the reserved ports
assert log.contains('Successfully applied 2 migrations to schema "PUBLIC"')
assert log.contains('Successfully applied 1 migration to schema "PUBLIC", now at version v1')
assert log.contains("Tomcat started on port ${ports['boot.port']} (http)")
assert log.contains("Tomcat started on port ${ports['twin.port']} (http)")
// the twin's gate failed the build (the two runs before it passed)
assert log.contains('BUILD FAILURE')
assert log =~ /Failed to execute goal dev\.readiness:readiness-maven-plugin:\S+:verify \(post-deploy-twin\)/
// and both services are gone with the build that started them: nothing listens on their ports any more
['boot.port', 'twin.port'].each { name ->
    def port = ports[name] as int
    def listening = true
    for (int i = 0; i < 120 && listening; i++) {
        try {
            new Socket('127.0.0.1', port).close()
            Thread.sleep(250)
        } catch (ConnectException stopped) {
            listening = false
        }
    }
    assert !listening : "the service still listens on http://127.0.0.1:${port}"
}
return true

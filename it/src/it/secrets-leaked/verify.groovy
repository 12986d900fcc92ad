import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json'))
assert report.verdict == 'FAIL'
def secrets = report.checks.find { it.id == 'secrets' }
assert secrets.status == 'FAIL'
assert secrets.findings.findAll { it.evidence.rule }*.location == ['config/app.properties:2', 'deploy.sh:2']
assert secrets.findings*.key.every { it ==~ /[^:]+:(aws-access-key-id|github-token):[0-9a-f]{16}/ }
assert secrets.claims.find { it.id == 'secrets.management' }.status == 'FAIL'
assert log.contains('BUILD FAILURE')

// No part of either secret (beyond its public prefix and last four characters) is in the log or any report.
def texts = [log] + new File(basedir, 'target/readiness').listFiles().findAll { it.isFile() }*.text
new File(basedir, 'secrets.txt').readLines().each { secret ->
    def hidden = secret.substring(4)
    (0..hidden.length() - 6).each { i ->
        def part = hidden.substring(i, i + 6)
        texts.each { assert !it.contains(part) }
    }
}
return true

import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json'))

assert report.verdict == 'FAIL'
def byText = report.items.collectEntries { [(it.text): it] }

// Settled and disproved items fail, each on its own claim.
['Resource limits set', 'Auto-scaling configured', 'Scaling thresholds defined', 'Secrets management configured',
 'Network security groups configured', 'Load balancer configured', 'High availability configuration verified',
 'Health check endpoints implemented'].each { assert byText[it].status == 'FAIL' : it }
// Manifests in the repository support IaC, which only a person can confirm.
assert byText['Infrastructure as Code (IaC) implemented'].status == 'MANUAL'

def kubernetes = report.checks.find { it.id == 'kubernetes' }
assert kubernetes.findings*.key == ['k8s/all.yaml:Deployment/api:api/requests.memory', 'k8s/all.yaml:Deployment/api:api/limits.memory']
assert kubernetes.findings[1].message == 'k8s/all.yaml:35 (document 4): Deployment/api container api has no memory limit: set resources.limits.memory (e.g. 512Mi)'
def secrets = kubernetes.claims.find { it.id == 'kubernetes.secrets' }
assert secrets.findings*.key == ['k8s/all.yaml:Secret/api-db:literal', 'k8s/all.yaml:Deployment/api:api/env/API_TOKEN']
assert !new File(basedir, 'target/readiness/readiness.json').text.contains('s3cr3t-t0ken-value')

def md = new File(basedir, 'target/readiness/readiness.md').text
assert md.contains('- [ ] Resource limits set — **FAIL**')
assert md.contains('k8s/all.yaml:35 (document 4): Deployment/api container api has no memory limit')
assert log.contains('BUILD FAILURE')
assert !log.contains('s3cr3t-t0ken-value')
return true

import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json'))

assert report.verdict == 'PASS'
def byText = report.items.collectEntries { [(it.text): it] }

// What the manifests settle passes.
['Resource limits set': 'kubernetes', 'Auto-scaling configured': 'kubernetes.autoscaling',
 'Scaling thresholds defined': 'kubernetes.thresholds'].each { text, claim ->
    assert byText[text].status == 'PASS' && byText[text].claims*.id == [claim] && byText[text].claims*.strength == ['SETTLES']
}
assert byText['Resource limits set'].evidence == 'each of the 4 containers of 3 workloads sets CPU and memory requests and a memory limit'

// What they only support stays for a person, saying which claim supports it.
['Infrastructure as Code (IaC) implemented': 'kubernetes.iac', 'Secrets management configured': 'kubernetes.secrets',
 'Network security groups configured': 'kubernetes.networkPolicy', 'Load balancer configured': 'kubernetes.loadBalancer',
 'High availability configuration verified': 'kubernetes.availability',
 'Health check endpoints implemented': 'kubernetes.probes'].each { text, claim ->
    assert byText[text].status == 'MANUAL' && byText[text].claims*.id == [claim] && byText[text].claims*.status == ['PASS']
    assert byText[text].evidence.startsWith('supported by ' + claim)
}
assert byText['Growth projections documented'].status == 'MANUAL' && byText['Growth projections documented'].claims == []

def kubernetes = report.checks.find { it.id == 'kubernetes' }
assert kubernetes.evidence.manifests == ['k8s'] && kubernetes.evidence.workloads == 3
assert kubernetes.evidence.ignoredKinds == ['ConfigMap', 'ServiceAccount', 'ServiceMonitor']
assert log.contains('Readiness PASS')
assert !log.contains('Exception')
return true

import groovy.json.JsonSlurper

def report = new JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json'))
assert report.verdict == 'FAIL'
def byText = report.items.collectEntries { [(it.text): it] }
['Alerting rules defined', 'Notification channels configured (email, Slack, PagerDuty)', 'SLO/SLI defined'].each {
    assert byText[it].status == 'FAIL' : it
}
assert byText['Dashboard for system metrics created'].status == 'PASS'
// No probe: synthetic monitoring is not evaluated, and stays for a person.
assert byText['Synthetic monitoring configured'].claims*.status == ['SKIPPED']
assert byText['Synthetic monitoring configured'].status == 'MANUAL'

def monitoring = report.checks.find { it.id == 'monitoring' }
def claim = { String id -> monitoring.claims.find { it.id == id } }
def rules = 'monitoring/rules/api.rules.yml'
assert monitoring.status == 'FAIL'
assert monitoring.findings*.key == ["$rules:api.alerts/ApiHighErrorRate:for", "$rules:api.alerts/ApiHeartbeat:constant"]*.toString()
assert monitoring.findings*.location == ["$rules:5", "$rules:12"]*.toString()
assert monitoring.findings[0].message.startsWith("alert ApiHighErrorRate (group api.alerts, $rules:5) has no for: add for: 5m")
assert monitoring.findings[1].message.startsWith("alert ApiHeartbeat (group api.alerts, $rules:12) has the expr vector(0), which reads no series")

def notifications = claim('monitoring.notifications')
assert notifications.status == 'FAIL'
assert notifications.findings*.key == ['alertmanager/alertmanager.yml:receiver/ops-mail:configs']
assert notifications.findings*.location == ['alertmanager/alertmanager.yml:13']
assert notifications.findings[0].message.startsWith('alertmanager/alertmanager.yml:13: receiver ops-mail (used by route.routes[0]) has no *_configs entry')

def slo = claim('monitoring.slo')
assert slo.status == 'FAIL'
assert slo.findings*.location == ['slo/api-availability.openslo.yaml:29']
assert slo.findings[0].message.contains('has target 99.9, but an OpenSLO target is a ratio below 1: write 0.999 for 99.9%')

def md = new File(basedir, 'target/readiness/readiness.md').text
assert md.contains('- [ ] Alerting rules defined — **FAIL**')
assert new File(basedir, 'build.log').text.contains('BUILD FAILURE')
return true

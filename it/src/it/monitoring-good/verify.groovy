import groovy.json.JsonSlurper

def report = new JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json'))
assert report.verdict == 'PASS'
def byText = report.items.collectEntries { [(it.text): it] }
['Alerting rules defined', 'Notification channels configured (email, Slack, PagerDuty)', 'Dashboard for system metrics created',
 'SLO/SLI defined'].each { assert byText[it].status == 'PASS' : it }
// Supporting claims that pass leave their items to a person.
['Synthetic monitoring configured', 'Runbooks for common issues created', 'Escalation paths defined'].each {
    assert byText[it].status == 'MANUAL' : it
    assert byText[it].claims*.status == ['PASS'] : it
}

def monitoring = report.checks.find { it.id == 'monitoring' }
assert monitoring.status == 'PASS'
assert monitoring.findings.isEmpty()
assert monitoring.evidence.ruleFiles == ['monitoring/rules/checkout.rules.yml']
assert monitoring.evidence.alerts == 4 && monitoring.evidence.completeAlerts == 4
assert monitoring.claims*.id == ['monitoring', 'monitoring.notifications', 'monitoring.dashboards', 'monitoring.slo', 'monitoring.runbooks',
                                 'monitoring.escalation', 'monitoring.synthetic']
assert monitoring.claims.every { it.status == 'PASS' }
assert monitoring.claims.find { it.id == 'monitoring.escalation' }.summary.endsWith('can reach a pager: payments-pager (pagerduty)')
assert new File(basedir, 'build.log').text.contains('BUILD SUCCESS')
return true

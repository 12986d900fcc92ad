def service = evaluate(new File(basedir, '../../../src/it/service.groovy'))
// the body of a real Prometheus' answer, recorded as curl -i printed it, which the unit tests read too (its provenance
// is in PROVENANCE.md beside it)
def answer = new File(basedir, '../../../../readiness-checks/src/test/resources/dev/readiness/checks/prometheus/recorded/error-ratio-with-5xx.http')
new File(basedir, 'target/demo-service').mkdirs()
new File(basedir, 'target/demo-service/prometheus-answer.json').text = answer.canonicalFile.getText('UTF-8').split('\r\n\r\n', 2)[1]
def ports = service.startService(basedir, 'good', 90)
new File(basedir, 'test.properties').text = "service.https=${ports.https}\nservice.http=${ports.http}\n"
new File(basedir, 'readiness.yaml').text = "http:\n  timeout: 20s\n"
return true

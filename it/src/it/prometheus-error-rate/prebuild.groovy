def service = evaluate(new File(basedir, '../../../src/it/service.groovy'))
// the recorded answer the unit tests read too (its provenance is in the README beside it)
def answer = new File(basedir, '../../../../readiness-checks/src/test/resources/dev/readiness/checks/prometheus/error-ratio-by-service.json')
new File(basedir, 'target/demo-service').mkdirs()
new File(basedir, 'target/demo-service/prometheus-answer.json').bytes = answer.canonicalFile.bytes
def ports = service.startService(basedir, 'good', 90)
new File(basedir, 'test.properties').text = "service.https=${ports.https}\nservice.http=${ports.http}\n"
new File(basedir, 'readiness.yaml').text = "http:\n  timeout: 20s\n"
return true

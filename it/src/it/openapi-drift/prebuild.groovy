def service = evaluate(new File(basedir, '../../../src/it/service.groovy'))
def ports = service.startService(basedir, 'good', 90)
new File(basedir, 'test.properties').text = "service.https=${ports.https}\nservice.http=${ports.http}\n"
new File(basedir, 'readiness.yaml').text = "http:\n  timeout: 20s\n"
return true

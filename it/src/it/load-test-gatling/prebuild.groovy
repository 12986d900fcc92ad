// The demo service on loopback is what the load test loads: its HTTPS port goes to the build as -Dservice.https.
def service = evaluate(new File(basedir, '../../../src/it/service.groovy'))
def ports = service.startService(basedir, 'good', 90)
new File(basedir, 'test.properties').text = "service.https=${ports.https}\n"
return true

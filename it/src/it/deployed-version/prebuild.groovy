def service = evaluate(new File(basedir, '../../../src/it/service.groovy'))
def work = new File(basedir, 'target/demo-service')
work.mkdirs()
// Spring Boot 3's /actuator/info (build-info alone: no git.properties, since this project's folder lies in the
// Readiness repository, whose HEAD no deployment was built from) of production, and of the demo one release behind
def info = { version -> """{"build":{"artifact":"deployed-version","name":"deployed-version","time":"2026-12-01T10:00:00Z",""" +
        """"version":"${version}","group":"dev.readiness.it"}}""" }
new File(work, 'actuator-info.json').text = info('1.4.2')
new File(work, 'demo-actuator-info.json').text = info('1.4.1')
def ports = service.startService(basedir, 'good', 90)
new File(basedir, 'test.properties').text = "service.https=${ports.https}\nservice.http=${ports.http}\n"
new File(basedir, 'readiness.yaml').text = "http:\n  timeout: 20s\n"
return true

def service = evaluate(new File(basedir, '../../../src/it/service.groovy'))
def work = new File(basedir, 'target/demo-service')
work.mkdirs()
// Spring Boot 3's /actuator/flyway of a service deployed from a build without V2__orders_index.sql
new File(work, 'actuator-flyway.json').text = '''{"contexts":{"application":{"flywayBeans":{"flyway":{"migrations":[
{"type":"SQL","checksum":-156244537,"version":"1","description":"init","script":"V1__init.sql","state":"SUCCESS","installedBy":"SA","installedOn":"2026-12-01T09:59:47.010Z","installedRank":1,"executionTime":6},
{"type":"SQL","checksum":1432912187,"version":"1.1","description":"add orders","script":"V1_1__add_orders.sql","state":"SUCCESS","installedBy":"SA","installedOn":"2026-12-01T09:59:47.031Z","installedRank":2,"executionTime":4}
]}}}}}'''
def ports = service.startService(basedir, 'good', 90)
new File(basedir, 'test.properties').text = "service.https=${ports.https}\nservice.http=${ports.http}\n"
new File(basedir, 'readiness.yaml').text = "http:\n  timeout: 20s\n"
return true

def service = evaluate(new File(basedir, '../../../src/it/service.groovy'))
def ports = service.startService(basedir, 'no-redirect', 90)
service.writeConfig(basedir, ports)
return true

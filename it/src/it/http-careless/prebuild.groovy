def service = evaluate(new File(basedir, '../../../src/it/service.groovy'))
def ports = service.startService(basedir, 'careless', 5)
service.writeConfig(basedir, ports)
return true

def service = evaluate(new File(basedir, '../../../src/it/service.groovy'))
def ports = service.startService(basedir, 'careless', 5)
service.writeConfig(basedir, ports, '''\
    headers:
      Authorization: Bearer it-secret-token-0123''')
return true

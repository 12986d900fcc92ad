def service = evaluate(new File(basedir, '../../../src/it/service.groovy'))
// The health endpoint requires the token, which the gate takes from the settings.xml server it-staging.
def ports = service.startService(basedir, 'good', 90, 'it-secret-token-0123')
service.writeConfig(basedir, ports)
return true

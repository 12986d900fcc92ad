def service = evaluate(new File(basedir, '../../../src/it/service.groovy'))
// The health endpoint requires the token, which the gate takes from the settings.xml server it-staging.
def ports = service.startService(basedir, 'good', 90, 'it-secret-token-0123')
new File(basedir, 'readiness.yaml').text = """\
target: https://localhost:${ports.https}/
http:
  timeout: 5s
  trustCertificates: target/demo-service/demo-ca.pem
  server: it-staging
checks:
  securityHeaders:
    httpUrl: http://localhost:${ports.http}/
  tls: {}
  health: {}
"""
return true

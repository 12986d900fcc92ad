def service = evaluate(new File(basedir, '../../../src/it/service.groovy'))
def ports = service.startService(basedir, 'good', 90)
new File(basedir, 'readiness.yaml').text = """\
target: https://localhost:${ports.https}/
http:
  timeout: 5s
  trustCertificates: target/demo-service/demo-ca.pem
  headers:
    Authorization: Bearer it-secret-token-0123
checks:
  securityHeaders:
    httpUrl: http://localhost:${ports.http}/
  tls: {}
  health: {}
"""
return true

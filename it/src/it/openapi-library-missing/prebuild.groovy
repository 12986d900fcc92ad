// A valid OpenAPI 3 spec from the openApi check's fixtures, where the check looks by default.
def fixtures = new File(basedir, '../../../../readiness-checks/src/test/resources/dev/readiness/checks/openapi').canonicalFile
def spec = new File(basedir, 'src/main/resources/openapi.yaml')
spec.parentFile.mkdirs()
spec.text = new File(fixtures, 'petstore.yaml').text
return true

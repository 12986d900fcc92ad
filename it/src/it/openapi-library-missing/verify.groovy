import groovy.json.JsonSlurper

def report = new JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json'))
assert report.verdict == 'FAIL'
def openApi = report.checks.find { it.id == 'openApi' }
def inputs = openApi.claims.find { it.id == 'openApi.inputs' }
assert inputs.status == 'ERROR'
assert inputs.summary == 'reading the OpenAPI spec src/main/resources/openapi.yaml needs io.swagger.parser.v3:swagger-parser-v3:2.1.48,' +
        ' which the plugin does not carry unless the project adds it'
assert inputs.remedy.contains('<artifactId>swagger-parser-v3</artifactId><version>2.1.48</version>')
def log = new File(basedir, 'build.log').text
assert log.contains('needs io.swagger.parser.v3:swagger-parser-v3:2.1.48')
return true

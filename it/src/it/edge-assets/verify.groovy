def server = System.properties.remove('readiness.it.edge-assets.server')
server?.stop(0)
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json'))
def log = new File(basedir, 'build.log').text
def port = new File(basedir, 'test.properties').text.find(/edge.port=(\d+)/) { all, p -> p }
def page = "http://127.0.0.1:${port}/"

assert report.stage == 'postDeploy'
assert report.verdict == 'FAIL'
def edge = report.checks.find { it.id == 'edge' }
def claim = { id -> edge.claims.find { it.id == id } }

// the shop's own script is not minified, and is named with its figures; the vendor script is
def minified = claim('edge.minified')
assert minified.status == 'FAIL' : minified.summary
assert minified.summary == "1 of 2 assets linked from ${page} not minified: ${page}app.js".toString()
assert minified.findings.size() == 1
assert minified.findings[0].key == "edge:minified:${page}app.js".toString()
assert minified.findings[0].message.startsWith("script ${page}app.js is not minified: ".toString())
assert minified.findings[0].message.contains('% whitespace and comments, ')
def item = report.items.find { it.text == 'Minification of JavaScript and CSS' }
assert item.status == 'FAIL'
assert item.claims.collect { "${it.id} ${it.strength}".toString() } == ['edge.minified SETTLES']

// plain HTTP from the origin: no CDN
assert claim('edge').status == 'FAIL'
assert claim('edge').findings*.message == ["script ${page}vendor.min.js is served over plain HTTP".toString(),
                                            "script ${page}app.js is served over plain HTTP".toString()]
// no records configured: DNS could not be determined, never a pass
assert claim('edge.dns').status == 'ERROR'
assert report.items.find { it.text == 'Minification of JavaScript and CSS' } != null
assert log.contains('Minification of JavaScript and CSS')
return true

import groovy.json.JsonSlurper

def report = new JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json'))
assert report.verdict == 'PASS'
def docs = report.checks.find { it.id == 'docs' }
def claim = { id -> docs.claims.find { it.id == id } }
['docs', 'docs.runbooks', 'docs.deployment', 'docs.architecture'].each {
    assert claim(it).status == 'PASS' : "${it}: ${claim(it).summary}"
    assert claim(it).strength == 'SUPPORTS'
}
assert claim('docs').summary == 'src/main/resources/openapi.yaml validates (1 operation); changed since release tag v1.0.0'
assert claim('docs.deployment').summary.endsWith('; changed since release tag v1.0.0')
assert claim('docs.architecture').summary.startsWith('docs/architecture.md (a mermaid or plantuml block)')
// files not named are not judged
assert claim('docs.faq') == null

def item = report.items.find { it.text == 'API documentation updated' }
assert item.status == 'MANUAL'
return true

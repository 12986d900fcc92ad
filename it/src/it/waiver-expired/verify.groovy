import groovy.json.JsonSlurper
import java.time.LocalDate
import java.time.ZoneOffset

def log = new File(basedir, 'build.log').text
def until = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString()
def report = new JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json'))

assert report.verdict == 'FAIL'
def item = report.items.find { it.text == 'All unit tests pass' }
assert item.status == 'FAIL' && item.level == 'REQUIRED'
assert item.waiver.until == until && item.waiver.expired == true
def expired = "(the waiver of finding demo.InventoryTest#countsWhatWasNeverAdded by Sam Ortiz <sam@example.com> expired on ${until})"
assert item.evidence.endsWith(expired)
assert log.contains('Readiness gate failed: 1 required item unmet')
assert log.contains(expired)
assert log.contains('BUILD FAILURE')
return true

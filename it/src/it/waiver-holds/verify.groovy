import groovy.json.JsonSlurper
import java.time.LocalDate
import java.time.ZoneOffset

def log = new File(basedir, 'build.log').text
def until = LocalDate.now(ZoneOffset.UTC).plusDays(30).toString()
def report = new JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json'))

assert report.verdict == 'PASS'
def item = report.items.find { it.text == 'All unit tests pass' }
assert item.status == 'WAIVED' && item.level == 'REQUIRED'
assert item.waiver == [finding: 'demo.InventoryTest#countsWhatWasNeverAdded',
                       reason: 'kiwis are not stocked yet; the test describes the next release',
                       owner: 'Sam Ortiz <sam@example.com>', link: 'https://tracker.example.com/SHOP-12', until: until,
                       origin: 'readiness-waivers.yaml:2']
assert item.evidence.contains("(waived until ${until} by Sam Ortiz <sam@example.com>: kiwis are not stocked yet")
def tests = report.checks.find { it.id == 'tests' }
assert tests.evidence.failures == 1   // the failure is still there, and reported: waived, not passed
def finding = tests.findings.find { it.key == 'demo.InventoryTest#countsWhatWasNeverAdded' }
assert finding.waiver.until == until
assert report.summary.WAIVED == 1
assert log =~ /WAIVED +All unit tests pass/
assert log.contains('BUILD SUCCESS')
return true

import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json'))
assert report.verdict == 'FAIL'

// 1: mvn site before any gate run said so, in the log and the page, and the site was built (no failure before step 2's).
assert log.contains('[WARNING] Readiness report: no readiness result at target/readiness/readiness.json: run mvn verify first')

// 3: the site page renders the gate's result through the site's skin.
def page = new File(basedir, 'target/site/readiness.html').text
assert page.contains('Readiness FAIL')
assert page.contains('dev.readiness.it:site-report:1.0')
assert page.contains('All unit tests pass')
assert page.contains('Code review completed')
assert page.contains('Code Quality and Testing')
assert page.contains('tests (settles, FAIL)')
assert page.contains('countsWhatWasNeverAdded')
assert !page.contains('No verdict to show')
// the gate's own page is left as the gate wrote it
assert new File(basedir, 'target/readiness/readiness.html').text.contains('Content-Security-Policy')
// listed among the project's reports
assert new File(basedir, 'target/site/project-reports.html').text.contains('href="readiness.html"')

// 4: run alone, the goal writes the page beside the site, from the same result
def alone = new File(basedir, 'target/reports/readiness.html').text
assert alone.contains('Readiness FAIL') && alone.contains('All unit tests pass')
return true

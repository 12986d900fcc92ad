import groovy.json.JsonSlurper
import java.time.LocalDate
import java.time.ZoneOffset

def log = new File(basedir, 'build.log').text
def today = LocalDate.now(ZoneOffset.UTC)
def signOffs = ['engineering-sign-off', 'product-sign-off', 'security-sign-off', 'operations-sign-off', 'business-sign-off']

// 1: the five required attestations are missing, and the failure names each with the command that records it
assert log.contains('Readiness gate failed: 5 required items unmet')
signOffs.each { key ->
    assert log.contains("mvn readiness:attest -Ditem=${key} -Dby=<who> -Devidence=<link> records one")
}

// 2-7: recorded, the engineering sign-off renewed in place
assert log.contains("Attested product-sign-off by pat@example.com, until ${today.plusDays(29)} (https://tracker.example.com/REL-43)"
        + " in readiness-attestations.yaml")
assert log.contains("Renewed the attestation of engineering-sign-off by dana@example.com, until ${today.plusDays(89)}"
        + " (https://tracker.example.com/REL-42) in readiness-attestations.yaml, replacing readiness-attestations.yaml:2")

// 8: a misspelt key is refused with the nearest one
assert log.contains("Readiness attestation not recorded: item: 'business-signoff' names no item of checklist PRODUCTION_READINESS.md"
        + " (did you mean 'business-sign-off'?)")

def yaml = new File(basedir, 'readiness-attestations.yaml').text
assert yaml.startsWith('attestations:\n  - item: engineering-sign-off\n    by: dana@example.com\n    date: ' + today + '\n'
        + '    evidence: https://tracker.example.com/REL-42\n    validFor: 90d\n')
assert yaml.count('- item: ') == 5
signOffs.each { key -> assert yaml.count("- item: ${key}\n") == 1 }
assert !yaml.contains('REL-41') && !yaml.contains('business-signoff')

// 9: the gate passes with the five sign-offs ATTESTED, each with its attestation
def report = new JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json'))
assert report.verdict == 'PASS'
assert report.summary.ATTESTED == 5
def byKey = report.items.collectEntries { [(it.key): it] }
def by = ['engineering-sign-off': 'dana@example.com', 'product-sign-off': 'pat@example.com', 'security-sign-off': 'sam@example.com',
          'operations-sign-off': 'olu@example.com', 'business-sign-off': 'bea@example.com']
by.each { key, who ->
    def item = byKey[key]
    assert item.status == 'ATTESTED' && item.level == 'REQUIRED'
    assert item.attestation.by == who && item.attestation.date == today.toString() && item.attestation.counts
}
assert byKey['security-sign-off'].attestation.evidence == 'docs/security-review.md'
assert byKey['product-sign-off'].attestation.expires == today.plusDays(29).toString()
assert log =~ /ATTESTED +Engineering sign-off/
assert log.contains('BUILD SUCCESS')
return true

import java.time.LocalDate
import java.time.ZoneOffset

// The waiver's last day is relative to today, so that the case holds on any day it runs.
def until = LocalDate.now(ZoneOffset.UTC).plusDays(30)
new File(basedir, 'readiness-waivers.yaml').text = """\
waivers:
  - finding: demo.InventoryTest#countsWhatWasNeverAdded
    reason: kiwis are not stocked yet; the test describes the next release
    owner: Sam Ortiz <sam@example.com>
    link: https://tracker.example.com/SHOP-12
    until: ${until}
"""
return true

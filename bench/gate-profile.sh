#!/usr/bin/env bash
# Profile (on demand): where one `readiness:verify` (tests, coverage) spends its time, on the two-class sample of
# bench/gate-vs-enforcer.sh (run that first). Two runs: one with -Xlog:class+load, which prints how many classes
# each jar gave (Maven's own, the plugin realm's), and one under Java Flight Recorder (settings=profile), whose
# execution samples are counted by the phase they fall in (a sample counts for every phase on its stack): Maven's
# plugin resolution and realm, the engine's discovery of the checks, configuration and binding, the checks, the
# reports, Jackson, class loading and static initialisers. Samples are few (20 ms apart): read shares, not times.
#
#   bench/gate-profile.sh
#   LOCAL_REPO=/work/m2 bench/gate-profile.sh    # the local repository the plugin is installed in
# Needs python3 and the JDK's jfr tool.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn=${MVN:-./mvnw}
repo=${LOCAL_REPO:-$HOME/.m2/repository}
sample="$root/target/bench-enforcer"
work="$root/target/bench-profile"
[[ -f "$sample/pom.xml" ]] || { echo "no sample in $sample: run bench/gate-vs-enforcer.sh first"; exit 1; }
rm -rf "$work"
mkdir -p "$work"
gate="$mvn -B -o -q -Dmaven.repo.local=$repo -f $sample/pom.xml readiness:verify"

echo "==> Classes loaded, by jar (load average $(cut -d' ' -f1-3 /proc/loadavg))"
MAVEN_OPTS="-Xlog:class+load=info:file=$work/class-load.log" $gate > "$work/class-load.out" 2>&1 \
  || { echo "readiness:verify failed (see $work/class-load.out)"; exit 1; }
awk '/source: jrt:|shared objects file/ {jdk++} /source: file:/ {sub(/.*source: file:/, ""); sub(/.*\//, ""); n[$0]++}
     END {printf "  %6d  the JDK\n", jdk; for (j in n) printf "  %6d  %s\n", n[j], j}' "$work/class-load.log" | sort -rn | head -25
echo "  $(wc -l < "$work/class-load.log") classes in all; the full list: $work/class-load.log"

echo "==> Execution samples by phase, Java Flight Recorder (load average $(cut -d' ' -f1-3 /proc/loadavg))"
MAVEN_OPTS="-XX:FlightRecorderOptions:stackdepth=1024 -XX:StartFlightRecording=filename=$work/verify.jfr,settings=profile" \
  $gate > "$work/jfr.out" 2>&1 || { echo "readiness:verify failed (see $work/jfr.out)"; exit 1; }
jfr print --json --stack-depth 1024 --events jdk.ExecutionSample "$work/verify.jfr" > "$work/samples.json"
python3 - "$work/samples.json" <<'PY'
import collections, json, sys
phases = [
    ('Maven, the whole run', 'org.apache.maven.cli.MavenCli.main'),
    ('  resolving the plugin (its POM, descriptor)', 'DefaultMavenPluginManager.getPluginDescriptor'),
    ('  building the plugin realm (dependencies, jars)', 'DefaultMavenPluginManager.setupPluginRealm'),
    ('  looking up and configuring the mojo', 'DefaultMavenPluginManager.getConfiguredMojo'),
    ('  the gate (GateMojo.runGate)', 'dev.readiness.maven.GateMojo.runGate'),
    ('    finding the checks (ServiceLoader)', 'dev.readiness.engine.Engine.discover'),
    ('    configuration, checklist, binding', 'dev.readiness.engine.Engine.plan'),
    ('    the reports', 'dev.readiness.report.'),
    ('the checks (their own threads)', 'dev.readiness.engine.Runner'),
    ('  tests', 'dev.readiness.checks.tests.'),
    ('  coverage', 'dev.readiness.checks.coverage.'),
    ('Jackson, anywhere', 'com.fasterxml.jackson.'),
    ('class loading, anywhere', '.loadClass'),
    ('static initialisers, anywhere', '.<clinit>'),
]
events = json.load(open(sys.argv[1]))['recording']['events']
counts = collections.Counter()
for event in events:
    frames = '\n'.join(f['method']['type']['name'].replace('/', '.') + '.' + f['method']['name']
                       for f in event['values']['stackTrace']['frames'])
    for name, marker in phases:
        counts[name] += marker in frames
print(f'  {len(events)} execution samples (Java code, every thread)')
for name, _ in phases:
    print(f'  {counts[name]:6d} {100 * counts[name] / max(1, len(events)):5.1f}%  {name}')
PY
echo "  the recording: $work/verify.jfr (jfr print, or JDK Mission Control)"

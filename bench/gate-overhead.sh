#!/usr/bin/env bash
# Benchmark (on demand): what `readiness:verify` adds over `validate` on the demo project. Installs the
# plugin (0.1.0-SNAPSHOT) into the local repository, starts the demo service on loopback as
# demo/run.sh does, runs `mvn verify` once so test reports and coverage data exist, then times N
# rounds of `mvn -o -q validate` against `mvn -o -q readiness:verify` (and `readiness:verify
# -Dreadiness.skip=true`: the plugin and the dependencies resolved, no check run), with hyperfine when
# installed, else a bash loop, and prints medians, their difference and ratio, and the gate's own time
# from target/readiness/readiness.json. Stops the service at the end.
#
#   bench/gate-overhead.sh          # 5 rounds (each runs every command once), after one warm-up run each
#   bench/gate-overhead.sh 9        # 9 rounds
#   MVN=mvn bench/gate-overhead.sh  # the mvn on the PATH instead of ./mvnw (Maven 3.9.11)
#   NO_HYPERFINE=1 bench/gate-overhead.sh  # time with the bash loop even when hyperfine is installed
#   SKIP_INSTALL=1 bench/gate-overhead.sh  # the plugin already in ~/.m2 is current: do not install it again
set -euo pipefail
rounds=${1:-5}
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
demo="$root/demo"
mvn=${MVN:-./mvnw}

# shellcheck source=bench/lib-build.sh
source "$root/bench/lib-build.sh"
install_plugin

$mvn -B -q -ntp -f "$demo/pom.xml" clean
work="$demo/target/demo-service"
# shellcheck source=demo/service/start.sh
source "$demo/service/start.sh"
props="-Ddemo.target=https://localhost:$https/ -Ddemo.httpUrl=http://localhost:$http/ -Ddemo.trust=$work/demo-ca.pem"

echo "==> One mvn verify, so test reports and coverage data exist"
# shellcheck disable=SC2086
$mvn -B -ntp -f "$demo/pom.xml" verify $props > "$work/verify.log" 2>&1 \
  || { echo "mvn verify failed on the demo (see $work/verify.log):"; tail -30 "$work/verify.log"; exit 1; }

pom=$(printf %q "$demo/pom.xml")
names=(validate readiness:verify "readiness:verify -Dreadiness.skip")
commands=(
  "$mvn -B -o -q -f $pom validate"
  "$mvn -B -o -q -f $pom readiness:verify $(printf '%q ' $props)"
  "$mvn -B -o -q -f $pom readiness:verify -Dreadiness.skip=true"
)
# shellcheck source=bench/lib-timing.sh
source "$root/bench/lib-timing.sh"
time_rounds "$rounds"
validate_ms=${medians[0]}
gate_ms=${medians[1]}
skip_ms=${medians[2]}

report="$demo/target/readiness/readiness.json"
if command -v jq >/dev/null; then
  durations=$(jq -r '.checks[] | "\(.id) \(.durationMs)"' "$report")
else
  durations=$(grep -oE '"durationMs" *: *[0-9]+' "$report" | grep -oE '[0-9]+$' | sed 's/^/check /')
fi

echo
echo "Gate overhead on the demo project: medians of $rounds rounds ($timer), Maven $($mvn -v -B -q 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g'), $(nproc) cores, 1-minute load average $load_seen"
printf '  %-44s %7s ms\n' "mvn -o -q validate" "$validate_ms"
printf '  %-44s %7s ms\n' "mvn -o -q readiness:verify" "$gate_ms"
printf '  %-44s %7s ms\n' "difference (what the gate adds)" "$((gate_ms - validate_ms))"
printf '  %-44s %7s\n' "ratio readiness:verify / validate" "$(awk -v g="$gate_ms" -v v="$validate_ms" 'BEGIN {printf "%.2f", g / v}')"
printf '  %-44s %7s ms\n' "readiness:verify -Dreadiness.skip=true" "$skip_ms"
printf '  %-44s %7s ms\n' "  (plugin and dependencies resolved, no check)" "$((skip_ms - validate_ms))"
echo
echo "The gate's own time in the last readiness:verify (verdict $(grep -oE '"verdict" *: *"[A-Z]+"' "$report" | grep -oE '[A-Z]+"$' | tr -d '"')),"
echo "durationMs in target/readiness/readiness.json; the checks run in parallel:"
echo "$durations" | awk '{printf "  %-44s %7d ms\n", $1, $2}'
echo "$durations" | awk '{s += $2; if ($2 > m) m = $2} END {printf "  %-44s %7d ms\n  %-44s %7d ms\n", "sum of durationMs", s, "max of durationMs", m}'

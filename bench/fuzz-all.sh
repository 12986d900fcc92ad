#!/usr/bin/env bash
# Fuzzing campaign (on demand): runs the Jazzer @FuzzTest targets of readiness-checks one after the
# other, each through the `fuzz` profile (./mvnw -pl readiness-checks test -Dfuzz=Class#method), and
# prints one summary line per target, parsed from libFuzzer's output: executions, fuzzing seconds,
# exec/s, final coverage (cov/ft) and findings (the first Java exception, a timeout or an OOM, and the
# input file Jazzer wrote). Each target stops after FUZZ_RUNS executions or FUZZ_SECONDS, whichever
# comes first; a target marked @Disabled is listed and skipped. Every run is niced (the machine may be
# shared) and runs alone: Jazzer fuzzes one target per JVM, and two at once would halve both rates.
#
#   bench/fuzz-all.sh                                   # every enabled target, 10^6 runs or 12 minutes each
#   bench/fuzz-all.sh ChecklistParserFuzzTest#readsAChecklistOrRefusesItInOneLine   # only these, in this order
#   FUZZ_RUNS=100000 FUZZ_SECONDS=60 bench/fuzz-all.sh  # a short smoke campaign
#   MVN_ARGS="-o -Dmaven.repo.local=/work/m2" bench/fuzz-all.sh   # extra Maven options (offline, a repository)
#   bench/fuzz-all.sh --list                            # the targets found, in source order, and exit
#   MVN_ARGS="-Djazzer.ignore=84ed0d3cf40b9a93" bench/fuzz-all.sh  # fuzz on past a known finding (its DEDUP_TOKEN)
#
# Environment: FUZZ_RUNS (1000000), FUZZ_SECONDS (720), FUZZ_TIMEOUT (10 s per input), FUZZ_TMPDIR
# (/dev/shm when present: most targets write each input to a file), NICE (19), MVN (./mvnw), MVN_ARGS,
# LOG_DIR (readiness-checks/target/fuzz-logs: one full log per target and summary.txt).
# The corpus Jazzer grows stays in readiness-checks/.cifuzz-corpus/ (ignored by git), so a second
# campaign starts from the first one's. Exit status: 1 when a target had a finding or its run failed.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

runs=${FUZZ_RUNS:-1000000}
seconds=${FUZZ_SECONDS:-720}
timeout=${FUZZ_TIMEOUT:-10}
if [[ -z "${FUZZ_TMPDIR:-}" && -d /dev/shm ]]; then FUZZ_TMPDIR=/dev/shm; fi
tmpdir=${FUZZ_TMPDIR:-}
nice_level=${NICE:-19}
mvn=${MVN:-./mvnw}
read -r -a mvn_args <<< "${MVN_ARGS:-}"
log_dir=${LOG_DIR:-$root/readiness-checks/target/fuzz-logs}
sources=readiness-checks/src/test/java

# Class#method of each @FuzzTest, with " disabled" after it when the method (or its class) is @Disabled.
discover() {
  grep -rl --include='*FuzzTest.java' '@FuzzTest' "$sources" | sort | while read -r file; do
    awk -v cls="$(basename "$file" .java)" '
      /^[[:space:]]*@Disabled/ { disabled = 1 }
      /^[[:space:]]*@FuzzTest/ { fuzz = 1 }
      /^[[:space:]]*(public |final |abstract )*class / { class_disabled = disabled; disabled = 0; fuzz = 0 }
      /^[[:space:]]*(public |protected |private |static |final )*void [A-Za-z0-9_]+\(/ {
        if (fuzz) {
          name = $0; sub(/^.*void /, "", name); sub(/\(.*/, "", name)
          print cls "#" name ((disabled || class_disabled) ? " disabled" : "")
        }
        fuzz = 0; disabled = 0
      }' "$file"
  done
}

if [[ "${1:-}" == "--list" ]]; then discover; exit 0; fi

all=$(discover)
if [[ $# -gt 0 ]]; then targets=("$@"); else mapfile -t targets < <(sed 's/ disabled$//' <<< "$all"); fi

# One summary line from a target's log: executions, seconds, exec/s, cov, ft, findings.
summarize() { # target log wall-seconds maven-status
  local log=$2 wall=$3 status=$4 execs secs rate last cov ft findings="" exception frame own written
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
  last=$(grep -aE '^#[0-9]+[[:space:]]+(INITED|NEW|REDUCE|pulse|DONE|RELOAD)[[:space:]]' "$log" | tail -1)
  cov=$(sed -n 's/.* cov: \([0-9]*\) .*/\1/p' <<< "$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\) .*/\1/p' <<< "$last")
  [[ -z "$execs" ]] && execs=$(sed -n 's/^#\([0-9]*\).*/\1/p' <<< "$last")
  [[ -z "$secs" ]] && secs="~$wall(wall)"
  if [[ -z "$rate" && -n "$execs" && "$wall" -gt 0 ]]; then rate="~$((execs / wall))"; fi
  # Under JUnit a finding is the test's FuzzTestFindingException, caused by what the target threw: its
  # top frame, and the first frame of the project's own code (dev.readiness) when that is lower down.
  written=$(sed -n "s/.*Test unit written to \(.*\)$/\1/p" "$log" | tr '\n' ' ')
  exception=$(sed -n 's/.*FuzzTestFindingException: //p' "$log" | head -1)
  # (a bug detector's finding has its message on the next lines: then the cause's first line says it)
  [[ -z "$exception" ]] && exception=$(sed -n 's/^Caused by: //p' "$log" | head -1)
  [[ -z "$exception" ]] && exception=$(sed -n 's/^== Java Exception: //p' "$log" | head -1)
  if [[ -n "$exception" ]]; then
    frame=$(awk '/^Caused by: |^== Java Exception: / { c = 1; next } c && /^[[:space:]]+at / { sub(/^[[:space:]]+at /, ""); print; exit }' "$log")
    own=$(awk '/^Caused by: |^== Java Exception: / { c = 1; next } c && /^[[:space:]]+at dev\.readiness\./ { sub(/^[[:space:]]+at /, ""); print; exit }' "$log")
    findings="exception: ${exception:0:160} at ${frame:-?}"
    [[ -n "$own" && "$own" != "$frame" ]] && findings="$findings via $own"
    # Fuzzing went on past a finding named in -Djazzer.ignore, but JUnit still replays its kept input.
    [[ -z "$written" ]] && findings="none new; replaying a kept input failed: $findings"
  fi
  grep -aq 'ALARM: working on the last Unit for' "$log" && findings="${findings:+$findings; }timeout (over ${timeout}s)"
  grep -aqE 'libFuzzer: out-of-memory|java.lang.OutOfMemoryError' "$log" && findings="${findings:+$findings; }out of memory"
  [[ -n "$written" ]] && findings="${findings:+$findings; }input: ${written% }"
  if [[ -z "$findings" && "$status" -ne 0 ]]; then
    findings="maven failed (status $status): $(grep -a -m1 -E '^\[ERROR\]' "$log" | cut -c1-200)"
  fi
  printf '%-72s execs=%-9s secs=%-6s exec/s=%-6s cov=%-5s ft=%-6s findings=%s\n' \
    "$1" "${execs:-?}" "$secs" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${findings:-none}"
}

mkdir -p "$log_dir"
summary="$log_dir/summary.txt"
: > "$summary"
echo "==> Compiling the tests once"
nice -n "$nice_level" "$mvn" -B -q "${mvn_args[@]}" -pl readiness-checks test-compile || exit 1
echo "==> ${#targets[@]} target(s), each until $runs executions or ${seconds}s; logs in $log_dir"
failed=0
for target in "${targets[@]}"; do
  if grep -qxF "$target disabled" <<< "$all"; then
    printf '%-72s skipped: @Disabled\n' "$target" | tee -a "$summary"
    continue
  fi
  log="$log_dir/$target.log"
  props=(-Dfuzz="$target" -Dfuzz.runs="$runs" -Dfuzz.seconds="$seconds" -Dfuzz.timeout="$timeout")
  [[ -n "$tmpdir" ]] && props+=(-Dfuzz.tmpdir="$tmpdir")
  echo "--> $target ($(date -u +%H:%M:%S) UTC)"
  start=$(date +%s)
  nice -n "$nice_level" "$mvn" -B "${mvn_args[@]}" -pl readiness-checks test "${props[@]}" > "$log" 2>&1
  status=$?
  line=$(summarize "$target" "$log" "$(( $(date +%s) - start ))" "$status")
  echo "$line" | tee -a "$summary"
  [[ "$status" -ne 0 || "$line" != *"findings=none" ]] && failed=1
done
echo "==> Summary (also in $summary)"
cat "$summary"
exit "$failed"

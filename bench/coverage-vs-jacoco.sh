#!/usr/bin/env bash
# Benchmark (on demand, not in .ci/run): `mvn readiness:verify` with only the coverage check configured
# against `mvn jacoco:check` (one BUNDLE rule) on the same big, real input, in wall time and peak RSS.
#
# The input: the class files of Maven's runtime (lib/ and boot/ of the Maven that ./mvnw runs), Groovy
# and Byte Buddy, laid out as one project's target/classes. The execution data comes from real runs
# with the JaCoCo agent (0.8.15 runtime from the local repository): a real Maven build (`validate` of
# this repository, the agent in MAVEN_OPTS, so Maven's own classes are recorded) and a Groovy script
# that makes and loads a class with Byte Buddy (bench/coverage-vs-jacoco.groovy), appended to one
# target/jacoco.exec.
#
# The plugin is installed into a private local repository under the work folder (the local repository
# given as REPO is only read, as its tail), so the readiness cache lives in <that>/.cache/readiness/coverage.
# Each round runs, interleaved (the machine may be shared): jacoco:check; readiness:verify cold (cache
# folder deleted first); readiness:verify warm (cache filled by the previous run, nothing changed);
# readiness:verify -Dreadiness.cache=false (the analysis as before the cache); validate (what Maven costs
# on this project before any plugin goal: the floor under every other row).
# Printed: per command the median wall time and median peak RSS (/usr/bin/time -v "Maximum resident
# set size" of the Maven JVM), the ratios against jacoco:check, and the load average before and after.
#
#   bench/coverage-vs-jacoco.sh            # 5 rounds
#   ROUNDS=9 bench/coverage-vs-jacoco.sh
#   REPO=/path/to/repository bench/coverage-vs-jacoco.sh   # default ~/.m2/repository
#   SKIP_INSTALL=1 bench/coverage-vs-jacoco.sh             # the plugin in the work folder's repository is current
#   PROFILE=cold bench/coverage-vs-jacoco.sh  # one readiness:verify with JFR (cache empty; PROFILE=warm: filled), top frames
#
# Figures of 2026-12-03, the idle 2-core machine (load average 2.0-2.4: the benchmark itself), 13,747 class
# files (Maven 3.9.11 lib/ and boot/, Groovy 4.0.31, Byte Buddy 1.18.14; names met twice laid out once, 82 MB),
# medians of 5 interleaved rounds (ratios: wall / peak RSS against jacoco:check):
#   jacoco:check                    3804 ms  1.00x   peak RSS  738 MB  1.00x
#   readiness:verify cold           4377 ms  1.15x   peak RSS  467 MB  0.63x
#   readiness:verify warm           2172 ms  0.57x   peak RSS  200 MB  0.27x
#   readiness:verify, no cache      4132 ms  1.09x   peak RSS  417 MB  0.56x
#   validate (Maven's floor)        1114 ms  0.29x   peak RSS  113 MB  0.15x
# The goals (issue 12) are cold <= 0.8x wall and <= 0.6x peak, warm <= 0.2x: peak is at the line (cold's peak
# was 0.55x-0.70x of its round's jacoco:check), cold wall and warm are not met.
# Warm reads no class file (the cache's stat index): 2.2 s = validate 1.1 s + the gate's fixed cost (resolving the
# plugin, its realm, Jackson's binding, the reports: ~0.65 s, bench/OVERHEAD.md) + ~0.3 s of listing the files and
# reading the exec data and the pack. Below validate's 0.29x no run through Maven can go.
# Profiles (JFR, PROFILE=cold / warm), 2026-12-02: cold, 53% of the samples in JaCoCo's Analyzer (ASM's
# ClassReader.readCode, JaCoCo's InstructionsBuilder and probe mapping: the analysis itself, on both cores),
# 30% Maven's startup, model and plugin resolution, 6% the engine, 5% listing class files; warm, ~3/4 in Maven and
# the plugin's realm. Earlier series (another, slower machine, and before the stat index): bench/OVERHEAD.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
ROUNDS=${ROUNDS:-5}
REPO=${REPO:-$HOME/.m2/repository}
mvn=${MVN:-$root/mvnw}
GROOVY=${GROOVY:-4.0.31}
BYTEBUDDY=${BYTEBUDDY:-1.18.14}
JACOCO_PLUGIN=${JACOCO_PLUGIN:-0.8.15}
work="$root/target/bench-coverage-vs-jacoco"
brepo="$work/repository"
project="$work/project"
mkdir -p "$work" "$brepo"
repo_args=(-Dmaven.repo.local="$brepo" -Dmaven.repo.local.tail="$REPO")

jar() { # groupId artifactId version [classifier] -> the jar in REPO
  local j="$REPO/${1//.//}/$2/$3/$2-$3${4:+-$4}.jar"
  [[ -f "$j" ]] || { echo "missing $j: fetch it with mvn dependency:get -Dartifact=$1:$2:$3${4:+:jar:$4}" >&2; exit 1; }
  echo "$j"
}
groovy_jar=$(jar org.apache.groovy groovy "$GROOVY")
bytebuddy_jar=$(jar net.bytebuddy byte-buddy "$BYTEBUDDY")
agent_jar=$(jar org.jacoco org.jacoco.agent "$JACOCO_PLUGIN" runtime)
maven_home=$("$mvn" -v -B | sed -n 's/^Maven home: //p')
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)

if [[ -z "${SKIP_INSTALL:-}" ]]; then
  echo "==> Installing the plugin $version into $brepo"
  "$mvn" -B -q -o "${repo_args[@]}" install -DskipTests -Dinvoker.skip=true -pl readiness-maven-plugin -am
fi

if [[ ! -f "$project/target/jacoco.exec" ]]; then
  echo "==> Laying out the classes and recording execution data"
  rm -rf "$project" && mkdir -p "$project/target/classes"
  for j in "$maven_home"/lib/*.jar "$maven_home"/boot/*.jar "$groovy_jar" "$bytebuddy_jar"; do
    unzip -q -o "$j" '*.class' -x 'META-INF/*' '*module-info.class' -d "$project/target/classes" 2>&1 | { grep -v "excluded filename not matched" || true; }
  done
  exec_file="$project/target/jacoco.exec"
  MAVEN_OPTS="-javaagent:$agent_jar=destfile=$exec_file" "$mvn" -B -q -o -f "$root/pom.xml" "${repo_args[@]}" validate
  java -javaagent:"$agent_jar=destfile=$exec_file" -cp "$groovy_jar:$bytebuddy_jar" groovy.ui.GroovyMain \
    "$root/bench/coverage-vs-jacoco.groovy"
  cat > "$project/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId>
  <artifactId>coverage-vs-jacoco</artifactId>
  <version>1</version>
  <build>
    <plugins>
      <plugin>
        <groupId>org.jacoco</groupId>
        <artifactId>jacoco-maven-plugin</artifactId>
        <version>$JACOCO_PLUGIN</version>
        <configuration>
          <rules>
            <rule>
              <element>BUNDLE</element>
              <limits><limit><counter>LINE</counter><value>COVEREDRATIO</value><minimum>0.01</minimum></limit></limits>
            </rule>
          </rules>
        </configuration>
      </plugin>
      <plugin>
        <groupId>dev.readiness</groupId>
        <artifactId>readiness-maven-plugin</artifactId>
        <version>$version</version>
        <configuration>
          <checks>
            <coverage><minimum>1%</minimum></coverage>
          </checks>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
EOF
fi
classes=$(find "$project/target/classes" -name '*.class' | wc -l)
pom="$project/pom.xml"
cache="$brepo/.cache/readiness/coverage"

if [[ -n "${PROFILE:-}" ]]; then
  rm -rf "$cache"
  [[ "$PROFILE" == warm ]] && "$mvn" -B -q -o "${repo_args[@]}" -f "$pom" readiness:verify
  MAVEN_OPTS="-XX:StartFlightRecording=filename=$work/$PROFILE.jfr,settings=profile" \
    "$mvn" -B -q -o "${repo_args[@]}" -f "$pom" readiness:verify
  echo "==> top frames of the CPU samples in $work/$PROFILE.jfr"
  jfr print --events jdk.ExecutionSample "$work/$PROFILE.jfr" | grep -A1 'stackTrace = \[' | grep -v -e 'stackTrace' -e '^--' \
    | sed 's/line:.*//' | sort | uniq -c | sort -rn | head -25
  exit 0
fi

names=("jacoco:check" "readiness:verify cold" "readiness:verify warm" "readiness:verify, no cache" "validate (Maven's floor)")
goals=("jacoco:check" "readiness:verify" "readiness:verify" "readiness:verify -Dreadiness.cache=false" "validate")
run() { # index -> "ms kb" of one run
  local cmd
  read -r -a cmd <<< "${goals[$1]}"
  [[ $1 -eq 1 ]] && rm -rf "$cache"
  local start end
  start=$(date +%s%N)
  /usr/bin/time -v -o "$work/time.txt" "$mvn" -B -q -o "${repo_args[@]}" -f "$pom" "${cmd[@]}" > "$work/run.log" 2>&1 \
    || { echo "${names[$1]} failed:" >&2; tail -20 "$work/run.log" >&2; exit 1; }
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000000 )) $(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")"
}
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }

echo "==> $classes class files; warm-up: one run of each"
for i in "${!names[@]}"; do run "$i" >/dev/null; done
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for i in "${!names[@]}"; do : > "$work/ms-$i" && : > "$work/kb-$i"; done
for round in $(seq 1 "$ROUNDS"); do
  line="    round $round:"
  for i in "${!names[@]}"; do
    read -r ms kb < <(run "$i")
    echo "$ms" >> "$work/ms-$i"
    echo "$kb" >> "$work/kb-$i"
    line="$line ${names[$i]} ${ms} ms ${kb} KB;"
  done
  echo "$line"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

echo
echo "coverage on $classes classes: medians of $ROUNDS interleaved rounds, $(nproc) cores, load average $load_before before, $load_after after"
base_ms=$(median < "$work/ms-0")
base_kb=$(median < "$work/kb-0")
for i in "${!names[@]}"; do
  ms=$(median < "$work/ms-$i")
  kb=$(median < "$work/kb-$i")
  printf '  %-28s %7s ms %5s×   peak RSS %7s KB %5s×\n' "${names[$i]}" "$ms" \
    "$(awk -v a="$ms" -v b="$base_ms" 'BEGIN {printf "%.2f", a / b}')" "$kb" \
    "$(awk -v a="$kb" -v b="$base_kb" 'BEGIN {printf "%.2f", a / b}')"
done

#!/usr/bin/env bash
# Benchmark (on demand): what `readiness:verify` (tests + coverage) costs beside what Maven Enforcer's
# `dependencyConvergence` costs, on the same small project. Generates a two-class sample (two classes, two test
# classes, Surefire and JaCoCo's agent and report, the gate and Enforcer configured in its POM), runs `mvn verify`
# once so test reports and execution data exist, then times interleaved rounds of `mvn -o -q validate`,
# `enforcer:enforce`, `readiness:verify` and `readiness:verify -Dreadiness.skip=true`, and prints the medians, each
# goal's overhead over validate and the ratio of the gate's overhead to Enforcer's (issue 12: at most 1.5). The
# plugin (0.1.0-SNAPSHOT) is installed into the local repository first, unless SKIP_INSTALL is set.
#
#   bench/gate-vs-enforcer.sh             # 7 rounds (each runs every command once), after one warm-up run each
#   bench/gate-vs-enforcer.sh 11          # 11 rounds
#   MVN=mvn bench/gate-vs-enforcer.sh     # the mvn on the PATH instead of ./mvnw
#   MAVEN_ARGS=-Dmaven.repo.local=/tmp/m2 bench/gate-vs-enforcer.sh   # another local repository (Maven 3.9 reads MAVEN_ARGS)
#   BASELINE_REPO=/tmp/m2-old bench/gate-vs-enforcer.sh   # also time the plugin installed in that local repository
#                                                         # (an earlier commit's build), interleaved, as the baseline
# Needs jq (the verdict and the checks' durations from readiness.json).
set -euo pipefail
rounds=${1:-7}
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn=${MVN:-./mvnw}
work="$root/target/bench-enforcer"
enforcer=${ENFORCER_VERSION:-3.6.3}

# shellcheck source=bench/lib-build.sh
source "$root/bench/lib-build.sh"
install_plugin
version=$(pom_value version)
jacoco=$(pom_value jacoco-plugin.version)
junit=$(pom_value junit.version)
surefire=$(pom_value surefire.version)

echo "==> Generating the two-class sample in $work"
rm -rf "$work"
mkdir -p "$work"
cat > "$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId>
  <artifactId>two-classes</artifactId>
  <version>1.0</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencies>
    <dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId><version>$junit</version><scope>test</scope></dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.15.0</version></plugin>
      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-surefire-plugin</artifactId><version>$surefire</version></plugin>
      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-jar-plugin</artifactId><version>3.5.1</version></plugin>
      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-resources-plugin</artifactId><version>3.4.0</version></plugin>
      <plugin>
        <groupId>org.jacoco</groupId><artifactId>jacoco-maven-plugin</artifactId><version>$jacoco</version>
        <executions><execution><goals><goal>prepare-agent</goal><goal>report</goal></goals></execution></executions>
      </plugin>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId><artifactId>maven-enforcer-plugin</artifactId><version>$enforcer</version>
        <configuration><rules><dependencyConvergence/></rules></configuration>
      </plugin>
      <plugin>
        <groupId>dev.readiness</groupId><artifactId>readiness-maven-plugin</artifactId><version>$version</version>
        <configuration>
          <checks>
            <tests/>
            <coverage><minimum>50%</minimum></coverage>
          </checks>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
POM
# shellcheck source=bench/lib-sample.sh
source "$root/bench/lib-sample.sh"
write_sample_sources "$work" bench

pom=$(printf %q "$work/pom.xml")
echo "==> One mvn verify (online: downloads, if any, happen here), so test reports and execution data exist"
$mvn -B -ntp -f "$work/pom.xml" verify enforcer:enforce readiness:verify > "$work/verify.log" 2>&1 \
  || { echo "mvn verify failed on the sample (see $work/verify.log):"; tail -30 "$work/verify.log"; exit 1; }
baseline=${BASELINE_REPO:+-Dmaven.repo.local=$(printf %q "$BASELINE_REPO")}
if [[ -n "$baseline" ]]; then
  $mvn -B -ntp -f "$work/pom.xml" -Dmaven.repo.local="$BASELINE_REPO" enforcer:enforce readiness:verify > "$work/baseline.log" 2>&1 \
    || { echo "the baseline's readiness:verify failed (see $work/baseline.log):"; tail -30 "$work/baseline.log"; exit 1; }
fi

names=(validate "enforcer:enforce" "readiness:verify" "readiness:verify -Dreadiness.skip")
commands=(
  "$mvn -B -o -q -f $pom validate"
  "$mvn -B -o -q -f $pom enforcer:enforce"
  "$mvn -B -o -q -f $pom readiness:verify"
  "$mvn -B -o -q -f $pom readiness:verify -Dreadiness.skip=true"
)
if [[ -n "$baseline" ]]; then
  names+=("baseline readiness:verify" "baseline readiness:verify -Dreadiness.skip")
  commands+=("$mvn -B -o -q -f $pom $baseline readiness:verify" "$mvn -B -o -q -f $pom $baseline readiness:verify -Dreadiness.skip=true")
fi
# shellcheck source=bench/lib-timing.sh
source "$root/bench/lib-timing.sh"
time_rounds "$rounds"
report="$work/target/readiness/readiness.json"
if [[ -n "$baseline" ]]; then
  # the last round's last readiness:verify was the baseline's: the report the figures below read is this build's
  $mvn -B -o -q -f "$work/pom.xml" readiness:verify > /dev/null
fi

# one summary line per goal: its median, and its overhead over validate (wall clock, then CPU)
row() {
  printf '  %-48s %7s ms %7s ms %8s ms %8s ms\n' "$1" "${medians[$2]}" "$((medians[$2] - medians[0]))" \
    "${cpu_medians[$2]}" "$((cpu_medians[$2] - cpu_medians[0]))"
}
# the overhead of the gate's row $2 over Enforcer's, from the medians named $1 (wall or CPU)
ratio() {
  local -n of=$1
  awk -v g="$((of[$2] - of[0]))" -v e="$((of[1] - of[0]))" 'BEGIN {if (e > 0) printf "%.2f", g / e; else print "n/a"}'
}
echo
echo "Gate against Enforcer on a two-class sample: medians of $rounds rounds ($timer),"
echo "Maven $($mvn -v -B -q 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g'), $(nproc) cores, 1-minute load average $load_seen"
printf '  %-48s %10s %10s %11s %11s\n' "" "wall" "+validate" "CPU" "+validate"
row "mvn -o -q validate" 0
row "enforcer:enforce (dependencyConvergence $enforcer)" 1
row "readiness:verify (tests, coverage)" 2
row "readiness:verify -Dreadiness.skip=true" 3
if [[ -n "$baseline" ]]; then
  row "baseline readiness:verify ($BASELINE_REPO)" 4
  row "baseline readiness:verify -Dreadiness.skip=true" 5
fi
printf '  %-48s %10s %10s %11s %11s\n' "overhead ratio gate / Enforcer (goal <= 1.5)" "" "$(ratio medians 2)" "" "$(ratio cpu_medians 2)"
if [[ -n "$baseline" ]]; then
  printf '  %-48s %10s %10s %11s %11s\n' "the baseline's ratio gate / Enforcer" "" "$(ratio medians 4)" "" "$(ratio cpu_medians 4)"
fi
echo "  last verdict $(jq -r .verdict "$report"); the checks' own durationMs: $(jq -r '[.checks[] | "\(.id) \(.durationMs) ms"] | join(", ")' "$report")"

#!/usr/bin/env bash
# Benchmark (on demand): what the gate adds to a reactor build. Generates a reactor of N modules (default 100; each
# with two small classes and a test of each, JaCoCo's agent on, the plugin declared once in the parent with tests and
# coverage), then times rounds of `mvn -o -q -T 2 verify` without the gate (-Dreadiness.skip... is not used: the
# plugin is bound only under the profile `gate`) and with it (-Pgate), interleaved, and prints the medians, the
# difference in total and per module, and the reactor's aggregate verdict. The plugin (0.1.0-SNAPSHOT) is installed
# into the local repository first, unless SKIP_INSTALL is set.
#
#   bench/reactor-overhead.sh            # 100 modules, 3 rounds
#   bench/reactor-overhead.sh 40 5       # 40 modules, 5 rounds
#   MVN=mvn bench/reactor-overhead.sh    # the mvn on the PATH instead of ./mvnw
set -euo pipefail
modules=${1:-100}
rounds=${2:-3}
threads=${THREADS:-2}
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn=${MVN:-./mvnw}
work="$root/target/bench-reactor"

# shellcheck source=bench/lib-build.sh
source "$root/bench/lib-build.sh"
install_plugin
version=$(pom_value version)
# the plugin (its agent's runtime jar 0.8.16 is not served: the sample builds use the same version as the ITs)
jacoco=$(pom_value jacoco-plugin.version)
junit=$(pom_value junit.version)
surefire=$(pom_value surefire.version)

# shellcheck source=bench/lib-sample.sh
source "$root/bench/lib-sample.sh"
echo "==> Generating a reactor of $modules modules in $work"
rm -rf "$work"
mkdir -p "$work"
module_list=""
for i in $(seq -w 1 "$modules"); do
  m="module$i"
  module_list="$module_list    <module>$m</module>"$'\n'
  mkdir -p "$work/$m"
  cat > "$work/$m/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent><groupId>bench</groupId><artifactId>reactor</artifactId><version>1.0</version></parent>
  <artifactId>$m</artifactId>
  <dependencies>
    <dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId><version>$junit</version><scope>test</scope></dependency>
  </dependencies>
</project>
POM
  write_sample_sources "$work/$m" "bench.m$i"
done
cat > "$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId>
  <artifactId>reactor</artifactId>
  <version>1.0</version>
  <packaging>pom</packaging>
  <modules>
$module_list  </modules>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <build>
    <pluginManagement>
      <plugins>
        <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.15.0</version></plugin>
        <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-surefire-plugin</artifactId><version>$surefire</version></plugin>
        <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-jar-plugin</artifactId><version>3.5.1</version></plugin>
        <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-resources-plugin</artifactId><version>3.4.0</version></plugin>
      </plugins>
    </pluginManagement>
    <plugins>
      <plugin>
        <groupId>org.jacoco</groupId><artifactId>jacoco-maven-plugin</artifactId><version>$jacoco</version>
        <executions><execution><goals><goal>prepare-agent</goal></goals></execution></executions>
      </plugin>
    </plugins>
  </build>
  <profiles>
    <profile>
      <id>gate</id>
      <build>
        <plugins>
          <plugin>
            <groupId>dev.readiness</groupId><artifactId>readiness-maven-plugin</artifactId><version>$version</version>
            <executions><execution><goals><goal>verify</goal></goals></execution></executions>
            <configuration>
              <checks>
                <tests/>
                <coverage><minimum>50%</minimum></coverage>
              </checks>
            </configuration>
          </plugin>
        </plugins>
      </build>
    </profile>
  </profiles>
</project>
POM

pom=$(printf %q "$work/pom.xml")
names=("verify" "verify with the gate")
commands=("$mvn -B -o -q -T $threads -f $pom verify" "$mvn -B -o -q -T $threads -f $pom verify -Pgate")
echo "==> One warm-up run of each (downloads, if any, happen here)"
for c in "${commands[@]}"; do bash -c "${c/ -o / }" >/dev/null || { echo "failed: ${c/ -o / }"; exit 1; }; done
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
for i in "${!names[@]}"; do : > "$work/times-$i.ms"; done
for round in $(seq 1 "$rounds"); do
  line="    round $round:"
  for i in "${!names[@]}"; do
    start=$(date +%s%N)
    bash -c "${commands[$i]}" >/dev/null || { echo "failed: ${commands[$i]}"; exit 1; }
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    echo "$ms" >> "$work/times-$i.ms"
    line="$line ${names[$i]} $ms ms;"
  done
  echo "$line"
done
plain=$(median < "$work/times-0.ms")
gated=$(median < "$work/times-1.ms")
echo
echo "Reactor of $modules modules, mvn -T $threads verify, medians of $rounds rounds, $(nproc) cores:"
printf '  %-36s %8s ms\n' "without the gate" "$plain" "with the gate (-Pgate)" "$gated" "added in total" "$((gated - plain))"
printf '  %-36s %8s ms\n' "added per module" "$(( (gated - plain) / (modules + 1) ))"
printf '  %-36s %8s\n' "ratio" "$(awk -v g="$gated" -v p="$plain" 'BEGIN {printf "%.2f", g / p}')"
report="$work/target/readiness/readiness.json"
echo "  aggregate: $(grep -oE '"verdict" *: *"[A-Z]+"' "$report" | head -1), $(grep -o '"artifactId"' "$report" | wc -l) artifactIds named in $report"

#!/usr/bin/env bash
# Benchmark (on demand): the coverage check against JaCoCo's own Analyzer + CoverageBuilder on the
# class files of a big real library (Guava by default: about 2,000 classes), with execution data
# recorded by running the library instrumented by JaCoCo. Each round runs each side in a fresh JVM.
#
#   bench/coverage.sh                      # Guava 33.4.0-jre, 5 rounds, -Xmx256m -Xmn16m -XX:+UseSerialGC
#   ROUNDS=9 JVM_OPTS="-Xmx512m -XX:+UseSerialGC" bench/coverage.sh
#   BENCH_JARS="/path/a.jar /path/b.jar" bench/coverage.sh   # other jars, analysed together
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-5}
JVM_OPTS=${JVM_OPTS:--Xmx256m -Xmn16m -XX:+UseSerialGC}
REPO=${MAVEN_REPO:-$HOME/.m2/repository}
GUAVA=${GUAVA:-33.4.0-jre}
FAILUREACCESS=${FAILUREACCESS:-1.0.2}

fetch() { # groupId artifactId version -> path of the jar in the local repository, downloaded if absent
  local jar="$REPO/${1//.//}/$2/$3/$2-$3.jar"
  if [ ! -f "$jar" ]; then
    mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get -Dartifact="$1:$2:$3" -Dtransitive=false >&2
  fi
  echo "$jar"
}

if [ -z "${BENCH_JARS:-}" ]; then
  BENCH_JARS="$(fetch com.google.guava guava "$GUAVA") $(fetch com.google.guava failureaccess "$FAILUREACCESS")"
fi

mvn -B -q -o -pl readiness-checks test-compile || mvn -B -q -pl readiness-checks test-compile
CP_FILE=readiness-checks/target/bench-classpath.txt
mvn -B -q -o -pl readiness-checks dependency:build-classpath -Dmdep.outputFile="$PWD/$CP_FILE" -Dmdep.includeScope=test >/dev/null
CP="readiness-checks/target/test-classes:readiness-checks/target/classes:$(cat "$CP_FILE")"

WORK=readiness-checks/target/bench-coverage
rm -rf "$WORK"
# shellcheck disable=SC2086
java -cp "$CP" dev.readiness.checks.coverage.CoverageBenchmark prepare "$WORK" $BENCH_JARS
# shellcheck disable=SC2086
java -cp "$CP" dev.readiness.checks.coverage.CoverageBenchmark compare "$WORK" "$ROUNDS" $JVM_OPTS

#!/bin/sh
# Benchmark of the HTTP probes' concurrency: runs securityHeaders, tls and health through the real
# Engine against servers on loopback that answer late (each check alone, all three together, and all
# three against an endpoint that never answers, with a 1s timeout), and prints medians and ratios.
# Usage: bench/http-probes.sh [rounds, default 7] (extra JVM options in JVM_OPTS)
set -e
cd "$(dirname "$0")/.."
mvn -B -q -o -pl readiness-checks test-compile || mvn -B -q -pl readiness-checks test-compile
classpath_file=$(mktemp)
trap 'rm -f "$classpath_file"' EXIT
mvn -B -q -o -pl readiness-checks org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=test \
  || mvn -B -q -pl readiness-checks org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=test
# shellcheck disable=SC2086
java -Xmx256m ${JVM_OPTS:-} \
    -cp "readiness-checks/target/test-classes:readiness-checks/target/classes:$(cat "$classpath_file")" \
    dev.readiness.engine.HttpProbesBenchmark "${1:-7}"

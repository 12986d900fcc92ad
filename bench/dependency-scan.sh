#!/usr/bin/env bash
# Benchmark of the dependencyScan check: 500 dependencies against an OSV API on loopback (cold and
# warm cache, with and without simulated latency) and an offline database of >= 5,000 records.
# Usage: bench/dependency-scan.sh [advisories-folder] [runs]   (prints medians)
set -euo pipefail
cd "$(dirname "$0")/.."
offline=${MVN_OFFLINE:--o}
mvn -B $offline -q -pl readiness-checks test-compile
classpath_file=$(mktemp)
trap 'rm -f "$classpath_file"' EXIT
mvn -B $offline -q -pl readiness-checks org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file"
exec java -Xmx1g -cp "readiness-checks/target/test-classes:readiness-checks/target/classes:$(cat "$classpath_file")" \
    dev.readiness.checks.dependencies.DependencyScanBenchmark "$@"

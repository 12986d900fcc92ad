#!/bin/sh
# Benchmark of the tests check: times it on generated projects of real Surefire reports against a
# baseline of parsing the same files with SafeXml alone. Usage: bench/tests-check.sh [extra JVM options]
set -e
cd "$(dirname "$0")/.."
mvn -B -q -o -pl readiness-checks test-compile
classpath_file=$(mktemp)
trap 'rm -f "$classpath_file"' EXIT
mvn -B -q -o -pl readiness-checks org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=test
exec java -Xmx512m "$@" \
    -cp "readiness-checks/target/test-classes:readiness-checks/target/classes:$(cat "$classpath_file")" \
    dev.readiness.checks.tests.TestsCheckBenchmark

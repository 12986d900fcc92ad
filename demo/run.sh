#!/usr/bin/env bash
# The demo: builds the plugin, starts a small service on loopback (HTTPS with a fresh
# certificate, and its HTTP twin), runs `mvn verify` on the demo shop with the readiness gate,
# stops the service, and shows the report. Needs only JDK 17 and Maven Central.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
cd "$root"

echo "==> Building the plugin"
./mvnw -B -q -ntp install -DskipTests -Dinvoker.skip=true

./mvnw -B -q -ntp -f "$here/pom.xml" clean
work="$here/target/demo-service"
# shellcheck source=demo/service/start.sh
source "$here/service/start.sh"

echo "==> Running the gate on the demo shop (mvn verify)"
status=0
./mvnw -B -ntp -f "$here/pom.xml" verify \
  -Ddemo.target="https://localhost:$https/" -Ddemo.httpUrl="http://localhost:$http/" \
  -Ddemo.trust="$work/demo-ca.pem" || status=$?

echo
echo "==> The report: demo/target/readiness/readiness.md (also readiness.json and TEST-readiness.xml)"
cat "$here/target/readiness/readiness.md" 2>/dev/null || echo "(no report was written)"
exit $status

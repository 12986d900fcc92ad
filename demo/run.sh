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
mkdir -p "$work"
keytool -genkeypair -alias demo -keyalg EC -groupname secp256r1 -dname CN=localhost \
  -ext SAN=dns:localhost,ip:127.0.0.1 -validity 90 -keystore "$work/demo.p12" -storetype PKCS12 \
  -storepass changeit >/dev/null 2>&1
keytool -exportcert -rfc -alias demo -keystore "$work/demo.p12" -storepass changeit -file "$work/demo-ca.pem" >/dev/null 2>&1

echo "==> Starting the demo service on loopback"
java "$here/service/DemoService.java" good "$work/demo.p12" changeit "$work/ports" > "$work/service.log" 2>&1 &
service=$!
trap 'kill $service 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do [[ -f "$work/ports" ]] && break; sleep 0.25; done
[[ -f "$work/ports" ]] || { echo "the demo service did not start:"; cat "$work/service.log"; exit 1; }
# shellcheck disable=SC1091
source "$work/ports"

echo "==> Running the gate on the demo shop (mvn verify)"
status=0
./mvnw -B -ntp -f "$here/pom.xml" verify \
  -Ddemo.target="https://localhost:$https/" -Ddemo.httpUrl="http://localhost:$http/" \
  -Ddemo.trust="$work/demo-ca.pem" || status=$?

echo
echo "==> The report: demo/target/readiness/readiness.md (also readiness.json and TEST-readiness.xml)"
cat "$here/target/readiness/readiness.md" 2>/dev/null || echo "(no report was written)"
exit $status

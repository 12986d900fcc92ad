#!/usr/bin/env bash
# The demo: builds the plugin, starts a small service on loopback (HTTPS with a fresh
# certificate, and its HTTP twin), runs `mvn verify` on the demo shop with the readiness gate, then
# the gate's post-deployment stage against the same service (smoke probes, deployed version, edge),
# stops the service, and shows both reports. Needs only JDK 17 and Maven Central.
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

cp "$here/target/readiness/readiness.md" "$work/build-readiness.md" 2>/dev/null || true

# The service reports the build it runs, as Spring Boot's /actuator/info does after spring-boot:build-info; so does
# the demo environment's twin under /demo.
for file in actuator-info.json demo-actuator-info.json; do
  printf '{"build":{"artifact":"demo-shop","name":"demo-shop","version":"1.0.0"}}\n' > "$work/$file"
done
echo
echo "==> After deployment: the same gate against the deployed service (readiness:verify -Dreadiness.stage=postDeploy)"
post=0
./mvnw -B -ntp -f "$here/pom.xml" readiness:verify -Dreadiness.stage=postDeploy -Dreadiness.environment=production \
  -Ddemo.target="https://localhost:$https/" -Ddemo.httpUrl="http://localhost:$http/" \
  -Ddemo.trust="$work/demo-ca.pem" || post=$?

echo
echo "==> The build's report: demo/target/demo-service/build-readiness.md"
cat "$work/build-readiness.md" 2>/dev/null || echo "(no report was written)"
echo
echo "==> The post-deployment report: demo/target/readiness/readiness.md (also .json, .html, .sarif and TEST-readiness.xml)"
cat "$here/target/readiness/readiness.md" 2>/dev/null || echo "(no report was written)"
exit $(( status != 0 ? status : post ))

# Sourced by demo/run.sh and bench/gate-overhead.sh: makes a fresh certificate for localhost in
# the folder $work, starts DemoService (mode "good") on loopback, stops it when the calling script
# exits, and sets $https and $http to its ports. $work/demo-ca.pem is the certificate to trust.
# shellcheck shell=bash
service_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$work"
keytool -genkeypair -alias demo -keyalg EC -groupname secp256r1 -dname CN=localhost \
  -ext SAN=dns:localhost,ip:127.0.0.1 -validity 90 -keystore "$work/demo.p12" -storetype PKCS12 \
  -storepass changeit >/dev/null 2>&1
keytool -exportcert -rfc -alias demo -keystore "$work/demo.p12" -storepass changeit -file "$work/demo-ca.pem" >/dev/null 2>&1

echo "==> Starting the demo service on loopback"
# in $work, where it reads the Actuator answers a caller writes there (actuator-info.json)
(cd "$work" && exec java "$service_dir/DemoService.java" good "$work/demo.p12" changeit "$work/ports" > "$work/service.log" 2>&1) &
service=$!
trap 'kill $service 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do [[ -f "$work/ports" ]] && break; sleep 0.25; done
[[ -f "$work/ports" ]] || { echo "the demo service did not start:"; cat "$work/service.log"; exit 1; }
# shellcheck disable=SC1091
source "$work/ports"

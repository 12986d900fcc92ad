#!/usr/bin/env bash
# Benchmark (on demand): what the plugin's class realm costs Maven before the gate runs a check. Times
# `readiness:verify -Dreadiness.skip=true` (Maven resolves the plugin, collects its dependencies and builds its realm;
# the mojo returns at once) on the two-class sample of bench/gate-vs-enforcer.sh (run that first), against
# `validate`, with the plugin's POMs as installed and in two variants, each copy in a local repository of its own with
# the installed one as its read-only tail (maven.repo.local.tail, Maven 3.9), so that all three pay the same lookups:
#   light: readiness-checks without JGit and jsoup, the libraries of the heavier checks still in the realm (swagger-parser,
#          dnsjava, commons-csv and HdrHistogram are optional already), as if they were optional plugin dependencies too;
#   flat:  both POMs without their parent, every version written out (no BOM imports to read), as the
#          flatten-maven-plugin would publish them.
#
#   bench/plugin-realm.sh                                  # 5 rounds
#   LOCAL_REPO=/work/m2 bench/plugin-realm.sh 9            # the local repository the plugin is installed in
set -euo pipefail
rounds=${1:-5}
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn=${MVN:-./mvnw}
repo=${LOCAL_REPO:-$HOME/.m2/repository}
sample="$root/target/bench-enforcer"
work="$root/target/bench-realm"
[[ -f "$sample/pom.xml" ]] || { echo "no sample in $sample: run bench/gate-vs-enforcer.sh first"; exit 1; }
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)

echo "==> Variants of the plugin's POMs in $work"
rm -rf "$work"
mkdir -p "$work"
$mvn -B -o -q -Dmaven.repo.local="$repo" -pl readiness-maven-plugin dependency:list -DincludeScope=runtime \
  -DoutputFile="$work/dependencies.txt" > "$work/dependency-list.log" 2>&1 \
  || { echo "dependency:list failed (see $work/dependency-list.log)"; exit 1; }
for variant in installed light flat; do
  mkdir -p "$work/m2-$variant/dev/readiness"
  for module in readiness-checks readiness-maven-plugin; do
    cp -r "$repo/dev/readiness/$module" "$work/m2-$variant/dev/readiness/"
  done
done
python3 - "$work" "$version" <<'PY'
import re, sys
work, version = sys.argv[1], sys.argv[2]
heavy = {'org.eclipse.jgit', 'jsoup'}
def pom(variant, module):
    return f'{work}/m2-{variant}/dev/readiness/{module}/{version}/{module}-{version}.pom'
def without_heavy(match):
    return '' if re.search(r'<artifactId>(.*?)</artifactId>', match.group(0)).group(1) in heavy else match.group(0)
path = pom('light', 'readiness-checks')
text = open(path).read()
open(path, 'w').write(re.sub(r'\s*<dependency>.*?</dependency>', without_heavy, text, flags=re.S))
# the resolved runtime graph, and the provided Maven artifacts, as one dependencyManagement without imports
resolved = [m.groups() for m in re.finditer(r'^\s+([^:\s]+):([^:]+):jar:([^:]+):\w+', open(f'{work}/dependencies.txt').read(), re.M)]
resolved += [('org.apache.maven', a, '3.9.11') for a in ('maven-plugin-api', 'maven-core', 'maven-artifact')]
resolved.append(('org.apache.maven.plugin-tools', 'maven-plugin-annotations', '3.15.2'))
managed = ''.join(f'<dependency><groupId>{g}</groupId><artifactId>{a}</artifactId><version>{v}</version></dependency>'
                  for g, a, v in resolved)
for module in ('readiness-checks', 'readiness-maven-plugin'):
    path = pom('flat', module)
    text = open(path).read()
    text = re.sub(r'<parent>.*?</parent>', f'<groupId>dev.readiness</groupId><version>{version}</version>', text, flags=re.S)
    text = re.sub(r'<(build|profiles)>.*?</\1>', '', text, flags=re.S)
    text = re.sub(r'\s*<dependency>(?:(?!</dependency>).)*<scope>test</scope>\s*</dependency>', '', text, flags=re.S)
    # optional dependencies never reach a plugin's realm, and the runtime graph holds no version for them
    text = re.sub(r'\s*<dependency>(?:(?!</dependency>).)*<optional>true</optional>\s*</dependency>', '', text, flags=re.S)
    text = text.replace('<dependencies>', f'<dependencyManagement><dependencies>{managed}</dependencies></dependencyManagement><dependencies>', 1)
    open(path, 'w').write(text)
PY

pom=$(printf %q "$sample/pom.xml")
names=(validate)
commands=("$mvn -B -o -q -Dmaven.repo.local=$work/m2-installed -Dmaven.repo.local.tail=$repo -f $pom validate")
realm_jars=("")
for variant in installed light flat; do
  names+=("skip, $variant")
  commands+=("$mvn -B -o -q -Dmaven.repo.local=$work/m2-$variant -Dmaven.repo.local.tail=$repo -f $pom readiness:verify -Dreadiness.skip=true")
  realm_jars+=("$($mvn -B -o -X -Dmaven.repo.local="$work/m2-$variant" -Dmaven.repo.local.tail="$repo" -f "$sample/pom.xml" \
    readiness:verify -Dreadiness.skip=true 2>/dev/null | grep -c 'Included: ' || true)")
done
# shellcheck source=bench/lib-timing.sh
source "$root/bench/lib-timing.sh"
time_rounds "$rounds"

echo
echo "The plugin's realm, readiness:verify -Dreadiness.skip=true on the two-class sample: medians of $rounds rounds ($timer),"
echo "Maven $($mvn -v -B -q 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g'), $(nproc) cores, 1-minute load average $load_seen"
printf '  %-28s %11s %10s %10s %11s %11s\n' "" "realm jars" "wall" "+validate" "CPU" "+validate"
for i in "${!names[@]}"; do
  printf '  %-28s %11s %7s ms %7s ms %8s ms %8s ms\n' "${names[$i]}" "${realm_jars[$i]}" "${medians[$i]}" \
    "$((medians[i] - medians[0]))" "${cpu_medians[$i]}" "$((cpu_medians[i] - cpu_medians[0]))"
done

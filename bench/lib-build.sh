# Build helpers the benchmarks source (not run on its own), from the repository's root folder with `mvn` set.

# Installs the plugin into the local repository, unless SKIP_INSTALL is set (the installed one is current).
install_plugin() {
  if [[ -z "${SKIP_INSTALL:-}" ]]; then
    echo "==> Installing the plugin into the local repository"
    $mvn -B -q -ntp install -DskipTests -Dinvoker.skip=true
  fi
}

# The first value of an element of the root pom.xml: `pom_value version` (the project's), `pom_value junit.version`.
pom_value() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" pom.xml | head -1; }

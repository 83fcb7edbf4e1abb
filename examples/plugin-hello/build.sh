#!/usr/bin/env bash
# Builds hello.jar from this directory's sources against the imagebake SDK alone, with the JDK's own
# tools (no build tool needed), and says where to drop it. Usage:
#   examples/plugin-hello/build.sh [path/to/imagebake-sdk.jar]   (default: the repository's target/)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
sdk="${1:-$here/../../target/imagebake-sdk.jar}"
[[ -f "$sdk" ]] || { echo "no SDK jar at $sdk: run 'mvn -q -DskipTests package' first" >&2; exit 1; }
out="$here/target"
rm -rf "$out" && mkdir -p "$out/classes"
javac --release 17 -Xlint:all -Werror -classpath "$sdk" -d "$out/classes" \
  $(find "$here/src/main/java" -name '*.java')
jar --create --file "$out/hello.jar" -C "$out/classes" . -C "$here/src/main/resources" .
echo "$out/hello.jar: copy it into ~/.imagebake/plugins/ (or a directory of IMAGEBAKE_PLUGIN_PATH)"

#!/usr/bin/env bash
# Captures what Packer 1.6.6 (/usr/bin/packer) prints for `packer inspect` on every template the
# inspect golden test reads: the repository's templates/*.json, golden/validate/*.json and the
# edge cases here (golden/inspect/*.json). Run from the repository root:
#   src/test/resources/golden/inspect/capture.sh
# Output: golden/inspect/packer-1.6.6/<path of the template>.out (stdout of packer, unchanged).
set -euo pipefail
out=src/test/resources/golden/inspect/packer-1.6.6
packer version | grep -qx 'Packer v1.6.6'
for t in templates/*.json src/test/resources/golden/validate/*.json \
  src/test/resources/golden/inspect/*.json; do
  mkdir -p "$out/$(dirname "$t")"
  (cd "$(dirname "$t")" && packer inspect "$(basename "$t")") >"$out/$t.out"
done

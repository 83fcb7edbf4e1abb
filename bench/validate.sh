#!/usr/bin/env bash
# Benchmark (not a test): `imagebake validate` against `packer validate` (Packer 1.6.6, Debian
# package `packer`) on the same template in the same run, then 100 templates in one imagebake
# call against 100 `packer validate` calls. Prints medians and ratios.
# Needs: hyperfine, packer, a built jar (mvn -q -DskipTests package).
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
ib="$home/bin/imagebake"
out="$home/bench/out/validate"
rm -rf "$out" && mkdir -p "$out/many"
export CHECKPOINT_DISABLE=1
template="$home/templates/local-only.json"

"$ib" validate "$template" >/dev/null   # records the class-data archive if `mvn package` did not
for i in $(seq -w 1 100); do
  sed "s/\"version\": \"1.0/\"version\": \"$i.0/" "$template" >"$out/many/t$i.json"
done

hyperfine -N -w 3 -r 20 --export-json "$out/single.json" \
  -n imagebake "$ib validate $template" \
  -n packer "packer validate $template" >/dev/null
hyperfine -w 1 -r 3 --export-json "$out/many.json" \
  -n imagebake-100-in-one-call "$ib validate $out/many/*.json" \
  -n packer-100-calls "for f in $out/many/*.json; do packer validate \$f >/dev/null; done" \
  >/dev/null

python3 - "$out/single.json" "$out/many.json" <<'PY'
import json, sys
for path in sys.argv[1:]:
    r = {x["command"]: x["median"] for x in json.load(open(path))["results"]}
    (a, ta), (b, tb) = list(r.items())
    print(f"{a:28s} {ta*1000:8.1f} ms (median)")
    print(f"{b:28s} {tb*1000:8.1f} ms (median)")
    print(f"{'ratio imagebake/packer':28s} {ta/tb:8.3f}   ({tb/ta:.1f}x faster)\n")
PY

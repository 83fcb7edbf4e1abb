#!/usr/bin/env bash
# Benchmark (not a test): `imagebake validate` against `packer validate` (Packer 1.6.6, Debian
# package `packer`), each template in the same hyperfine run (interleaved warm-ups, then medians):
# every template in templates/ and in the conformance set (CONFORMANCE, default
# ../shared/conformance/real beside the repository), then 100 templates in one imagebake call
# against 100 `packer validate` calls. Prints medians, ratios and the worst ratio.
# Both tools exit 1 on some conformance templates (variables without values, missing files): the
# work up to that verdict is what is timed, for both.
#   bench/validate.sh          every template, then the 100-in-one comparison
#   bench/validate.sh one      templates/local-only.json only (20 runs each), then 100-in-one
# Needs: hyperfine, packer, a built jar (mvn -q -DskipTests package).
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
ib="$home/bin/imagebake"
out="$home/target/bench/validate"
runs="${RUNS:-7}"
rm -rf "$out" && mkdir -p "$out/many" "$out/each"
export CHECKPOINT_DISABLE=1
template="$home/templates/local-only.json"
conformance="${CONFORMANCE:-$home/../shared/conformance/real}"

"$ib" validate "$template" >/dev/null # records the class-data archive if `mvn package` did not
for i in $(seq -w 1 100); do
  sed "s/\"version\": \"1.0/\"version\": \"$i.0/" "$template" >"$out/many/t$i.json"
done

templates=("$template")
if [[ ${1:-} != one ]]; then
  templates=("$home"/templates/*.json)
  if [[ -d $conformance ]]; then
    templates+=("$conformance"/*.json)
  else
    echo "no conformance set at $conformance (set CONFORMANCE=DIR); templates/ only" >&2
  fi
else
  runs=20
fi

# Each template from its own directory, as users run it (relative file references).
i=0
for t in "${templates[@]}"; do
  i=$((i + 1))
  dir="$(dirname "$t")" name="$(basename "$t")"
  hyperfine -N -i -w 2 -r "$runs" --export-json "$out/each/$(printf %03d $i).json" \
    -n "imagebake $t" "bash -c 'cd $dir && exec $ib validate $name'" \
    -n "packer $t" "bash -c 'cd $dir && exec packer validate $name'" >/dev/null 2>&1
done
python3 - "$out"/each/*.json <<'PY'
import json, os, sys
rows = []
for path in sys.argv[1:]:
    (a, ta), (b, tb) = ((x["command"], x["median"]) for x in json.load(open(path))["results"])
    rows.append((ta / tb, ta, tb, a.split(" ", 1)[1]))
for ratio, ta, tb, t in rows:
    print(f"{ratio:6.3f}  imagebake {ta*1000:7.1f} ms  packer {tb*1000:7.1f} ms  {os.path.basename(t)}")
worst = max(rows)
rs = sorted(r[0] for r in rows)
print(f"\nvalidate, {len(rows)} templates: median ratio {rs[len(rs)//2]:.3f}, "
      f"worst {worst[0]:.3f} ({os.path.basename(worst[3])})\n")
PY

hyperfine -w 1 -r 3 --export-json "$out/many.json" \
  -n imagebake-100-in-one-call "$ib validate $out/many/*.json" \
  -n packer-100-calls "for f in $out/many/*.json; do packer validate \$f >/dev/null; done" \
  >/dev/null
python3 - "$out/many.json" <<'PY'
import json, sys
r = {x["command"]: x["median"] for x in json.load(open(sys.argv[1]))["results"]}
(a, ta), (b, tb) = list(r.items())
print(f"{a:28s} {ta*1000:8.1f} ms (median)")
print(f"{b:28s} {tb*1000:8.1f} ms (median)")
print(f"{'ratio imagebake/packer':28s} {ta/tb:8.3f}   ({tb/ta:.1f}x faster)")
PY
echo "load: $(uptime)"

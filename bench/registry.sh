#!/usr/bin/env bash
# Benchmark (not a test) of the image registry (docs/registry.md), on the default store (SQLite):
#  1. what recording adds to a build: `build --registry` against `build` of the same small
#     template (file builder), the registry already created (target: <= 50 ms);
#  2. `registry get BUCKET CHANNEL` from a cold start (a new JVM per call) with 10,000 versions in
#     the bucket (target: <= 0.3 s wall).
# Prints medians (wall) and the CPU time of each. Needs: hyperfine, sqlite3, a built jar.
#   RUNS=20 bench/registry.sh
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
ib="$home/bin/imagebake"
out="$home/target/bench/registry"
runs="${RUNS:-15}"
rm -rf "$out" && mkdir -p "$out"
export NO_COLOR=1 XDG_DATA_HOME="$out/data"
unset IMAGEBAKE_REGISTRY
db="$XDG_DATA_HOME/imagebake/registry.db"

cd "$out"
echo "release notes" >notes.txt
cat >app.json <<'JSON'
{"builders": [{"type": "file", "name": "notes", "source": "notes.txt", "target": "out/notes.txt"}]}
JSON
"$ib" build app.json >/dev/null                  # records the class-data archive if needed
"$ib" build --registry app.json >/dev/null       # creates the registry (migrations) once

hyperfine -N -w 2 -r "$runs" --export-json "$out/record.json" \
  -n build "$ib build app.json" \
  -n build-registry "$ib build --registry app.json" >/dev/null

# 10,000 versions in bucket "web": one recorded by a real build, then copies of it made in SQL
# (recording 10,000 builds through the CLI would take an hour; the rows are the same shape).
cp app.json web.json
"$ib" build --registry web.json >/dev/null
sqlite3 "$db" <<'SQL'
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
INSERT INTO version (bucket_id, number, status, git_commit, content_hash, template, who, host,
                     imagebake_version, started_at, ended_at)
SELECT v.bucket_id, n.i, v.status, v.git_commit, v.content_hash || '-' || n.i, v.template, v.who,
       v.host, v.imagebake_version, v.started_at, v.ended_at
FROM n, version v JOIN bucket b ON b.id = v.bucket_id WHERE b.name = 'web' AND v.number = 1;
INSERT INTO build (version_id, name, type, status, error)
SELECT v.id, 'notes', 'file', 'succeeded', NULL FROM version v JOIN bucket b ON b.id = v.bucket_id
WHERE b.name = 'web' AND v.number > 1;
INSERT INTO artifact (build_id, position, builder_id, artifact_id, region, description)
SELECT bd.id, 0, 'mitchellh.amazonebs', 'ami-' || printf('%08d', v.number), 'us-east-1', 'AMI'
FROM build bd JOIN version v ON v.id = bd.version_id JOIN bucket b ON b.id = v.bucket_id
WHERE b.name = 'web' AND v.number > 1;
COMMIT;
SQL
"$ib" registry channel set web prod 9999 >/dev/null
[[ $("$ib" registry get web prod) == ami-00009999 ]]
versions=$(sqlite3 "$db" "SELECT COUNT(*) FROM version v JOIN bucket b ON b.id = v.bucket_id WHERE b.name = 'web'")

hyperfine -N -w 2 -r "$runs" --export-json "$out/get.json" \
  -n registry-get "$ib registry get web prod" \
  -n version "$ib version" >/dev/null

python3 - "$out/record.json" "$out/get.json" "$versions" <<'PY'
import json, sys
rec = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
get = {r["command"]: r for r in json.load(open(sys.argv[2]))["results"]}
def line(name, r):
    return f"{name:16} median {r['median'] * 1000:7.1f} ms wall, {(r['user'] + r['system']) * 1000:7.1f} ms CPU (mean)"
for n, r in rec.items():
    print(line(n, r))
b, br = rec["build"], rec["build-registry"]
print(f"recording adds   {(br['median'] - b['median']) * 1000:7.1f} ms wall (median), "
      f"{((br['user'] + br['system']) - (b['user'] + b['system'])) * 1000:7.1f} ms CPU (target: <= 50 ms)")
for n, r in get.items():
    print(line(n, r))
print(f"registry get with {sys.argv[3]} versions: {get['registry-get']['median'] * 1000:.1f} ms wall "
      f"(target: <= 300 ms)")
PY

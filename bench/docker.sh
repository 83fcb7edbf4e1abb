#!/usr/bin/env bash
# Benchmark (not a test) of the docker builder: `imagebake build` against `packer build` (Packer
# 1.6.6, whose docker builder drives the docker CLI) on the same template and the same engine: one
# container of the Debian base image, three shell provisioners, one 50 MiB file upload, commit,
# docker-tag. Prints medians and the ratio. Needs: hyperfine, packer, a running engine
# (bin/start-dockerd), the base image (bin/docker-base-image), a built jar.
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
ib="$home/bin/imagebake"
out="$home/target/bench/docker"
runs="${RUNS:-5}"
rm -rf "$out" && mkdir -p "$out"
export CHECKPOINT_DISABLE=1 NO_COLOR=1

"$home/bin/start-dockerd"
image="$("$home/bin/docker-base-image")"
head -c $((50 * 1024 * 1024)) /dev/urandom >"$out/big.bin"
cat >"$out/docker.json" <<JSON
{
  "builders": [{"type": "docker", "image": "$image", "pull": false, "commit": true,
                "changes": ["LABEL bench=1"]}],
  "provisioners": [
    {"type": "shell", "inline": ["echo first; uname -a"]},
    {"type": "file", "source": "$out/big.bin", "destination": "/tmp/big.bin"},
    {"type": "shell", "inline": ["ls -l /tmp/big.bin", "sha256sum /tmp/big.bin"]},
    {"type": "shell", "inline": ["rm /tmp/big.bin; echo done"]}
  ],
  "post-processors": [{"type": "docker-tag", "repository": "imagebake-bench/docker", "tags": ["latest"]}]
}
JSON

# Each run commits a new image; the previous one loses its tag. Dangling images go at the end.
hyperfine ${HYPERFINE_OPTS:-} -w 1 -r "$runs" --export-json "$out/result.json" \
  -n imagebake "$ib build $out/docker.json" \
  -n packer "packer build -color=false $out/docker.json" >/dev/null
python3 - "$out/result.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
i, p = r["imagebake"]["median"], r["packer"]["median"]
print(f"docker      imagebake {i:7.3f} s  packer {p:7.3f} s  ratio {i/p:.3f}")
PY
docker image prune -f >/dev/null

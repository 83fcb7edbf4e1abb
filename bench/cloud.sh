#!/usr/bin/env bash
# Benchmarks (not tests) of the cloud builders against local API endpoints: `imagebake build`
# against `packer build` (Packer 1.6.6) on the same template and the same endpoint, polling every
# second. One section per builder; each starts its endpoint from the test classes (a process of
# its own, started once for all runs) and a throwaway sshd its machines answer SSH on.
#   bench/cloud.sh            every builder
#   bench/cloud.sh amazon     one builder (amazon, digitalocean, openstack)
# Prints medians, the ratio, and per builder what else its issue asks for (amazon: the phase of
# the copies to three ami_regions, which takes about one copy's time when they run in parallel).
# Both tools log in as BENCH_USER, as in bench/build.sh: by default the stock account .ci/run
# creates (imagebake-test) when it exists and we are root, else the caller; BENCH_USER=root (or any
# account) measures as that one. root's dotfiles on the development machines cost 95 ms per SSH
# session, which would flatter imagebake (it opens fewer sessions than Packer).
# digitalocean and openstack: Packer 1.6.6 polls every 3 s (digitalocean) and 2 s (openstack), fixed
# in its source; imagebake polls as often. The endpoints answer "done" at the first poll.
# Needs: hyperfine, packer, openssh-server, the built jar and test classes (mvn -DskipTests
# test-compile package).
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
ib="$home/bin/imagebake"
out="$home/target/bench/cloud"
runs="${RUNS:-5}"
rm -rf "$out" && mkdir -p "$out"
export CHECKPOINT_DISABLE=1 NO_COLOR=1

if [[ -z ${BENCH_USER:-} && $(id -u) -eq 0 ]] && id imagebake-test >/dev/null 2>&1; then
  BENCH_USER=imagebake-test
fi
if [[ -n ${BENCH_USER:-} && $BENCH_USER != "$(id -un)" ]]; then
  export SSHD_LOGIN_USER=$BENCH_USER
fi
# shellcheck source=../bin/throwaway-sshd.sh
source "$home/bin/throwaway-sshd.sh"
start_throwaway_sshd

endpoint_pids=()
stop_all() {
  for pid in "${endpoint_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  stop_throwaway_sshd
}
trap stop_all EXIT
trap 'stop_all; exit 130' INT TERM

# The test classpath, for the endpoints' main classes.
test_classpath() {
  if [[ ! -f $out/../cloud-classpath.txt || $home/pom.xml -nt $out/../cloud-classpath.txt ]]; then
    (cd "$home" && mvn -q -B -o dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile="$out/../cloud-classpath.txt" >/dev/null)
  fi
  echo "$home/target/test-classes:$home/target/classes:$(cat "$out/../cloud-classpath.txt")"
}

# start_endpoint NAME MAIN ARGS...: runs MAIN in the background, waits for its `ENDPOINT url`
# line and sets ENDPOINT.
start_endpoint() {
  local name=$1 main=$2
  shift 2
  local fifo="$out/$name.fifo"
  mkfifo "$fifo"
  java -cp "$(test_classpath)" "$main" "$@" >"$fifo" 2>"$out/$name.log" &
  endpoint_pids+=($!)
  local line
  read -r line <"$fifo" # the first line names the endpoint
  ENDPOINT=${line#ENDPOINT }
  # Keep draining the pipe so the endpoint never blocks on stdout.
  cat "$fifo" >>"$out/$name.log" &
  endpoint_pids+=($!)
}

# Runs both tools on one template; prints and returns the medians.
compare() { # name template
  local name=$1 template=$2
  hyperfine ${HYPERFINE_OPTS:-} -w 1 -r "$runs" --export-json "$out/$name-result.json" \
    -n imagebake "$ib build -var tool=imagebake $template" \
    -n packer "packer build -color=false -var tool=packer $template" >"$out/$name-hyperfine.log"
  python3 - "$out/$name-result.json" "$name" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
i, p = r["imagebake"]["median"], r["packer"]["median"]
print(f"{sys.argv[2]:<13}imagebake {i:7.3f} s  packer {p:7.3f} s  ratio {i/p:.3f}")
PY
}

# ---- amazon-ebs: the fake EC2 (src/test/java/dev/imagebake/testing/ec2) ----
bench_amazon() {
  local polls=3 report="$out/amazon-copies.txt"
  : >"$report"
  start_endpoint amazon dev.imagebake.testing.ec2.FakeEc2Main \
    "$SSHD_DIR/authorized_keys" "$polls" "$report" 3
  cat >"$out/amazon.json" <<JSON
{
  "builders": [{"type": "amazon-ebs", "region": "us-east-1", "source_ami": "ami-e50e888c",
    "instance_type": "t1.micro", "ssh_username": "$SSHD_USER", "ssh_port": $SSHD_PORT,
    "ami_name": "bench {{user \`tool\`}} {{timestamp}}", "ami_regions": ["eu-west-1", "us-west-2", "ap-south-1"],
    "custom_endpoint_ec2": "$ENDPOINT", "access_key": "AKIDBENCH", "secret_key": "bench-secret",
    "aws_polling": {"delay_seconds": 1, "max_attempts": 60}}],
  "variables": {"tool": "either"},
  "provisioners": [{"type": "shell", "inline": ["true"]}]
}
JSON
  compare amazon "$out/amazon.json"
  # Each copy takes $polls polls of 1 s on this endpoint; in parallel the phase takes one copy's.
  python3 - "$report" "$polls" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.startswith("copy-phase")]
for tool in ("imagebake", "packer"):
    s = [float(r[-1]) for r in rows if r[2] == tool]
    print(f"amazon      copy phase, 3 regions, {tool:<9}: median {statistics.median(s):.2f} s "
          f"of {len(s)} builds (one copy: {sys.argv[2]} polls, 1 s apart)")
PY
}

# ---- digitalocean: the fake DigitalOcean API v2 (src/test/java/dev/imagebake/testing/digitalocean) --
bench_digitalocean() {
  start_endpoint digitalocean dev.imagebake.testing.digitalocean.FakeDigitalOceanMain \
    0 1 "$SSHD_DIR/authorized_keys"
  local url=${ENDPOINT%% *} token=${ENDPOINT#* }
  # No snapshot_regions: Packer 1.6.6 polls a transfer with the image and action ids swapped
  # (docs/digitalocean.md), which an endpoint that keeps them apart answers 404.
  cat >"$out/digitalocean.json" <<JSON
{
  "builders": [{"type": "digitalocean", "api_url": "$url", "api_token": "$token",
    "region": "nyc3", "size": "s-1vcpu-1gb", "image": "ubuntu-20-04-x64",
    "snapshot_name": "bench {{user \`tool\`}} {{timestamp}}",
    "ssh_username": "$SSHD_USER", "ssh_port": $SSHD_PORT}],
  "variables": {"tool": "either"},
  "provisioners": [{"type": "shell", "inline": ["true"]}]
}
JSON
  compare digitalocean "$out/digitalocean.json"
}

# ---- openstack: the fake Keystone, Nova, Glance, Neutron (src/test/java/dev/imagebake/testing/openstack)
bench_openstack() {
  start_endpoint openstack dev.imagebake.testing.openstack.FakeOpenstackMain \
    "$SSHD_DIR/authorized_keys"
  cat >"$out/openstack.json" <<JSON
{
  "builders": [{"type": "openstack", "identity_endpoint": "$ENDPOINT",
    "username": "demo", "password": "not-a-real-password", "domain_name": "Default",
    "tenant_name": "demo", "region": "RegionOne",
    "source_image_name": "ubuntu-20.04", "flavor": "m1.small",
    "image_name": "bench {{user \`tool\`}} {{timestamp}}",
    "ssh_username": "$SSHD_USER", "ssh_port": $SSHD_PORT}],
  "variables": {"tool": "either"},
  "provisioners": [{"type": "shell", "inline": ["true"]}]
}
JSON
  compare openstack "$out/openstack.json"
}

builders=("$@")
if [[ ${#builders[@]} -eq 0 ]]; then builders=(amazon digitalocean openstack); fi
echo "SSH login: $SSHD_USER"
for b in "${builders[@]}"; do
  case $b in
    amazon) bench_amazon ;;
    digitalocean) bench_digitalocean ;;
    openstack) bench_openstack ;;
    *) echo "unknown builder: $b (known: amazon, digitalocean, openstack)" >&2; exit 2 ;;
  esac
done
echo "load: $(uptime)"

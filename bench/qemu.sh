#!/usr/bin/env bash
# Benchmark (not a test) on the test VM of bin/base-image (booted with -kernel/-initrd/-append,
# TCG, 256 MiB):
#   boot   plain QEMU on an overlay: seconds from start to the first SSH command answered, and
#          from `poweroff` to QEMU's exit (0); medians of RUNS.
#   build  the same small-VM qemu template built by `packer build` (Packer 1.6.6) and by
#          `imagebake build` in the same run: boot a copy of the disk, one shell provisioner over
#          SSH, power off, keep the qcow2. Medians of RUNS and the ratio.
#   bench/qemu.sh [boot] [build]     (both by default; RUNS=3)
# Packer is given `skip_resize_disk` (it would grow the copy to 40 GiB) and `boot_wait: "-1s"`
# ("0s" means the default 10 s), so neither tool waits for nothing. If imagebake cannot build the
# template yet (no qemu builder), only Packer is measured and the imagebake error is shown.
# Needs: hyperfine, packer, qemu-system-x86, a built jar, what bin/base-image needs.
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
ib="$home/bin/imagebake"
out="$home/target/bench/qemu"
runs="${RUNS:-3}"
rm -rf "$out" && mkdir -p "$out"
export CHECKPOINT_DISABLE=1 NO_COLOR=1 PACKER_NO_COLOR=1 PACKER_CACHE_DIR="$out/packer_cache"

image="$("$home/bin/base-image")"

# One template for both tools; each gets its own output directory.
template() { # output_directory
  cat <<JSON
{
  "builders": [
    {
      "type": "qemu",
      "disk_image": true,
      "iso_url": "$image/disk.qcow2",
      "iso_checksum": "none",
      "format": "qcow2",
      "accelerator": "tcg",
      "headless": true,
      "memory": 256,
      "disk_interface": "virtio",
      "net_device": "virtio-net",
      "skip_resize_disk": true,
      "boot_wait": "-1s",
      "qemuargs": [
        ["-kernel", "$image/vmlinuz"],
        ["-initrd", "$image/initrd.img"],
        ["-append", "$(cat "$image/append.txt")"]
      ],
      "communicator": "ssh",
      "ssh_username": "root",
      "ssh_private_key_file": "$image/id_ed25519",
      "ssh_timeout": "5m",
      "shutdown_command": "poweroff",
      "output_directory": "$1",
      "vm_name": "disk.qcow2"
    }
  ],
  "provisioners": [
    {"type": "shell", "inline": ["echo provisioned > /root/hello.txt", "uname -r"]}
  ]
}
JSON
}
boot_times() { # runs: plain qemu, boot to SSH and poweroff to exit, like BaseImageIT does
  local ssh_opts=(-q -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null
    -o ConnectTimeout=10 -i "$image/id_ed25519")
  local port pid start up down boots="" downs=""
  for _ in $(seq "$1"); do
    qemu-img create -q -f qcow2 -b "$image/disk.qcow2" -F qcow2 "$out/boot.qcow2"
    port=$((30000 + RANDOM % 20000))
    start=$(date +%s.%N)
    qemu-system-x86_64 -accel tcg -m 256 -nographic -monitor none -kernel "$image/vmlinuz" \
      -initrd "$image/initrd.img" -append "$(cat "$image/append.txt")" \
      -drive "file=$out/boot.qcow2,if=virtio" -netdev "user,id=n0,hostfwd=tcp:127.0.0.1:$port-:22" \
      -device virtio-net,netdev=n0 -serial "file:$out/boot-serial.log" </dev/null >/dev/null 2>&1 &
    pid=$!
    # Polls every 50 ms until the guest answers (a bench, not a test: the poll is the measurement).
    until ssh "${ssh_opts[@]}" -p "$port" root@127.0.0.1 true 2>/dev/null; do
      kill -0 "$pid" 2>/dev/null || { echo "qemu died; see $out/boot-serial.log" >&2; return 1; }
      sleep 0.05
    done
    up=$(date +%s.%N)
    ssh "${ssh_opts[@]}" -p "$port" root@127.0.0.1 poweroff || true
    wait "$pid" || { echo "qemu exited with $?" >&2; return 1; }
    down=$(date +%s.%N)
    boots+="$(echo "$up - $start" | bc) "
    downs+="$(echo "$down - $up" | bc) "
  done
  rm -f "$out/boot.qcow2"
  python3 - "$boots" "$downs" "$(nproc)" <<'PY'
import statistics, sys
b, d = ([float(x) for x in a.split()] for a in sys.argv[1:3])
print(f"qemu test VM   boot to SSH median {statistics.median(b):5.2f} s (min {min(b):.2f}), "
      f"poweroff to exit median {statistics.median(d):4.2f} s (min {min(d):.2f}); {len(b)} runs, {sys.argv[3]} cores, TCG")
PY
}

echo "qemu bench: machine load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
cases="${*:-boot build}"
if [[ $cases == *boot* ]]; then boot_times "$runs"; fi
[[ $cases == *build* ]] || exit 0

template "$out/packer-output" >"$out/packer.json"
template "$out/imagebake-output" >"$out/imagebake.json"

# A build must end in a disk holding the provisioner's file: read it offline with debugfs.
check_output() { # output_directory
  local raw="$out/check.raw"
  qemu-img convert -O raw "$1/disk.qcow2" "$raw"
  local got
  got="$(debugfs -R 'cat /root/hello.txt' "$raw" 2>/dev/null)"
  rm -f "$raw"
  [[ $got == provisioned ]] || {
    echo "$1/disk.qcow2 lacks /root/hello.txt" >&2
    return 1
  }
}

cmd_packer="packer build -color=false $out/packer.json"
cmd_imagebake="$ib build -color=false $out/imagebake.json"
prepare="rm -rf $out/packer-output $out/imagebake-output"

echo "qemu bench: checking both tools once" >&2
bash -c "$prepare"
$cmd_packer >"$out/packer.log" 2>&1 || {
  echo "packer build failed; see $out/packer.log" >&2
  tail -20 "$out/packer.log" >&2
  exit 1
}
check_output "$out/packer-output"
tools=(-n packer "$cmd_packer")
if $cmd_imagebake >"$out/imagebake.log" 2>&1 && check_output "$out/imagebake-output"; then
  tools+=(-n imagebake "$cmd_imagebake")
else
  echo "imagebake cannot build the qemu template yet (measuring Packer only):" >&2
  tail -5 "$out/imagebake.log" >&2
fi

# shellcheck disable=SC2086 # HYPERFINE_OPTS holds several options
hyperfine ${HYPERFINE_OPTS:-} -r "$runs" --prepare "$prepare" --export-json "$out/result.json" \
  "${tools[@]}" >/dev/null
python3 - "$out/result.json" "$(nproc)" <<'PY'
import json, sys
res = json.load(open(sys.argv[1]))["results"]
r = {x["command"]: x for x in res}
for name, x in r.items():
    print(f"qemu small VM  {name:9s} median {x['median']:6.2f} s  (min {x['min']:.2f}, max {x['max']:.2f}, {len(x['times'])} runs, {sys.argv[2]} cores, TCG)")
if "imagebake" in r:
    print(f"qemu small VM  ratio imagebake/packer {r['imagebake']['median']/r['packer']['median']:.3f}")
else:
    print("qemu small VM  imagebake: not measured (its build failed; see target/bench/qemu/imagebake.log)")
PY

#!/usr/bin/env bash
# Benchmark (not a test): the same small-VM qemu template built by `packer build` (Packer 1.6.6)
# and by `imagebake build`, in the same run. The VM is the test image of bin/base-image (booted
# with -kernel/-initrd/-append, TCG, 256 MiB); the build boots a copy of its disk, runs one shell
# provisioner over SSH, powers the guest off and keeps the qcow2. Prints medians and the ratio.
#   bench/qemu.sh               RUNS=3 runs of each (after one warm-up)
# Packer is given `skip_resize_disk` (it would grow the copy to 40 GiB) and `boot_wait: "-1s"`
# ("0s" means the default 10 s), so neither tool waits for nothing. If imagebake cannot build the
# template yet (no qemu builder), only Packer is measured and the imagebake error is shown.
# Needs: hyperfine, packer, qemu-system-x86, a built jar, what bin/base-image needs.
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
ib="$home/bin/imagebake"
out="$home/bench/out/qemu"
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

echo "qemu bench: checking both tools once (machine load: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
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
    print("qemu small VM  imagebake: not measured (its build failed; see bench/out/qemu/imagebake.log)")
PY

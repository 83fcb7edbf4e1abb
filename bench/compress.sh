#!/usr/bin/env bash
# Benchmark (not a test): the compress post-processor at level 6, driven through `imagebake build`
# with a file-builder template, against `pigz -6` and `gzip -6` on the same disk-image-like file,
# interleaved in the same run (the machine is shared: compare within one run). Prints median wall
# times, throughput and compression ratio. Needs: python3, pigz, gzip, a built jar.
#   bench/compress.sh                 1 GiB, 3 rounds
#   SIZE_MIB=256 RUNS=5 bench/compress.sh
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
ib="$home/bin/imagebake"
size_mib="${SIZE_MIB:-1024}"
runs="${RUNS:-3}"
image="$home/target/bench/disk-${size_mib}m.img"
out="$home/target/bench/compress"
bytes=$((size_mib * 1024 * 1024))
export NO_COLOR=1

if [[ ! -f "$image" ]]; then
  echo "making $image (deterministic, cached) ..." >&2
  python3 "$home/bench/disk-image.py" "$image.tmp" "$size_mib" && mv "$image.tmp" "$image"
fi
rm -rf "$out" && mkdir -p "$out"
cat >"$out/template.json" <<JSON
{"builders": [{"type": "file", "source": "$image", "target": "$out/disk.img"}],
 "post-processors": [{"type": "compress", "output": "$out/disk.img.gz", "compression_level": 6}]}
JSON

now() { date +%s%N; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
# CPU seconds (user + system) of a command, into a file: robust to a busy machine.
cpu() { local f=$1; shift; /usr/bin/time -f '%U %S' -o "$f.raw" "$@"; awk '{print $1 + $2}' "$f.raw" >"$f"; }
declare -A times cpus
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) at start" >&2
for r in $(seq 1 "$runs"); do
  t=$(now)
  cpu "$out/cpu" "$ib" build -color=false "$out/template.json" >"$out/build.log"
  times[build]+="$(( $(now) - t )) "
  cpus[build]+="$(cat "$out/cpu") "
  # The post-processor's own line: "... in 12.3 s, 83.1 MiB/s" (compression only, no copy/JVM start).
  times[step]+="$(grep -oE 'in [0-9.]+ s, [0-9.]+ MiB/s' "$out/build.log" | awk '{print $2 * 1e9}') "
  t=$(now); cpu "$out/cpu" pigz -6 -c "$image" >"$out/pigz.gz"; times[pigz]+="$(( $(now) - t )) "
  cpus[pigz]+="$(cat "$out/cpu") "
  t=$(now); cpu "$out/cpu" gzip -6 -c "$image" >"$out/gzip.gz"; times[gzip]+="$(( $(now) - t )) "
  cpus[gzip]+="$(cat "$out/cpu") "
done
echo "load $(cut -d' ' -f1-3 /proc/loadavg) at end" >&2
gzip -dc "$out/disk.img.gz" | cmp - "$image" && echo "imagebake's .gz decompresses with gzip to the input" >&2

printf '%-44s %9s %8s %7s %8s\n' "case (${size_mib} MiB, level 6, median of $runs)" "seconds" "MB/s" "ratio" "cpu s"
row() { # label key file
  local s c=-
  s=$(tr ' ' '\n' <<<"${times[$2]}" | grep . | median | awk '{printf "%.2f", $1 / 1e9}')
  [[ -n "${cpus[$2]:-}" ]] && c=$(tr ' ' '\n' <<<"${cpus[$2]}" | grep . | median)
  printf '%-44s %9s %8.1f %7s %8s\n' "$1" "$s" "$(awk -v b="$bytes" -v s="$s" 'BEGIN {print b / 1e6 / s}')" \
    "$(awk -v o="$(stat -c %s "$3")" -v b="$bytes" 'BEGIN {printf "%.3f", o / b}')" "$c"
}
row "imagebake compress step (post-processor)" step "$out/disk.img.gz"
row "imagebake build (JVM start + copy + step)" build "$out/disk.img.gz"
row "pigz -6 ($(nproc) threads)" pigz "$out/pigz.gz"
row "gzip -6" gzip "$out/gzip.gz"

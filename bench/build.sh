#!/usr/bin/env bash
# Benchmarks (not tests) of `imagebake build` against `packer build` (Packer 1.6.6) on the same
# templates, against the same throwaway sshd, in the same run. Prints medians, ratios and the peak
# resident memory of imagebake. Needs: hyperfine, packer, openssh-server, a built jar.
#   bench/build.sh            all cases
#   bench/build.sh trivial    one case (trivial upload tree shells parallel)
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
ib="$home/bin/imagebake"
out="$home/bench/out/build"
runs="${RUNS:-5}"
rm -rf "$out" && mkdir -p "$out"
export CHECKPOINT_DISABLE=1 NO_COLOR=1
# Both tools log in as BENCH_USER (default: the caller). The issue's figures were taken as root,
# whose dotfiles on the development machines run `pyenv init` for every command sshd starts
# (95 ms per SSH session, against 8 ms for an account with Debian's stock dotfiles);
# BENCH_USER=imagebake-test (the account .ci/run creates) measures without that.
if [[ -n ${BENCH_USER:-} && $BENCH_USER != "$(id -un)" ]]; then
  export SSHD_LOGIN_USER=$BENCH_USER
fi
# shellcheck source=../bin/throwaway-sshd.sh
source "$home/bin/throwaway-sshd.sh"
start_throwaway_sshd
remote="$out/remote"
if [[ -n ${SSHD_LOGIN_USER:-} ]]; then remote="/tmp/imagebake-bench-$SSHD_LOGIN_USER"; fi

builder() { # name [extra json]
  printf '{"type":"null","name":"%s","ssh_host":"%s","ssh_port":%s,"ssh_username":"%s","ssh_private_key_file":"%s"%s}' \
    "$1" "$SSHD_HOST" "$SSHD_PORT" "$SSHD_USER" "$SSHD_KEY" "${2:-}"
}

write_templates() {
  printf '{"builders":[%s],"provisioners":[{"type":"shell","inline":["true"]}]}\n' \
    "$(builder trivial)" >"$out/trivial.json"

  head -c $((100 * 1024 * 1024)) /dev/urandom >"$out/big.bin"
  printf '{"builders":[%s],"provisioners":[{"type":"file","source":"%s","destination":"%s/big.bin"}]}\n' \
    "$(builder upload)" "$out/big.bin" "$remote" >"$out/upload.json"

  mkdir -p "$out/tree"
  for d in $(seq 1 20); do
    mkdir -p "$out/tree/d$d"
    for f in $(seq 1 100); do head -c 2048 /dev/urandom >"$out/tree/d$d/f$f"; done
  done
  printf '{"builders":[%s],"provisioners":[{"type":"file","source":"%s/tree/","destination":"%s/tree"}]}\n' \
    "$(builder tree)" "$out" "$remote" >"$out/tree.json"

  local shells=""
  for i in $(seq 1 50); do shells+="${shells:+,}{\"type\":\"shell\",\"inline\":[\"echo $i\"]}"; done
  printf '{"builders":[%s],"provisioners":[%s]}\n' "$(builder shells)" "$shells" >"$out/shells.json"

  printf '{"builders":[%s],"provisioners":[{"type":"shell","inline":["sleep 1"]}]}\n' \
    "$(builder one)" >"$out/sleep-one.json"
  local builders=""
  for i in $(seq 1 8); do builders+="${builders:+,}$(builder "b$i")"; done
  printf '{"builders":[%s],"provisioners":[{"type":"shell","inline":["sleep 1"]}]}\n' \
    "$builders" >"$out/sleep-eight.json"
}

# Before each run the remote destination is emptied, so both tools do the same work, and the
# deletion is flushed to disk: creating files here costs ~0.5 ms each and far more while the
# journal is still writing out the previous run's 2,000 deletions.
prepare="rm -rf $remote && mkdir -p $remote/tree && chown -R $SSHD_USER $remote && sync"

compare() { # case template
  hyperfine ${HYPERFINE_OPTS:-} -w 1 -r "$runs" --prepare "$prepare" --export-json "$out/result-$1.json" \
    -n imagebake "$ib build $out/$2" -n packer "packer build -color=false $out/$2" >/dev/null
  python3 - "$1" "$out/result-$1.json" <<'PY'
import json, sys
r = {x["command"]: x["median"] for x in json.load(open(sys.argv[2]))["results"]}
print(f"{sys.argv[1]:11s} imagebake {r['imagebake']:7.3f} s  packer {r['packer']:7.3f} s  ratio {r['imagebake']/r['packer']:.3f}")
PY
}

peak_rss() { # template -> MiB
  bash -c "$prepare"
  /usr/bin/time -f %M "$ib" build "$out/$1" 2>&1 >/dev/null | tail -1 | awk '{printf "%.0f", $1/1024}'
}

write_templates
sync
cases="${1:-trivial upload tree shells parallel}"
for c in $cases; do
  case $c in
    trivial) compare trivial trivial.json ;;
    upload) compare upload upload.json ;;
    tree) compare tree tree.json ;;
    shells) compare shells shells.json ;;
    parallel)
      compare sleep-one sleep-one.json
      compare sleep-eight sleep-eight.json
      python3 - "$out/result-sleep-one.json" "$out/result-sleep-eight.json" <<'PY'
import json, sys
one, eight = ({x["command"]: x["median"] for x in json.load(open(p))["results"]} for p in sys.argv[1:])
for tool in ("imagebake", "packer"):
    print(f"parallel  {tool}: 8 builds / 1 build = {eight[tool]/one[tool]:.2f}")
PY
      ;;
  esac
done
echo "SSH login: $SSHD_USER"
echo "peak RSS of imagebake (MiB): trivial $(peak_rss trivial.json), upload $(peak_rss upload.json), tree $(peak_rss tree.json), 8 parallel $(peak_rss sleep-eight.json)"

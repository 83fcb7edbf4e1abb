#!/usr/bin/env bash
# Benchmarks (not tests) of `imagebake build` against `packer build` (Packer 1.6.6) on the same
# templates, against the same throwaway sshd, in the same run. Prints medians, ratios and the peak
# resident memory of imagebake. Needs: hyperfine, packer, openssh-server, a built jar.
#   bench/build.sh            all cases
#   bench/build.sh trivial    one case (trivial upload tree shells parallel)
# The upload and the tree are also compared with OpenSSH itself on the same sshd, in the same run:
# `scp` of the same file, and `tar -cf - . | ssh host tar -xf -` of the same tree.
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
ib="$home/bin/imagebake"
out="$home/target/bench/build"
runs="${RUNS:-5}"
rm -rf "$out" && mkdir -p "$out"
export CHECKPOINT_DISABLE=1 NO_COLOR=1
# Both tools log in as BENCH_USER: by default the stock account .ci/run creates (imagebake-test,
# Debian's stock dotfiles) when it exists and we are root, else the caller. BENCH_USER=root (or
# any account) measures as that one; root's dotfiles on the development machines run `pyenv init`
# for every command sshd starts (95 ms per SSH session, against 8 ms for a stock account), which
# flatters every ratio against Packer, since it opens more sessions.
if [[ -z ${BENCH_USER:-} && $(id -u) -eq 0 ]] && id imagebake-test >/dev/null 2>&1; then
  BENCH_USER=imagebake-test
fi
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

# OpenSSH's client against the same sshd, ignoring the caller's ~/.ssh/config.
ssh_opts="-F /dev/null -i $SSHD_KEY -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"

compare() { # case template [name command]...: imagebake, packer and references, interleaved
  local name=$1 template=$2
  shift 2
  hyperfine ${HYPERFINE_OPTS:-} -w 1 -r "$runs" --prepare "$prepare" --export-json "$out/result-$name.json" \
    -n imagebake "$ib build $out/$template" -n packer "packer build -color=false $out/$template" \
    "$@" >/dev/null
  python3 - "$name" "$out/result-$name.json" <<'PY'
import json, sys
r = {x["command"]: x["median"] for x in json.load(open(sys.argv[2]))["results"]}
ib = r.pop("imagebake")
print(f"{sys.argv[1]:11s} imagebake {ib:7.3f} s" + "".join(
    f"  {k} {v:7.3f} s (ratio {ib / v:.3f})" for k, v in r.items()))
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
    upload)
      compare upload upload.json -n scp \
        "scp -q $ssh_opts -P $SSHD_PORT $out/big.bin $SSHD_USER@$SSHD_HOST:$remote/big.bin"
      ;;
    tree)
      compare tree tree.json -n "tar|ssh" \
        "tar -C $out/tree -cf - . | ssh $ssh_opts -p $SSHD_PORT $SSHD_USER@$SSHD_HOST tar -C $remote/tree -xf -"
      ;;
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
echo "SSH login: $SSHD_USER; load: $(uptime)"
echo "peak RSS of imagebake (MiB): trivial $(peak_rss trivial.json), upload $(peak_rss upload.json), tree $(peak_rss tree.json), 8 parallel $(peak_rss sleep-eight.json)"

#!/usr/bin/env bash
# Benchmark (not a test): what each start-up measure of docs/startup.md saves. Each measure is
# switched off alone, through its documented switch, and the command's instructions are counted
# with callgrind (valgrind --tool=callgrind --trace-children=yes: the launcher's bash and the JVM,
# all threads), against the default; the difference is converted to milliseconds with this
# machine's instructions per millisecond of user CPU, measured on the default validate with
# /usr/bin/time. Instruction counts barely depend on the machine's load, wall-clock times do.
#
# Workloads: validate templates/local-only.json (V1); validate a larger template (V2, default the
# 14 KB conformance template shared/conformance/real/18-upperstream-alpine-3.12.json of the
# repository's or its worktree's parent directory, else
# templates/docker-python-app.json; set STARTUP_LARGE=FILE); build templates/file-artifact.json (B);
# `registry versions` on a SQLite registry (R).
#
# STARTUP_BATCH=1 adds -Xbatch to every run (base and switched off): the JIT compiles in the
# thread that asks for it, at the same points every run, so a count repeats to ~0.1% instead of
# varying by ~10% with how valgrind happened to schedule the compiler threads (a no-op switch,
# -Dimagebake.startup.placebo=off, measured +12 M and -35 M without it, 0.0 M with it). Use it for
# effects under ~50 M instructions; the absolute counts are those of a -Xbatch JVM.
#
# Usage: bench/startup.sh [MEASURE...]   (default: all; JOBS=3 runs three at once)
# Needs: valgrind, a built jar and archive (mvn -q -DskipTests package). Takes ~10 min of CPU.
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
ib="$home/bin/imagebake"
# STARTUP_WORK=DIR keeps the counts there, and a later run counts only what is missing.
if [[ -n "${STARTUP_WORK:-}" ]]; then
  work="$STARTUP_WORK"
  mkdir -p "$work"
else
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
fi
jobs="${JOBS:-3}"
large="${STARTUP_LARGE:-}"
for candidate in "$home"/{..,../..}/shared/conformance/real/18-upperstream-alpine-3.12.json \
  "$home/templates/docker-python-app.json"; do
  if [[ -z "$large" && -f "$candidate" ]]; then
    large="$candidate"
  fi
done
export CHECKPOINT_DISABLE=1 IMAGEBAKE_PLUGIN_PATH=""
export IMAGEBAKE_REGISTRY="sqlite:$work/registry.db"

# name | switch-off (env assignments, ';'-separated) | workloads
measures=(
  "appcds|IMAGEBAKE_NO_CDS=1|V1 B"
  "slf4j-provider|IMAGEBAKE_JAVA_OPTS=-Dslf4j.provider=|B"
  "g1-archived-heap|IMAGEBAKE_JAVA_OPTS=-XX:-UseG1GC -XX:+UseSerialGC|V1"
  "c1-only|IMAGEBAKE_JAVA_OPTS=-XX:TieredStopAtLevel=4|V1"
  "build-c2-thresholds|IMAGEBAKE_JAVA_OPTS=-XX:Tier4InvocationThreshold=5000 -XX:Tier4MinInvocationThreshold=600 -XX:Tier4CompileThreshold=15000 -XX:Tier4BackEdgeThreshold=40000|B"
  "build-c1-thresholds|IMAGEBAKE_JAVA_OPTS=-XX:Tier3InvocationThreshold=200 -XX:Tier3MinInvocationThreshold=100 -XX:Tier3CompileThreshold=2000|B"
  "plugin-index|IMAGEBAKE_JAVA_OPTS=-Dimagebake.startup.pluginIndex=off|V1"
  "annotation-index|IMAGEBAKE_JAVA_OPTS=-Dimagebake.startup.annotationIndex=off|V1 V2"
  "enum-patterns|IMAGEBAKE_JAVA_OPTS=-Dimagebake.startup.enumPatterns=off|V1 V2"
  "formatless-dialect|IMAGEBAKE_JAVA_OPTS=-Dimagebake.startup.formatlessDialect=off|V1 V2"
  "shared-patterns|IMAGEBAKE_JAVA_OPTS=-Dimagebake.startup.sharedPatterns=off|V1 V2"
  "plain-validate|IMAGEBAKE_JAVA_OPTS=-Dimagebake.startup.plainValidate=off|V1"
  "plain-build|IMAGEBAKE_JAVA_OPTS=-Dimagebake.startup.plainBuild=off|B"
  "one-command-model|IMAGEBAKE_JAVA_OPTS=-Dimagebake.startup.oneCommandModel=off|R"
  "lazy-functions|IMAGEBAKE_JAVA_OPTS=-Dimagebake.startup.lazyFunctions=off|V1"
  "lazy-secure-random|IMAGEBAKE_JAVA_OPTS=-Dimagebake.startup.lazySecureRandom=off|V1"
  "plain-comparators|IMAGEBAKE_JAVA_OPTS=-Dimagebake.startup.plainComparators=off|V1 V2"
  "sqlite-cache|IMAGEBAKE_JAVA_OPTS=-Dimagebake.startup.sqliteCache=off|R"
  "own-jar-only|IMAGEBAKE_JAVA_OPTS=-Dimagebake.startup.ownJarOnly=off|V1"
  "archive-address|IMAGEBAKE_JAVA_OPTS=-XX:ArchiveRelocationMode=1|V1 B R"
  "utc-unless-printed|IMAGEBAKE_JAVA_OPTS=-Dimagebake.startup.utcUnlessPrinted=off|B"
  "picocli-no-closures|IMAGEBAKE_JAVA_OPTS=-Dpicocli.disable.closures=false|R"
)
# A compile-time measure: measured when STARTUP_INDY names a copy of this tree packaged with
# `mvn -DskipTests -Dimagebake.stringConcat=indyWithConstants package`.
if [[ -n "${STARTUP_INDY:-}" ]]; then
  measures+=("string-concat-inline|@indy|V1 V2 B")
fi
if (($# > 0)); then
  wanted=" $* "
  selected=()
  for m in "${measures[@]}"; do
    [[ "$wanted" == *" ${m%%|*} "* ]] && selected+=("$m")
  done
  measures=("${selected[@]}")
fi

workload() { # V1|V2|B|R -> the command line
  case "$1" in
    V1) echo "validate $home/templates/local-only.json" ;;
    V2) echo "validate $large" ;;
    B) echo "build -var out=$work/out $home/templates/file-artifact.json" ;;
    R) echo "registry versions bench" ;;
  esac
}

# count ID WORKLOAD [VAR=VALUE...]: callgrind's instruction count of one run into $work/ID.
count() {
  local id="$1" w="$2"
  shift 2
  local dir="$work/cg-$id" launcher="$ib"
  [[ -s "$work/$id" ]] && return
  rm -rf "$dir"
  mkdir -p "$dir"
  if [[ "${1:-}" == @indy ]]; then
    launcher="$STARTUP_INDY/bin/imagebake"
    shift
  fi
  if [[ "${STARTUP_BATCH:-}" == 1 ]]; then
    local opts="-Xbatch" assignments=() a
    for a in "$@"; do
      if [[ "$a" == IMAGEBAKE_JAVA_OPTS=* ]]; then
        opts+=" ${a#IMAGEBAKE_JAVA_OPTS=}"
      else
        assignments+=("$a")
      fi
    done
    set -- "${assignments[@]}" "IMAGEBAKE_JAVA_OPTS=$opts"
  fi
  # shellcheck disable=SC2046
  (cd "$work" && env "$@" valgrind --tool=callgrind --trace-children=yes \
    --callgrind-out-file="$dir/cg.%p" "$launcher" $(workload "$w") >"$dir/out" 2>&1) || true
  awk '/^totals:/ {s += $2} END {print s}' "$dir"/cg.* >"$work/$id"
}

# Ready: the archive recorded, a registry with one version.
"$ib" validate "$home/templates/local-only.json" >/dev/null
"$ib" build --registry --bucket bench -var "out=$work/out" "$home/templates/file-artifact.json" \
  >/dev/null 2>&1

runs=()
for w in V1 V2 B R; do
  runs+=("base-$w|$w|")
done
for m in "${measures[@]}"; do
  IFS='|' read -r name switch ws <<<"$m"
  for w in $ws; do
    runs+=("$name-$w|$w|$switch")
  done
done
running=0
for r in "${runs[@]}"; do
  IFS='|' read -r id w switch <<<"$r"
  envs=()
  [[ -n "$switch" ]] && IFS=';' read -r -a envs <<<"$switch"
  count "$id" "$w" "${envs[@]}" &
  running=$((running + 1))
  if ((running >= jobs)); then
    wait -n
    running=$((running - 1))
  fi
done
wait

# Instructions per millisecond of user CPU: the default V1, median of 11 runs.
times=()
for _ in $(seq 11); do
  times+=("$(/usr/bin/time -f %U "$ib" validate "$home/templates/local-only.json" 2>&1 >/dev/null |
    tail -1)")
done
user_ms="$(printf '%s\n' "${times[@]}" | sort -n | sed -n 6p | awk '{print $1 * 1000}')"
per_ms="$(awk -v i="$(cat "$work/base-V1")" -v t="$user_ms" 'BEGIN {printf "%.0f", i / t}')"

printf 'load: %s\n' "$(uptime | sed 's/.*load/load/')"
printf 'default: V1 %s, V2 %s, B %s, R %s instructions; V1 %s ms user CPU -> %s instructions/ms\n' \
  "$(cat "$work/base-V1")" "$(cat "$work/base-V2")" "$(cat "$work/base-B")" "$(cat "$work/base-R")" \
  "$user_ms" "$per_ms"
printf 'V2 = validate %s\n\n' "$large"
printf '| measure | workload | instructions without it | saves (M instructions) | saves (ms) |\n'
printf '|---|---|---:|---:|---:|\n'
for m in "${measures[@]}"; do
  IFS='|' read -r name _ ws <<<"$m"
  for w in $ws; do
    awk -v n="$name" -v w="$w" -v off="$(cat "$work/$name-$w")" -v on="$(cat "$work/base-$w")" \
      -v p="$per_ms" 'BEGIN {printf "| %s | %s | %d | %.1f | %.1f |\n", n, w, off, (off - on) / 1e6, (off - on) / p}'
  done
done

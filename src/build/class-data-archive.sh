#!/usr/bin/env bash
# Records target/imagebake.jsa, the class-data archive bin/imagebake starts with, at `mvn package`,
# so the first run after a build (and every CI run, and bench/) starts as fast as later runs.
# One JVM runs the commands users run most (dev.imagebake.buildtools.ClassDataTraining: validate with
# and without options, inspect, --help, and a build of templates/local-only.json, which only runs
# `echo` locally) and archives every class they loaded when it exits (-XX:ArchiveClassesAtExit).
# Where OpenSSH's server is installed, it also builds over SSH against a throwaway sshd (one shell
# provisioner): the SSH client, its crypto and the remote shell are ~700 more classes that every
# build would otherwise load and verify from the jars (~0.1 s of CPU per build).
# Without an archive the launcher records one at its first run instead.
set -uo pipefail
home="$(cd "$(dirname "$0")/../.." && pwd)"
jar="$home/target/imagebake.jar"
jsa="$home/target/imagebake.jsa"
log="$home/target/class-data-archive.log"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
rm -f "$jsa"
ssh_template=()
if [[ -x /usr/sbin/sshd ]]; then
  # shellcheck source=../../bin/throwaway-sshd.sh
  source "$home/bin/throwaway-sshd.sh"
  if start_throwaway_sshd 2>/dev/null; then
    printf '{"builders":[{"type":"null","ssh_host":"%s","ssh_port":%s,"ssh_username":"%s","ssh_private_key_file":"%s","ssh_timeout":"20s"}],"provisioners":[{"type":"shell","inline":["true"]}]}\n' \
      "$SSHD_HOST" "$SSHD_PORT" "$SSHD_USER" "$SSHD_KEY" >"$SSHD_DIR/ssh-build.json"
    ssh_template=("-Dimagebake.training.build=$SSHD_DIR/ssh-build.json")
  fi
fi
# Validated in training: every example template and the real-world conformance set, so that the
# classes of every builder, provisioner and post-processor they name come from the archive too
# (with three templates only, validate of an amazon or a vagrant template loaded 24-74 classes
# from the jars, each read, verified and linked at every run).
validated=("$home"/templates/*.json "$home"/src/test/resources/conformance/*.json)
# Where a Docker engine answers (and busybox-static gives a shell to put in an image), a docker
# build too: a container of a busybox image made here, a shell and a file provisioner, a commit and
# docker-tag; the tagged result is removed afterwards, the busybox image kept for the next time.
docker_template=()
docker_result=imagebake-training/result:latest
if [[ -x /bin/busybox ]] && command -v docker >/dev/null && timeout 5 docker version >/dev/null 2>&1; then
  training_dir="$(mktemp -d "${TMPDIR:-/tmp}/imagebake-training.XXXXXX")"
  base=imagebake-training/busybox:1
  if ! docker image inspect "$base" >/dev/null 2>&1; then
    mkdir -p "$training_dir/rootfs/bin" "$training_dir/rootfs/tmp"
    chmod 1777 "$training_dir/rootfs/tmp"
    cp /bin/busybox "$training_dir/rootfs/bin/"
    for applet in $(/bin/busybox --list); do
      [[ -e $training_dir/rootfs/bin/$applet ]] || ln -s busybox "$training_dir/rootfs/bin/$applet"
    done
    tar -C "$training_dir/rootfs" -c . | docker import - "$base" >/dev/null 2>&1 || base=""
  fi
  if [[ -n $base ]]; then
    echo training >"$training_dir/upload.txt"
    printf '{"builders":[{"type":"docker","image":"%s","pull":false,"commit":true,"changes":["LABEL training=1"]}],"provisioners":[{"type":"shell","inline":["echo one"]},{"type":"file","source":"%s","destination":"/tmp/upload.txt"},{"type":"shell","inline":["rm /tmp/upload.txt"]}],"post-processors":[{"type":"docker-tag","repository":"%s","tags":["latest"]}]}\n' \
      "$base" "$training_dir/upload.txt" "${docker_result%:*}" >"$training_dir/docker-build.json"
    docker_template=("-Dimagebake.training.docker=$training_dir/docker-build.json")
  fi
fi
# The launcher's flags for short commands (bin/imagebake), and the jar by the same absolute path:
# the archive is only used when the class path matches. Recorded with G1, the archive also lets
# short commands use the JDK's archived module graph; builds (serial collector) use it all the same.
if (cd "$home/target" && "$java" -XX:+UseG1GC -XX:TieredStopAtLevel=1 \
  -Dslf4j.provider=dev.imagebake.log.LogProvider -Dslf4j.internal.verbosity=WARN \
  -XX:ArchiveClassesAtExit="$jsa" "${ssh_template[@]}" "${docker_template[@]}" -cp "$jar" dev.imagebake.buildtools.ClassDataTraining \
  "${validated[@]}" "$home"/templates/local-only.json) >"$log" 2>&1 && [[ -f "$jsa" ]]; then
  echo "class-data archive: $jsa"
else
  rm -f "$jsa"
  echo "class-data archive: not created (see $log); bin/imagebake records one at its first run"
fi
if [[ ${#docker_template[@]} -gt 0 ]]; then
  docker rmi "$docker_result" >/dev/null 2>&1 || true
  rm -rf "$training_dir"
fi

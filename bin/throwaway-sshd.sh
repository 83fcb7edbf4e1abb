# Sourced by bin/quickstart and bench/: starts a throwaway OpenSSH server on a free loopback port
# with throwaway keys in a temporary folder, and stops it (deleting the folder) on exit.
# After `start_throwaway_sshd`: SSHD_HOST, SSHD_PORT, SSHD_USER, SSHD_KEY (client private key).
# SSHD_LOGIN_USER (optional) logs in as another local account than the caller's; sshd then has
# to run as root and the key files are made readable to that account.

start_throwaway_sshd() {
  local sshd=/usr/sbin/sshd
  if [[ ! -x $sshd ]]; then
    echo "needs an OpenSSH server ($sshd): apt-get install openssh-server" >&2
    return 1
  fi
  SSHD_DIR="$(mktemp -d "${TMPDIR:-/tmp}/imagebake-sshd.XXXXXX")"
  trap stop_throwaway_sshd EXIT
  trap 'stop_throwaway_sshd; exit 130' INT TERM
  ssh-keygen -q -t ed25519 -N '' -f "$SSHD_DIR/host_ed25519"
  ssh-keygen -q -t ed25519 -N '' -f "$SSHD_DIR/id_ed25519"
  cp "$SSHD_DIR/id_ed25519.pub" "$SSHD_DIR/authorized_keys"
  chmod 600 "$SSHD_DIR/authorized_keys"
  if [[ -n ${SSHD_LOGIN_USER:-} ]]; then
    # sshd reads authorized_keys as the account logging in.
    chmod 711 "$SSHD_DIR" && chmod 644 "$SSHD_DIR/authorized_keys"
  fi
  if [[ $(id -u) -eq 0 ]]; then mkdir -p /run/sshd; fi

  SSHD_PORT=""
  local candidate
  for _ in $(seq 50); do
    candidate=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
      SSHD_PORT=$candidate
      break
    fi
  done
  [[ -n $SSHD_PORT ]] || { echo "no free port found" >&2; return 1; }

  cat >"$SSHD_DIR/sshd_config" <<CONF
ListenAddress 127.0.0.1
Port $SSHD_PORT
HostKey $SSHD_DIR/host_ed25519
AuthorizedKeysFile $SSHD_DIR/authorized_keys
PidFile $SSHD_DIR/sshd.pid
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
MaxSessions 100
MaxStartups 100:30:200
Subsystem sftp internal-sftp
CONF
  "$sshd" -D -e -f "$SSHD_DIR/sshd_config" 2>"$SSHD_DIR/sshd.log" &
  SSHD_PID=$!
  for _ in $(seq 200); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$SSHD_PORT") 2>/dev/null; then break; fi
    if ! kill -0 "$SSHD_PID" 2>/dev/null; then cat "$SSHD_DIR/sshd.log" >&2; return 1; fi
    sleep 0.05 # polling the port; sshd has no readiness notification without systemd
  done
  SSHD_HOST=127.0.0.1
  SSHD_USER="${SSHD_LOGIN_USER:-$(id -un)}"
  SSHD_KEY="$SSHD_DIR/id_ed25519"
}

stop_throwaway_sshd() {
  if [[ -n ${SSHD_PID:-} ]]; then
    kill "$SSHD_PID" 2>/dev/null || true
    wait "$SSHD_PID" 2>/dev/null || true
    SSHD_PID=""
  fi
  if [[ -n ${SSHD_DIR:-} ]]; then rm -rf "$SSHD_DIR"; SSHD_DIR=""; fi
}

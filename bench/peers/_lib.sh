# Sourced by bench/peers/*.sh: where the peers live and how to wait for one to answer.
BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PEERS_HOME=${BENCH_PEERS_HOME:-$BENCH_ROOT/var/bench-peers}
PYTHON=${BENCH_PEER_PYTHON:-python3}
log() { echo "[peers/$(basename "$0" .sh)] $*" >&2; }
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# venv_ensure NAME PIP_SPEC... : a venv under $PEERS_HOME/NAME with exactly these pins (re-made when they change)
venv_ensure() {
  local name=$1; shift
  local venv=$PEERS_HOME/$name stamp="$*"
  if [ -x "$venv/bin/python" ] && [ "$(cat "$venv/.pins" 2>/dev/null)" = "$stamp" ]; then return 0; fi
  log "installing $* into $venv (PyPI, once)"
  rm -rf "$venv"; mkdir -p "$PEERS_HOME"
  "$PYTHON" -m venv "$venv"
  if ! "$venv/bin/pip" install -q --disable-pip-version-check "$@" >"$venv.install.log" 2>&1; then
    log "pip install failed: $venv.install.log"; tail -5 "$venv.install.log" >&2; rm -rf "$venv"; return 1
  fi
  echo "$stamp" >"$venv/.pins"
}

# wait_http PID URL LOG: until URL answers 200 (up to ${BENCH_READY_TIMEOUT:-90} s) or PID dies
wait_http() {
  local pid=$1 url=$2 logf=$3 i code
  for ((i = 0; i < ${BENCH_READY_TIMEOUT:-90} * 4; i++)); do
    kill -0 "$pid" 2>/dev/null || { log "server exited; end of $logf:"; tail -15 "$logf" >&2; return 1; }
    code=$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)
    [ "$code" = 200 ] && return 0
    sleep 0.25
  done
  log "no 200 from $url after ${BENCH_READY_TIMEOUT:-90} s (last $code); log: $logf"; return 1
}

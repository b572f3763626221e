#!/usr/bin/env bash
# Stops the PostgreSQL, Redis and Meilisearch instances that up.sh started in RUN_DIR, then
# deletes RUN_DIR:
#
#   scripts/services/down.sh RUN_DIR
#
# Tolerant by design: it runs from test.sh's exit trap, so any of the three may never have
# started, and it must still stop the others. It only deletes a RUN_DIR that up.sh marked as
# its own (or an empty one), never anything else.
#
# Environment:
#   LEVD_KEEP_RUN_DIR=1  stop the services but keep RUN_DIR (its logs) for a look afterwards
set -uo pipefail  # no -e: one service failing to stop must not keep the others running

# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

log() { printf '[services] %s\n' "$*" >&2; }
warn() { printf 'down.sh: warning: %s\n' "$*" >&2; }
die() { printf 'down.sh: error: %s\n' "$*" >&2; exit 1; }

# Waits up to $2 seconds for process $1 to go away.
wait_gone() {
  local pid=$1 tries=$(($2 * 10))
  while is_running "$pid"; do
    [ "$tries" -le 0 ] && return 1
    tries=$((tries - 1))
    sleep 0.1
  done
}

# True when PID is alive and its command line mentions NAME, so that a pid file left behind
# by a crashed server never makes us signal an unrelated process that reused the number.
is_our_process() {
  local pid=$1 name=$2
  [ -n "$pid" ] && is_running "$pid" && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$name"
}

stop_postgres() {
  local data="$RUN_DIR/pg/data"
  local pid
  pid="$(pid_from_file "$data/postmaster.pid")"
  is_our_process "$pid" postgres || return 0
  log "PostgreSQL: stopping"
  # Fast mode: roll back open sessions instead of waiting for the test workers to hang up.
  if ! (cd "$RUN_DIR/pg" && runuser -u postgres -- "$PG_BIN/pg_ctl" stop -D "$data" -m fast -w -t 30 >/dev/null); then
    warn "pg_ctl stop did not finish; killing PostgreSQL (pid $pid)"
    kill -KILL "$pid" 2>/dev/null
    wait_gone "$pid" 5 || warn "PostgreSQL (pid $pid) is still running: kill it by hand"
  fi
}

stop_redis() {
  local pidfile="$RUN_DIR/redis/redis.pid" pid
  pid="$(pid_from_file "$pidfile")"
  is_our_process "$pid" redis-server || return 0
  log "Redis: stopping"
  if [ -n "${REDIS_PORT:-}" ]; then
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1
  fi
  # `shutdown` does not answer when it works; check the process instead, and fall back to
  # signals (SIGTERM also shuts down without saving, as persistence is off).
  wait_gone "$pid" 5 || { kill -TERM "$pid" 2>/dev/null; wait_gone "$pid" 5; } \
    || { kill -KILL "$pid" 2>/dev/null; wait_gone "$pid" 2; } \
    || warn "Redis (pid $pid) is still running: kill it by hand"
}

stop_meilisearch() {
  local pidfile="$RUN_DIR/meili/meili.pid" pid
  pid="$(pid_from_file "$pidfile")"
  is_our_process "$pid" meilisearch || return 0
  log "Meilisearch: stopping"
  kill -TERM "$pid" 2>/dev/null
  wait_gone "$pid" 10 || { kill -KILL "$pid" 2>/dev/null; wait_gone "$pid" 2; } \
    || warn "Meilisearch (pid $pid) is still running: kill it by hand"
}

remove_run_dir() {
  if [ "${LEVD_KEEP_RUN_DIR:-}" = 1 ]; then
    log "kept $RUN_DIR (LEVD_KEEP_RUN_DIR=1)"
  elif [ -f "$RUN_DIR/$MARKER" ]; then
    rm -rf -- "$RUN_DIR" || warn "could not delete $RUN_DIR"
  elif ! rmdir -- "$RUN_DIR" 2>/dev/null; then
    # Not made by up.sh and not empty: not ours to delete.
    warn "left $RUN_DIR in place: it has no $MARKER marker from up.sh"
  fi
}

main() {
  [ "$#" -eq 1 ] || die "usage: scripts/services/down.sh RUN_DIR"
  if [ ! -d "$1" ]; then
    return 0  # nothing was ever started there (or it is already cleaned up)
  fi
  RUN_DIR="$(cd "$1" && pwd)"
  case "$RUN_DIR" in
    / | "$HOME" | /tmp) die "refusing to treat $RUN_DIR as a RUN_DIR" ;;
  esac

  if [ -f "$RUN_DIR/ports" ]; then
    REDIS_PORT="$(sed -n 's/^REDIS_PORT=\([0-9]*\)$/\1/p' "$RUN_DIR/ports")"
  fi
  # Meilisearch and Redis first: the app's workers talk to them, and they stop instantly.
  stop_meilisearch
  stop_redis
  stop_postgres
  remove_run_dir
}

main "$@"

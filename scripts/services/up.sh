#!/usr/bin/env bash
# Starts private PostgreSQL 15, Redis and Meilisearch instances for the test suite:
#
#   scripts/services/up.sh RUN_DIR
#
# Everything (data, sockets, pid files, logs) lives under RUN_DIR; every server listens on
# 127.0.0.1 only, on ports chosen so they do not clash with a developer's own services.
# On success RUN_DIR/env holds `export` lines for the tests (see test/support/services.ts).
# Stop everything with scripts/services/down.sh RUN_DIR. Install first with
# scripts/services/install.sh postgres redis meilisearch.
#
# Environment:
#   LEVD_TEST_PG_PORT     PostgreSQL port   (default 55432)
#   LEVD_TEST_REDIS_PORT  Redis port        (default 56379)
#   LEVD_TEST_MEILI_PORT  Meilisearch port  (default 57700)
#   LEVD_CACHE_DIR        where install.sh put Meilisearch (default ~/.cache/levd)
#   LEVD_SERVICES_TIMEOUT seconds to wait for each service to answer (default 60)
set -euo pipefail

# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
readonly PG_PORT="${LEVD_TEST_PG_PORT:-55432}"
readonly REDIS_PORT="${LEVD_TEST_REDIS_PORT:-56379}"
readonly MEILI_PORT="${LEVD_TEST_MEILI_PORT:-57700}"
readonly DB_NAME=levd_test
readonly TIMEOUT="${LEVD_SERVICES_TIMEOUT:-60}"
# Must match install.sh, which puts the SHA-256-checked binary here.
readonly MEILI_BIN="${LEVD_CACHE_DIR:-$HOME/.cache/levd}/meilisearch-1.21.0/bin/meilisearch"

log() { printf '[services] %s\n' "$*" >&2; }
die() { printf 'up.sh: error: %s\n' "$*" >&2; exit 1; }

# The log of a service that failed is printed here because the caller's cleanup usually
# deletes RUN_DIR, and with it the log.
die_with_log() {
  local message=$1 logfile=$2
  if [ -s "$logfile" ]; then
    printf -- '--- last lines of %s ---\n' "$logfile" >&2
    tail -n 25 "$logfile" >&2 || true
    printf -- '---\n' >&2
  fi
  die "$message"
}

# True when something already accepts TCP connections on 127.0.0.1:PORT. Uses bash's
# /dev/tcp so that no extra tool is needed.
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

check_ports() {
  local spec name port var
  # Check all three before starting anything, so a clash leaves nothing half-started.
  for spec in "PostgreSQL:$PG_PORT:LEVD_TEST_PG_PORT" "Redis:$REDIS_PORT:LEVD_TEST_REDIS_PORT" \
    "Meilisearch:$MEILI_PORT:LEVD_TEST_MEILI_PORT"; do
    IFS=: read -r name port var <<<"$spec"
    if ! [[ "$port" =~ ^[0-9]{1,5}$ ]] || [ "$port" -lt 1 ] || [ "$port" -gt 65535 ]; then
      die "$var='$port' is not a port number"
    fi
    if port_in_use "$port"; then
      die "port $port for $name is already in use on 127.0.0.1 (a previous run still up? stop it with scripts/services/down.sh RUN_DIR) or set $var to a free port"
    fi
  done
}

# wait_until NAME LOGFILE PIDFILE FAIL_PATTERN CHECK...
# Runs CHECK (a command) every 0.2 s until it succeeds. Gives up after $TIMEOUT seconds, or at
# once when PIDFILE names a process that has died or LOGFILE matches FAIL_PATTERN (an ERE; ''
# for none), naming the service and its log.
wait_until() {
  local name=$1 logfile=$2 pidfile=$3 fail_pattern=$4
  shift 4
  local deadline=$((SECONDS + TIMEOUT)) pid
  until "$@" >/dev/null 2>&1; do
    pid="$(pid_from_file "$pidfile")"
    if [ -n "$pid" ] && ! is_running "$pid"; then
      die_with_log "$name exited while starting: see $logfile" "$logfile"
    fi
    if [ -n "$fail_pattern" ] && grep -Eq -- "$fail_pattern" "$logfile" 2>/dev/null; then
      die_with_log "$name failed to start: see $logfile" "$logfile"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      die_with_log "$name did not answer within ${TIMEOUT}s: see $logfile (raise LEVD_SERVICES_TIMEOUT if the machine is slow)" "$logfile"
    fi
    sleep 0.2
  done
}

# --- PostgreSQL ------------------------------------------------------------------------------

as_postgres() {
  # Run from a folder the postgres user can enter: its tools complain about an unreadable cwd.
  (cd "$RUN_DIR/pg" && runuser -u postgres -- "$@")
}

start_postgres() {
  [ -x "$PG_BIN/initdb" ] || die "PostgreSQL 15 is not installed: run scripts/services/install.sh postgres"
  id postgres >/dev/null 2>&1 || die "there is no 'postgres' user: run scripts/services/install.sh postgres"
  [ "$(id -u)" -eq 0 ] || die "up.sh must run as root: initdb refuses root, so it switches to the postgres user with runuser"

  local pg_dir="$RUN_DIR/pg" logfile="$RUN_DIR/postgres.log"
  mkdir -p "$pg_dir/run"
  : >"$logfile"
  chown -R postgres:postgres "$pg_dir" "$logfile"
  # The socket path has to fit in sun_path (107 bytes).
  local socket="$pg_dir/run/.s.PGSQL.$PG_PORT"
  [ "${#socket}" -le 107 ] || die "RUN_DIR path is too long for a PostgreSQL socket ($socket): use a shorter RUN_DIR such as /tmp/levd-test.XXXXXX"
  as_postgres test -w "$pg_dir" \
    || die "the postgres user cannot write to $pg_dir: put RUN_DIR under a folder every user can enter, e.g. /tmp"

  log "PostgreSQL: initdb in $pg_dir/data"
  # --no-sync and the settings below trade durability for speed: this is a throw-away
  # test database.
  as_postgres "$PG_BIN/initdb" -D "$pg_dir/data" -U postgres -A trust --locale=C.UTF-8 -E UTF8 \
    --no-sync >>"$logfile" 2>&1 \
    || die_with_log "initdb failed for PostgreSQL: see $logfile" "$logfile"

  cat >>"$pg_dir/data/postgresql.conf" <<EOF

# --- Levd test instance (scripts/services/up.sh) ---
port = $PG_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$pg_dir/run'
fsync = off
synchronous_commit = off
full_page_writes = off
EOF

  log "PostgreSQL: starting on 127.0.0.1:$PG_PORT"
  as_postgres "$PG_BIN/pg_ctl" start -D "$pg_dir/data" -l "$logfile" -w -t "$TIMEOUT" >/dev/null \
    || die_with_log "PostgreSQL did not start on port $PG_PORT: see $logfile" "$logfile"
  wait_until PostgreSQL "$logfile" "$pg_dir/data/postmaster.pid" '' \
    "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres
  "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres "$DB_NAME" \
    || die_with_log "could not create database $DB_NAME on PostgreSQL port $PG_PORT: see $logfile" "$logfile"
  # Extensions are not created here on purpose: the app's migrations create them.
}

# --- Redis -----------------------------------------------------------------------------------

start_redis() {
  command -v redis-server >/dev/null 2>&1 || die "redis-server is not installed: run scripts/services/install.sh redis"
  local dir="$RUN_DIR/redis" logfile="$RUN_DIR/redis.log"
  mkdir -p "$dir"
  log "Redis: starting on 127.0.0.1:$REDIS_PORT"
  # No persistence at all: the suite's queues are throw-away.
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --save '' --appendonly no \
    --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$logfile" \
    || die_with_log "redis-server failed to start on port $REDIS_PORT: see $logfile" "$logfile"
  # A daemonized Redis that cannot listen exits before writing its pid file, so only its log
  # tells that it gave up (e.g. "Failed listening on port …, aborting.").
  wait_until Redis "$logfile" "$dir/redis.pid" 'aborting|Fatal error' \
    redis_ping
}

redis_ping() { [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]; }

# --- Meilisearch -----------------------------------------------------------------------------

start_meilisearch() {
  [ -x "$MEILI_BIN" ] || die "Meilisearch is not installed at $MEILI_BIN: run scripts/services/install.sh meilisearch"
  command -v curl >/dev/null 2>&1 || die "curl is needed to check Meilisearch's health: apt-get install curl"
  local dir="$RUN_DIR/meili" logfile="$RUN_DIR/meili.log"
  mkdir -p "$dir/data" "$dir/dumps" "$dir/snapshots"

  # A fresh random key per run: nothing outside this run can use the instance.
  MEILI_MASTER_KEY="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  [ "${#MEILI_MASTER_KEY}" -eq 64 ] || die "could not generate a Meilisearch master key from /dev/urandom"

  log "Meilisearch: starting on 127.0.0.1:$MEILI_PORT"
  # setsid: its own session, like the other two daemons, so a Ctrl-C in the terminal reaches
  # the test runner but not the server; down.sh stops it. Run from $dir so that any relative
  # path Meilisearch falls back on stays inside RUN_DIR. The master key goes in through
  # MEILI_MASTER_KEY (Meilisearch's own equivalent of --master-key) rather than the command
  # line, so other users cannot read it from `ps`.
  (
    cd "$dir"
    export MEILI_MASTER_KEY
    exec setsid "$MEILI_BIN" --http-addr "127.0.0.1:$MEILI_PORT" --no-analytics --env development \
      --db-path "$dir/data" --dump-dir "$dir/dumps" --snapshot-dir "$dir/snapshots" \
      </dev/null >"$logfile" 2>&1
  ) &
  echo "$!" >"$dir/meili.pid"
  wait_until Meilisearch "$logfile" "$dir/meili.pid" '' \
    curl -fsS --max-time 2 "http://127.0.0.1:$MEILI_PORT/health"
}

# --- env file --------------------------------------------------------------------------------

write_env() {
  local env_file="$RUN_DIR/env"
  # Holds the master key: readable by the owner only.
  (umask 077 && cat >"$env_file" <<EOF
# Written by scripts/services/up.sh; source it to reach this run's services.
export LEVD_TEST_DATABASE_URL='postgres://postgres@127.0.0.1:$PG_PORT/$DB_NAME'
export LEVD_TEST_REDIS_URL='redis://127.0.0.1:$REDIS_PORT'
export LEVD_TEST_MEILI_URL='http://127.0.0.1:$MEILI_PORT'
export LEVD_TEST_MEILI_MASTER_KEY='$MEILI_MASTER_KEY'
EOF
  )
}

stop_on_failure() {
  local status=$1
  [ "$status" -eq 0 ] && return 0
  log "stopping the services that did start; logs stay in $RUN_DIR"
  LEVD_KEEP_RUN_DIR=1 bash "$(dirname "${BASH_SOURCE[0]}")/down.sh" "$RUN_DIR" || true
  exit "$status"
}

main() {
  [ "$#" -eq 1 ] || die "usage: scripts/services/up.sh RUN_DIR"
  mkdir -p "$1" || die "cannot create RUN_DIR $1"
  RUN_DIR="$(cd "$1" && pwd)"
  if [ -e "$RUN_DIR/pg" ] || [ -e "$RUN_DIR/ports" ]; then
    die "$RUN_DIR already holds services from an earlier run: stop them with scripts/services/down.sh $RUN_DIR or pick an empty RUN_DIR"
  fi
  # The marker first, so down.sh knows it may clean up whatever follows.
  : >"$RUN_DIR/$MARKER"
  # mktemp -d makes RUN_DIR 0700; the postgres user must be able to pass through it to
  # reach RUN_DIR/pg (search permission only: it still cannot list or read RUN_DIR).
  chmod a+x "$RUN_DIR"

  check_ports
  # down.sh reads the ports from here, even if this script fails half-way.
  printf 'PG_PORT=%s\nREDIS_PORT=%s\nMEILI_PORT=%s\n' "$PG_PORT" "$REDIS_PORT" "$MEILI_PORT" \
    >"$RUN_DIR/ports"
  # From here on, a failure stops whatever did start, but keeps RUN_DIR and its logs.
  trap 'stop_on_failure $?' EXIT
  start_postgres
  start_redis
  start_meilisearch
  write_env
  trap - EXIT
  log "all up; environment in $RUN_DIR/env"
}

main "$@"

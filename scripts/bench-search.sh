#!/usr/bin/env bash
# `npm run bench:search`: starts PostgreSQL, Redis and Meilisearch on private ports (as the
# tests do), runs bench/search.bench.ts against them and stops them again.
# Needs MODEL_DIR (or the model cached by `npm test` in ~/.cache/levd/models).
#
# BENCH_KEEP=1 keeps the services (in /tmp/levd-bench-search) and both corpora for the next
# BENCH_KEEP=1 run, which then skips generating 100,000 passages; stop them afterwards with
# scripts/services/down.sh /tmp/levd-bench-search. Other settings: see bench/search.bench.ts.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
readonly SERVICES=scripts/services

if [ -z "${MODEL_DIR:-}" ]; then
  export MODEL_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/levd/models"
fi
bash "$SERVICES/install.sh" postgres redis meilisearch
# Ports of their own, clear of the tests (55432/56379/57700) and bench:indexer (55532/56479/57800).
export LEVD_TEST_PG_PORT=55632 LEVD_TEST_REDIS_PORT=56579 LEVD_TEST_MEILI_PORT=57900

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if [ "${BENCH_KEEP:-}" = 1 ]; then
  RUN_DIR=/tmp/levd-bench-search
  if [ -f "$RUN_DIR/env" ] && answers "$LEVD_TEST_PG_PORT" && answers "$LEVD_TEST_REDIS_PORT" && answers "$LEVD_TEST_MEILI_PORT"; then
    echo "[bench] reusing the services in $RUN_DIR (BENCH_KEEP=1)" >&2
  else
    bash "$SERVICES/down.sh" "$RUN_DIR" >/dev/null 2>&1 || true
    bash "$SERVICES/up.sh" "$RUN_DIR" >/dev/null
  fi
  trap 'echo "[bench] services left running (BENCH_KEEP=1): stop them with scripts/services/down.sh $RUN_DIR" >&2' EXIT
else
  RUN_DIR="$(mktemp -d /tmp/levd-bench.XXXXXX)"
  trap 'bash "$SERVICES/down.sh" "$RUN_DIR" >/dev/null' EXIT
  bash "$SERVICES/up.sh" "$RUN_DIR" >/dev/null
fi
# shellcheck source=/dev/null  # written by up.sh at run time
source "$RUN_DIR/env"
DATABASE_URL="$LEVD_TEST_DATABASE_URL" REDIS_URL="$LEVD_TEST_REDIS_URL" MEILI_URL="$LEVD_TEST_MEILI_URL" \
  MEILI_MASTER_KEY="$LEVD_TEST_MEILI_MASTER_KEY" LOG_LEVEL=warn npx tsx bench/search.bench.ts "$@"

#!/usr/bin/env bash
# `npm run bench:indexer [-- PASSAGES]`: starts PostgreSQL, Redis and Meilisearch on private
# ports (as the tests do), runs bench/indexer.bench.ts against them and stops them again.
# Needs MODEL_DIR (or the model cached by `npm test` in ~/.cache/levd/models).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
readonly SERVICES=scripts/services

if [ -z "${MODEL_DIR:-}" ]; then
  export MODEL_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/levd/models"
fi
bash "$SERVICES/install.sh" postgres redis meilisearch
# Ports of their own, so a test run can go on beside the benchmark.
export LEVD_TEST_PG_PORT=55532 LEVD_TEST_REDIS_PORT=56479 LEVD_TEST_MEILI_PORT=57800
RUN_DIR="$(mktemp -d /tmp/levd-bench.XXXXXX)"
trap 'bash "$SERVICES/down.sh" "$RUN_DIR" >/dev/null' EXIT
bash "$SERVICES/up.sh" "$RUN_DIR" >/dev/null
# shellcheck source=/dev/null  # written by up.sh at run time
source "$RUN_DIR/env"
DATABASE_URL="$LEVD_TEST_DATABASE_URL" REDIS_URL="$LEVD_TEST_REDIS_URL" MEILI_URL="$LEVD_TEST_MEILI_URL" \
  MEILI_MASTER_KEY="$LEVD_TEST_MEILI_MASTER_KEY" npx tsx bench/indexer.bench.ts "$@"

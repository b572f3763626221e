#!/usr/bin/env bash
# Command 1 of the README: install what Levd needs and start the embedded default
# (embedded PostgreSQL in ./data, in-process queue, PostgreSQL full-text search) on
# http://localhost:3000. No servers, no Docker. Set MODEL_DIR to work offline.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing dependencies (npm ci)…" >&2
  npm ci --no-audit --no-fund >&2
fi

exec node bin/levd.mjs start "$@"

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

# The web UI is served from web/dist: build it when it is missing or older than its sources.
if [ ! -f web/dist/index.html ] || [ -n "$(find web/src web/index.html web/vite.config.ts -newer web/dist/index.html -print -quit)" ]; then
  echo "Building the web UI (npm run build:web)…" >&2
  npm run --silent build:web >&2
fi

# The development machines have no hub access but keep the model beside the checkout in
# ../shared/models; use it when MODEL_DIR is not set, so the one command works there too.
shared_models="$(cd .. && pwd)/shared/models"
if [ -z "${MODEL_DIR:-}" ] && [ -f "$shared_models/Xenova/multilingual-e5-small/config.json" ]; then
  echo "Using the embedding model in $shared_models (MODEL_DIR)" >&2
  export MODEL_DIR="$shared_models"
fi

exec node bin/levd.mjs start "$@"

#!/usr/bin/env bash
# THE test command (`npm test`): installs and starts real PostgreSQL 15 + pgvector, Redis and
# Meilisearch on private ports, then runs lint, the type check and the test suite against
# them, and stops the services however the run ends (success, failure or Ctrl-C). The suite
# includes the end-to-end tests (test/e2e): Chromium against `levd start` with the demo corpus
# (they build the web UI into web/dist first when it is missing or older than web/src).
#
#   npm test                    # everything
#   npm test -- test/unit       # extra arguments go to `vitest run`
#   npm test -- test/e2e        # only the browser tests
#
# Stops at the first failing step and exits with that step's status.
# Set LEVD_KEEP_RUN_DIR=1 to keep the services' data and logs in /tmp/levd-test.* afterwards.
# MODEL_DIR: the folder holding Xenova/multilingual-e5-small/; unset, it is fetched once into ~/.cache/levd.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
readonly SERVICES=scripts/services

die() { printf 'test.sh: error: %s\n' "$*" >&2; exit 1; }
header() { printf '\n==> %s\n' "$*"; }

# Runs one step of the suite under a header; on failure, says which step failed and exits
# with its status so that `npm test` (and CI) report exactly that.
step() {
  local title=$1
  shift
  header "$title: $*"
  local status=0
  "$@" || status=$?
  if [ "$status" -ne 0 ]; then
    printf '\ntest.sh: %s failed (exit %d)\n' "$title" "$status" >&2
    exit "$status"
  fi
}

ensure_dependencies() {
  # Same rule as quickstart.sh: reinstall only when the lock file changed since the last install.
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    header "Installing dependencies: npm ci"
    npm ci --no-audit --no-fund || die "npm ci failed: see npm's output above"
  fi
}

# The tests use the real embedding model. MODEL_DIR (CI sets ../shared/models) is used as is;
# otherwise the model is downloaded once from the Hugging Face hub into ~/.cache/levd/models,
# a folder that then serves as MODEL_DIR on every later run. Either way `levd fetch-model`
# checks it (every file, and that it loads), so a broken folder stops the run here, in one line.
ensure_model() {
  if [ -z "${MODEL_DIR:-}" ]; then
    local cache="${XDG_CACHE_HOME:-$HOME/.cache}/levd"
    header "Fetching the embedding model into $cache/models (once)"
    DATA_DIR="$cache" node bin/levd.mjs fetch-model \
      || die "could not download the embedding model; set MODEL_DIR to a folder that holds Xenova/multilingual-e5-small/"
    export MODEL_DIR="$cache/models"
    return
  fi
  LOG_LEVEL=warn node bin/levd.mjs fetch-model >/dev/null || die "MODEL_DIR=$MODEL_DIR cannot be used (see the line above)"
}

# The HTTP and end-to-end tests load the web UI from web/dist: build it when it is missing or
# older than its sources (web/src, web/index.html, web/vite.config.ts).
ensure_web_build() {
  if [ -f web/dist/index.html ] && [ -z "$(find web/src web/index.html web/vite.config.ts -newer web/dist/index.html -print -quit)" ]; then
    return
  fi
  header "Building the web UI: npm run build:web"
  npm run build:web || die "the web UI does not build: see Vite's output above"
}

RUN_DIR=''
# Always stop the services, keeping the exit status of whatever ended the run.
stop_services() {
  local status=$?
  trap - EXIT
  if [ -n "$RUN_DIR" ]; then
    header "Stopping services"
    bash "$SERVICES/down.sh" "$RUN_DIR" || printf 'test.sh: warning: down.sh failed; check for leftover processes from %s\n' "$RUN_DIR" >&2
  fi
  exit "$status"
}

main() {
  ensure_dependencies
  ensure_model
  ensure_web_build

  header "Installing services (skipped when present)"
  # chromium: the browser the end-to-end tests (test/e2e) drive through playwright-core.
  bash "$SERVICES/install.sh" postgres redis meilisearch chromium schemathesis

  RUN_DIR="$(mktemp -d /tmp/levd-test.XXXXXX)" || die "mktemp could not create a folder in /tmp"
  trap stop_services EXIT
  # On a signal, exit with the conventional status; that runs the EXIT trap above.
  trap 'exit 130' INT
  trap 'exit 143' TERM
  trap 'exit 129' HUP

  header "Starting services in $RUN_DIR"
  bash "$SERVICES/up.sh" "$RUN_DIR"
  # shellcheck source=/dev/null  # written by up.sh at run time
  source "$RUN_DIR/env"

  step "Lint" npx eslint .
  step "Type check" npx tsc --noEmit
  step "Tests" npx vitest run "$@"
  header "All passed"
}

main "$@"

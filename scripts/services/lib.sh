# Shared by up.sh and down.sh (sourced, not run): where things are, and how to tell whether
# a service's process is still there.

readonly PG_BIN=/usr/lib/postgresql/15/bin  # never /usr/local/bin: this machine has a stray pg_ctl there
# down.sh only deletes a RUN_DIR that carries this marker (or an empty one); up.sh writes it.
readonly MARKER=.levd-services

# The first line of a pid file, or nothing while the file is not there yet.
pid_from_file() {
  if [ -s "$1" ]; then head -n 1 "$1"; fi
}

# True while process $1 exists and is not a zombie. A daemon that has exited stays a zombie
# until init reaps it, which on some machines (a minimal PID 1) takes a second or more, and
# `kill -0` still succeeds on a zombie.
is_running() {
  local state
  state="$(sed -E 's/^.*\) (.).*$/\1/' "/proc/$1/stat" 2>/dev/null)" || return 1
  [ -n "$state" ] && [ "$state" != Z ]
}

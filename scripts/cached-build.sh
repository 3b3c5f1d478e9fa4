# Source this file: what build-collector.sh and build-prometheus.sh share.
# Each prints the path of a working binary as the LAST line on stdout and
# every progress message on stderr; takes a binary the user names in an
# environment variable as is; otherwise builds with Go into a cache directory
# outside the repository, one build at a time per cache directory, and moves
# the binary into place only once it runs.
#
# Set before sourcing: CB_NAME (the message prefix, e.g. `collector`).

cb_log() { printf '%s: %s\n' "$CB_NAME" "$*" >&2; }
cb_die() { cb_log "ERROR: $*"; exit 1; }

# The binary runs (`--version`).
cb_works() { [ -x "$1" ] && "$1" --version >/dev/null 2>&1; }

# cb_use_given VAR: when $VAR names a binary, prints its path and exits.
cb_use_given() {
  local var="$1" bin="${!1:-}"
  [ -n "$bin" ] || return 0
  case "$bin" in */*) ;; *) bin="$(command -v -- "$bin" || true)" ;; esac
  [ -n "$bin" ] && [ -f "$bin" ] && [ -x "$bin" ] \
    || cb_die "$var=${!var} is not an executable file"
  cb_log "using $var ($bin)"
  printf '%s\n' "$bin"
  exit 0
}

# cb_use_cached BIN WHAT: when BIN works, prints its path and exits.
cb_use_cached() {
  if cb_works "$1"; then
    cb_log "cached $2 ($1)"
    printf '%s\n' "$1"
    exit 0
  fi
}

# cb_lock CACHE BIN WHAT: serialises concurrent builds into CACHE (e.g.
# parallel test runs); exits with BIN if the build we waited for made it.
cb_lock() {
  local cache="$1" bin="$2" what="$3"
  mkdir -p "$cache"
  command -v flock >/dev/null 2>&1 || return 0
  exec 9>"$cache/.lock"
  if ! flock -n 9; then
    cb_log "another build of $what is running (lock $cache/.lock); waiting for it…"
    until flock -w 60 9; do cb_log "still waiting for the other build of $what…"; done
  fi
  cb_use_cached "$bin" "$what"
}

# cb_find_go WHAT ALTERNATIVE: sets cb_go to the go command (>= 1.26 expected),
# or dies saying Go is needed to build WHAT, or ALTERNATIVE.
cb_find_go() {
  if command -v go >/dev/null 2>&1; then
    cb_go="$(command -v go)"
  elif [ -x /usr/local/go/bin/go ]; then
    cb_go=/usr/local/go/bin/go
  else
    cb_die "Go is needed to build $1 (>= 1.26; not on PATH nor in /usr/local/go/bin), or $2"
  fi
  export CGO_ENABLED=0
  # The build dir may sit inside someone's git checkout: don't stamp VCS info.
  export GOFLAGS="${GOFLAGS:+$GOFLAGS }-buildvcs=false"
}

# cb_start CACHE: makes cb_build_dir, a temporary directory in CACHE (removed
# on exit), and keeps CI logs alive while a build is silent for minutes.
cb_start=$SECONDS
cb_build_dir=""
cb_heartbeat=""
cb_cleanup() {
  if [ -n "$cb_heartbeat" ]; then kill "$cb_heartbeat" 2>/dev/null || true; fi
  if [ -n "$cb_build_dir" ]; then rm -rf -- "$cb_build_dir"; fi
}
cb_start() {
  trap cb_cleanup EXIT
  cb_start=$SECONDS
  cb_build_dir="$(mktemp -d "$1/build.XXXXXX")"
  ( while sleep 60; do cb_log "still building… $(( SECONDS - cb_start ))s"; done ) &
  cb_heartbeat=$!
}

# cb_finish BUILT BIN: checks that BUILT runs, moves it to BIN and prints BIN.
cb_finish() {
  local built="$1" bin="$2"
  kill "$cb_heartbeat" 2>/dev/null || true
  wait "$cb_heartbeat" 2>/dev/null || true
  cb_heartbeat=""
  cb_works "$built" || cb_die "built binary $built does not run"
  mv -f -- "$built" "$bin" # same filesystem: atomic rename
  cb_log "built $("$bin" --version 2>&1 | head -n 1) in $(( SECONDS - cb_start ))s ($(du -h "$bin" | cut -f1))"
  printf '%s\n' "$bin"
}

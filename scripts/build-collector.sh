#!/usr/bin/env bash
# Prints the path of a working OpenTelemetry Collector binary for the
# end-to-end tests, building it first if needed. The path is the LAST line on
# stdout; every progress message goes to stderr.
#
#   OTELCOL_BIN=/path/to/otelcol-contrib  use that binary as is (no build)
#   XDG_CACHE_HOME                        cache root (default ~/.cache)
#
# The binary is built with the OpenTelemetry Collector Builder (the version of
# the manifest's go.opentelemetry.io/collector/service module) from
# collector/builder-config.yaml and cached outside the repository in
#   ${XDG_CACHE_HOME:-$HOME/.cache}/kenkai-call-center/otelcol-<sha256[0:16] of the manifest>/
# so editing the manifest triggers a rebuild. A cold build needs only Go
# (>= 1.26) and the Go module proxy: about 2 minutes on a 2-core machine with
# a fast proxy (allow 10), ~0.5 GB of module cache and ~0.9 GB of build cache
# (GOPATH/GOMODCACHE/GOCACHE stay at Go's defaults, outside the repo).
set -euo pipefail

DIST_NAME="otelcol-call-center"

log() { printf 'collector: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# 1. A collector supplied by the user.
if [ -n "${OTELCOL_BIN:-}" ]; then
  bin="$OTELCOL_BIN"
  case "$bin" in */*) ;; *) bin="$(command -v -- "$bin" || true)" ;; esac
  [ -n "$bin" ] && [ -f "$bin" ] && [ -x "$bin" ] \
    || die "OTELCOL_BIN=$OTELCOL_BIN is not an executable file"
  log "using OTELCOL_BIN ($bin)"
  printf '%s\n' "$bin"
  exit 0
fi

script_dir="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
manifest="$(cd -- "$script_dir/.." && pwd)/collector/builder-config.yaml"
[ -f "$manifest" ] || die "manifest not found: $manifest"
# The builder must be the release the manifest targets (it refuses other
# minors): take its version from the manifest's go.opentelemetry.io/collector/service line.
builder_version="$(sed -nE 's#^[[:space:]]*gomod:[[:space:]]*"?go\.opentelemetry\.io/collector/service[[:space:]]+(v[0-9][^"[:space:]]*).*#\1#p' "$manifest" | head -n1)"
[ -n "$builder_version" ] || die "no 'gomod: go.opentelemetry.io/collector/service vX.Y.Z' line in $manifest"

if command -v sha256sum >/dev/null 2>&1; then
  hash="$(sha256sum "$manifest" | cut -c1-16)"
else
  hash="$(shasum -a 256 "$manifest" | cut -c1-16)"
fi
cache="${XDG_CACHE_HOME:-${HOME:?HOME is not set}/.cache}/kenkai-call-center/otelcol-$hash"
bin="$cache/$DIST_NAME"

works() { [ -x "$1" ] && "$1" --version >/dev/null 2>&1; }

# 2. Cache hit.
if works "$bin"; then
  log "cached $DIST_NAME ($bin)"
  printf '%s\n' "$bin"
  exit 0
fi

mkdir -p "$cache"

# Serialise concurrent builds of the same manifest (e.g. parallel test runs).
if command -v flock >/dev/null 2>&1; then
  exec 9>"$cache/.lock"
  if ! flock -n 9; then
    log "another build of this manifest is running (lock $cache/.lock); waiting for it…"
    until flock -w 60 9; do log "still waiting for the other build of this manifest…"; done
  fi
  if works "$bin"; then
    log "cached $DIST_NAME ($bin)"
    printf '%s\n' "$bin"
    exit 0
  fi
fi

# 3. Build.
if command -v go >/dev/null 2>&1; then
  go_bin="$(command -v go)"
elif [ -x /usr/local/go/bin/go ]; then
  go_bin=/usr/local/go/bin/go
else
  die "Go is needed to build the collector (>= 1.26; not on PATH nor in /usr/local/go/bin), or set OTELCOL_BIN to an otelcol-contrib binary"
fi
# The builder looks `go` up on PATH.
export PATH="$(dirname -- "$go_bin"):$PATH"
export CGO_ENABLED=0
# The build dir may sit inside someone's git checkout: don't stamp VCS info.
export GOFLAGS="${GOFLAGS:+$GOFLAGS }-buildvcs=false"
log "$("$go_bin" version) at $go_bin; cache $cache"

start=$SECONDS
build_dir=""
heartbeat_pid=""
cleanup() {
  if [ -n "$heartbeat_pid" ]; then kill "$heartbeat_pid" 2>/dev/null || true; fi
  if [ -n "$build_dir" ]; then rm -rf -- "$build_dir"; fi
}
trap cleanup EXIT

builder="$cache/bin/builder"  # per cache dir, so it always matches the manifest
if [ ! -x "$builder" ]; then
  log "installing builder go.opentelemetry.io/collector/cmd/builder@$builder_version…"
  GOBIN="$cache/bin" "$go_bin" install "go.opentelemetry.io/collector/cmd/builder@$builder_version" >&2 \
    || die "could not install the collector builder"
fi

build_dir="$(mktemp -d "$cache/build.XXXXXX")"
log "building $DIST_NAME from $manifest (2-10 min on a cold machine)…"
# Keep CI logs alive while `go build` is silent for minutes.
( while sleep 60; do log "still building… $(( SECONDS - start ))s"; done ) &
heartbeat_pid=$!

# Not strict: file_storage is one minor below the rest (see the manifest for why).
"$builder" --config "$manifest" --output-path "$build_dir" --skip-strict-versioning=true >&2 \
  || die "builder failed (generated sources in $build_dir are removed; rerun to retry)"

kill "$heartbeat_pid" 2>/dev/null || true
wait "$heartbeat_pid" 2>/dev/null || true
heartbeat_pid=""

works "$build_dir/$DIST_NAME" || die "built binary $build_dir/$DIST_NAME does not run"
mv -f -- "$build_dir/$DIST_NAME" "$bin" # same filesystem: atomic rename
log "built $("$bin" --version) in $(( SECONDS - start ))s ($(du -h "$bin" | cut -f1))"
printf '%s\n' "$bin"

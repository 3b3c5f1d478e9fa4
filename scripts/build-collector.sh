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
CB_NAME=collector
. "$(dirname -- "${BASH_SOURCE[0]}")/cached-build.sh"

# 1. A collector supplied by the user.
cb_use_given OTELCOL_BIN

script_dir="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
manifest="$(cd -- "$script_dir/.." && pwd)/collector/builder-config.yaml"
[ -f "$manifest" ] || cb_die "manifest not found: $manifest"
# The builder must be the release the manifest targets (it refuses other
# minors): take its version from the manifest's go.opentelemetry.io/collector/service line.
builder_version="$(sed -nE 's#^[[:space:]]*gomod:[[:space:]]*"?go\.opentelemetry\.io/collector/service[[:space:]]+(v[0-9][^"[:space:]]*).*#\1#p' "$manifest" | head -n1)"
[ -n "$builder_version" ] || cb_die "no 'gomod: go.opentelemetry.io/collector/service vX.Y.Z' line in $manifest"

if command -v sha256sum >/dev/null 2>&1; then
  hash="$(sha256sum "$manifest" | cut -c1-16)"
else
  hash="$(shasum -a 256 "$manifest" | cut -c1-16)"
fi
cache="${XDG_CACHE_HOME:-${HOME:?HOME is not set}/.cache}/kenkai-call-center/otelcol-$hash"
bin="$cache/$DIST_NAME"

# 2. Cache hit, or the build another run was making of this manifest.
cb_use_cached "$bin" "$DIST_NAME"
cb_lock "$cache" "$bin" "this manifest"

# 3. Build.
cb_find_go "the collector" "set OTELCOL_BIN to an otelcol-contrib binary"
# The builder looks `go` up on PATH.
export PATH="$(dirname -- "$cb_go"):$PATH"
cb_log "$("$cb_go" version) at $cb_go; cache $cache"
cb_start "$cache"

builder="$cache/bin/builder"  # per cache dir, so it always matches the manifest
if [ ! -x "$builder" ]; then
  cb_log "installing builder go.opentelemetry.io/collector/cmd/builder@$builder_version…"
  GOBIN="$cache/bin" "$cb_go" install "go.opentelemetry.io/collector/cmd/builder@$builder_version" >&2 \
    || cb_die "could not install the collector builder"
fi

cb_log "building $DIST_NAME from $manifest (2-10 min on a cold machine)…"
# Not strict: file_storage is one minor below the rest (see the manifest for why).
"$builder" --config "$manifest" --output-path "$cb_build_dir" --skip-strict-versioning=true >&2 \
  || cb_die "builder failed (generated sources in $cb_build_dir are removed; rerun to retry)"
cb_finish "$cb_build_dir/$DIST_NAME" "$bin"

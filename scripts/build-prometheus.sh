#!/usr/bin/env bash
# Prints the path of a working Prometheus binary for the end-to-end tests,
# building it first if needed. The path is the LAST line on stdout; every
# progress message goes to stderr (same conventions as build-collector.sh).
#
#   PROMETHEUS_BIN=/path/to/prometheus  use that binary as is (no build)
#   PROMETHEUS_VERSION                  module version to build (default below)
#   XDG_CACHE_HOME                      cache root (default ~/.cache)
#
# The binary is `go install github.com/prometheus/prometheus/cmd/prometheus@<version>`
# (Prometheus 3.x: module v0.316.0 is release 3.16.0; the tests need its OTLP
# receiver), built with CGO_ENABLED=0 and cached outside the repository in
#   ${XDG_CACHE_HOME:-$HOME/.cache}/kenkai-call-center/prometheus-<version>/
# A cold build needs only Go (>= 1.26) and the Go module proxy: 6-10 minutes
# on a 2-core machine (allow 20), ~2 GB of module downloads and ~1 GB of build
# cache (GOPATH/GOMODCACHE/GOCACHE stay at Go's defaults, outside the repo);
# a 141 MB binary. The web UI's assets are not embedded (no `builtinassets`
# tag): the tests use the HTTP API only.
set -euo pipefail

VERSION="${PROMETHEUS_VERSION:-v0.316.0}"
CB_NAME=prometheus
. "$(dirname -- "${BASH_SOURCE[0]}")/cached-build.sh"

# 1. A Prometheus supplied by the user.
cb_use_given PROMETHEUS_BIN

# Module v0.MNN.P is release M.NN.P (v0.316.0 is Prometheus 3.16.0).
[[ "$VERSION" =~ ^v0\.([1-9][0-9]*)([0-9]{2})\.([0-9]+)$ ]] \
  || cb_die "PROMETHEUS_VERSION=$VERSION is not a Prometheus Go module version (v0.MNN.P, e.g. v0.316.0 for Prometheus 3.16.0)"
release="${BASH_REMATCH[1]}.$((10#${BASH_REMATCH[2]})).${BASH_REMATCH[3]}"

cache="${XDG_CACHE_HOME:-${HOME:?HOME is not set}/.cache}/kenkai-call-center/prometheus-$VERSION"
bin="$cache/prometheus"

# 2. Cache hit, or the build another run was making of this version.
cb_use_cached "$bin" "prometheus $VERSION"
cb_lock "$cache" "$bin" "prometheus $VERSION"

# 3. Build.
cb_find_go "Prometheus" "set PROMETHEUS_BIN to a prometheus binary (3.x, for its OTLP receiver)"
cb_log "$("$cb_go" version) at $cb_go; cache $cache"
cb_start "$cache"
cb_log "building github.com/prometheus/prometheus/cmd/prometheus@$VERSION (Prometheus $release; 6-20 min and ~2 GB of modules on a cold machine)…"
# go install writes into GOBIN: the temporary build dir, so that only a binary
# that runs is moved into the cache. It runs outside any module (pkg@version
# ignores the current go.mod anyway). The release's own build stamps the
# version with -X; without it `prometheus --version` and prometheus_build_info say nothing.
(cd "$cb_build_dir" && GOBIN="$cb_build_dir" "$cb_go" install \
  -ldflags="-X github.com/prometheus/common/version.Version=$release -X github.com/prometheus/common/version.Revision=$VERSION" \
  "github.com/prometheus/prometheus/cmd/prometheus@$VERSION") >&2 \
  || cb_die "go install failed (rerun to retry; the modules downloaded so far stay in Go's module cache)"
cb_finish "$cb_build_dir/prometheus" "$bin"

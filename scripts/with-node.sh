#!/usr/bin/env bash
# Runs a command with a Node >= 22.15 first on PATH (see node-env.sh).
# npm scripts go through this so that `npm test` works on a machine whose
# own node is 20.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/node-env.sh"
exec "$@"

#!/usr/bin/env bash
# Regenerates docs/screenshots/*.png: starts Switchboard on a temporary data
# directory, feeds it a few messages and photographs the main pages.
set -euo pipefail
. "$(dirname "$0")/server.sh"
skip_unless_ready
start_server
cd "$E2E_DIR"
SB_SHOTS="$REPO/docs/screenshots" node screenshots.mjs

#!/usr/bin/env bash
# End-to-end tests of the inbox in headless Chromium. Skips (exit 0) with a
# message when Chromium or node is missing.
set -euo pipefail
. "$(dirname "$0")/server.sh"
skip_unless_ready
start_server
cd "$E2E_DIR"
node --test --test-concurrency=1 tests/

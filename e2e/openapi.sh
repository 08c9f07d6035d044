#!/usr/bin/env bash
# Checks internal/web/api/openapi.json against the OpenAPI 3 schema. Skips
# (exit 0) with a message when node is missing.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "openapi: SKIPPED: node and npm are not installed"; exit 0
fi
if [ ! -d node_modules/@apidevtools/swagger-parser ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
node openapi.mjs

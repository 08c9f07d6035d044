#!/usr/bin/env bash
# The whole pipeline on the embedded defaults, beside raw SQLite inserts of the
# same rows, in one run: saturation (offered as fast as it takes them) and
# latency at an offered 5,000 messages/s. Usage: bench/pipeline.sh [MESSAGES]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
bin=$(mktemp -d)/switchboard
go build -o "$bin" ./cmd/switchboard
echo "# $(date -u +%FT%TZ) $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "## saturation"
"$bin" bench pipeline --messages "$n"
echo "## offered 5000/s"
"$bin" bench pipeline --messages "$n" --rate 5000 --raw=false
rm -rf "$(dirname "$bin")"

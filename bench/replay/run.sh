#!/bin/sh
# Replays a real stream through a running server and saves the incidents it
# opened, with their reports:
#   bench/replay/run.sh fr-brand 50000 2024-06-01 2024-08-15
#   bench/replay/run.sh airline 5000
# Output in bench/out/replay/ (ignored by git): NAME-incidents.json, NAME-crisis-queue.json, the server log.
set -eu
name=$1 speed=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
data=$(cd "$root/../shared/data" && pwd)
tmp=$(mktemp -d)
out="$root/bench/out/replay"
mkdir -p "$out"
case $name in
fr-brand) src="$data/stream-fr-brand/all.jsonl" ;;
airline) src="$data/airline/train.jsonl" ;;
*) echo "unknown stream $name (fr-brand or airline)" >&2; exit 2 ;;
esac
python3 "$here/to_messages.py" "$name" "$src" "$@" > "$tmp/in.jsonl"
(cd "$root" && go build -o "$tmp/switchboard" ./cmd/switchboard)
sb="$tmp/switchboard"
token=$("$sb" token create --data-dir "$tmp/data" --name replay --role admin | tail -1)
port=$((20000 + $$ % 10000))
"$sb" serve --data-dir "$tmp/data" --addr "127.0.0.1:$port" --log-level warn > "$out/$name-serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT
sleep 3
"$sb" import --server "http://127.0.0.1:$port" --token "$token" --replay --speed "$speed" "$tmp/in.jsonl"
sleep 5 # the detector's consumer follows the last messages
api() { curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port$1"; }
ids=$(api /api/v1/incidents | python3 -c 'import json,sys; print(" ".join(str(i["id"]) for i in json.load(sys.stdin)["incidents"]))')
{ echo "["; sep=""; for id in $ids; do printf '%s' "$sep"; api "/api/v1/incidents/$id"; sep=","; done; echo "]"; } > "$out/$name-incidents.json"
api "/api/v1/messages?department=direction-generale&limit=500" > "$out/$name-crisis-queue.json"
echo "incidents: $ids -> $out/$name-incidents.json; crisis queue -> $out/$name-crisis-queue.json"

# Sourced by run.sh and screenshots.sh: builds Switchboard, starts it on a
# temporary data directory and a free port, creates the people the tests sign
# in as and an ingest token, and stops it on exit.
#
# Sets SB_URL, SB_TOKEN, SB_PASSWORD and SB_WORK.

E2E_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$E2E_DIR/.." && pwd)
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}

# skip_unless_ready exits 0 with a message when the browser or node is missing.
skip_unless_ready() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "e2e: SKIPPED: node and npm are not installed (apt-get install -y nodejs npm)"; exit 0
  fi
  if [ "$(node -p 'parseInt(process.versions.node)')" -lt 18 ]; then
    echo "e2e: SKIPPED: node $(node -v) is older than 18"; exit 0
  fi
  if [ ! -x "$CHROMIUM" ]; then
    echo "e2e: SKIPPED: no Chromium at $CHROMIUM (apt-get install -y chromium, or set CHROMIUM)"; exit 0
  fi
  if [ ! -d "$E2E_DIR/node_modules/playwright-core" ]; then
    (cd "$E2E_DIR" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

start_server() {
  SB_WORK=$(mktemp -d)
  (cd "$REPO" && go build -o "$SB_WORK/switchboard" ./cmd/switchboard)
  local port; port=$(free_port)
  SB_URL="http://127.0.0.1:$port"
  SB_PASSWORD="e2e-password-123"
  "$SB_WORK/switchboard" serve --addr "127.0.0.1:$port" --data-dir "$SB_WORK/data" --log-level warn >"$SB_WORK/server.log" 2>&1 &
  SB_PID=$!
  trap stop_server EXIT
  for _ in $(seq 1 100); do
    curl -fsS "$SB_URL/healthz" >/dev/null 2>&1 && break
    sleep 0.1
  done
  curl -fsS "$SB_URL/healthz" >/dev/null || { echo "e2e: the server did not start:"; cat "$SB_WORK/server.log"; exit 1; }
  add_user admin@e2e.test "Alice Admin" admin ""
  add_user claire@e2e.test "Claire Client" agent relation-client
  add_user jules@e2e.test "Jules Juriste" agent juridique,direction-generale
  add_user rita@e2e.test "Rita Relectrice" reviewer juridique,direction-generale
  SB_TOKEN=$("$SB_WORK/switchboard" token create --data-dir "$SB_WORK/data" --name e2e --role admin | tail -n 1)
  export SB_URL SB_TOKEN SB_PASSWORD SB_WORK CHROMIUM
}

add_user() {
  echo "$SB_PASSWORD" | "$SB_WORK/switchboard" user create --data-dir "$SB_WORK/data" --password-stdin \
    --email "$1" --name "$2" --role "$3" --departments "$4" >/dev/null
}

stop_server() {
  if [ -n "${SB_PID:-}" ]; then
    kill "$SB_PID" 2>/dev/null || true
    wait "$SB_PID" 2>/dev/null || true
    SB_PID=
  fi
  [ -n "${SB_WORK:-}" ] && rm -rf "$SB_WORK"
}

#!/usr/bin/env bash
# Runs the browser end-to-end tests: builds trialtag, indexes corpus/seeds into a temporary
# folder, starts `trialtag serve` on a free loopback port (watching a temporary copy of the
# rule files), waits for /healthz, runs
# `node --test` (headless Debian Chromium through playwright-core) and stops the server.
#
# TRIALTAG=/path/to/trialtag uses that binary instead of building one.
# Needs /usr/bin/chromium (apt-get install -y chromium) and `npm ci` done in e2e/;
# .ci/run installs both. Screenshots, the page weight and the server's log go to
# e2e/artifacts/. Any failure fails the run: a missing browser is an error, never a skip.
set -euo pipefail
cd "$(dirname "$0")/.."

CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  echo "e2e: no Chromium at $CHROMIUM (apt-get install -y chromium); failing rather than skipping" >&2
  exit 1
fi
if [ ! -d e2e/node_modules/playwright-core ]; then
  echo "e2e: playwright-core is not installed: run 'npm ci' in e2e/" >&2
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/trialtag-e2e.XXXXXX")
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p e2e/artifacts
if [ -n "${TRIALTAG:-}" ]; then
  echo "== e2e: using $TRIALTAG"
  cp "$TRIALTAG" "$work/trialtag"
else
  echo "== e2e: build trialtag"
  go build -o "$work/trialtag" ./cmd/trialtag
fi

# The server watches a copy of the rule files, so that a test can make a broken edit and
# see the rules page report it, without touching rules/.
mkdir -p "$work/rules"
cp rules/*.yaml "$work/rules/"

echo "== e2e: index corpus/seeds and e2e/testdata (records with publication metadata)"
"$work/trialtag" index --rules "$work/rules" --index "$work/index" corpus/seeds e2e/testdata

port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
addr="127.0.0.1:$port"
echo "== e2e: trialtag serve --rules $work/rules --index $work/index --addr $addr"
"$work/trialtag" serve --rules "$work/rules" --index "$work/index" --addr "$addr" > e2e/artifacts/server.log 2>&1 &
server_pid=$!

for _ in $(seq 1 100); do
  if curl -fsS "http://$addr/healthz" > /dev/null 2>&1; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "e2e: trialtag serve exited early:" >&2; cat e2e/artifacts/server.log >&2; exit 1
  fi
  sleep 0.2
done
if ! curl -fsS "http://$addr/healthz" > /dev/null; then
  echo "e2e: trialtag serve did not answer /healthz on $addr:" >&2; cat e2e/artifacts/server.log >&2; exit 1
fi

echo "== e2e: node --test (Chromium: $("$CHROMIUM" --version 2>/dev/null | head -n1))"
cd e2e
BASE_URL="http://$addr" RULES_DIR="$work/rules" CHROMIUM="$CHROMIUM" node --test --test-concurrency=1 web.test.mjs

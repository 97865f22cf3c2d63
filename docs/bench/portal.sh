#!/usr/bin/env bash
# Browser timings of the portal: docs/BENCHMARKS.md quotes its output.
# Usage: docs/bench/portal.sh   (after `cargo xtask test` or `cargo xtask run`
# has built dist/ and installed chromium and chromedriver; needs `pip install selenium`)
set -euo pipefail
cd "$(dirname "$0")/../.."
port=18091
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
test -f dist/index.html || { echo "dist/ is not built: run cargo xtask run (or test) first" >&2; exit 2; }
cargo build --release --quiet -p switchboard-backend
bin=target/release/switchboard
export DATABASE_URL="sqlite://$work/bench.db?mode=rwc" SWITCHBOARD_DEMO=true SWITCHBOARD_DEMO_PASSWORD=bench-password SWITCHBOARD_RATE_LIMIT=0 \
  SWITCHBOARD_ADDR=127.0.0.1:$port RUST_LOG=warn
$bin seed-users "Acme Ltd" 10000
$bin > "$work/server.log" 2>&1 & server=$!
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.2; done
python3 docs/bench/portal.py "http://127.0.0.1:$port" bench-password

#!/usr/bin/env bash
# Idle and slow-header clients: docs/BENCHMARKS.md quotes its output.
# Usage: docs/bench/slow_clients.sh   (loopback only; about 20 s after the build)
set -euo pipefail
cd "$(dirname "$0")/../.."
port=18093
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
cargo build --release --quiet -p switchboard-backend
export DATABASE_URL="sqlite://$work/bench.db?mode=rwc" SWITCHBOARD_DEMO=true SWITCHBOARD_DEMO_PASSWORD=bench-password \
  SWITCHBOARD_ADDR=127.0.0.1:$port RUST_LOG=error
ulimit -n 4096
target/release/switchboard > "$work/server.log" 2>&1 & server=$!
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.2; done
python3 docs/bench/slow_clients.py "http://127.0.0.1:$port"

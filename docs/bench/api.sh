#!/usr/bin/env bash
# Load benchmark of the users API: docs/BENCHMARKS.md quotes its output.
# Usage: docs/bench/api.sh sqlite|postgres   (needs wrk; PostgreSQL at 127.0.0.1:5432 for postgres)
set -euo pipefail
cd "$(dirname "$0")/../.."
db=${1:-sqlite}
port=18090
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
case $db in
  sqlite) url="sqlite://$work/bench.db?mode=rwc" ;;
  postgres)
    psql -q -h 127.0.0.1 -U postgres -d test -c "DROP DATABASE IF EXISTS switchboard_bench WITH (FORCE)" -c "CREATE DATABASE switchboard_bench"
    url="postgres://postgres@127.0.0.1:5432/switchboard_bench" ;;
  *) echo "usage: $0 sqlite|postgres" >&2; exit 2 ;;
esac
cargo build --release --quiet -p switchboard-backend
bin=target/release/switchboard
export DATABASE_URL=$url SWITCHBOARD_DEMO=true SWITCHBOARD_DEMO_PASSWORD=bench-password SWITCHBOARD_RATE_LIMIT=0 SWITCHBOARD_ADDR=127.0.0.1:$port RUST_LOG=warn
$bin seed-users "Acme Ltd" 10000
$bin seed-customers "Northwind Telecom" 5000
$bin > "$work/server.log" 2>&1 & server=$!
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.2; done
base="http://127.0.0.1:$port"
token=$(curl -sf "$base/api/v1/auth/login" -H 'content-type: application/json' \
  -d '{"email":"admin@acme.example","password":"bench-password"}' | python3 -c 'import sys,json; print(json.load(sys.stdin)["accessToken"])')
tenant=$(curl -sf "$base/api/v1/me" -H "authorization: Bearer $token" | python3 -c 'import sys,json; print(json.load(sys.stdin)["tenant"]["id"])')
users="/api/v1/customers/$tenant/users"
curl -sf "$base$users?role=customer.user&limit=200" -H "authorization: Bearer $token" \
  | python3 -c 'import sys,json; [print(u["id"]) for u in json.load(sys.stdin)["items"]]' > "$work/ids"
one=$(head -1 "$work/ids")
run() { echo "== $1"; shift; wrk -t2 -c64 -d10s --latency -H "Authorization: Bearer $token" "$@" | grep -E 'Requests/sec|50%|99%'; }
# Warm-up, not measured: opens the pool's connections (PostgreSQL: 16) and
# fills the caches, which the first seconds after a start would otherwise show.
wrk -t2 -c64 -d3s -H "Authorization: Bearer $token" "$base$users?limit=50" > /dev/null
run "list page of 50 ($db)" "$base$users?limit=50"
run "search q=novak ($db)" "$base$users?q=novak&limit=50"
run "get one ($db)" "$base$users/$one"
IDS="$work/ids" TOKEN=$token USERS_PATH=$users THREADS=2 run "patch roles ($db)" -s docs/bench/patch.lua "$base"
# The tenant switcher of reseller staff over 5,002 customers.
token=$(curl -sf "$base/api/v1/auth/login" -H 'content-type: application/json' \
  -d '{"email":"staff@northwind.example","password":"bench-password"}' | python3 -c 'import sys,json; print(json.load(sys.stdin)["accessToken"])')
run "tenants, first page of 20 ($db)" "$base/api/v1/tenants?limit=20"
run "tenants q=hotel ($db)" "$base/api/v1/tenants?q=hotel&limit=20"
run "tenants q=bulk-0421 ($db)" "$base/api/v1/tenants?q=bulk-0421&limit=20"
run "me ($db)" "$base/api/v1/me"
# What one person typing in the switcher waits for: one connection, no queue.
one() { echo "== $1, one connection"; shift; wrk -t1 -c1 -d5s --latency -H "Authorization: Bearer $token" "$@" | grep -E 'Requests/sec|50%|99%'; }
one "tenants q=hotel ($db)" "$base/api/v1/tenants?q=hotel&limit=20"
one "tenants q=bulk-0421 ($db)" "$base/api/v1/tenants?q=bulk-0421&limit=20"
echo "== query plans ($db)"
search="SELECT id FROM users WHERE tenant_id = '$tenant' AND id IN (SELECT user_id FROM user_search WHERE tenant_id = '$tenant' AND word >= 'novak' AND word < 'noval') ORDER BY name_key, id LIMIT 51"
case $db in
  sqlite) for q in "SELECT id FROM users WHERE tenant_id = 'x' ORDER BY name_key, id LIMIT 51" \
                   "SELECT COUNT(*) FROM users WHERE tenant_id = 'x'" \
                   "SELECT id FROM users WHERE tenant_id = 'x' AND (name_key > 'a' OR (name_key = 'a' AND id > 'b')) ORDER BY name_key, id LIMIT 51" \
                   "$search"; do
            echo "$q"; python3 -c "import sqlite3,sys; [print('  ', r[-1]) for r in sqlite3.connect(sys.argv[1]).execute('EXPLAIN QUERY PLAN ' + sys.argv[2])]" "$work/bench.db" "$q"; done ;;
  postgres) psql -h 127.0.0.1 -U postgres -d switchboard_bench -c "ANALYZE" \
              -c "EXPLAIN SELECT id FROM users WHERE tenant_id = '$tenant' ORDER BY name_key, id LIMIT 51" \
              -c "EXPLAIN $search" ;;
esac

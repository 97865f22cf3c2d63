#!/usr/bin/env bash
# The users list under the work admins really do (issue 20): varied list and
# search pages (mixed.lua) with and without 5% role patches, patches only,
# and, in the same run for the ratio, the cached single page; then each
# list request alone and uncached (uncached.py); then the query plans.
# Usage: docs/bench/workload.sh sqlite|postgres [users]   (needs wrk and python3;
# PostgreSQL at 127.0.0.1:5432 for postgres). Loopback only; stops by itself.
set -euo pipefail
cd "$(dirname "$0")/../.."
db=${1:-sqlite}
count=${2:-10000}
port=18091
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
case $db in
  sqlite) url="sqlite://$work/bench.db?mode=rwc" ;;
  postgres)
    psql -q -h 127.0.0.1 -U postgres -d test -c "DROP DATABASE IF EXISTS switchboard_workload WITH (FORCE)" -c "CREATE DATABASE switchboard_workload"
    url="postgres://postgres@127.0.0.1:5432/switchboard_workload" ;;
  *) echo "usage: $0 sqlite|postgres [users]" >&2; exit 2 ;;
esac
cargo build --release --quiet -p switchboard-backend
bin=target/release/switchboard
export DATABASE_URL=$url SWITCHBOARD_DEMO=true SWITCHBOARD_DEMO_PASSWORD=bench-password SWITCHBOARD_RATE_LIMIT=0 SWITCHBOARD_ADDR=127.0.0.1:$port RUST_LOG=warn
$bin seed-users "Acme Ltd" "$count" > /dev/null
$bin > "$work/server.log" 2>&1 & server=$!
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.2; done
base="http://127.0.0.1:$port"
json() { python3 -c "import sys,json; d=json.load(sys.stdin); print($1)"; }
token=$(curl -sf "$base/api/v1/auth/login" -H 'content-type: application/json' \
  -d '{"email":"admin@acme.example","password":"bench-password"}' | json 'd["accessToken"]')
tenant=$(curl -sf "$base/api/v1/me" -H "authorization: Bearer $token" | json 'd["tenant"]["id"]')
users="/api/v1/customers/$tenant/users"
auth=(-H "authorization: Bearer $token")
curl -sf "${auth[@]}" "$base$users?role=customer.user&limit=200" | json '"\n".join(u["id"] for u in d["items"])' > "$work/ids"
# Later pages: the cursor after the first page of some of the pages drawn.
for q in "sort=name" "sort=-createdAt" "q=a&sort=name" "role=customer.user&sort=email" "status=active&sort=-name"; do
  cursor=$(curl -sf "${auth[@]}" "$base$users?limit=50&$q" | json 'd.get("nextCursor") or ""')
  [ -n "$cursor" ] && printf 'limit=50&%s\t%s\n' "$q" "$cursor" >> "$work/cursors"
done
touch "$work/cursors"
echo "== $db, $count users in the tenant, wrk -t2 -c64 -d10s on loopback, $(nproc) cores shared with the server"
run() { echo "-- $1"; shift; wrk -t2 -c64 -d10s --latency "$@" | grep -E 'Requests/sec|50%|99%|Non-2xx'; }
mixed() { IDS="$work/ids" CURSORS="$work/cursors" TOKEN=$token USERS_PATH=$users THREADS=2 MIX=$1 run "$2" -s docs/bench/mixed.lua "$base"; }
# Warm-up, not measured: opens the pool's connections and fills the caches.
IDS="$work/ids" CURSORS="$work/cursors" TOKEN=$token USERS_PATH=$users MIX=0 wrk -t2 -c64 -d3s -s docs/bench/mixed.lua "$base" > /dev/null
run "the same page again (served from the page cache)" "${auth[@]}" "$base$users?limit=50"
mixed 0 "varied list and search pages, no writes"
mixed 5 "varied pages with 5% role patches (the mixed workload)"
IDS="$work/ids" TOKEN=$token USERS_PATH=$users THREADS=2 run "role patches only" -s docs/bench/patch.lua "$base"
echo "-- each list request alone, computed (a write before each)"
python3 docs/bench/uncached.py "$base" "$token" "$users" "$(head -1 "$work/ids")"
echo "== query plans ($db)"
role="EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = users.id AND r.role = 'user.admin')"
search="id IN (SELECT user_id FROM user_search WHERE tenant_id = '$tenant' AND word >= 'novak' AND word < 'noval')"
plans=(
  "SELECT id FROM users WHERE tenant_id = '$tenant' ORDER BY name_key, id LIMIT 51"
  "SELECT COUNT(*) FROM users WHERE tenant_id = '$tenant'"
  "SELECT id FROM users WHERE tenant_id = '$tenant' AND $search ORDER BY name_key, id LIMIT 51"
  "SELECT id FROM users WHERE tenant_id = '$tenant' AND $role AND status = 'active' ORDER BY name_key, id LIMIT 51"
  "SELECT COUNT(*) FROM users WHERE tenant_id = '$tenant' AND $role AND status = 'active'"
  "SELECT id FROM users WHERE tenant_id = '$tenant' AND status = 'invited' ORDER BY email_key, id LIMIT 51"
  "SELECT id FROM users WHERE tenant_id = '$tenant' ORDER BY created_at DESC, id DESC LIMIT 51"
)
for q in "${plans[@]}"; do
  echo "$q"
  case $db in
    sqlite) python3 -c "import sqlite3,sys; [print('   ', r[-1]) for r in sqlite3.connect(sys.argv[1]).execute('EXPLAIN QUERY PLAN ' + sys.argv[2])]" "$work/bench.db" "$q" ;;
    postgres) psql -q -h 127.0.0.1 -U postgres -d switchboard_workload -At -c "EXPLAIN $q" | sed 's/^/    /' ;;
  esac
done

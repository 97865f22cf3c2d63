#!/usr/bin/env bash
# Load benchmark of the users API: docs/BENCHMARKS.md quotes its output.
# Usage: docs/bench/api.sh sqlite|postgres   (needs wrk; PostgreSQL at 127.0.0.1:5432 for postgres)
db=${1:-sqlite} users=10000 name=switchboard_bench port=18090
source "$(dirname "$0")/lib.sh"
$bin seed-customers "Northwind Telecom" 5000 > /dev/null
start
one=$(head -1 "$work/ids")
run() { echo "== $1"; shift; wrk -t2 -c64 -d10s --latency -H "Authorization: Bearer $token" "$@" | grep -E 'Requests/sec|50%|99%'; }
# Warm-up, not measured: opens the pool's connections (PostgreSQL: 16) and
# fills the caches, which the first seconds after a start would otherwise show.
wrk -t2 -c64 -d3s -H "Authorization: Bearer $token" "$base$users_path?limit=50" > /dev/null
run "list page of 50 ($db)" "$base$users_path?limit=50"
run "search q=novak ($db)" "$base$users_path?q=novak&limit=50"
run "get one ($db)" "$base$one"
patches run "patch roles ($db)"
# The tenant switcher of reseller staff over 5,002 customers.
token=$(sign_in staff@northwind.example)
run "tenants, first page of 20 ($db)" "$base/api/v1/tenants?limit=20"
run "tenants q=hotel ($db)" "$base/api/v1/tenants?q=hotel&limit=20"
run "tenants q=bulk-0421 ($db)" "$base/api/v1/tenants?q=bulk-0421&limit=20"
run "me ($db)" "$base/api/v1/me"
# What one person typing in the switcher waits for: one connection, no queue.
one() { echo "== $1, one connection"; shift; wrk -t1 -c1 -d5s --latency -H "Authorization: Bearer $token" "$@" | grep -E 'Requests/sec|50%|99%'; }
one "tenants q=hotel ($db)" "$base/api/v1/tenants?q=hotel&limit=20"
one "tenants q=bulk-0421 ($db)" "$base/api/v1/tenants?q=bulk-0421&limit=20"

#!/usr/bin/env bash
# The users list under the work admins really do (issue 20): varied list and
# search pages (mixed.lua) with and without 5% role patches, patches only,
# and, in the same run for the ratio, the cached single page; then each
# list request alone and uncached (uncached.py). The plans of the list's
# queries are guarded by a test (store::users::list).
# Usage: docs/bench/workload.sh sqlite|postgres [users] [tenants]   (needs wrk
# and python3; PostgreSQL at 127.0.0.1:5432 for postgres). With tenants > 1:
# that many customers of `users` users each, requests spread over them.
# Loopback only; stops by itself.
db=${1:-sqlite} users=${2:-10000} tenants=${3:-1} name=switchboard_workload port=18091
source "$(dirname "$0")/lib.sh"
start
# Later pages: the cursor after the first page of some of the pages drawn.
touch "$work/cursors"
for q in "sort=name" "sort=-createdAt" "q=a&sort=name" "role=customer.user&sort=email" "status=active&sort=-name"; do
  cursor=$(curl -sf -H "authorization: Bearer $token" "$base$users_path?limit=50&$q" | json 'd.get("nextCursor") or ""')
  [ -n "$cursor" ] && printf '%s?limit=50&%s\t%s\n' "$users_path" "$q" "$cursor" >> "$work/cursors"
done
echo "== $db, $tenants tenant(s) of $users users, wrk -t2 -c64 -d10s on loopback, $(nproc) cores shared with the server"
run() { echo "-- $1"; shift; wrk -t2 -c64 -d10s --latency "$@" | grep -E 'Requests/sec|50%|99%|Non-2xx'; }
mixed() { IDS="$work/ids" LISTS="$work/lists" CURSORS="$work/cursors" TOKEN=$token THREADS=2 MIX=$1 run "$2" -s docs/bench/mixed.lua "$base"; }
# Warm-up, not measured: opens the pool's connections and fills the caches.
IDS="$work/ids" LISTS="$work/lists" CURSORS="$work/cursors" TOKEN=$token MIX=0 wrk -t2 -c64 -d3s -s docs/bench/mixed.lua "$base" > /dev/null
run "the same page again (served from the page cache)" -H "authorization: Bearer $token" "$base$users_path?limit=50"
mixed 0 "varied list and search pages, no writes"
mixed 5 "varied pages with 5% role patches (the mixed workload)"
patches run "role patches only"
echo "-- each list request alone, computed (a write before each)"
first=$(head -1 "$work/ids")
python3 docs/bench/uncached.py "$base" "$token" "$(dirname "$first")" "$(basename "$first")"

# Shared set-up of the load benchmarks (sourced by api.sh and workload.sh):
# a new database ($db: sqlite|postgres, named $name on PostgreSQL) with the
# demo data plus $users users in Acme, or, with $tenants > 1, that many new
# customers of Northwind with $users users each; a release server on $port
# with the rate limit off; a token of someone who manages them all.
# Leaves: $base, $token, $tenant and $users_path (Acme's, or the first
# customer's), $work/lists (every tenant's users path) and $work/ids (200
# user paths across them), $work (removed on exit), $bin.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
work=$(mktemp -d)
server=
trap 'if [ -n "$server" ]; then kill $server 2>/dev/null || true; fi; rm -rf "$work"' EXIT
case $db in
  sqlite) url="sqlite://$work/bench.db?mode=rwc" ;;
  postgres)
    psql -q -h 127.0.0.1 -U postgres -d test -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" -c "CREATE DATABASE $name"
    url="postgres://postgres@127.0.0.1:5432/$name" ;;
  *) echo "usage: $0 sqlite|postgres" >&2; exit 2 ;;
esac
cargo build --release --quiet -p switchboard-backend
bin=target/release/switchboard
export DATABASE_URL=$url SWITCHBOARD_DEMO=true SWITCHBOARD_DEMO_PASSWORD=bench-password SWITCHBOARD_RATE_LIMIT=0 SWITCHBOARD_ADDR=127.0.0.1:$port RUST_LOG=warn
tenants=${tenants:-1}
if [ "$tenants" -gt 1 ]; then
  $bin seed-customers "Northwind Telecom" "$tenants" "$users" > /dev/null
  who=staff@northwind.example
else
  $bin seed-users "Acme Ltd" "$users" > /dev/null
  who=admin@acme.example
fi
# Starts the server (again, after more seeding) and signs Acme's administrator in.
start() {
  if [ -n "$server" ]; then kill $server; wait $server 2>/dev/null || true; fi
  $bin > "$work/server.log" 2>&1 & server=$!
  until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.2; done
  base="http://127.0.0.1:$port"
  token=$(sign_in $who)
  python3 - "$base" "$token" "$tenants" "$work" <<'PY'
import json, sys, urllib.request
base, token, tenants, work = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
def get(path):
    request = urllib.request.Request(base + path, headers={"authorization": f"Bearer {token}"})
    return json.load(urllib.request.urlopen(request))
if tenants > 1:
    # Every customer the reseller's staff reach (the bulk ones and the demo's).
    ids, cursor = [], None
    while True:
        page = get("/api/v1/tenants?limit=100" + (f"&cursor={cursor}" if cursor else ""))
        ids += [t["id"] for t in page["items"] if t["kind"] == "customer"]
        cursor = page.get("nextCursor")
        if not cursor:
            break
else:
    ids = [get("/api/v1/me")["tenant"]["id"]]
lists = [f"/api/v1/customers/{t}/users" for t in ids]
users = []
for path in lists:
    held = get(path + "?role=customer.user&limit=" + ("1" if len(lists) > 1 else "200"))["items"]
    users += [f"{path}/{u['id']}" for u in held]
    if len(users) >= 200:
        break
open(f"{work}/lists", "w").write("\n".join(lists) + "\n")
open(f"{work}/ids", "w").write("\n".join(users[:200]) + "\n")
PY
  users_path=$(head -1 "$work/lists")
  tenant=$(echo "$users_path" | cut -d/ -f5)
}
json() { python3 -c "import sys,json; d=json.load(sys.stdin); print($1)"; }
sign_in() {
  curl -sf "$base/api/v1/auth/login" -H 'content-type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"bench-password\"}" | json 'd["accessToken"]'
}
# Role patches only: mixed.lua with every request a patch.
patches() { IDS="$work/ids" LISTS="$work/lists" TOKEN=$token THREADS=2 MIX=100 "$@" -s docs/bench/mixed.lua "$base"; }

#!/usr/bin/env bash
# Unauthenticated floods, and a legitimate sign-in meanwhile: docs/BENCHMARKS.md quotes its output.
# Usage: docs/bench/flood.sh   (needs wrk; loopback only; about a minute)
#
# 256 connections for 20 s, each request from a made-up client address (the
# server trusts X-Forwarded-For here, as behind a proxy), so that neither the
# per-address throttles nor the rate limit stop it and the password hashing
# bound is what is measured:
#   activate  POST /api/v1/auth/activate with wrong tokens
#   login     POST /api/v1/auth/login with made-up e-mails
# Meanwhile a real person signs in 5 times from their own address; the server's
# resident memory is read every half second.
set -euo pipefail
cd "$(dirname "$0")/../.."
port=18092
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
cargo build --release --quiet -p switchboard-backend
export DATABASE_URL="sqlite://$work/bench.db?mode=rwc" SWITCHBOARD_DEMO=true SWITCHBOARD_DEMO_PASSWORD=bench-password \
  SWITCHBOARD_ADDR=127.0.0.1:$port SWITCHBOARD_CLIENT_IP_SOURCE=RightmostXForwardedFor RUST_LOG=error
target/release/switchboard > "$work/server.log" 2>&1 & server=$!
base="http://127.0.0.1:$port"
until curl -sf "$base/healthz" >/dev/null; do sleep 0.2; done

for target in activate login; do
  cat > "$work/$target.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
math.randomseed(os.time())
request = function()
  local from = math.random(1, 223) .. "." .. math.random(0, 255) .. "." .. math.random(0, 255) .. "." .. math.random(1, 254)
  wrk.headers["X-Forwarded-For"] = from
  local body
  if "$target" == "activate" then
    body = '{"token":"x' .. math.random(1, 1e9) .. '","password":"correct horse battery"}'
  else
    body = '{"email":"nobody' .. math.random(1, 1e9) .. '@example.com","password":"correct horse battery"}'
  end
  return wrk.format(nil, "/api/v1/auth/$target", nil, body)
end
LUA
done

rss_mib() { awk '/VmRSS/ { printf "%d", $2 / 1024 }' /proc/$server/status; }
sign_in() {
  curl -s -o /dev/null -w '%{time_total} %{http_code}\n' "$base/api/v1/auth/login" \
    -H 'content-type: application/json' -H 'x-forwarded-for: 192.0.2.77' \
    -d '{"email":"admin@acme.example","password":"bench-password"}'
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

echo "idle: resident memory $(rss_mib) MiB; a sign-in takes $(sign_in)"
for target in activate login; do
  echo
  echo "== flood of /auth/$target: 256 connections, 20 s"
  wrk -t2 -c256 -d20s --timeout 10s -s "$work/$target.lua" "$base" > "$work/wrk.txt" &
  flood=$!
  : > "$work/rss"
  ( while kill -0 $flood 2>/dev/null; do rss_mib >> "$work/rss"; echo >> "$work/rss"; sleep 0.5; done ) &
  sampler=$!
  sleep 3
  : > "$work/signins"
  for _ in 1 2 3 4 5; do sign_in | tee -a "$work/signins"; sleep 3; done
  wait $flood
  wait $sampler || true
  grep -E "Requests/sec|requests in|Non-2xx|Socket errors" "$work/wrk.txt"
  echo "legitimate sign-in during the flood: median $(cut -d' ' -f1 "$work/signins" | median) s, answers: $(cut -d' ' -f2 "$work/signins" | tr '\n' ' ')"
  echo "resident memory during the flood: max $(grep -v '^$' "$work/rss" | sort -n | tail -1) MiB; after: $(rss_mib) MiB"
done

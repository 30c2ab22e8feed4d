#!/bin/bash
# dossiers.sh — benchmark of the dossier metrics and progress at 1,000,000 dossiers of 2024
# (10 districts × 100,000 by default, 31 procedures each; tests/bench/gen_dossiers.sql): one cold
# request timed with curl, then wrk on one connection (p50 of one answer) and with 2 threads × 4
# connections (p50, p99, req/s), for: one procedure's metrics, a district's procedure metrics, a
# district's progress and every district's progress. Not a test; needs wrk.
# Usage: dossiers.sh EDUDX_BINARY [DISTRICTS] [PER_DISTRICT]
set -euo pipefail
binary=$(realpath "$1") districts=${2:-10} per=${3:-100000}
if [ -z "${PGHOST:-}" ]; then exec pg_virtualenv -t -v 15 -- "$0" "$binary" "$districts" "$per"; fi
command -v wrk >/dev/null || { echo "dossiers.sh: needs wrk (apt-get install wrk)" >&2; exit 1; }
here=$(dirname "$(realpath "$0")")
work=$(mktemp -d /tmp/edudx-bench-XXXXXX)
export DATABASE_URL="host=$PGHOST port=$PGPORT user=$PGUSER password=$PGPASSWORD dbname=$PGDATABASE"
server=""
trap '[ -n "$server" ] && kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
"$binary" migrate >/dev/null 2>&1
start=$SECONDS
psql -q -v ON_ERROR_STOP=1 -v districts="$districts" -v per_district="$per" -f "$here/gen_dossiers.sql" >/dev/null
echo "loaded $((districts * per)) dossiers in $((SECONDS - start)) s"
token=$("$binary" token create --role admin)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
EDUDX_PORT=$port EDUDX_LOG_LEVEL=warning "$binary" serve > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -sf "localhost:$port/healthz" >/dev/null && break; sleep 0.1; done
district=$(psql -Atc "SELECT id FROM districts WHERE code = 'D0001'")
procedure=$(psql -Atc "SELECT p.id FROM procedures p JOIN districts d ON d.id = p.district_id WHERE d.code = 'D0001' ORDER BY p.code LIMIT 1")
echo "one procedure has $(psql -Atc "SELECT count(*) FROM dossiers WHERE procedure_id = '$procedure'") dossiers"
printf '%-45s %9s %8s %8s %8s %9s %10s\n' endpoint "cold ms" "1c p50" "p50 ms" "p99 ms" "req/s" bytes
for path in "/v1/procedures/$procedure/metrics?year=2024" \
            "/v1/districts/$district/procedure-metrics?year=2024" \
            "/v1/districts/$district/progress?year=2024" "/v1/progress?year=2024"; do
  url="http://127.0.0.1:$port$path"
  cold=$(curl -s -o "$work/body" -w '%{time_total}' "$url" -H "Authorization: Bearer $token")
  bytes=$(wc -c < "$work/body")
  one=$(wrk -t1 -c1 -d5s --latency -H "Authorization: Bearer $token" "$url" | awk '/ 50%/ {print $2}')
  out=$(wrk -t2 -c4 -d5s --latency -H "Authorization: Bearer $token" "$url")
  p50=$(echo "$out" | awk '/ 50%/ {print $2}') p99=$(echo "$out" | awk '/ 99%/ {print $2}')
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  label=$(echo "$path" | sed -E 's/[0-9a-f-]{36}/{id}/g')
  printf '%-45s %9.1f %8s %8s %8s %9s %10s\n' "$label" "$(echo "$cold * 1000" | bc -l)" "$one" "$p50" "$p99" "$rps" "$bytes"
done
echo "server peak RSS: $(awk '/VmHWM/ {print $2, $3}' /proc/$server/status)"
echo "machine: $(nproc) CPUs, $(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2}')"

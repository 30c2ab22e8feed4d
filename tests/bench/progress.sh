#!/bin/bash
# progress.sh — benchmark of the progress answers at three sizes: a district (1 district × 60
# schools), a province (10 × 60 = 600) and the whole country (703 × 64 = 44,992 schools, every
# applicable indicator reported by every active school). For each size: a fresh database loaded
# by gen_progress.sql, the real binary started on a free loopback port (default threads), then
# for GET /v1/districts/{id}/progress?year=2024 (district B0001) and GET /v1/progress?year=2024
# (every district and the total): one cold request timed with curl ("cold ms": the server's
# first request of it), a 3 s warm-up, 10 s of wrk on one connection ("1c p50": one answer with
# nothing else running), then 10 s of wrk with 2 threads and 4 connections (p50, p99, req/s: the
# server saturated, wrk sharing its 2 cores; "requests": how many each run completed). Also
# prints the response bytes and the server's peak RSS (VmHWM, after that endpoint's runs), and
# the median time of a report PATCH, a school (de)activation and a dossier POST in district B0001
# (what keeping the progress counts costs a write).
# Not a test: run it by hand; needs wrk (apt-get install wrk). Without PGHOST it runs in a
# throwaway pg_virtualenv cluster; with PGHOST set it uses that server, creating and dropping
# databases edudx_bench_progress_SIZE (PROGRESS_BENCH_KEEP=1 keeps them, e.g. for EXPLAIN).
# Usage: progress.sh EDUDX_BINARY [SIZE...]   SIZE: district province country (default: all three)
set -euo pipefail
binary=$(realpath "$1")
shift
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(district province country)
if [ -z "${PGHOST:-}" ]; then exec pg_virtualenv -t -v 15 -- "$0" "$binary" "${sizes[@]}"; fi
command -v wrk >/dev/null || { echo "progress.sh: needs wrk (apt-get install wrk)" >&2; exit 1; }

here=$(dirname "$(realpath "$0")")
work=$(mktemp -d /tmp/edudx-bench-XXXXXX)
server="" db="" started=$SECONDS
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; fi
  if [ -n "$db" ] && [ -z "${PROGRESS_BENCH_KEEP:-}" ]; then dropdb --if-exists "$db" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# wrk reports through this script: p50 and p99 in ms, requests/s, failed requests, requests.
cat > "$work/report.lua" <<'LUA'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK %.1f %.1f %.1f %d %d\n", latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.requests / (summary.duration / 1e6),
    e.status + e.connect + e.read + e.write + e.timeout, summary.requests))
end
LUA

# Waits until the requests wrk abandoned at the end of a run are done: no query running in the
# database and no CPU used by the server for 0.2 s.
settle() {
  local before=-1 now active
  for _ in $(seq 300); do
    now=$(awk '{print $14 + $15}' "/proc/$server/stat")
    active=$(psql -X -At -d "$db" -c "SELECT count(*) FROM pg_stat_activity WHERE datname =
      current_database() AND state = 'active' AND pid <> pg_backend_pid()")
    if [ "$now" = "$before" ] && [ "$active" = 0 ]; then return; fi
    before=$now
    sleep 0.2
  done
}

# Runs wrk on $url with the given options; sets p50, p99 (ms), rps and requests.
measure() {
  local failed
  wrk "$@" --timeout 30s -s "$work/report.lua" -H "Authorization: Bearer $token" "$url" \
    > "$work/wrk.out"
  read -r _ p50 p99 rps failed requests < <(grep '^WRK ' "$work/wrk.out")
  [ "$failed" = 0 ] || echo "$label ($*): $failed of $requests requests failed" >&2
  settle
}

printf -v table '%-9s %7s  %-34s %8s %8s %8s %8s %7s %10s %9s %11s\n' size schools endpoint \
  "cold ms" "1c p50" "p50 ms" "p99 ms" "req/s" bytes "peak RSS" "requests"
for size in "${sizes[@]}"; do
  case $size in
    district) districts=1 per=60 ;;
    province) districts=10 per=60 ;;
    country) districts=703 per=64 ;;
    *) echo "progress.sh: unknown size '$size' (district, province, country)" >&2; exit 2 ;;
  esac
  db=edudx_bench_progress_$size
  PGOPTIONS="-c client_min_messages=warning" dropdb --if-exists "$db"
  createdb "$db"
  export DATABASE_URL="host=$PGHOST port=$PGPORT user=$PGUSER password=$PGPASSWORD dbname=$db"
  "$binary" migrate > "$work/migrate.log" 2>&1 || { cat "$work/migrate.log" >&2; exit 1; }
  t0=$(date +%s.%N)
  psql -X -q -d "$db" -v districts=$districts -v schools=$per -f "$here/gen_progress.sql"
  t1=$(date +%s.%N)
  # the load's own write-back is not the server's to measure
  psql -X -q -d "$db" -c CHECKPOINT
  read -r schools values did < <(psql -X -At -F ' ' -d "$db" -c "SELECT
    (SELECT count(*) FROM schools), (SELECT count(*) FROM report_values),
    (SELECT id FROM districts WHERE code = 'B0001')")
  printf '%s: %d districts, %d schools, %d report values loaded in %.1f s\n' "$size" \
    "$districts" "$schools" "$values" "$(awk "BEGIN {print $t1 - $t0}")" >&2

  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0))
print(s.getsockname()[1])')
  EDUDX_PORT=$port EDUDX_BIND=127.0.0.1 EDUDX_LOG_LEVEL=warning "$binary" serve \
    > "$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 100); do curl -sf "127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  token=$("$binary" token create --role admin --label bench 2>/dev/null)

  for endpoint in "/v1/districts/$did/progress?year=2024" "/v1/progress?year=2024"; do
    url="http://127.0.0.1:$port$endpoint"
    label=${endpoint/$did/B0001}
    read -r code secs bytes < <(curl -s -o "$work/body" -H "Authorization: Bearer $token" \
      -w '%{http_code} %{time_total} %{size_download}\n' "$url")
    [ "$code" = 200 ] || { echo "$label: HTTP $code: $(head -c 300 "$work/body")" >&2; exit 1; }
    wrk -t2 -c4 -d3s --timeout 30s -H "Authorization: Bearer $token" "$url" > /dev/null
    settle
    measure -t1 -c1 -d10s
    solo=$p50 solo_n=$requests
    measure -t2 -c4 -d10s
    printf -v row '%-9s %7d  %-34s %8.1f %8.1f %8.1f %8.1f %7.1f %10d %9s %11s\n' "$size" \
      "$schools" "${label%%\?*}" "$(awk "BEGIN {print $secs * 1000}")" "$solo" "$p50" "$p99" \
      "$rps" "$bytes" "$(awk '/VmHWM/ {printf "%d MB", $2 / 1024}' "/proc/$server/status")" \
      "$solo_n/$requests"
    table+=$row
  done

  # What keeping the counts costs a write (migration 0006 recounts the district's targets in the
  # writer's transaction): the median of 21 of each, one connection, one after the other.
  school=$(psql -X -At -d "$db" -c "SELECT code FROM schools WHERE district_id = '$did'
    AND active AND level = 'primary' ORDER BY code LIMIT 1")
  procedure=$(psql -X -At -d "$db" -c "SELECT id FROM procedures WHERE district_id = '$did'
    AND online_mode <> 'none' ORDER BY code LIMIT 1")
  writes=""
  for kind in "report PATCH" "school PATCH active" "dossier POST"; do
    for i in $(seq 21); do
      case $kind in
        "report PATCH") method=PATCH path=/v1/schools/code:$school/reports/2024
          body="{\"values\":{\"BROADBAND_CONNECTED\":$([ $((i % 2)) = 1 ] && echo false || echo true)}}" ;;
        "school PATCH active") method=PATCH path=/v1/schools/code:$school
          body="{\"active\":$([ $((i % 2)) = 1 ] && echo false || echo true)}" ;;
        "dossier POST") method=POST path=/v1/dossiers
          body="{\"procedure_id\":\"$procedure\",\"reference\":\"BENCH-$i\",\"channel\":\"online\",\"received_at\":\"2024-07-01T08:00:00Z\"}" ;;
      esac
      curl -s -o /dev/null -w '%{time_total}\n' -X "$method" -H "Authorization: Bearer $token" \
        -H 'Content-Type: application/json' -d "$body" "127.0.0.1:$port$path"
    done | sort -n | awk -v kind="$kind" '{t[NR] = $1} END {printf "%s %.1f ms; ", kind, t[11] * 1000}' \
      > "$work/write"
    writes+=$(cat "$work/write")
  done
  printf -v row '%-9s writes (median of 21, district B0001): %s\n' "$size" "$writes"
  table+=$row

  kill "$server"
  wait "$server" 2>/dev/null || true
  server=""
  if [ -z "${PROGRESS_BENCH_KEEP:-}" ]; then dropdb "$db"; fi
  db=""
done
echo
printf '%s' "$table"
echo "machine: $(nproc) CPUs, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo);" \
  "total $((SECONDS - started)) s"

#!/bin/bash
# gzip.sh — what gzip does to large answers at country size (703 districts × 64 schools, loaded
# by gen_progress.sql as progress.sh does): for GET /v1/progress?year=2024 (JSON and CSV), a
# large list (GET /v1/schools?limit=500, JSON and CSV) and one district's progress, the bytes
# sent unencoded and gzip-encoded, then the time per request without and with Accept-Encoding:
# gzip side by side, in ROUNDS rounds that alternate the two (wrk, 5 s each: one connection for
# the time of one answer on an idle server, "1c p50"; 2 threads and 4 connections sharing the 2
# cores with the server and PostgreSQL for the throughput, "4c req/s"). Prints the median and the
# spread (min–max) over the rounds. Then the compressor alone at each zlib level on the same
# answers (gzip_levels, the CPU time of compressing each once), for choosing the levels, and the
# server's peak RSS.
# Loopback has no bandwidth limit, so these times show the server's cost only; over a real link
# the transfer of the smaller answer is saved on top.
# Not a test: run it by hand; needs wrk (apt-get install wrk). Without PGHOST it runs in a
# throwaway pg_virtualenv cluster on a free port; with PGHOST set it uses that server, creating
# and dropping the database edudx_bench_gzip (GZIP_BENCH_KEEP=1 keeps it).
# Usage: gzip.sh EDUDX_BINARY GZIP_LEVELS_BINARY [ROUNDS]   (ROUNDS default 3)
set -euo pipefail
binary=$(realpath "$1")
levels=$(realpath "$2")
rounds=${3:-3}
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
if [ -z "${PGHOST:-}" ]; then
  # a port of its own: throwaway clusters of other runs on this machine would all take 5432
  PGPORT=$(free_port) exec pg_virtualenv -t -v 15 -- "$0" "$binary" "$levels" "$rounds"
fi
command -v wrk >/dev/null || { echo "gzip.sh: needs wrk (apt-get install wrk)" >&2; exit 1; }

here=$(dirname "$(realpath "$0")")
work=$(mktemp -d /tmp/edudx-bench-XXXXXX)
server="" db="" started=$SECONDS
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; fi
  if [ -n "$db" ] && [ -z "${GZIP_BENCH_KEEP:-}" ]; then dropdb --if-exists "$db" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

cat > "$work/report.lua" <<'LUA'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK %.2f %.1f %d %d\n", latency:percentile(50) / 1000,
    summary.requests / (summary.duration / 1e6),
    e.status + e.connect + e.read + e.write + e.timeout, summary.requests))
end
LUA

# Waits until no query runs in the database and the server has used no CPU for 0.2 s.
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

# wrk on $url with extra headers from the array wrk_headers; prints "p50 req/s".
measure() {
  local p50 rps failed requests
  wrk "$@" --timeout 30s -s "$work/report.lua" -H "Authorization: Bearer $token" \
    "${wrk_headers[@]}" "$url" > "$work/wrk.out"
  read -r _ p50 rps failed requests < <(grep '^WRK ' "$work/wrk.out")
  [ "$failed" = 0 ] || echo "$label ($*): $failed of $requests requests failed" >&2
  settle
  echo "$p50 $rps"
}

# "median (min–max)" of the numbers given.
spread() {
  printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {
    m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%.*f (%.*f–%.*f)", d, m, d, v[1], d, v[NR]}' d="${digits:-1}"
}

db=edudx_bench_gzip
PGOPTIONS="-c client_min_messages=warning" dropdb --if-exists "$db"
createdb "$db"
export DATABASE_URL="host=$PGHOST port=$PGPORT user=$PGUSER password=$PGPASSWORD dbname=$db"
"$binary" migrate > "$work/migrate.log" 2>&1 || { cat "$work/migrate.log" >&2; exit 1; }
psql -X -q -d "$db" -v districts=703 -v schools=64 -f "$here/gen_progress.sql"
psql -X -q -d "$db" -c CHECKPOINT
did=$(psql -X -At -d "$db" -c "SELECT id FROM districts WHERE code = 'B0001'")
echo "country size loaded ($((SECONDS - started)) s)" >&2

port=$(free_port)
EDUDX_PORT=$port EDUDX_BIND=127.0.0.1 EDUDX_LOG_LEVEL=warning "$binary" serve \
  > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -sf "127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
token=$("$binary" token create --role admin --label bench 2>/dev/null)

endpoints=("/v1/progress?year=2024" "/v1/progress?year=2024&format=csv"
           "/v1/schools?limit=500" "/v1/schools?limit=500&format=csv"
           "/v1/districts/$did/progress?year=2024")
printf -v sizes '%-36s %10s %9s %6s\n' endpoint "identity" "gzip" "ratio"
printf -v table '%-36s %-9s %-22s %-22s\n' endpoint encoding "1c p50 ms" "4c req/s"
n=0
for endpoint in "${endpoints[@]}"; do
  url="http://127.0.0.1:$port$endpoint"
  label=${endpoint/$did/B0001}
  n=$((n + 1))
  # the bytes of each variant (the first request also fills the server's caches)
  read -r code plain < <(curl -s -o "$work/body$n" -H "Authorization: Bearer $token" \
    -w '%{http_code} %{size_download}\n' "$url")
  [ "$code" = 200 ] || { echo "$label: HTTP $code: $(head -c 300 "$work/body$n")" >&2; exit 1; }
  read -r code packed encoding < <(curl -s -o "$work/gz" -H "Authorization: Bearer $token" \
    -H 'Accept-Encoding: gzip' \
    -w '%{http_code} %{size_download} %header{content-encoding}\n' "$url")
  if [ "$code" != 200 ] || [ "$encoding" != gzip ] ||
     ! gunzip -c < "$work/gz" | cmp -s - "$work/body$n"; then
    echo "$label: the gzip answer is not the identity answer gzip-encoded" >&2
    exit 1
  fi
  printf -v row '%-36s %10d %9d %5.1f%%\n' "$label" "$plain" "$packed" \
    "$(awk "BEGIN {print 100 * $packed / $plain}")"
  sizes+=$row
  wrk_headers=()
  wrk -t2 -c4 -d3s --timeout 30s -H "Authorization: Bearer $token" "$url" > /dev/null
  wrk_headers=(-H 'Accept-Encoding: gzip')
  wrk -t2 -c4 -d3s --timeout 30s -H "Authorization: Bearer $token" "${wrk_headers[@]}" "$url" \
    > /dev/null
  settle
  declare -A p50s=() rpss=()
  for round in $(seq "$rounds"); do
    for variant in identity gzip; do
      wrk_headers=()
      if [ "$variant" = gzip ]; then wrk_headers=(-H 'Accept-Encoding: gzip'); fi
      read -r p50 _ < <(measure -t1 -c1 -d5s)
      read -r _ rps < <(measure -t2 -c4 -d5s)
      p50s[$variant]+="$p50 "
      rpss[$variant]+="$rps "
    done
    echo "$label: round $round of $rounds" >&2
  done
  for variant in identity gzip; do
    # shellcheck disable=SC2086
    printf -v row '%-36s %-9s %-22s %-22s\n' "$label" "$variant" \
      "$(digits=2 spread ${p50s[$variant]})" "$(digits=0 spread ${rpss[$variant]})"
    table+=$row
  done
done
rss=$(awk '/VmHWM/ {printf "%d MB", $2 / 1024}' "/proc/$server/status")

levels_out=""
for i in 1 2 3; do
  levels_out+="${endpoints[$((i - 1))]} ($(stat -c %s "$work/body$i") bytes):"$'\n'
  levels_out+=$("$levels" "$work/body$i" 5)$'\n'
done

echo
printf '%s\n' "$sizes"
printf '%s\n' "$table"
printf 'the compressor alone, CPU time of one compression, median of 5 (min–max):\n%s\n' \
  "$levels_out"
echo "server peak RSS (VmHWM): $rss"
echo "machine: $(nproc) CPUs, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)," \
  "$(date -u +%Y-%m-%d); $rounds rounds; total $((SECONDS - started)) s"

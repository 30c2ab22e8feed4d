#!/bin/bash
# changes.sh — benchmark of the change feed and the exports at country size: a fresh database
# loaded by gen_progress.sql (703 districts × 64 schools: 514k report values, 30k assessments,
# 22k procedures, 70k dossiers — every row an item of the feed), the real binary on a free
# loopback port, then:
#   - a full pull of the feed from the start (admin), pages of 1,000 and of 5,000: requests,
#     items, bytes, seconds, items/s;
#   - one page of 1,000 at the start and at the end of the feed, for admin, a district's reader
#     and the reader of a province of 30 districts (B0001-B0030, given province BP), and a poll
#     with nothing new: p50 / p99 ms over 5 s of wrk on one connection, bytes;
#     beside them the same statement replayed by pgbench (one client, simple protocol, 5 s) — the
#     ratio edudx p50 / pgbench mean is what HTTP, C and the JSON copy add;
#   - the export of every report value, NDJSON and CSV, three times each: seconds, bytes, and the
#     server's resident memory before and after (VmRSS, and the peak VmHWM); beside them psql's
#     COPY of the same SELECT to /dev/null (the database's own time to produce the rows).
# Not a test: run it by hand; needs wrk and pgbench. Without PGHOST it runs in a throwaway
# pg_virtualenv cluster. CHANGES_BENCH_DISTRICTS (default 703) and CHANGES_BENCH_SCHOOLS (64)
# change the size.
# Usage: changes.sh EDUDX_BINARY
set -euo pipefail
binary=$(realpath "$1")
if [ -z "${PGHOST:-}" ]; then exec pg_virtualenv -t -v 15 -- "$0" "$binary"; fi
command -v wrk >/dev/null || { echo "changes.sh: needs wrk (apt-get install wrk)" >&2; exit 1; }
districts=${CHANGES_BENCH_DISTRICTS:-703} per=${CHANGES_BENCH_SCHOOLS:-64}

here=$(dirname "$(realpath "$0")")
work=$(mktemp -d /tmp/edudx-bench-XXXXXX)
db=edudx_bench_changes server="" started=$SECONDS
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; fi
  dropdb --if-exists "$db" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

cat > "$work/report.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("WRK %.1f %.1f %d\n", latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.requests))
end
LUA

# Pulls the whole feed as a puller would: prints requests, items, bytes, seconds, and writes the
# cursor 1,000 items before the end (half-way with fewer) and the final cursor to a file.
cat > "$work/pull.py" <<'PY'
import json, sys, time, urllib.request
base, token, limit, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
after, requests, items, size, cursors = None, 0, 0, 0, []
start = time.monotonic()
while True:
    url = f"{base}/v1/changes?limit={limit}" + (f"&after={after}" if after else "")
    body = urllib.request.urlopen(urllib.request.Request(
        url, headers={"Authorization": f"Bearer {token}"})).read()
    page = json.loads(body)
    requests += 1; items += len(page["items"]); size += len(body)
    cursors += [i["seq"] for i in page["items"]]
    after = page["next"]
    if not page["has_more"]:
        break
seconds = time.monotonic() - start
with open(out, "w") as f:
    f.write(cursors[-1001 if len(cursors) > 1000 else len(cursors) // 2] + "\n" + after + "\n")
print(requests, items, size, f"{seconds:.2f}", f"{items / seconds:.0f}")
PY

# wrk on one connection for 5 s: sets p50, p99 (ms) and n.
measure() {
  wrk -t1 -c1 -d5s --timeout 30s -s "$work/report.lua" -H "Authorization: Bearer $1" "$2" \
    > "$work/wrk.out"
  read -r _ p50 p99 n < <(grep '^WRK ' "$work/wrk.out")
}

# The statement the server ran for one request of $2 as $1, replayed by pgbench (one client,
# 5 s): sets replay (mean ms). Read from the server log with log_min_duration_statement = 0.
replay() {
  local log=$work/statements.log
  psql -X -q -d "$db" -c "ALTER DATABASE $db SET log_min_duration_statement = 0"
  kill "$server"; wait "$server" 2>/dev/null || true
  start_server
  local pglog
  pglog=$(ls -t /tmp/pg_virtualenv.*/log/*.log /var/log/postgresql/postgresql-15-*.log \
    2>/dev/null | head -1)
  local lines_before
  lines_before=$(wc -l < "$pglog")
  curl -s -o /dev/null -H "Authorization: Bearer $1" "$2"
  sleep 0.5
  tail -n +"$((lines_before + 1))" "$pglog" > "$log"
  psql -X -q -d "$db" -c "ALTER DATABASE $db RESET log_min_duration_statement"
  kill "$server"; wait "$server" 2>/dev/null || true
  start_server
  python3 - "$log" "$work/replay.sql" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
m = list(re.finditer(r"execute <unnamed>: (WITH page.*?)\n(?:\S+ \S+ UTC \[\d+\] \S+ DETAIL:  parameters: (.*?))?\n(?=\S+ \S+ UTC|\Z)", text, re.S))[-1]
sql, params = m.group(1), m.group(2) or ""
values = dict((int(k), v) for k, v in re.findall(r"\$(\d+) = ('(?:[^']|'')*'|NULL)", params))
sql = re.sub(r"\$(\d+)", lambda p: values[int(p.group(1))], sql)
open(sys.argv[2], "w").write(sql.replace("\n", " ") + ";\n")
PY
  replay=$(pgbench -n -c1 -T5 -f "$work/replay.sql" "$db" 2>/dev/null |
    awk '/latency average/ {print $4}')
}

start_server() {
  EDUDX_PORT=$port EDUDX_BIND=127.0.0.1 EDUDX_LOG_LEVEL=warning "$binary" serve \
    > "$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 100); do curl -sf "127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
}

memory() { awk '/VmRSS|VmHWM/ {printf "%s %d MB ", $1, $2 / 1024}' "/proc/$server/status"; }

PGOPTIONS="-c client_min_messages=warning" dropdb --if-exists "$db"
createdb "$db"
export DATABASE_URL="host=$PGHOST port=$PGPORT user=$PGUSER password=$PGPASSWORD dbname=$db"
"$binary" migrate > "$work/migrate.log" 2>&1 || { cat "$work/migrate.log" >&2; exit 1; }
t0=$(date +%s.%N)
psql -X -q -d "$db" -v districts="$districts" -v schools="$per" -f "$here/gen_progress.sql"
t1=$(date +%s.%N)
psql -X -q -d "$db" -c "INSERT INTO org_units (code, name, level) VALUES ('BP', 'Tỉnh BP', 'province');
  UPDATE districts SET province_code = 'BP' WHERE code BETWEEN 'B0001' AND 'B0030'"
psql -X -q -d "$db" -c CHECKPOINT
read -r entities values did < <(psql -X -At -F ' ' -d "$db" -c "SELECT
  (SELECT count(*) FROM changes), (SELECT count(*) FROM report_values),
  (SELECT id FROM districts WHERE code = 'B0001')")
printf 'loaded %d districts: %d feed entities (%d report values) in %.1f s\n' "$districts" \
  "$entities" "$values" "$(awk "BEGIN {print $t1 - $t0}")"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0))
print(s.getsockname()[1])')
start_server
base="http://127.0.0.1:$port"
admin=$("$binary" token create --role admin --label bench 2>/dev/null)
reader=$("$binary" token create --role reader --district "$did" --label bench 2>/dev/null)
province=$("$binary" token create --role reader --province BP --label bench 2>/dev/null)

echo "full pull of the feed (admin): requests items bytes seconds items/s"
for limit in 1000 5000; do
  echo "  limit $limit: $(python3 "$work/pull.py" "$base" "$admin" $limit "$work/cursors")"
done
python3 "$work/pull.py" "$base" "$admin" 1000 "$work/cursors" > /dev/null
{ read -r end_admin; read -r final_admin; } < "$work/cursors"
python3 "$work/pull.py" "$base" "$reader" 1000 "$work/cursors.reader" > /dev/null
{ read -r end_reader; read -r final_reader; } < "$work/cursors.reader"
python3 "$work/pull.py" "$base" "$province" 1000 "$work/cursors.province" > /dev/null
{ read -r end_province; read -r final_province; } < "$work/cursors.province"

echo "one page (wrk, one connection, 5 s): p50 ms, p99 ms, bytes | pgbench mean ms, ratio"
while read -r label token url; do
  bytes=$(curl -s -o /dev/null -w '%{size_download}' -H "Authorization: Bearer $token" "$url")
  measure "$token" "$url"
  replay "$token" "$url"
  printf '  %-28s %7.1f %7.1f %9d | %7.2f  %4.2f\n' "$label" "$p50" "$p99" "$bytes" "$replay" \
    "$(awk "BEGIN {print $p50 / $replay}")"
done <<EOF
admin,start,1000 $admin $base/v1/changes?limit=1000
admin,end,1000 $admin $base/v1/changes?limit=1000&after=$end_admin
reader,start,1000 $reader $base/v1/changes?limit=1000
reader,end,1000 $reader $base/v1/changes?limit=1000&after=$end_reader
province,start,1000 $province $base/v1/changes?limit=1000
province,end,1000 $province $base/v1/changes?limit=1000&after=$end_province
admin,nothing-new $admin $base/v1/changes?after=$final_admin
reader,nothing-new $reader $base/v1/changes?after=$final_reader
EOF

echo "export of every report value: seconds bytes | memory after (before: $(memory))"
for format in ndjson csv; do
  for run in 1 2 3; do
    read -r secs bytes < <(curl -s -o /dev/null -w '%{time_total} %{size_download}\n' \
      -H "Authorization: Bearer $admin" "$base/v1/exports/report_value?format=$format")
    echo "  $format run $run: $secs $bytes | $(memory)"
  done
done
for run in 1 2 3; do
  t0=$(date +%s.%N)
  psql -X -q -d "$db" -c "COPY (SELECT edx_report_item_json(v) FROM report_values v ORDER BY v.id)
    TO STDOUT" > /dev/null
  echo "  psql COPY of the same rows, run $run: $(awk "BEGIN {printf \"%.2f\", $(date +%s.%N) - $t0}") s"
done
echo "machine: $(nproc) CPUs, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo);" \
  "total $((SECONDS - started)) s"

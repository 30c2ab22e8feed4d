#!/bin/bash
# keyset.sh — benchmark of list pages at depth, offset against after= (keyset paging), at
# country size: a fresh database loaded by gen_progress.sql (703 districts × 64 schools,
# 514,596 report values, 70,300 dossiers, 26,714 assessments) plus 500,000 audit rows, and the
# real binary on a free loopback port (statement timeout raised to 60 s so that deep offsets
# can be timed at all; the default 10 s cuts them off with a 503).
#
# 1. Pages of 500 reports (GET /v1/reports, default sort set_at) at offset 0, 100,000 and
#    250,000, each also reached with after= (the cursor taken from the page before it): ROUNDS
#    rounds (default 5), offset and after alternating first, after one warm-up round; prints
#    min / median / max of curl's total time in ms, and checks that both ways give the same page.
# 2. The plans: with auto_explain on the server's sessions, the first page and a page at depth
#    (reached with after=) of the default sort and of the updated_at-style sort of the big lists
#    (reports, schools, dossiers, assessments, audit): the scan that feeds the page, its index
#    condition, the rows it read, and the statement's time in the database. A keyset page starts
#    an index scan at the cursor's row and reads limit + 1 rows however deep it is.
#
# Not a test: run it by hand. Without PGHOST it runs in a throwaway pg_virtualenv cluster; with
# PGHOST set it uses that server (as a superuser: it loads auto_explain into its sessions),
# creating and dropping the database edudx_bench_keyset (KEYSET_BENCH_KEEP=1 keeps it), and
# reads the server log named by KEYSET_BENCH_PGLOG (else pg_current_logfile()).
# Usage: keyset.sh EDUDX_BINARY [ROUNDS]
set -euo pipefail
binary=$(realpath "$1")
rounds=${2:-5}
if [ -z "${PGHOST:-}" ]; then
  exec pg_virtualenv -t -v 15 -- "$0" "$binary" "$rounds"
fi

here=$(dirname "$(realpath "$0")")
work=$(mktemp -d /tmp/edudx-bench-XXXXXX)
db=edudx_bench_keyset server="" started=$SECONDS
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; fi
  if [ -z "${KEYSET_BENCH_KEEP:-}" ]; then dropdb --if-exists "$db" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

PGOPTIONS="-c client_min_messages=warning" dropdb --if-exists "$db"
createdb "$db"
export DATABASE_URL="host=$PGHOST port=$PGPORT user=$PGUSER password=${PGPASSWORD:-} dbname=$db"
"$binary" migrate > "$work/migrate.log" 2>&1 || { cat "$work/migrate.log" >&2; exit 1; }
t0=$SECONDS
psql -X -q -d "$db" -v districts=703 -v schools=64 -f "$here/gen_progress.sql"
# the audit trail of a busy year: 500,000 changes of schools, 37 s apart
psql -X -q -v ON_ERROR_STOP=1 -d "$db" <<'SQL'
INSERT INTO audit (at, actor_role, actor_label, action, entity, entity_id, district_id, before,
                   after)
SELECT timestamptz '2026-01-01' + g * interval '37 seconds', 'admin', 'bench', 'update', 'school',
       s.id::text, s.district_id, NULL, jsonb_build_object('n', g)
FROM generate_series(1, 500000) g
JOIN (SELECT id, district_id, row_number() OVER (ORDER BY code) - 1 AS n FROM schools) s
  ON s.n = g % 44992;
VACUUM ANALYZE audit;
SQL
psql -X -q -d "$db" -c CHECKPOINT
echo "loaded in $((SECONDS - t0)) s: $(psql -X -At -F ' ' -d "$db" -c "SELECT
  (SELECT count(*) FROM report_values) || ' report values, ' || (SELECT count(*) FROM schools) ||
  ' schools, ' || (SELECT count(*) FROM dossiers) || ' dossiers, ' ||
  (SELECT count(*) FROM assessments) || ' assessments, ' || (SELECT count(*) FROM audit) ||
  ' audit rows'")" >&2

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0))
print(s.getsockname()[1])')
start_server() {
  EDUDX_PORT=$port EDUDX_BIND=127.0.0.1 EDUDX_LOG_LEVEL=warning EDUDX_STATEMENT_TIMEOUT_MS=60000 \
    "$binary" serve > "$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 100); do curl -sf "127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
}
stop_server() { kill "$server"; wait "$server" 2>/dev/null || true; server=""; }
start_server
token=$("$binary" token create --role admin --label bench 2>/dev/null)

# GET path into $work/$2; sets ms to curl's total time in ms.
get() {
  local code secs
  read -r code secs < <(curl -s -o "$work/$2" -H "Authorization: Bearer $token" \
    -w '%{http_code} %{time_total}\n' "127.0.0.1:$port$1")
  [ "$code" = 200 ] || { echo "$1: HTTP $code: $(head -c 300 "$work/$2")" >&2; exit 1; }
  ms=$(awk "BEGIN {printf \"%.1f\", $secs * 1000}")
}
next_of() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["next"])' "$1"; }
items_of() { python3 -c 'import json, sys; print(json.dumps(json.load(open(sys.argv[1]))["items"]))' "$1"; }
spread() { sort -n | awk '{t[NR] = $1} END {printf "%8.1f %8.1f %8.1f", t[1], t[int((NR + 1) / 2)], t[NR]}'; }

# ---- 1. reports at depth, offset against after ----
depths=(0 100000 250000)
declare -A cursor
for d in "${depths[@]}"; do
  if [ "$d" -gt 0 ]; then
    get "/v1/reports?limit=500&offset=$((d - 500))" before
    cursor[$d]=$(next_of "$work/before")
  fi
done
after_path() { if [ "$1" = 0 ]; then echo "/v1/reports?limit=500"; else echo "/v1/reports?limit=500&after=${cursor[$1]}"; fi; }
for d in "${depths[@]}"; do # warm-up, and both ways give the same page
  get "/v1/reports?limit=500&offset=$d" by_offset
  get "$(after_path "$d")" by_after
  [ "$(items_of "$work/by_offset")" = "$(items_of "$work/by_after")" ] ||
    { echo "depth $d: offset and after gave different pages" >&2; exit 1; }
done
for r in $(seq "$rounds"); do
  for d in "${depths[@]}"; do
    for way in $([ $((r % 2)) = 1 ] && echo offset after || echo after offset); do
      if [ "$way" = offset ]; then
        get "/v1/reports?limit=500&offset=$d" page
      else
        get "$(after_path "$d")" page
      fi
      echo "$way $d $ms" >> "$work/times"
    done
  done
done
echo
echo "GET /v1/reports?limit=500 (514,596 values), ms per page over $rounds rounds:"
printf '%-9s  %-26s  %-26s\n' depth "offset= min/median/max" "after= min/median/max"
for d in "${depths[@]}"; do
  printf '%-9s  %s    %s\n' "$d" "$(awk -v d="$d" '$1 == "offset" && $2 == d {print $3}' "$work/times" | spread)" \
    "$(awk -v d="$d" '$1 == "after" && $2 == d {print $3}' "$work/times" | spread)"
done

# ---- 2. the plans of first and deep pages ----
psql -X -q -d "$db" -c "ALTER DATABASE $db SET session_preload_libraries = 'auto_explain'" \
  -c "ALTER DATABASE $db SET auto_explain.log_min_duration = 0" \
  -c "ALTER DATABASE $db SET auto_explain.log_analyze = on" \
  -c "ALTER DATABASE $db SET auto_explain.log_timing = off" \
  -c "ALTER DATABASE $db SET auto_explain.log_buffers = on"
log=${KEYSET_BENCH_PGLOG:-$(psql -X -At -d "$db" -c "SELECT pg_current_logfile()")}
if [ -z "$log" ]; then
  log=$(pg_lsclusters -h 2>/dev/null | awk '$2 == "regress" {print $7}')
fi
[ -r "$log" ] || { echo "keyset.sh: no server log to read plans from (KEYSET_BENCH_PGLOG)" >&2; exit 1; }
stop_server
start_server # its sessions load auto_explain

# The page statement's plan among what the log gained since byte $1: the statement's time, the
# scan under WindowAgg, its index condition, the rows it returned and the buffers it touched.
plan_of() {
  tail -c +"$(($1 + 1))" "$log" | python3 -c '
import re, sys
text = sys.stdin.read()
plans = re.split(r"\n(?=\S.*LOG:  duration: )", text)
page = [p for p in plans if "WindowAgg" in p][-1]
ms = float(re.search(r"duration: ([0-9.]+) ms", page).group(1))
below = page[page.index("WindowAgg"):]
m = re.search(r"\n(\s*)->  ((?:Index Scan|Index Scan Backward|Index Only Scan|Seq Scan|Bitmap Heap Scan)[^(\n]*)\(.*?actual rows=(\d+).*?\n((?:\1      [^\n]*\n)*)", below + "\n", re.S)
scan, rows, details = m.group(2).strip(), m.group(3), m.group(4)
cond = re.search(r"Index Cond: \((.*)\)\n", details)
hit = re.search(r"Buffers: shared(?: hit=(\d+))?(?: read=(\d+))?", details)
pages = int(hit.group(1) or 0) + int(hit.group(2) or 0) if hit else 0
sort = "after a sort, " if re.search(r"\n\s+->  Sort ", below) else ""
where = (" where " + re.sub(r"\x27[^\x27]*\x27::[a-z ]+", "$", cond.group(1))[:48]) if cond else ""
print(f"{ms:6.1f} ms  {sort}{scan}{where}: {rows} rows, {pages} buffers")
'
}
echo
echo "Plans (auto_explain; time in the database; the page's scan):"
for spec in "reports|/v1/reports|250000" "reports|/v1/reports?sort=-set_at|250000" \
            "schools|/v1/schools|40000" "schools|/v1/schools?sort=updated_at|40000" \
            "dossiers|/v1/dossiers|50000" "dossiers|/v1/dossiers?sort=updated_at|50000" \
            "assessments|/v1/assessments|25000" "assessments|/v1/assessments?sort=updated_at|25000" \
            "audit|/v1/audit|400000" "audit|/v1/audit?sort=at|400000"; do
  IFS='|' read -r _ path depth <<< "$spec"
  sep='?'; [[ $path == *\?* ]] && sep='&'
  mark=$(stat -c %s "$log")
  get "$path${sep}limit=500" first
  sleep 0.3
  first=$(plan_of "$mark")
  get "$path${sep}limit=500&offset=$((depth - 500))" before
  mark=$(stat -c %s "$log")
  get "$path${sep}limit=500&after=$(next_of "$work/before")" deep
  sleep 0.3
  deep=$(plan_of "$mark")
  printf '%s\n  first page:      %s\n  after %-9s  %s\n' "$path" "$first" "$depth:" "$deep"
done
stop_server
echo
echo "machine: $(nproc) CPUs, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo);" \
  "$(date -u +%Y-%m-%d); total $((SECONDS - started)) s"

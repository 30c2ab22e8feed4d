#!/bin/bash
# schools_import.sh — benchmark of POST /v1/schools/import with a province-sized file (10,000
# schools): first import (all created), re-import with every row changed (all updated), an
# unchanged re-import, and a dry run; JSON and semicolon CSV. Prints seconds per request and the
# server's peak memory. Not a test: run it by hand or with `meson test --benchmark`.
# Usage: schools_import.sh EDUDX_BINARY [ROWS]
set -euo pipefail
binary=$(realpath "$1") rows=${2:-10000}
if [ -z "${PGHOST:-}" ]; then exec pg_virtualenv -t -v 15 -- "$0" "$binary" "$rows"; fi

work=$(mktemp -d /tmp/edudx-bench-XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
DATABASE_URL="host=$PGHOST port=$PGPORT user=$PGUSER password=$PGPASSWORD dbname=$PGDATABASE" \
  EDUDX_PORT=$port EDUDX_LOG_LEVEL=warning "$binary" serve --demo > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -sf "localhost:$port/healthz" >/dev/null && break; sleep 0.1; done
token=$(awk '/admin token/ {print $3}' "$work/server.log")

python3 - "$work" "$rows" <<'PY'
import json, sys
work, n = sys.argv[1], int(sys.argv[2])
levels = ["preschool", "primary", "lower_secondary", "primary_lower_secondary"]
def rows(students_offset):
    return [{"code": f"BENCH-{i:06d}", "name": f"Trường Tiểu học Tiến Hóa số {i}",
             "level": levels[i % 4], "district_code": "453", "commune": "Xã Tiến Hóa",
             "address": f"Thôn {i % 30}", "phone": "0232 3681 234",
             "email": f"school{i}@quangbinh.edu.vn", "principal": "Nguyễn Văn Đức",
             "students": (i * 7) % 900 + students_offset, "teachers": 10 + i % 40,
             "satellite_sites": i % 5} for i in range(n)]
for name, offset in (("first", 0), ("changed", 1)):
    data = rows(offset)
    json.dump(data, open(f"{work}/{name}.json", "w"), ensure_ascii=False)
    cols = list(data[0].keys())
    with open(f"{work}/{name}.csv", "w", encoding="utf-8-sig", newline="") as f:
        f.write(";".join(cols) + "\r\n")
        for r in data:
            f.write(";".join(str(r[c]) for c in cols) + "\r\n")
PY

run() { # label, file, content type, query
  curl -s -o "$work/out.json" -w '%{http_code} %{time_total}\n' "localhost:$port/v1/schools/import$4" \
    -H "Authorization: Bearer $token" -H "Content-Type: $3" --data-binary "@$work/$2" \
    | { read -r code secs; printf '%-40s %s  %6.3f s  %s\n' "$1" "$code" "$secs" "$(head -c 120 "$work/out.json")"; }
}
echo "rows: $rows ($(du -h "$work/first.json" | cut -f1) JSON, $(du -h "$work/first.csv" | cut -f1) CSV)"
run "dry run, JSON (would create all)" first.json application/json "?dry_run=true"
run "import JSON, all created" first.json application/json ""
run "import JSON again, all unchanged" first.json application/json ""
run "import CSV (;), all updated" changed.csv text/csv ""
run "import JSON, all updated back" first.json application/json ""
run "dry run, CSV (would update all)" changed.csv text/csv "?dry_run=true"
echo "server peak RSS: $(awk '/VmHWM/ {print $2, $3}' /proc/$server/status)"

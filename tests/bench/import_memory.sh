#!/bin/bash
# import_memory.sh — the server's peak memory (VmHWM) for one schools import of a CSV close to the
# 32 MiB import limit (ROWS schools, default 170,000 ≈ 30 MB), as a dry run and then for real,
# each with a fresh server, so that each peak is that request's alone. Issue 13 asked to say
# what a 30 MiB import costs. With FORMAT json, the same schools as a JSON array (default
# 100,000 ≈ 30 MB). Not a test: run it by hand.
# Usage: import_memory.sh EDUDX_BINARY [ROWS] [FORMAT: csv or json]
set -euo pipefail
format=${3:-csv}
binary=$(realpath "$1") rows=${2:-$([ "$format" = json ] && echo 100000 || echo 170000)}
if [ -z "${PGHOST:-}" ]; then exec pg_virtualenv -t -v 15 -- "$0" "$binary" "$rows" "$format"; fi

work=$(mktemp -d /tmp/edudx-bench-XXXXXX)
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
python3 - "$work" "$rows" "$format" <<'PY'
import json, sys
work, n, fmt = sys.argv[1], int(sys.argv[2]), sys.argv[3]
levels = ["preschool", "primary", "lower_secondary", "primary_lower_secondary"]
cols = ["code", "name", "level", "district_code", "commune", "address", "phone", "email",
        "principal", "students", "teachers", "satellite_sites"]
def row(i):
    return [f"MEM-{i:07d}", f"Trường Tiểu học Tiến Hóa số {i}", levels[i % 4], "453",
            "Xã Tiến Hóa", f"Thôn {i % 30}", "0232 3681 234", f"school{i}@quangbinh.edu.vn",
            "Nguyễn Văn Đức", str((i * 7) % 900), str(10 + i % 40), str(i % 5)]
if fmt == "json":
    with open(f"{work}/schools.body", "w", encoding="utf-8") as f:
        json.dump([{c: (int(v) if c in cols[-3:] else v) for c, v in zip(cols, row(i))}
                   for i in range(n)], f, ensure_ascii=False, separators=(",", ":"))
else:
    with open(f"{work}/schools.body", "w", encoding="utf-8-sig", newline="") as f:
        f.write(";".join(cols) + "\r\n")
        for i in range(n):
            f.write(";".join(row(i)) + "\r\n")
PY
type=$([ "$format" = json ] && echo application/json || echo text/csv)
echo "rows: $rows, $format $(stat -c %s "$work/schools.body") bytes"
for query in "?dry_run=true" ""; do
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  DATABASE_URL="host=$PGHOST port=$PGPORT user=$PGUSER password=$PGPASSWORD dbname=$PGDATABASE" \
    EDUDX_PORT=$port EDUDX_LOG_LEVEL=warning "$binary" serve --demo > "$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 100); do curl -sf "localhost:$port/healthz" >/dev/null && break; sleep 0.1; done
  [ -n "${token:-}" ] || token=$(awk '/admin token/ {print $3}' "$work/server.log") # the demo's
  before=$(awk '/VmHWM/ {print $2}' /proc/$server/status)
  result=$(curl -s -o "$work/out.json" -w '%{http_code} %{time_total}' \
    "localhost:$port/v1/schools/import$query" -H "Authorization: Bearer $token" \
    -H "Content-Type: $type" --data-binary "@$work/schools.body")
  after=$(awk '/VmHWM/ {print $2}' /proc/$server/status)
  printf 'import%-16s %s s  peak %d MB (%d MB before)  %s\n' "${query:- (real)}" "$result" \
    $((after / 1024)) $((before / 1024)) "$(head -c 100 "$work/out.json")"
  kill $server; wait $server 2>/dev/null || true
  psql -q -c "DELETE FROM schools WHERE code LIKE 'MEM-%'" >/dev/null 2>&1 || true
done

#!/bin/bash
# read_path.sh — benchmark of the read path (and one report write) under concurrency, for one or
# more builds side by side in one run. Three databases are loaded once per run, each its own:
#   district600  gen_progress.sql, 10 districts × 60 schools (B0001…B0010) with a full 2024 year;
#   country      gen_progress.sql, 703 districts × 64 schools (the whole country, ~80 s to load);
#   dossiers     gen_dossiers.sql, 10 districts × 100,000 dossiers of 2024 (1M, D0001…D0010);
# every one migrated by each binary in turn (the newest schema wins), then VACUUM ANALYZE and a
# CHECKPOINT (the load's own write-back is not the server's to measure). Requests, as admin:
#   district600  GET /v1/schools/{id} (a primary school of B0001)
#                GET /v1/schools?district_id={B0001}&limit=50
#                GET /v1/districts/{B0001}/progress?year=2024
#                PUT /v1/schools/{id}/reports/2024 (that school's whole 2024 form as it was
#                    loaded, BROADBAND_CONNECTED and SCHOOL_DOCS_ONLINE alternating between two
#                    bodies, so that a PUT changes two values; a wrk lua script sends them)
#   country      GET /v1/progress?year=2024, without and with Accept-Encoding: gzip
#   dossiers     GET /v1/dossiers?limit=50 and GET /v1/dossiers?district_id={D0001}&limit=50
# Each round runs the whole set for each binary in turn (the binary that starts a round rotates),
# every binary with a fresh server per dataset: the real binary on a free loopback port (default
# threads and pool), `edudx migrate` first (so that its own SQL representations are in place).
# For each request: a 2 s warm-up, then wrk (2 threads) for 10 s at 16 and at 64 connections:
# req/s, p50 and p99 ms, failed answers (4xx/5xx) and socket errors; the server's VmRSS and VmHWM
# after the 64-connection run. Then the database alone: every statement the server ran for ONE
# such request, taken from the PostgreSQL log with log_min_duration_statement = 0 (the request is
# the third of three in a row, so that the server's caches, such as its token cache, are as warm
# as under wrk; kept are the `execute <any name>:` and `statement:` lines of the server's
# backends, in order, parse and bind lines skipped, the $n parameters substituted from the DETAIL
# lines), written to one pgbench script, so that one pgbench transaction is one request's
# statements, and replayed with `pgbench -n -M simple -j 2 -T 10` at 16 and at 64 clients: tps,
# and edudx req/s ÷ pgbench tps (what HTTP, C and JSON leave of the database's own rate for the
# same statements; pgbench's 64 clients are 64 backends where edudx has its pool of 8). A replay
# whose clients abort (an error other than a deadlock or serialization failure) gets no ratio;
# the PUT's replay writes the same body over and over, so after its first it changes nothing.
# Then, once per round, a mainstream peer: tests/bench/node-peer (Fastify + node-postgres, `npm
# ci` on first use; skipped when that fails) serving GET /v1/schools/{id} and the schools page
# with the statements captured from the LAST binary (and its token check, kept as long as that
# binary's token cache keeps it, EDUDX_TOKEN_CACHE_MS, when that binary made none for the
# request), on a pool of edudx's size (EDUDX_DB_POOL, default 8), as one process and as a
# 2-worker cluster (the same 8 connections in all): the same wrk runs, and edudx req/s ÷ node
# req/s for each binary. Tables: one per binary per round, one for the peer per round, the
# statements captured, then the medians over the rounds and each binary's ratio to the first.
# Then, once per round, the ceiling for the country's progress answer: the same bytes (the last
# binary's answer) sent from memory by Node's own http server (tests/bench/node-peer/bytes.mjs,
# identity and gzip, as one process and as a 2-worker cluster), and edudx req/s ÷ its req/s.
# Not a test: run it by hand; needs wrk and pgbench (node and npm for the peer). Without PGHOST it
# runs in a throwaway pg_virtualenv cluster; with PGHOST set it uses that server as a superuser
# (it sets log_min_duration_statement on its databases) and reads the log READ_BENCH_PGLOG (else
# pg_current_logfile()), creating and dropping databases edudx_bench_read_DATASET.
# Environment: READ_BENCH_ROUNDS (3), READ_BENCH_SECONDS (10), READ_BENCH_WARMUP (2),
# READ_BENCH_CONNECTIONS ("16 64"), READ_BENCH_ONLY (district600,country,dossiers),
# READ_BENCH_DISTRICT600_DISTRICTS (10) / _SCHOOLS (60), READ_BENCH_COUNTRY_DISTRICTS (703) /
# _SCHOOLS (64), READ_BENCH_DOSSIERS_DISTRICTS (10) / _PER_DISTRICT (100000), READ_BENCH_NODE
# (1; 0 skips the peer), READ_BENCH_NODE_WORKERS ("1 2"), READ_BENCH_KEEP=1 keeps the databases
# and the work directory (replay scripts, captured statements).
# A smoke run: READ_BENCH_COUNTRY_DISTRICTS=20 READ_BENCH_DOSSIERS_PER_DISTRICT=2000
# READ_BENCH_SECONDS=3 READ_BENCH_ROUNDS=1 read_path.sh /tmp/edudx-before build/edudx
# Usage: read_path.sh EDUDX_BINARY [EDUDX_BINARY_2 ...]
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: read_path.sh EDUDX_BINARY [EDUDX_BINARY_2 ...]" >&2; exit 2; }
binaries=()
for b in "$@"; do
  [ -x "$b" ] || { echo "read_path.sh: $b is not an executable" >&2; exit 2; }
  binaries+=("$(realpath "$b")")
done
if [ -z "${PGHOST:-}" ]; then exec pg_virtualenv -t -v 15 -- "$0" "${binaries[@]}"; fi
for tool in wrk pgbench curl python3; do
  command -v $tool >/dev/null || { echo "read_path.sh: needs $tool" >&2; exit 1; }
done

rounds=${READ_BENCH_ROUNDS:-3} seconds=${READ_BENCH_SECONDS:-10} warmup=${READ_BENCH_WARMUP:-2}
read -r -a conns_list <<< "${READ_BENCH_CONNECTIONS:-16 64}"
IFS=, read -r -a datasets <<< "${READ_BENCH_ONLY:-district600,country,dossiers}"
read -r -a node_workers <<< "${READ_BENCH_NODE_WORKERS:-1 2}"
pool_size=${EDUDX_DB_POOL:-8}
here=$(dirname "$(realpath "$0")")
work=$(mktemp -d /tmp/edudx-bench-XXXXXX)
server="" peer="" started=$SECONDS
dbs=()
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; fi
  if [ -n "$peer" ]; then
    for child in $(cat "/proc/$peer/task/$peer/children" 2>/dev/null); do kill "$child" 2>/dev/null; done
    kill "$peer" 2>/dev/null; wait "$peer" 2>/dev/null || true
  fi
  if [ -z "${READ_BENCH_KEEP:-}" ]; then
    for d in "${dbs[@]}"; do dropdb --if-exists "$d" 2>/dev/null || true; done
    rm -rf "$work"
  else
    echo "kept: databases ${dbs[*]}; replay scripts and logs in $work" >&2
  fi
}
trap cleanup EXIT
# what is measured is a copy of each binary taken now, so that a rebuild during the run changes
# nothing: runs[i] is binaries[i]'s copy
runs=()
for ((j = 0; j < ${#binaries[@]}; j++)); do
  cp "${binaries[$j]}" "$work/edudx-b$((j + 1))"
  runs+=("$work/edudx-b$((j + 1))")
done
export PGOPTIONS="-c client_min_messages=warning"

# wrk reports through this: p50 and p99 in ms, requests/s, failed answers (4xx/5xx), socket
# errors (connect, read, write, timeout), requests.
cat > "$work/report.lua" <<'LUA'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK %.2f %.2f %.1f %d %d %d\n", latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.requests / (summary.duration / 1e6), e.status,
    e.connect + e.read + e.write + e.timeout, summary.requests))
end
LUA

# The statements of one request, from the log text after the offset taken before it: records
# start with a line beginning with a timestamp (others continue them, after a tab); kept are the `duration:
# ... execute <name>: SQL` and `duration: ... statement: SQL` records of the server's backends
# (parse and bind records are skipped), each with the DETAIL parameters line that follows it.
# Writes the pgbench script (parameters substituted as the logged literals, one statement a
# command), the statements as JSON for the node peer ($n kept, each parameter named by what it
# is: the token's hash, the school, the district, the limit, or a constant) and a summary line.
cat > "$work/capture.py" <<'PY'
import hashlib, json, re, sys
log, pids, out_sql, out_json, token, school, district = sys.argv[1:8]
token_out = sys.argv[8] if len(sys.argv) > 8 else None
pids = set(pids.split()) if pids.strip() else None
text = open(log, encoding="utf-8", errors="replace").read()
records = re.split(r"\n(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)", text)
head = re.compile(r"^(?P<prefix>.*?)(?P<level>LOG|DETAIL|ERROR|STATEMENT|WARNING|NOTICE|HINT|"
                  r"CONTEXT|FATAL):  (?P<msg>.*)$", re.S)
stmt = re.compile(r"^duration: [0-9.]+ ms  (?:execute [^\s:]+|statement): (?P<sql>.*)$", re.S)
found, last_pid, last_was_stmt = [], None, False
for rec in records:
    # the server's log puts a tab after each newline inside a message
    m = head.match(rec.rstrip("\n").replace("\n\t", "\n"))
    if not m:
        continue
    pid = re.search(r"\[(\d+)\]", m.group("prefix"))
    pid = pid.group(1) if pid else None
    if pids is not None and pid is not None and pid not in pids:
        continue
    if m.group("level") == "LOG":
        s = stmt.match(m.group("msg"))
        last_was_stmt = bool(s)
        if s:
            found.append({"sql": s.group("sql").strip(), "params": {}, "pid": pid})
            last_pid = pid
    elif m.group("level") == "DETAIL" and last_was_stmt and pid == last_pid:
        p = re.match(r"^parameters: (.*)$", m.group("msg"), re.S)
        if p:
            found[-1]["params"] = {int(k): v for k, v in
                                   re.findall(r"\$(\d+) = ('(?:[^']|'')*'|NULL)", p.group(1))}
        last_was_stmt = False
    else:
        last_was_stmt = False
if not found:
    sys.exit("no statements in the log for the request")
secret = hashlib.sha256(token.encode()).hexdigest()
def kind(literal):
    if literal == "NULL":
        return {"kind": "const", "value": None}
    v = literal[1:-1].replace("''", "'")
    named = {secret: "hash", school: "id", district: "district_id", "50": "limit",
             "51": "limit_plus_1"}
    return {"kind": named.get(v, "const"), "value": v}
statements = [{"sql": s["sql"], "params": [kind(s["params"].get(i, "NULL"))
                                          for i in range(1, max(s["params"], default=0) + 1)]}
              for s in found]
if token_out:
    check = [s for s in statements if any(p["kind"] == "hash" for p in s["params"])]
    if not check:
        sys.exit("no token check in the log")
    json.dump(check[0], open(token_out, "w"))
    sys.exit(0)
with open(out_sql, "w") as f:
    for s in found:
        sql = re.sub(r"\$(\d+)", lambda p: s["params"].get(int(p.group(1)), p.group(0)), s["sql"])
        f.write(sql.rstrip().rstrip(";") + ";\n")
json.dump(statements, open(out_json, "w"))
print(f"{len(found)} statement{'s' if len(found) > 1 else ''}: " + " | ".join(
    (lambda t: t[:34] + "…" if len(t) > 35 else t)(re.sub(r"\s+", " ", s["sql"])) for s in found))
PY

# The PUT bodies: the school's report as it is, with two values set one way (a) or the other (b).
cat > "$work/bodies.py" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
values = {code: entry["value"] for code, entry in report["values"].items()}
for name, flag, docs in (("a", True, 85.5), ("b", False, 86.25)):
    values["BROADBAND_CONNECTED"], values["SCHOOL_DOCS_ONLINE"] = flag, docs
    json.dump({"values": values}, open(f"{sys.argv[2]}/put_{name}.json", "w"))
PY

# The medians over the rounds of every binary's req/s, and each binary's ratio to the first.
cat > "$work/summary.py" <<'PY'
import statistics, sys
nbin = int(sys.argv[2])
rows, order = {}, []
for line in open(sys.argv[1]):
    who, key, label, conns, rps = line.rstrip("\n").split("\t")
    if (label, conns) not in order:
        order.append((label, conns))
    if rps not in ("", "-"):
        rows.setdefault((label, conns), {}).setdefault(who, []).append(float(rps))
whos = [f"b{i}" for i in range(1, nbin + 1)] + sorted(
    {w for r in rows.values() for w in r if w.startswith(("node", "bytes"))})
head = "  %-44s %5s" % ("request", "conns") + "".join("%12s" % w for w in whos)
head += "".join("%9s" % f"b{i}/b1" for i in range(2, nbin + 1))
print(head)
for label, conns in order:
    r = rows.get((label, conns), {})
    med = {w: statistics.median(r[w]) for w in whos if w in r}
    line = "  %-44s %5s" % (label, conns) + "".join(
        "%12.1f" % med[w] if w in med else "%12s" % "-" for w in whos)
    line += "".join("%9.2f" % (med[f"b{i}"] / med["b1"]) if f"b{i}" in med and med.get("b1")
                    else "%9s" % "-" for i in range(2, nbin + 1))
    print(line)
PY

pglog() {
  local f=${READ_BENCH_PGLOG:-}
  if [ -z "$f" ]; then
    f=$(psql -X -At -d postgres -c "SELECT pg_current_logfile()")
    if [ -n "$f" ] && [ "${f:0:1}" != / ]; then
      f=$(psql -X -At -d postgres -c "SHOW data_directory")/$f
    fi
  fi
  if [ -z "$f" ] && [ -n "${PG_CLUSTER_CONF_ROOT:-}" ]; then
    f=$(ls -t "$(dirname "$PG_CLUSTER_CONF_ROOT")"/log/*.log 2>/dev/null | head -1)
  fi
  [ -n "$f" ] || f=$(ls -t /var/log/postgresql/postgresql-*.log 2>/dev/null | head -1)
  echo "$f"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# Starts binary $1 on database $2: sets server, port and base.
start_server() {
  port=$(free_port)
  DATABASE_URL=$(url_of "$2") EDUDX_PORT=$port EDUDX_BIND=127.0.0.1 EDUDX_LOG_LEVEL=warning \
    "$1" serve > "$work/server.log" 2>&1 &
  server=$!
  base="http://127.0.0.1:$port"
  for _ in $(seq 200); do curl -sf "$base/healthz" >/dev/null && return; sleep 0.1; done
  echo "read_path.sh: $1 did not start:" >&2
  cat "$work/server.log" >&2
  exit 1
}

stop_server() {
  kill "$server"; wait "$server" 2>/dev/null || true
  server=""
}

url_of() { echo "host=$PGHOST port=$PGPORT user=$PGUSER password=${PGPASSWORD:-} dbname=$1"; }

# Waits until the requests a wrk run abandoned at its end are done: no query running in database
# $2 and no CPU used by the processes $1 for 0.2 s.
settle() {
  local before=-1 now active
  for _ in $(seq 300); do
    now=0
    for p in $1; do now=$((now + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done
    active=$(psql -X -At -d "$2" -c "SELECT count(*) FROM pg_stat_activity WHERE datname =
      current_database() AND state = 'active' AND pid <> pg_backend_pid()")
    if [ "$now" = "$before" ] && [ "$active" = 0 ]; then return; fi
    before=$now
    sleep 0.2
  done
}

# Resident memory of the processes $1, MB: sets rss and hwm.
memory() {
  rss=0 hwm=0
  for p in $1; do
    read -r r h < <(awk '/VmRSS/ {r = $2} /VmHWM/ {h = $2} END {print r + 0, h + 0}' \
      "/proc/$p/status" 2>/dev/null || echo 0 0)
    rss=$((rss + r)) hwm=$((hwm + h))
  done
  rss=$(awk "BEGIN {printf \"%.1f\", $rss / 1024}") hwm=$(awk "BEGIN {printf \"%.1f\", $hwm / 1024}")
}

# wrk for $2 s at $1 connections on $3 (lua script $4, more options after): sets rps, p50, p99,
# bad (4xx/5xx) and sock (socket errors); "-" when wrk printed nothing.
wrk_run() {
  local c=$1 d=$2 url=$3 script=$4
  shift 4
  if wrk -t2 -c"$c" -d"${d}s" --timeout 30s -s "$script" -H "Authorization: Bearer $token" "$@" \
      "$url" > "$work/wrk.out" 2>&1 && grep -q '^WRK ' "$work/wrk.out"; then
    read -r _ p50 p99 rps bad sock _ < <(grep '^WRK ' "$work/wrk.out")
  else
    echo "wrk failed on $url:" >&2; cat "$work/wrk.out" >&2
    p50=- p99=- rps=- bad=- sock=-
  fi
}

# The requests of dataset $1, one a line: key, method, label, path.
requests_of() {
  case $1 in
    district600) cat <<EOF
school GET /v1/schools/{id} /v1/schools/$school_id
schools GET /v1/schools?district_id={id}&limit=50 /v1/schools?district_id=$district_id&limit=50
dprogress GET /v1/districts/{id}/progress?year=2024 /v1/districts/$district_id/progress?year=2024
put PUT /v1/schools/{id}/reports/2024 /v1/schools/$school_id/reports/2024
EOF
    ;;
    country) cat <<EOF
progress GET /v1/progress?year=2024 /v1/progress?year=2024
progress_gz GET /v1/progress?year=2024+gzip /v1/progress?year=2024
EOF
    ;;
    dossiers) cat <<EOF
dossiers GET /v1/dossiers?limit=50 /v1/dossiers?limit=50
dossiers_d GET /v1/dossiers?district_id={id}&limit=50 /v1/dossiers?district_id=$dossier_district&limit=50
EOF
    ;;
  esac
}

# One request with curl: $1 method, $2 URL, $3 body name for a PUT (a or b), $4 the request's key
# (one ending in _gz asks for gzip). Prints the status.
request() {
  local args=(-s -o "$work/body" -w '%{http_code}' -H "Authorization: Bearer $token")
  [[ "${4:-}" != *_gz ]] || args+=(-H 'Accept-Encoding: gzip')
  [ "$1" = PUT ] && args+=(-X PUT -H 'Content-Type: application/json' --data-binary "@$work/put_$3.json")
  curl "${args[@]}" "$2" || true
}

# The wrk script of a request: report.lua, and for the PUT the two bodies in turn (each thread
# starting with another).
lua_of() {
  if [ "$1" = PUT ]; then
    [ -f "$work/put.lua" ] || {
      cat > "$work/put.lua" <<LUA
local function slurp(path) local f = assert(io.open(path, "rb")) local s = f:read("*a") f:close() return s end
local bodies = {slurp("$work/put_a.json"), slurp("$work/put_b.json")}
local threads = 0
setup = function(thread) thread:set("offset", threads) threads = threads + 1 end
local n = 0
request = function() n = n + 1 return wrk.format("PUT", nil, nil, bodies[(n + (offset or 0)) % 2 + 1]) end
LUA
      cat "$work/report.lua" >> "$work/put.lua"
    }
    echo "$work/put.lua"
  else
    echo "$work/report.lua"
  fi
}

# Loads dataset $1 into its database: db_of, tokens (an admin token).
declare -A db_of tokens
load() {
  local ds=$1 db=edudx_bench_read_$1 t0 t1
  db_of[$ds]=$db
  dropdb --if-exists "$db"
  createdb "$db"
  dbs+=("$db")
  for b in "${runs[@]}"; do
    DATABASE_URL=$(url_of "$db") "$b" migrate > "$work/migrate.log" 2>&1 ||
      { cat "$work/migrate.log" >&2; exit 1; }
  done
  t0=$(date +%s.%N)
  case $ds in
    district600)
      psql -X -q -v ON_ERROR_STOP=1 -d "$db" -v districts="${READ_BENCH_DISTRICT600_DISTRICTS:-10}" \
        -v schools="${READ_BENCH_DISTRICT600_SCHOOLS:-60}" -f "$here/gen_progress.sql" ;;
    country)
      psql -X -q -v ON_ERROR_STOP=1 -d "$db" -v districts="${READ_BENCH_COUNTRY_DISTRICTS:-703}" \
        -v schools="${READ_BENCH_COUNTRY_SCHOOLS:-64}" -f "$here/gen_progress.sql" ;;
    dossiers)
      psql -X -q -v ON_ERROR_STOP=1 -d "$db" -v districts="${READ_BENCH_DOSSIERS_DISTRICTS:-10}" \
        -v per_district="${READ_BENCH_DOSSIERS_PER_DISTRICT:-100000}" \
        -f "$here/gen_dossiers.sql" > /dev/null ;;
    *) echo "read_path.sh: unknown dataset '$ds' (district600, country, dossiers)" >&2; exit 2 ;;
  esac
  # vacuumed now rather than by autovacuum in the middle of a measurement
  psql -X -q -d "$db" -c "VACUUM ANALYZE" -c CHECKPOINT
  t1=$(date +%s.%N)
  printf 'loaded %s: %s in %.1f s\n' "$ds" "$(psql -X -At -d "$db" -c "SELECT
    (SELECT count(*) FROM districts) || ' districts, ' || (SELECT count(*) FROM schools) ||
    ' schools, ' || (SELECT count(*) FROM report_values) || ' report values, ' ||
    (SELECT count(*) FROM dossiers) || ' dossiers'")" "$(awk "BEGIN {print $t1 - $t0}")"
  tokens[$ds]=$(DATABASE_URL=$(url_of "$db") "${runs[0]}" token create --role admin \
    --label bench 2>/dev/null)
}

node_ok=0
if [ "${READ_BENCH_NODE:-1}" != 0 ] && [[ " ${datasets[*]} " == *" district600 "* ]]; then
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "node peer skipped: no node or npm" >&2
  elif [ -d "$here/node-peer/node_modules/fastify" ] && [ -d "$here/node-peer/node_modules/pg" ]; then
    node_ok=1
  elif (cd "$here/node-peer" && npm ci --no-audit --no-fund --loglevel=error) > "$work/npm.log" 2>&1; then
    node_ok=1
  else
    echo "node peer skipped: npm ci failed in $here/node-peer:" >&2
    tail -5 "$work/npm.log" >&2
  fi
fi

echo "read_path.sh: ${#binaries[@]} binaries, $rounds rounds, ${seconds} s per wrk and pgbench run" \
  "at ${conns_list[*]} connections (warm-up ${warmup} s), datasets ${datasets[*]}"
for ((j = 1; j <= ${#binaries[@]}; j++)); do
  echo "  b$j = ${binaries[$((j - 1))]} (sha256 $(sha256sum "${runs[$((j - 1))]}" | cut -c1-12))"
done
for ds in "${datasets[@]}"; do load "$ds"; done
school_id="" district_id="" dossier_district=""
if [ -n "${db_of[district600]:-}" ]; then
  db=${db_of[district600]}
  district_id=$(psql -X -At -d "$db" -c "SELECT id FROM districts WHERE code = 'B0001'")
  school_id=$(psql -X -At -d "$db" -c "SELECT id FROM schools WHERE district_id = '$district_id'
    AND active AND level = 'primary' ORDER BY code LIMIT 1")
fi
if [ -n "${db_of[dossiers]:-}" ]; then
  dossier_district=$(psql -X -At -d "${db_of[dossiers]}" -c "SELECT id FROM districts WHERE code = 'D0001'")
fi

# Round 1 of each binary, before its measurements: the statements of one request of each kind.
# A server started with log_min_duration_statement = 0 on the database; two requests, then the
# one whose statements are taken (for the PUT: bodies a, b, then a), so that what the server keeps
# between requests (its token cache, cached answers) is as under wrk. The token check, which a
# server with a token cache skips there, is taken from the first of the three (b$i/token.json,
# for the peer).
declare -A status_of bytes_of
capture() {
  local bi=$1 bin=$2 ds=$3 db=${db_of[$3]} log offset first pids key method label path summary
  psql -X -q -d "$db" -c "ALTER DATABASE $db SET log_min_duration_statement = 0"
  start_server "$bin" "$db"
  log=$(pglog)
  [ -r "$log" ] || { echo "read_path.sh: cannot read the server log '$log' (READ_BENCH_PGLOG)" >&2; exit 1; }
  pids=$(psql -X -At -d "$db" -c "SELECT pid FROM pg_stat_activity WHERE datname = current_database()
    AND backend_type = 'client backend' AND pid <> pg_backend_pid()" | tr '\n' ' ')
  mkdir -p "$work/b$bi"
  while read -r key method label path; do
    if [ "$method" = PUT ] && [ ! -f "$work/put_a.json" ]; then
      curl -sf -H "Authorization: Bearer $token" "$base/v1/schools/$school_id/reports/2024" > "$work/report.json"
      python3 "$work/bodies.py" "$work/report.json" "$work"
    fi
    first=$(stat -c %s "$log")
    request "$method" "$base$path" a "$key" > /dev/null
    request "$method" "$base$path" b "$key" > /dev/null
    offset=$(stat -c %s "$log")
    status_of[$bi.$key]=$(request "$method" "$base$path" a "$key")
    bytes_of[$bi.$key]=$(stat -c %s "$work/body")
    [ "$key" != progress ] || cp "$work/body" "$work/b$bi/progress.body"
    sleep 0.5
    tail -c +"$((offset + 1))" "$log" > "$work/statements.log"
    if [ "${status_of[$bi.$key]}" != 200 ]; then
      echo "b$bi $method $label: HTTP ${status_of[$bi.$key]}: $(head -c 300 "$work/body")" >&2
    fi
    if ! summary=$(python3 "$work/capture.py" "$work/statements.log" "$pids" "$work/b$bi/$key.sql" \
        "$work/b$bi/$key.json" "$token" "$school_id" "$district_id" 2>&1); then
      rm -f "$work/b$bi/$key.sql" "$work/b$bi/$key.json"
    fi
    printf '  b%d %-44s HTTP %s, %s bytes; %s\n' "$bi" "$method $label" "${status_of[$bi.$key]}" \
      "${bytes_of[$bi.$key]}" "$summary" >> "$work/captured.txt"
    if [ "$key" = school ]; then
      tail -c +"$((first + 1))" "$log" > "$work/statements.log"
      python3 "$work/capture.py" "$work/statements.log" "$pids" /dev/null /dev/null "$token" \
        "$school_id" "$district_id" "$work/b$bi/token.json" >&2 || true
    fi
  done < <(requests_of "$ds")
  stop_server
  psql -X -q -d "$db" -c "ALTER DATABASE $db RESET log_min_duration_statement"
}

# pgbench replay of script $1 at $2 clients on database $3: sets tps ("-" when there is none,
# "aborted" when clients aborted) and failed (transactions failed by deadlocks or serialization).
replay() {
  local rc=0
  tps=- failed=0
  [ -f "$1" ] || return 0
  PGOPTIONS="$PGOPTIONS -c TimeZone=UTC" pgbench -n -M simple -c "$2" -j 2 -T "$seconds" -f "$1" "$3" \
    > "$work/pgbench.out" 2> "$work/pgbench.err" || rc=$?
  tps=$(awk '/^tps = / {printf "%.1f", $3}' "$work/pgbench.out")
  failed=$(awk -F': ' '/number of failed transactions/ {split($2, a, " "); print a[1]}' "$work/pgbench.out")
  failed=${failed:-0}
  if [ $rc != 0 ] || grep -q 'aborted' "$work/pgbench.err" "$work/pgbench.out"; then
    echo "  pgbench $(basename "$1" .sql) -c $2: $(grep -m1 -E 'aborted|ERROR' "$work/pgbench.err" || tail -1 "$work/pgbench.err")" \
      >> "$work/notes.txt"
    tps=aborted
  elif [ -z "$tps" ]; then
    echo "  pgbench $(basename "$1" .sql) -c $2: no tps: $(tail -2 "$work/pgbench.err" "$work/pgbench.out" | tr '\n' ' ')" \
      >> "$work/notes.txt"
    tps=-
  fi
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else print "-"}'; }

row_format='  %-11s %-44s %5s %9s %8s %8s %7s %5s %7s %7s | %11s %6s %8s\n'
header() {
  printf "$row_format" dataset request conns req/s "p50 ms" "p99 ms" 4xx/5xx sock "RSS MB" \
    "HWM MB" "pgbench tps" failed edudx/pg
}

declare -A rps_of

# One peer's row ($1: node:N or bytes:N) for the request and connections being measured ($key,
# $method, $label, $c, with wrk's figures), with each binary's req/s of this round ÷ the peer's;
# kept in results.tsv for the medians.
peer_row() {
  local ratios="" j
  for ((j = 1; j <= n; j++)); do
    ratios+=$(printf '%9s' "$(ratio "${rps_of[$round.b$j.$key.$c]:-}" "$rps")")
  done
  printf '  %-9s %-44s %5s %9s %8s %8s %7s %5s %7s %7s |%s\n' "$1" "$method $label" \
    "$c" "$rps" "$p50" "$p99" "$bad" "$sock" "$rss" "$hwm" "$ratios"
  printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$key" "$method $label" "$c" "$rps" >> "$work/results.tsv"
}

# Stops the running peer ($peer) and its cluster workers.
stop_peer() {
  for child in $(cat "/proc/$peer/task/$peer/children" 2>/dev/null); do kill "$child" 2>/dev/null; done
  kill "$peer" 2>/dev/null; wait "$peer" 2>/dev/null || true
  peer=""
}
: > "$work/results.tsv"
: > "$work/notes.txt"
: > "$work/captured.txt"
for round in $(seq "$rounds"); do
  n=${#binaries[@]}
  for k in $(seq 0 $((n - 1))); do
    i=$(( (k + round - 1) % n + 1 ))
    bin=${runs[$((i - 1))]}
    table=""
    for ds in "${datasets[@]}"; do
      db=${db_of[$ds]}
      token=${tokens[$ds]}
      DATABASE_URL=$(url_of "$db") "$bin" migrate > "$work/migrate.log" 2>&1 ||
        { cat "$work/migrate.log" >&2; exit 1; }
      if grep -q "newer than this binary" "$work/migrate.log" && [ "$round" = 1 ]; then
        echo "note: b$i runs on a newer schema than its own; its SQL representations are the newer binary's" \
          >> "$work/notes.txt"
      fi
      [ "$round" != 1 ] || capture "$i" "$bin" "$ds"
      start_server "$bin" "$db"
      rows=()
      while read -r key method label path; do
        url=$base$path
        lua=$(lua_of "$method")
        extra=()
        [ "$method" = PUT ] && extra=(-H 'Content-Type: application/json')
        [[ "$key" != *_gz ]] || extra=(-H 'Accept-Encoding: gzip')
        wrk_run 16 "$warmup" "$url" "$lua" "${extra[@]}"
        settle "$server" "$db"
        for c in "${conns_list[@]}"; do
          wrk_run "$c" "$seconds" "$url" "$lua" "${extra[@]}"
          settle "$server" "$db"
          rss="" hwm=""
          [ "$c" != "${conns_list[-1]}" ] || memory "$server"
          rps_of[$round.b$i.$key.$c]=$rps
          rows+=("$ds|$key|$method $label|$c|$rps|$p50|$p99|$bad|$sock|$rss|$hwm")
        done
      done < <(requests_of "$ds")
      stop_server
      for r in "${rows[@]}"; do
        IFS='|' read -r ds_ key label c rps p50 p99 bad sock rss hwm <<< "$r"
        replay "$work/b$i/$key.sql" "$c" "$db"
        ratio_pg=$(ratio "$rps" "$tps")
        [ "$tps" != aborted ] || ratio_pg=-
        printf -v line "$row_format" "$ds_" "$label" "$c" "$rps" "$p50" "$p99" "$bad" "$sock" \
          "$rss" "$hwm" "$tps" "$failed" "$ratio_pg"
        table+=$line
        printf 'b%s\t%s\t%s\t%s\t%s\n' "$i" "$key" "$label" "$c" "$rps" >> "$work/results.tsv"
      done
    done
    echo
    echo "round $round/$rounds, b$i: ${binaries[$((i - 1))]}"
    header
    printf '%s' "$table"
  done

  # the peer, on district600, with the last binary's statements
  if [ "$node_ok" = 1 ] && [ -f "$work/b$n/school.json" ] && [ -f "$work/b$n/schools.json" ] &&
     [ -f "$work/b$n/token.json" ]; then
    db=${db_of[district600]}
    token=${tokens[district600]}
    python3 -c 'import json, sys; json.dump({"school": json.load(open(sys.argv[1])),
      "schools": json.load(open(sys.argv[2])), "token": json.load(open(sys.argv[3]))},
      open(sys.argv[4], "w"))' "$work/b$n/school.json" "$work/b$n/schools.json" \
      "$work/b$n/token.json" "$work/peer.json"
    # the token check as b$n makes it: on every request, or kept for its token cache's time
    cache_ms=0
    grep -q '"kind": "hash"' "$work/b$n/school.json" || cache_ms=${EDUDX_TOKEN_CACHE_MS:-2000}
    versions=$(cd "$here/node-peer" && node -p 'const r = (p) => require("./node_modules/" + p + "/package.json").version;
      "Fastify " + r("fastify") + ", pg " + r("pg") + ", node " + process.versions.node')
    echo
    echo "round $round/$rounds, node peer (node:N = N processes; $versions; pool of $pool_size in all;"\
      "statements of b$n, token check $([ "$cache_ms" = 0 ] && echo "on every request" || echo "kept $cache_ms ms")):"
    ratios=""
    for ((j = 1; j <= n; j++)); do ratios+=$(printf '%9s' "b$j/node"); done
    printf '  %-9s %-44s %5s %9s %8s %8s %7s %5s %7s %7s |%s\n' peer request conns req/s "p50 ms" \
      "p99 ms" 4xx/5xx sock "RSS MB" "HWM MB" "$ratios"
    for w in "${node_workers[@]}"; do
      port=$(free_port)
      PGDATABASE=$db PEER_PORT=$port PEER_STATEMENTS=$work/peer.json PEER_POOL=$pool_size \
        PEER_TOKEN_CACHE_MS=$cache_ms \
        PEER_WORKERS=$w node "$here/node-peer/server.mjs" > "$work/peer.log" 2>&1 &
      peer=$!
      for _ in $(seq 200); do curl -sf "127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
      if ! curl -sf "127.0.0.1:$port/healthz" >/dev/null; then
        echo "node peer ($w processes) did not start:" >&2; cat "$work/peer.log" >&2
        kill "$peer" 2>/dev/null; wait "$peer" 2>/dev/null || true
        peer=""
        continue
      fi
      procs=$peer
      [ "$w" = 1 ] || procs="$peer $(cat "/proc/$peer/task/$peer/children")"
      while read -r key method label path; do
        [ "$key" = school ] || [ "$key" = schools ] || continue
        url=http://127.0.0.1:$port$path
        code=$(curl -s -o "$work/body" -w '%{http_code}' -H "Authorization: Bearer $token" "$url")
        [ "$code" = 200 ] || echo "node peer $label: HTTP $code: $(head -c 300 "$work/body")" >&2
        wrk_run 16 "$warmup" "$url" "$work/report.lua"
        settle "$procs" "$db"
        for c in "${conns_list[@]}"; do
          wrk_run "$c" "$seconds" "$url" "$work/report.lua"
          settle "$procs" "$db"
          rss="" hwm=""
          [ "$c" != "${conns_list[-1]}" ] || memory "$procs"
          peer_row "node:$w"
        done
      done < <(requests_of district600)
      stop_peer
    done
  fi

  # the ceiling for the country's progress answer: the same bytes (b$n's) sent by Node's own
  # http server from memory (tests/bench/node-peer/bytes.mjs), no database, no token check
  if command -v node >/dev/null && [ -f "$work/b$n/progress.body" ]; then
    echo
    echo "round $round/$rounds, bytes peer (node:N = N processes; the country's progress answer of b$n," \
      "$(stat -c %s "$work/b$n/progress.body") bytes, from memory):"
    ratios=""
    for ((j = 1; j <= n; j++)); do ratios+=$(printf '%9s' "b$j/peer"); done
    printf '  %-9s %-44s %5s %9s %8s %8s %7s %5s %7s %7s |%s\n' peer request conns req/s "p50 ms" \
      "p99 ms" 4xx/5xx sock "RSS MB" "HWM MB" "$ratios"
    for w in "${node_workers[@]}"; do
      port=$(free_port)
      PEER_PORT=$port PEER_BODY=$work/b$n/progress.body PEER_WORKERS=$w \
        node "$here/node-peer/bytes.mjs" > "$work/peer.log" 2>&1 &
      peer=$!
      for _ in $(seq 200); do curl -sf "127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
      procs=$peer
      [ "$w" = 1 ] || procs="$peer $(cat "/proc/$peer/task/$peer/children")"
      while read -r key method label path; do
        url=http://127.0.0.1:$port$path
        extra=()
        [[ "$key" != *_gz ]] || extra=(-H 'Accept-Encoding: gzip')
        wrk_run 16 "$warmup" "$url" "$work/report.lua" "${extra[@]}"
        for c in "${conns_list[@]}"; do
          wrk_run "$c" "$seconds" "$url" "$work/report.lua" "${extra[@]}"
          rss="" hwm=""
          [ "$c" != "${conns_list[-1]}" ] || memory "$procs"
          peer_row "bytes:$w"
        done
      done < <(requests_of country)
      stop_peer
    done
  fi
done

echo
echo "statements captured for one request (the third in a row; HTTP status, bytes of the answer):"
cat "$work/captured.txt"
if [ -s "$work/notes.txt" ]; then echo "notes:"; sort -u "$work/notes.txt"; fi
echo
echo "median req/s over $rounds round(s) (b1…b$n as listed at the top, node:N the peer with N processes):"
python3 "$work/summary.py" "$work/results.tsv" "$n"
echo "machine: $(nproc) CPUs, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo);" \
  "total $((SECONDS - started)) s"

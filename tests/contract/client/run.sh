#!/bin/bash
# run.sh — the typed-client test (meson test `client`): generates two TypeScript clients from
# openapi.yaml (openapi-typescript types for openapi-fetch, and @hey-api/openapi-ts's SDK),
# compiles the dashboard screens (screens.ts, run-screens.ts) and hey.ts with tsc --strict, then
# runs the screens against the real edudx serving the demo data on a throwaway PostgreSQL
# (pg_virtualenv, as tests/run-with-postgres.sh), checks what they show, and holds every
# exchange they made against openapi.yaml (check-exchanges.mjs).
# Usage: run.sh compile OPENAPI_YAML OUT_DIR            (generate + type-check + compile only)
#        run.sh run EDUDX_BINARY OPENAPI_YAML OUT_DIR   (the same, then against the server)
set -uo pipefail
start=$SECONDS
here=$(cd "$(dirname "$0")" && pwd)
contract=$(dirname "$here")
die() { echo "client test: $*" >&2; exit 1; }

# Inside pg_virtualenv: serve the demo, mint a district token, run the compiled screens.
if [ "${1:-}" = inside ]; then
  binary=$2 out=$3
  export DATABASE_URL="host=$PGHOST port=$PGPORT user=$PGUSER password=$PGPASSWORD dbname=$PGDATABASE"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  EDUDX_PORT=$port EDUDX_THREADS=4 EDUDX_DB_POOL=4 EDUDX_DATA_DIR=$out/var \
    "$binary" serve --demo >"$out/serve.out" 2>"$out/serve.log" &
  server=$!
  ready=
  for _ in $(seq 1 300); do
    kill -0 $server 2>/dev/null || break
    curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && { ready=1; break; }
    sleep 0.1
  done
  status=1
  if [ -z "$ready" ]; then
    echo "client test: edudx did not get ready on port $port" >&2
  elif ! token=$("$binary" token create --role district --district 453 --label "client test"); then
    echo "client test: could not mint a district token" >&2
  else
    EDUDX_URL="http://127.0.0.1:$port" EDUDX_TOKEN=$token \
      EDUDX_EXCHANGE_LOG="$out/exchanges.jsonl" node "$out/run-screens.js"
    status=$?
  fi
  # SIGTERM: edudx finishes what is in flight and exits 0 (non-zero, e.g. a leak under ASan,
  # fails the test)
  kill -TERM $server 2>/dev/null
  wait $server
  served=$?
  if [ $served -ne 0 ]; then echo "client test: edudx exited with $served" >&2; status=1; fi
  [ $status -eq 0 ] || tail -n 30 "$out/serve.log" >&2
  exit $status
fi

mode=${1:-}
case "$mode" in
  compile) [ $# -eq 3 ] || die "usage: run.sh compile OPENAPI_YAML OUT_DIR"; spec=$2 out=$3 ;;
  run) [ $# -eq 4 ] || die "usage: run.sh run EDUDX_BINARY OPENAPI_YAML OUT_DIR"
       binary=$2 spec=$3 out=$4 ;;
  *) die "usage: run.sh compile|run ..." ;;
esac
# Missing tools fail the test (they are part of what CI installs), they never skip it.
command -v node >/dev/null || die "node is missing: run .ci/install-deps"
[ -d "$contract/node_modules/openapi-fetch" ] && [ -d "$contract/node_modules/@hey-api/openapi-ts" ] ||
  die "tests/contract/node_modules is missing or stale: run 'npm ci --prefix tests/contract'"
bin=$contract/node_modules/.bin

# A fresh OUT_DIR: the sources, the generated clients, the compiled JavaScript.
rm -rf "$out" && mkdir -p "$out" || die "cannot create $out"
cp "$here"/screens.ts "$here"/run-screens.ts "$here"/hey.ts "$here"/tsconfig.json \
   "$here"/tsconfig.hey.json "$out"/
echo '{"type": "module"}' >"$out/package.json"
ln -s "$contract/node_modules" "$out/node_modules"

# The two generators run side by side (each takes several seconds on the 16,000-line spec).
"$bin/openapi-typescript" "$spec" --redocly "$here/redocly.yaml" -o "$out/api.d.ts" --silent \
  >"$out/openapi-typescript.log" 2>&1 &
gen1=$!
"$bin/openapi-ts" -i "$spec" -o "$out/hey-client" >"$out/openapi-ts.log" 2>&1 &
gen2=$!
wait $gen1 || { cat "$out/openapi-typescript.log" >&2; die "openapi-typescript failed"; }
wait $gen2 || { cat "$out/openapi-ts.log" >&2; die "@hey-api/openapi-ts failed"; }

# The two programs compile side by side too; a type error fails the test.
"$bin/tsc" -p "$out/tsconfig.json" >"$out/tsc.log" 2>&1 &
tsc1=$!
"$bin/tsc" -p "$out/tsconfig.hey.json" >"$out/tsc-hey.log" 2>&1 &
tsc2=$!
wait $tsc1 || { cat "$out/tsc.log" >&2; die "screens.ts (openapi-typescript + openapi-fetch) does not compile"; }
wait $tsc2 || { cat "$out/tsc-hey.log" >&2; die "hey.ts (@hey-api/openapi-ts) does not type-check"; }
echo "client test: both generated clients type-check under tsc --strict ($((SECONDS - start)) s)"
[ "$mode" = compile ] && exit 0
compiled=$SECONDS

: >"$out/exchanges.jsonl"
pg_virtualenv -t -v 15 -- "$0" inside "$binary" "$out" || exit 1
node "$contract/check-exchanges.mjs" "$spec" "$out/exchanges.jsonl" || exit 1
echo "client test: ran against the server in $((SECONDS - compiled)) s, $((SECONDS - start)) s in all"

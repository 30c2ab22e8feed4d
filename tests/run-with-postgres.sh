#!/bin/bash
# run-with-postgres.sh — runs one HTTP test program against the real edudx binary and a throwaway
# PostgreSQL cluster (Debian's pg_virtualenv: created for the run, dropped after, works as root),
# then holds every HTTP exchange the program recorded against openapi.yaml.
# Usage: run-with-postgres.sh TEST_PROGRAM EDUDX_BINARY OPENAPI_YAML CONTRACT_DIR
set -uo pipefail
program=$1 binary=$2 spec=$3 contract=$4

if [ ! -d "$contract/node_modules" ]; then
  echo "tests/contract/node_modules is missing: run 'npm ci --prefix tests/contract' first" >&2
  exit 1
fi
workdir=$(mktemp -d /tmp/edudx-test-XXXXXX)
chmod 755 "$workdir"
export EDUDX_BIN=$binary EDUDX_TEST_LOGDIR=$workdir EDUDX_EXCHANGE_LOG=$workdir/exchanges.jsonl
: > "$EDUDX_EXCHANGE_LOG"

pg_virtualenv -t -v 15 -o max_connections=200 -- "$program"
status=$?
if [ $status -ne 0 ]; then
  echo "--- $program failed ($status); server logs in $workdir:" >&2
  tail -n 40 "$workdir"/edudx-*.log >&2 2>/dev/null
  exit $status
fi
node "$contract/check-exchanges.mjs" "$spec" "$EDUDX_EXCHANGE_LOG" || exit 1
rm -rf "$workdir"
